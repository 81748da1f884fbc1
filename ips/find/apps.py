from django.apps import AppConfig


class FindConfig(AppConfig):
    """The staff search (issue 17): one box over job seekers, employers and openings the
    user may see. An app without models in the top layer, so its screen and the header's
    search area are registered in its own wagtail_hooks (the program core below it does not
    know employers or job seekers)."""

    name = "ips.find"
    label = "find"
    verbose_name = "Staff search"
