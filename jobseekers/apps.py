from django.apps import AppConfig


class JobseekersConfig(AppConfig):
    name = "jobseekers"
    verbose_name = "Job seekers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The recommender connects to employers.signals.opening_saved.
        import jobseekers.matching.receivers  # noqa: F401
