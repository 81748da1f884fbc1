"""Template filters for the recommender's staff screens."""

from __future__ import annotations

from django import template

from jobseekers.matching.reasons import about_person

register = template.Library()


@register.filter(name="about_person")
def about_person_filter(reason: object) -> str:
    """A stored match reason in the third person for staff (matching.reasons.about_person)."""
    return about_person(str(reason))
