from django.apps import AppConfig


class JobseekersConfig(AppConfig):
    name = "jobseekers"
    verbose_name = "Job seekers"
    default_auto_field = "django.db.models.BigAutoField"
