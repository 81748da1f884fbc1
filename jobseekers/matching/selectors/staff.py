"""The workspace's reads of stored matches: a person's openings, an opening's people,
and the match cards (what was done about a match, what the user may do about it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q

from employers.models import JobOpening
from jobseekers.matching.selectors.recommender import matchable_seekers
from jobseekers.models import Job, JobSeeker, Match, MatchOutcome
from jobseekers.selectors import may_do_casework


def _current_matches(user, seeker: JobSeeker):
    """The person's stored matches the user may see: not marked not suitable, the opening
    open and of the person's program or public. Re-checked at read time: another program's
    opening made private since the last refresh must not show its title."""
    return (
        Match.objects.for_user(user)
        .not_declined()
        .filter(seeker=seeker, opening__status=JobOpening.Status.OPEN)
        .filter(Q(opening__program_id=seeker.program_id) | Q(opening__shareable=True))
        .order_by("rank", "-score", "pk")
    )


def staff_matches_for_seeker(user, seeker: JobSeeker, limit: int = 10):
    """Stored matches of one seeker the user may see, open openings only, best first
    (1 query)."""
    return _current_matches(user, seeker).select_related("seeker", "opening__employer")[
        : max(0, limit)
    ]


def match_place(user, match: Match) -> tuple[int, int] | None:
    """(place, how many): where a match stands among the person's current openings, best
    first, as the record lists them; None when it is no longer among them (marked not
    suitable, the opening filled, closed or made private). One query."""
    ids = list(_current_matches(user, match.seeker).values_list("pk", flat=True))
    if match.pk not in ids:
        return None
    return ids.index(match.pk) + 1, len(ids)


@dataclass(frozen=True)
class MatchCard:
    """A match as staff see it wherever it is shown (the person's record, the match's page,
    "People this might suit"): what was done about it and what the user may do about it.
    The match is loaded with its seeker and opening."""

    match: Match
    casework: bool  # the user does casework in the person's program (may_do_casework)
    introduction: Any = None  # the open "Plan an introduction" task (coaching.FollowUpTask)
    told: MatchOutcome | None = None
    interest: MatchOutcome | None = None
    declined: MatchOutcome | None = None

    @property
    def own(self) -> bool:
        """The opening is of the person's own program (another program's public opening
        is shown, but only its own program records a job start from it)."""
        return self.match.opening.program_id == self.match.seeker.program_id

    @property
    def may_act(self) -> bool:
        """The actions the match actions' screens accept (views.matches._matched_opening):
        casework staff, an opening the person's program may see, not marked not suitable."""
        opening = self.match.opening
        visible = self.own or (opening.status == JobOpening.Status.OPEN and opening.shareable)
        return self.casework and visible and self.declined is None

    @property
    def may_tell(self) -> bool:
        return self.may_act and self.told is None

    @property
    def may_start_job(self) -> bool:
        """ "Record a job start" from this opening: its own program's, not filled, and a
        person past referral and not closed (as the record's "Record a job start")."""
        stage_ok = self.match.seeker.stage not in (JobSeeker.Stage.REFERRED, JobSeeker.Stage.CLOSED)
        filled = self.match.opening.status == JobOpening.Status.FILLED
        return self.may_act and self.own and stage_ok and not filled


def planned_introductions(seekers: list[int], openings: list[int]) -> dict[tuple[int, int], Any]:
    """{(seeker id, opening id): the open "Plan an introduction" task} for those pairs, the
    staff member it is assigned to selected. coaching.FollowUpTask is read through the
    seeker's reverse name `follow_ups` (this layer does not import coaching). One query."""
    follow_up = JobSeeker._meta.get_field("follow_ups").related_model
    rows: Iterable[Any] = follow_up._default_manager.filter(
        seeker_id__in=seekers, opening_id__in=openings, kind="introduction", done_on__isnull=True
    ).select_related("assigned_to__user")
    return {(t.seeker_id, t.opening_id): t for t in rows}


def match_cards(user, matches: Sequence[Match]) -> list[MatchCard]:
    """The cards of matches loaded with their seeker and opening: planned introductions
    and what staff or the person said (told, interested, not suitable). Two queries,
    whatever the number of matches."""
    if not matches:
        return []
    seekers = sorted({m.seeker_id for m in matches})
    openings = sorted({m.opening_id for m in matches})
    introductions = planned_introductions(seekers, openings)
    said: dict[tuple[int, int], dict[str, MatchOutcome]] = {}
    kinds = (MatchOutcome.Kind.TOLD, MatchOutcome.Kind.INTEREST, MatchOutcome.Kind.DECLINED)
    outcomes = MatchOutcome.objects.filter(
        seeker_id__in=seekers, opening_id__in=openings, kind__in=kinds
    ).order_by("date", "pk")
    for outcome in outcomes:  # the latest of each kind wins
        said.setdefault((outcome.seeker_id, outcome.opening_id), {})[outcome.kind] = outcome
    cards = []
    for m in matches:
        pair = (m.seeker_id, m.opening_id)
        found = said.get(pair, {})
        cards.append(
            MatchCard(
                match=m,
                casework=may_do_casework(user, m.seeker),
                introduction=introductions.get(pair),
                told=found.get(MatchOutcome.Kind.TOLD),
                interest=found.get(MatchOutcome.Kind.INTEREST),
                declined=found.get(MatchOutcome.Kind.DECLINED),
            )
        )
    return cards


def people_for_opening(user, opening: JobOpening, limit: int = 50):
    """Seekers this opening was matched to that the user may see (JobSeeker.for_user; not
    erased), best first, those in a job now last and marked `in_job` (red-team finding,
    issue 17: people now working were suggested as if looking). One query."""
    in_job = Job.objects.filter(seeker_id=OuterRef("seeker_id"), end_date__isnull=True)
    return (
        Match.objects.for_user(user)
        .not_declined()
        .filter(opening=opening, seeker__in=matchable_seekers())
        .filter(seeker__in=JobSeeker.objects.for_user(user), seeker__erased_at__isnull=True)
        .annotate(in_job=Exists(in_job))
        .select_related("seeker__specialist__user", "opening")
        .order_by("in_job", "-score", "seeker__name")[: max(0, limit)]
    )
