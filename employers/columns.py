"""The employer column of workspace listings (employers' and job seekers' apps): the name
links to the employer record (issue 17)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.ui.tables import Column


def employer_link(employer) -> str:
    """An employer's name as a link to the employer record (issue 17: the employers
    listing did this, the other listings and the opening record showed plain text)."""
    if employer is None:
        return ""
    return format_html(
        '<a href="{}">{}</a>', reverse("employers:inspect", args=[employer.pk]), employer.name
    )


class EmployerColumn(Column):
    """A listing's employer column: the name links to the employer record. The listing
    selects `employer` with its rows (list_select_related), so no query per row."""

    def __init__(self, name="employer", label="Employer", **kwargs):
        kwargs.setdefault("sort_key", f"{name}__name")
        super().__init__(name, label=label, **kwargs)

    def get_value(self, instance):
        return employer_link(getattr(instance, self.name, None))
