from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = "Coaching"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects to jobseekers.signals.job_started and job_ended.
        import coaching.receivers  # noqa: F401
