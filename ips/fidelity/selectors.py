"""Load the plain facts the fidelity items and outcomes need, in a fixed handful of
aggregate queries whatever the program's size (spec/metrics.md)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Count, F, Min, Q, Sum
from django.utils import timezone

from coaching.models import SupportContact
from employers.models import EmployerContact
from ips.fidelity.compute import Hours, Job, Period, ProgramFacts, Seeker, Specialist
from ips.models import Program, StaffMember, TimeEntry
from ips.roles import Role
from jobseekers.models import Job as JobRow
from jobseekers.models import JobSeeker

FACE_TO_FACE = "face_to_face"


def program_facts(
    program: Program | Sequence[Program],
    start: dt.date,
    end: dt.date,
    as_of: dt.date | None = None,
) -> ProgramFacts:
    """Seekers, jobs, specialists and per-specialist aggregates of one program and period
    (both days included), seen on `as_of` (default: today in the site's time zone), so a
    period that has not ended is reported to date (spec/metrics.md, "Edge cases, settled")."""
    period = Period(start, end, as_of or timezone.localdate())
    # Several programs together: the union of their rows, so totals are counts over all
    # of them and rates are recomputed from those counts, never averaged (issue 18).
    programs = [program] if isinstance(program, Program) else list(program)
    specialists = [
        Specialist(id=pk, email=(email or "").lower(), fte=fte)
        for pk, email, fte in StaffMember.objects.filter(
            program__in=programs, role=Role.SPECIALIST, active=True
        )
        .order_by("user__email")
        .values_list("pk", "user__email", "fte")
    ]
    ids = [s.id for s in specialists]
    seekers = [
        Seeker(*row)
        for row in JobSeeker.objects.filter(program__in=programs)
        .filter(Q(entry_date__lte=end) | Q(referral_date__range=(start, end)))
        .values_list(
            "pk",
            "entry_date",
            "closed_date",
            "referral_date",
            "employed_at_referral",
            "specialist_id",
            "mh_team_id",
        )
    ]
    jobs = [
        Job(*row)
        for row in JobRow.objects.filter(program__in=programs, start_date__lte=end).values_list(
            "pk",
            "seeker_id",
            "start_date",
            "end_date",
            "employer_id",
            "occupation_id",
            "competitive",
            "hours_per_week",
            "paid_hours_to_date",
            "hourly_wage",
            "end_reason",
        )
    ]
    return ProgramFacts(
        period=period,
        specialists=specialists,
        seekers=seekers,
        jobs=jobs,
        face_to_face_contacts=_contacts_per_specialist(programs, ids, period),
        first_face_to_face=_first_contact_naming(programs, period),
        hours=_hours_per_specialist(programs, ids, period),
        support_face_to_face=_support_dates(programs, jobs, period),
    )


def _contacts_per_specialist(
    programs: list[Program], ids: list[int], period: Period
) -> dict[int, int]:
    """Face-to-face employer contacts dated in the period, per specialist (each visit counts)."""
    rows = (
        EmployerContact.objects.filter(
            program__in=programs,
            specialist_id__in=ids,
            mode=FACE_TO_FACE,
            date__range=(period.start, period.end),
        )
        .values("specialist_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["specialist_id"]: row["n"] for row in rows}


def _first_contact_naming(programs: list[Program], period: Period) -> dict[int, dt.date]:
    """First face-to-face employer contact naming each seeker who entered in the period,
    dated on or after their entry date (V4; an earlier contact does not count, a later one
    counts whenever it happened: spec/metrics.md, "Edge cases, settled")."""
    through = JobSeeker.employer_contacts.through
    rows = (
        through.objects.filter(
            jobseeker__program__in=programs,
            jobseeker__entry_date__range=(period.start, period.end),
            employercontact__mode=FACE_TO_FACE,
            employercontact__date__gte=F("jobseeker__entry_date"),
        )
        .values("jobseeker_id")
        .annotate(first=Min("employercontact__date"))
        .order_by()
    )
    return {row["jobseeker_id"]: row["first"] for row in rows}


def _hours_per_specialist(
    programs: list[Program], ids: list[int], period: Period
) -> dict[int, Hours]:
    """Specialists' logged hours in the period: total, employment services, community."""
    rows = (
        TimeEntry.objects.filter(
            program__in=programs, staff_id__in=ids, date__range=(period.start, period.end)
        )
        .values("staff_id")
        .annotate(
            total=Sum("hours"),
            es=Sum("hours", filter=Q(activity=TimeEntry.Activity.EMPLOYMENT_SERVICES)),
            community=Sum("hours", filter=Q(location=TimeEntry.Location.COMMUNITY)),
        )
        .order_by()
    )
    zero = Decimal(0)
    return {
        r["staff_id"]: Hours(
            Decimal(r["total"] or zero), Decimal(r["es"] or zero), Decimal(r["community"] or zero)
        )
        for r in rows
    }


def _support_dates(
    programs: list[Program], jobs: list[Job], period: Period
) -> dict[int, set[dt.date]]:
    """Face-to-face support dates in the first 4 weeks of each job started in the period.
    A contact logged for the person without naming a job counts for their jobs started."""
    started = [j for j in jobs if period.holds(j.start_date)]
    if not started:
        return {}
    first = min(j.start_date for j in started)
    last = max(j.start_date for j in started) + dt.timedelta(days=27)
    by_seeker: dict[int, list[int]] = defaultdict(list)
    for job in started:
        by_seeker[job.seeker_id].append(job.id)
    rows = SupportContact.objects.filter(
        Q(job_id__in=[j.id for j in started]) | Q(job__isnull=True, seeker_id__in=list(by_seeker)),
        program__in=programs,
        mode=FACE_TO_FACE,
        date__range=(first, last),
    ).values_list("job_id", "seeker_id", "date")
    found: dict[int, set[dt.date]] = defaultdict(set)
    for job_id, seeker_id, day in rows:
        for target in [job_id] if job_id else by_seeker[seeker_id]:
            found[target].add(day)
    return dict(found)


def weekly_face_to_face(
    program: Program, end: dt.date, weeks: int = 8, as_of: dt.date | None = None
) -> tuple[list[dt.date], list[tuple[str, list[int]]]]:
    """Face-to-face employer contacts per specialist in each of the last `weeks` ISO weeks
    up to `end` (Monday dates, and one row of counts per specialist).

    Only weeks that have begun by `as_of` (default today) are listed: a period that has
    not ended never shows future weeks as zeros (spec/metrics.md, "Edge cases, settled");
    the caller marks the week holding `as_of` as "so far"."""
    as_of = as_of or timezone.localdate()
    end = min(end, as_of)
    last_monday = end - dt.timedelta(days=end.weekday())
    mondays = [last_monday - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    specialists = list(
        StaffMember.objects.filter(program=program, role=Role.SPECIALIST, active=True)
        .order_by("user__email")
        .values_list("pk", "user__email")
    )
    counts: dict[tuple[int, dt.date], int] = defaultdict(int)
    rows = EmployerContact.objects.filter(
        program=program,
        mode=FACE_TO_FACE,
        specialist_id__in=[pk for pk, _ in specialists],
        date__range=(mondays[0], last_monday + dt.timedelta(days=6)),
    ).values_list("specialist_id", "date")
    for specialist_id, day in rows:
        counts[(specialist_id, day - dt.timedelta(days=day.weekday()))] += 1
    table = [
        ((email or "").lower(), [counts[(pk, monday)] for monday in mondays])
        for pk, email in specialists
    ]
    return mondays, table


def specialist_names(program: Program) -> dict[str, str]:
    """Email (as the report keys it, lower case) -> the name a director reads: the
    person's full name, with the email added only where two specialists share a name
    (or alone when no name is recorded). One query."""
    rows = [
        ((email or "").lower(), f"{first} {last}".strip())
        for email, first, last in StaffMember.objects.filter(
            program=program, role=Role.SPECIALIST
        ).values_list("user__email", "user__first_name", "user__last_name")
    ]
    seen: dict[str, int] = defaultdict(int)
    for _, name in rows:
        seen[name] += 1
    return {
        email: name if name and seen[name] == 1 else (f"{name} ({email})" if name else email)
        for email, name in rows
    }
