"""What each role's home at /admin/ shows, read through the selectors that own each figure
(employers.selectors, jobseekers.selectors, coaching.selectors, ips.fidelity): this
module adds no figure of its own, only picks and groups. Each home runs a fixed number
of queries whatever the number of rows (pinned in tests/ips/test_home.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from coaching.selectors import DueItem, due_list_for_user
from employers.compute import WEEKLY_GOAL
from employers.models import EmployerContact, JobOpening
from employers.selectors import WeekRow, program_week, week_summary
from ips.fidelity.compute import outcomes
from ips.fidelity.selectors import program_facts
from ips.models import Program, StaffMember
from ips.roles import LEADERSHIP, Role
from jobseekers.models import InterestWithdrawal, Job, JobSeeker, Match, MatchOutcome
from jobseekers.selectors import (
    CaseloadRow,
    WageReportDue,
    benefits_referral_due,
    caseload_for,
    latest_withdrawals,
    wage_reporting_due,
)
from reports.periods import quarter_of

# A taken-back "I'm interested" stays on the home this long; an interest itself stays
# until it is handled (issue 17, item 4).
WITHDRAWAL_SHOWN_DAYS = 14
LIST_LIMIT = 10  # rows per list on a home; the full lists are one link away


@dataclass(frozen=True)
class SpecialistHome:
    """An employment specialist's home: this ISO week's face-to-face employer contacts
    against the goal of 6 (fidelity item V6, spec/metrics.md), next steps due by Sunday,
    own people still waiting for a first face-to-face employer contact (item V4), open
    "I'm interested" signals (a task until handled) and those taken back in the last two
    weeks, matches to openings added since Monday, the months of pay
    own people on SSI/SSDI have not reported to SSA, and those on SSI/SSDI not yet offered
    a benefits planner (jobseekers.selectors)."""

    staff: StaffMember
    this_week: int
    goal: int
    next_steps: list[EmployerContact]
    waiting: list[CaseloadRow]
    interest: list[MatchOutcome]
    new_matches: list[Match]
    withdrawn: list[InterestWithdrawal] = field(default_factory=list)
    wage_reporting: list[WageReportDue] = field(default_factory=list)
    benefits_referrals: list[JobSeeker] = field(default_factory=list)

    @property
    def to_goal(self) -> int:
        return max(0, self.goal - self.this_week)

    @property
    def new_matches_by_person(self) -> list[tuple[JobSeeker, list[Match]]]:
        """`new_matches` one line a person, each person's best match first, people in the
        order of their best match (red team: one person listed five times)."""
        people: dict[int, tuple[JobSeeker, list[Match]]] = {}
        for match in self.new_matches:
            people.setdefault(match.seeker_id, (match.seeker, []))[1].append(match)
        return list(people.values())


def specialist_home(user, staff: StaffMember, *, today: dt.date) -> SpecialistHome:
    """The home of `staff` (a specialist membership of `user`). Nineteen queries."""
    week = week_summary(staff, today, limit=LIST_LIMIT)
    rows = caseload_for(user, today=today, specialist=staff).rows
    waiting = sorted(
        (row for row in rows if row.waiting_for_first_contact),
        key=lambda row: (-(row.days_since_entry or 0), row.name),
    )
    interest = list(
        MatchOutcome.objects.for_user(user)
        .filter(seeker__specialist=staff, kind=MatchOutcome.Kind.INTEREST, handled_on__isnull=True)
        .select_related("seeker", "opening__employer")
        .order_by("date", "pk")[:LIST_LIMIT]
    )
    withdrawn = list(
        latest_withdrawals(InterestWithdrawal.objects.for_user(user))
        .filter(
            seeker__specialist=staff,
            date__gte=today - dt.timedelta(days=WITHDRAWAL_SHOWN_DAYS),
        )
        .select_related("seeker", "opening__employer")
        .order_by("-date", "-pk")[:LIST_LIMIT]
    )
    return SpecialistHome(
        staff=staff,
        this_week=week.this_week,
        goal=week.goal,
        next_steps=week.next_steps,
        waiting=waiting[:LIST_LIMIT],
        interest=interest,
        withdrawn=withdrawn,
        new_matches=new_matches(user, staff, since=week.monday),
        wage_reporting=wage_reporting_due(user, today),
        benefits_referrals=benefits_referral_due(user)[:LIST_LIMIT],
    )


def new_matches(user, staff: StaffMember, *, since: dt.date) -> list[Match]:
    """Matches of the specialist's own people to open openings added on or after `since`
    (matches are recomputed nightly, so "new" is the opening's age), best first; as
    `staff_matches_for_seeker`, another program's opening only while it is public. Not
    people in a job now (JobSeeker.objects.not_in_a_job)."""
    return list(
        Match.objects.for_user(user)
        .not_declined()
        .filter(
            seeker__specialist=staff,
            seeker__closed_date__isnull=True,
            opening__status=JobOpening.Status.OPEN,
            opening__created_at__date__gte=since,
        )
        .filter(seeker__in=JobSeeker.objects.not_in_a_job())
        .filter(Q(opening__program_id=staff.program_id) | Q(opening__shareable=True))
        .select_related("seeker", "opening__employer")
        .order_by("-score", "pk")[:LIST_LIMIT]
    )


@dataclass(frozen=True)
class CoachHome:
    """A job coach's home: follow-along visits and checks due today, in the next seven
    days (`this_week`), the late ones (coaching.selectors: the same list as "What's
    due"), and people in a job in the coach's programs whom no coach follows yet."""

    today: list[DueItem]
    this_week: list[DueItem]
    late: list[DueItem]
    without_coach: list[Job]


def coach_home(user, *, today: dt.date) -> CoachHome:
    """The coach's home over all their coach memberships. Five queries."""
    due = due_list_for_user(user, today=today)
    # The next seven days, not "to Sunday": a week-1 visit of a job started on Thursday
    # is due next Wednesday, and must show on the coach's home now (issue 17, item 4).
    horizon = today + dt.timedelta(days=7)
    current = due.current
    programs = [m.program_id for m in _memberships(user) if m.role == Role.COACH]
    without = list(
        Job.objects.for_user(user)
        .current()
        .filter(program_id__in=programs, seeker__closed_date__isnull=True)
        .filter(seeker__erased_at__isnull=True, start_date__lte=today)
        .filter(Q(support_plan__isnull=True) | Q(support_plan__coach__isnull=True))
        .select_related("seeker", "employer")
        .order_by("start_date", "pk")[:LIST_LIMIT]
    )
    return CoachHome(
        today=[item for item in current if item.due_date <= today],
        this_week=[item for item in current if today < item.due_date <= horizon],
        late=due.late,
        without_coach=without,
    )


@dataclass(frozen=True)
class ProgramHeadline:
    """One program's figures for this quarter to date (spec/metrics.md, Outcomes):
    people served, the share who worked in a competitive job (employment rate, a
    fraction), job starts and referrals; with the dashboard's query string."""

    program: Program
    start: dt.date
    end: dt.date
    served: int
    employment_rate: float | None
    job_starts: int
    referrals: int


@dataclass(frozen=True)
class LeadershipHome:
    """A supervisor's or director's home: each led program's headline figures to date,
    the specialists under the weekly goal of 6 so far this week (item V6), late
    retention checks (30/90/180/365 days) across the led programs, and open "I'm
    interested" signals of people with no active specialist (no other home shows them)."""

    programs: list[ProgramHeadline]
    under_goal: list[WeekRow]
    goal: int
    late_checks: list[DueItem]
    no_specialist_interest: list[MatchOutcome] = field(default_factory=list)


def leadership_home(user, *, today: dt.date) -> LeadershipHome:
    """The home of a supervisor or director (or a superuser: every program). Six queries
    per program led, plus six."""
    if user.is_superuser:
        led = list(Program.objects.order_by("name"))
    else:
        ids = [m.program_id for m in _memberships(user) if m.role in LEADERSHIP]
        led = list(Program.objects.filter(pk__in=ids).order_by("name"))
    start, _end = quarter_of(today)
    headlines = []
    for program in led:
        figures = outcomes(program_facts(program, start, today, as_of=today))
        headlines.append(
            ProgramHeadline(
                program=program,
                start=start,
                end=today,
                served=figures["served"],
                employment_rate=figures["employment_rate"] if figures["served"] else None,
                job_starts=figures["job_starts"],
                referrals=figures["referrals"],
            )
        )
    due = due_list_for_user(user, today=today, show="program")
    late = [item for item in due.late if item.kind == "milestone"]
    under = [row for row in program_week(user, today) if row.this_week < WEEKLY_GOAL]
    return LeadershipHome(
        programs=headlines,
        under_goal=sorted(under, key=lambda row: (row.this_week, row.staff.display_name)),
        goal=WEEKLY_GOAL,
        late_checks=late[:LIST_LIMIT],
        no_specialist_interest=interest_without_specialist(user, led),
    )


def interest_without_specialist(user, programs: list[Program]) -> list[MatchOutcome]:
    """Open "I'm interested" signals in `programs` of people with no specialist, or whose
    specialist's membership is no longer active: the specialist's home cannot show them,
    so leadership's does (red-team finding, issue 17). Oldest first; one query."""
    return list(
        MatchOutcome.objects.for_user(user)
        .filter(program__in=programs, kind=MatchOutcome.Kind.INTEREST, handled_on__isnull=True)
        .filter(Q(seeker__specialist__isnull=True) | Q(seeker__specialist__active=False))
        .filter(seeker__erased_at__isnull=True)
        .select_related("seeker", "opening__employer", "program")
        .order_by("date", "pk")[:LIST_LIMIT]
    )


def _memberships(user) -> list[StaffMember]:
    cached = getattr(user, "_ips_home_memberships", None)
    if cached is None:
        cached = list(
            StaffMember.objects.filter(user=user, active=True)
            .select_related("user", "program")
            .order_by("program__name", "pk")
        )
        user._ips_home_memberships = cached
    return cached


@dataclass(frozen=True)
class Home:
    """Every part of the user's home, one per role they hold (a person may hold several)."""

    specialist: SpecialistHome | None
    coach: CoachHome | None
    leadership: LeadershipHome | None

    @property
    def is_empty(self) -> bool:
        return self.specialist is None and self.coach is None and self.leadership is None


def home_for(user, *, today: dt.date) -> Home:
    """The parts of the home `user`'s active memberships call for."""
    memberships = _memberships(user)
    roles = {m.role for m in memberships}
    specialist = next((m for m in memberships if m.role == Role.SPECIALIST), None)
    return Home(
        specialist=specialist_home(user, specialist, today=today) if specialist else None,
        coach=coach_home(user, today=today) if Role.COACH in roles else None,
        leadership=(
            leadership_home(user, today=today)
            if user.is_superuser or roles & set(LEADERSHIP)
            else None
        ),
    )
