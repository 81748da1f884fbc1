"""The staff search (issue 17 item 2): job seekers, employers and openings the user may see,
found by words with case, accents and apostrophes ignored (ips.search)."""

from __future__ import annotations

from dataclasses import dataclass

from employers.models import Employer, JobOpening
from ips.search import search
from ips.workspace import choosable
from jobseekers.models import JobSeeker

LIMIT = 20  # rows per kind; "more" narrows the words, it does not page


@dataclass(frozen=True)
class Found:
    """Up to `limit` rows of each kind, and whether each kind had more."""

    seekers: list[JobSeeker]
    employers: list[Employer]
    openings: list[JobOpening]
    more: dict[str, bool]
    limit: int = LIMIT

    @property
    def count(self) -> int:
        """The rows shown: the number found only when no kind had more (`any_more`)."""
        return len(self.seekers) + len(self.employers) + len(self.openings)

    @property
    def any_more(self) -> bool:
        """Whether some kind was cut at `limit` (red-team finding, issue 17: "Found 60"
        when 60 was only the cap): the page says "more than" and asks for another word."""
        return any(self.more.values())


def _first(queryset, limit: int) -> tuple[list, bool]:
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def find(user, text: str, limit: int = LIMIT) -> Found:
    """Rows of each kind the user may view (their programs' rows, by the role table:
    `ips.workspace.choosable`) holding every word of `text`: a seeker by name, preferred
    name or agency reference; an employer by name, industry or reference; an opening by
    title, description or its employer's name. Three queries (one per kind) whatever the
    number of rows; a kind the role may not view gives no rows."""
    seekers, more_seekers = _first(
        search(choosable(JobSeeker, user), ["name", "preferred_name", "ref"], text)
        .select_related("specialist__user")
        .order_by("name", "pk"),
        limit,
    )
    employers, more_employers = _first(
        search(choosable(Employer, user), ["name", "industry", "ref"], text).order_by("name", "pk"),
        limit,
    )
    openings, more_openings = _first(
        search(choosable(JobOpening, user), ["title", "employer__name"], text)
        .select_related("employer")
        .order_by("title", "pk"),
        limit,
    )
    return Found(
        seekers=seekers,
        employers=employers,
        openings=openings,
        more={"seekers": more_seekers, "employers": more_employers, "openings": more_openings},
        limit=limit,
    )
