from django.apps import AppConfig


class FidelityConfig(AppConfig):
    name = "ips.fidelity"
    label = "fidelity"
    verbose_name = "Fidelity and outcomes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects to ips.privacy.signals.seeker_erasing.
        import ips.fidelity.receivers  # noqa: F401
