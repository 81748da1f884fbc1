"""The portal's read of a seeker's own matches: public-safe values only."""

from __future__ import annotations

from dataclasses import dataclass

from employers.models import JobOpening
from jobseekers.matching.selectors.recommender import _decimal
from jobseekers.models import JobSeeker, Match


@dataclass(frozen=True)
class PortalMatch:
    """One opening matched to a job seeker, with only what the public may see."""

    opening_id: int
    title: str
    employer_name: str
    hours_per_week: float | None
    hourly_wage: float | None
    schedule: str
    zip: str
    distance_miles: float | None
    reasons: tuple[str, ...]
    rank: int


def matches_for_seeker(seeker: JobSeeker, limit: int = 10) -> list[PortalMatch]:
    """The seeker's own stored matches for the portal: open, public openings only (1 query)."""
    rows = (
        Match.objects.filter(seeker=seeker, program_id=seeker.program_id)
        .not_declined()
        .filter(opening__in=JobOpening.objects.public())
        .select_related("opening__employer")
        .order_by("rank", "-score")[: max(0, limit)]
    )
    return [
        PortalMatch(
            opening_id=m.opening_id,
            title=m.opening.title,
            employer_name=m.opening.employer.name,
            hours_per_week=_decimal(m.opening.hours_per_week),
            hourly_wage=_decimal(m.opening.hourly_wage),
            schedule=m.opening.get_schedule_display() if m.opening.schedule else "",
            zip=m.opening.zip,
            distance_miles=m.distance_miles,
            reasons=tuple(str(r) for r in m.reasons),
            rank=m.rank,
        )
        for m in rows
    ]
