from django.apps import AppConfig


class MatchingConfig(AppConfig):
    """The recommender, an app without models (its `Match` rows are jobseekers.Match) so
    that Django, celery and Wagtail find its receivers, tasks and hooks like any app's."""

    name = "jobseekers.matching"
    label = "matching"
    verbose_name = "Openings and matches"

    def ready(self) -> None:
        # The recommender connects to employers.signals.opening_saved.
        import jobseekers.matching.receivers  # noqa: F401
