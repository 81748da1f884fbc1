from django.apps import AppConfig


class FidelityConfig(AppConfig):
    name = "ips.fidelity"
    label = "fidelity"
    verbose_name = "Fidelity and outcomes"
    default_auto_field = "django.db.models.BigAutoField"
