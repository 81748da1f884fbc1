from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "employers"
    verbose_name = "Employers"
    default_auto_field = "django.db.models.BigAutoField"
