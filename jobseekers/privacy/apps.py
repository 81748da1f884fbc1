from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """A person's rights over their record (a copy, erasure): an app without models beside
    the job seekers it serves, so its screens' URLs are found in its own wagtail_hooks."""

    name = "jobseekers.privacy"
    label = "privacy"
    verbose_name = "A person's rights"
