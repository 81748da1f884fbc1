from django.apps import AppConfig


class ImporterConfig(AppConfig):
    """The spreadsheet import: `import_program`, `import_template`, the upload screen."""

    name = "importer"
    verbose_name = "Spreadsheet import"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects to jobseekers.privacy.signals.seeker_erasing (stored import files).
        import importer.receivers  # noqa: F401
