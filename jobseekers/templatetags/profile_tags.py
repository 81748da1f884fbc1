"""Template filters for the career profile on staff screens: stored choice values shown
by their labels ("SSDI", not "ssdi": red-team finding, issue 17)."""

from __future__ import annotations

from django import template

from employers.models import JobOpening
from jobseekers.forms import BENEFITS_CHOICES, SOURCE_CHOICES

register = template.Library()

LABELS: dict[str, dict[str, str]] = {
    "benefits": dict(BENEFITS_CHOICES),
    "sources": dict(SOURCE_CHOICES),
    "schedules": dict(JobOpening.Schedule.choices),
}


@register.filter
def choice_labels(values: object, kind: str) -> str:
    """A stored list of choice values (a profile's JSON list) as their labels joined by
    ", ", in the stored order; `kind` is a key of LABELS ("benefits", "sources",
    "schedules"). A value no longer among the choices is shown as stored; an empty or
    non-list value gives "". KeyError for an unknown `kind` (a template typo)."""
    labels = LABELS[kind]
    if not isinstance(values, list | tuple):
        return ""
    return ", ".join(labels.get(str(v), str(v)) for v in values)
