"""Template filters for the recommender's staff screens."""

from __future__ import annotations

from django import template

from jobseekers.matching.reasons import about_person, is_distance_reason, miles_words

register = template.Library()


@register.filter(name="about_person")
def about_person_filter(reason: object) -> str:
    """A stored match reason in the third person for staff (matching.reasons.about_person)."""
    return about_person(str(reason))


@register.filter
def distance_said(match) -> str:
    """A match's distance said once, by the one rounding rule (reasons.miles_words): its
    stored reason's words, which name the way of travel ("12 miles away, by bus"), else the
    stored miles ("12 miles away"), else "not known"."""
    said = next((str(r) for r in match.reasons or [] if is_distance_reason(str(r))), "")
    if said:
        return about_person(said)
    if match.distance_miles is None:
        return "not known"
    return f"{miles_words(match.distance_miles)} away"


@register.filter
def without_distance(reasons) -> list[str]:
    """A match's reasons but the distance, for a page that shows the distance on its own."""
    return [str(r) for r in reasons or [] if not is_distance_reason(str(r))]
