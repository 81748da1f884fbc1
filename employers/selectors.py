"""Reads of the employer CRM: duplicates, search, the weekly tracker, the employer record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone
from wagtail.models import ModelLogEntry

from employers.compute import (
    LAPSED_AFTER_DAYS,
    STRENGTH_WINDOW_DAYS,
    WEEKLY_GOAL,
    Chart,
    days_in_job,
    last_weeks,
    relationship_strength,
    retention_label,
    week_chart,
    week_start,
    weekly_counts,
)
from employers.models import Employer, EmployerContact, EmployerPerson, JobOpening
from employers.names import duplicate_key
from ips.models import Program, StaffMember
from ips.roles import CASEWORK_ROLES, LEADERSHIP, Role, has_role, program_ids
from ips.search import folded_q
from ips.validators import query_id


def seeker_model():
    """JobSeeker, reached through the contact's M2M so this layer imports no job seekers."""
    return EmployerContact._meta.get_field("seekers").related_model


def find_duplicate_employers(program: Program, name: str, zip: str) -> list[Employer]:
    """Employers of `program` with the same duplicate key (normalised name, 5-digit ZIP)."""
    key = duplicate_key(name, zip)
    if not key[0]:
        return []
    candidates = Employer.objects.filter(program=program)
    candidates = candidates.filter(zip__startswith=key[1]) if key[1] else candidates.filter(zip="")
    ids = [
        pk for pk, n, z in candidates.values_list("id", "name", "zip") if duplicate_key(n, z) == key
    ]
    return list(Employer.objects.filter(id__in=ids)) if ids else []


def casework_programs(user) -> list[int]:
    """Programs where the user may log employer contacts (specialist or leadership)."""
    if user.is_superuser:
        return list(Program.objects.values_list("id", flat=True))
    return program_ids(user, CASEWORK_ROLES)


def search_employers(user, text: str, limit: int = 8) -> QuerySet[Employer]:
    """Employers of the user's casework programs whose name or industry holds every word
    of `text` (case, accents and apostrophes ignored: "mcdonalds" finds McDonald's,
    ips.search), or whose ZIP starts with it; at most `limit`, by name."""
    found = Employer.objects.for_user(user).filter(program_id__in=casework_programs(user))
    text = text.strip()
    words = folded_q(Employer, ["name", "industry"], text)
    if words is not None:
        found = found.filter(words | Q(zip__startswith=text))
    return found.order_by("name")[:limit]


def recent_employers(user, limit: int = 5) -> list[Employer]:
    """The employers this user logged contacts with most recently (one tap to pick)."""
    latest = (
        EmployerContact.objects.filter(specialist__user=user)
        .values("employer_id")
        .annotate(last=Max("date"))
        .order_by("-last")[:limit]
    )
    ids = [row["employer_id"] for row in latest]
    by_id = Employer.objects.for_user(user).in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def loggable_seekers(user) -> QuerySet:
    """Open job seekers of the user's casework programs: whom a quick log may name."""
    return (
        seeker_model()
        .objects.for_user(user)
        .filter(program_id__in=casework_programs(user), closed_date__isnull=True)
    )


def own_seekers_for_log(user) -> QuerySet:
    """The quick log's first choices: the user's own caseload (as specialist), the people
    last named in an employer contact first, then by name (one query)."""
    return (
        loggable_seekers(user)
        .filter(specialist__user=user)
        .annotate(last_named=Max("employer_contacts__date"))
        .order_by(F("last_named").desc(nulls_last=True), "name", "pk")
    )


def search_seekers_for_log(user, text: str, limit: int = 8) -> QuerySet:
    """Other people of the user's programs whose name or preferred name holds every word of
    `text` (case, accents and apostrophes ignored: "obrien" finds O'Brien, ips.search):
    the quick log's "someone else" search (the user's own caseload is listed already)."""
    words = folded_q(seeker_model(), ["name", "preferred_name"], text)
    if words is None:
        return loggable_seekers(user).none()
    return (
        loggable_seekers(user)
        .exclude(specialist__user=user)
        .filter(words)
        .order_by("name", "pk")[:limit]
    )


@dataclass(frozen=True)
class WeekRow:
    staff: StaffMember
    this_week: int
    chart: Chart


@dataclass(frozen=True)
class WeekSummary:
    staff: StaffMember
    monday: dt.date
    sunday: dt.date
    this_week: int
    goal: int
    chart: Chart
    next_steps: list[EmployerContact]
    lapsed: list[dict]


def face_to_face_by_week(staff_ids: list[int], today: dt.date) -> dict[int, dict[dt.date, int]]:
    """Per specialist: face-to-face employer contacts in each of the last 8 ISO weeks."""
    mondays = last_weeks(today)
    rows = (
        EmployerContact.objects.face_to_face()
        .filter(
            specialist_id__in=staff_ids,
            date__gte=mondays[0],
            date__lte=mondays[-1] + dt.timedelta(days=6),
        )
        .values_list("specialist_id", "date")
        .annotate(n=Count("id"))
        .order_by()
    )
    daily: dict[int, list[tuple[dt.date, int]]] = {pk: [] for pk in staff_ids}
    for staff_id, day, count in rows:
        daily[staff_id].append((day, count))
    return {pk: weekly_counts(days, mondays) for pk, days in daily.items()}


def week_summary(staff: StaffMember, today: dt.date, limit: int = 20) -> WeekSummary:
    """ "My week": this ISO week's face-to-face contacts vs the goal, 8 weeks, what is due."""
    weeks = face_to_face_by_week([staff.pk], today)[staff.pk]
    monday = week_start(today)
    next_steps = list(
        EmployerContact.objects.filter(
            specialist=staff,
            next_step_done=False,
            next_step_due__isnull=False,
            next_step_due__lte=monday + dt.timedelta(days=6),
        )
        .exclude(next_step="")
        .select_related("employer")
        .order_by("next_step_due", "id")[:limit]
    )
    return WeekSummary(
        staff=staff,
        monday=monday,
        sunday=monday + dt.timedelta(days=6),
        this_week=weeks[monday],
        goal=WEEKLY_GOAL,
        chart=week_chart(weeks),
        next_steps=next_steps,
        lapsed=lapsed_employers(staff, today, limit=limit),
    )


def lapsed_employers(staff: StaffMember, today: dt.date, limit: int = 20) -> list[dict]:
    """Employers this specialist met face to face before, but not for 60+ days."""
    cutoff = today - dt.timedelta(days=LAPSED_AFTER_DAYS)
    return list(
        EmployerContact.objects.face_to_face()
        .filter(specialist=staff)
        .values("employer_id", "employer__name", "employer__zip")
        .annotate(last=Max("date"), visits=Count("id"))
        .filter(last__lte=cutoff)
        .order_by("last")[:limit]
    )


def program_week(user, today: dt.date) -> list[WeekRow]:
    """Leadership view: each active specialist of the user's programs, this week and 8 weeks."""
    staff = list(
        StaffMember.objects.filter(
            program_id__in=program_ids(user, LEADERSHIP)
            if not user.is_superuser
            else Program.objects.values_list("id", flat=True),
            role=Role.SPECIALIST,
            active=True,
        ).select_related("user", "program")
    )
    weeks = face_to_face_by_week([s.pk for s in staff], today)
    monday = week_start(today)
    return [
        WeekRow(staff=s, this_week=weeks[s.pk][monday], chart=week_chart(weeks[s.pk]))
        for s in staff
    ]


@dataclass(frozen=True)
class EmployerRecord:
    employer: Employer
    people: list[EmployerPerson]
    contacts: list[EmployerContact]
    openings: list[JobOpening]
    jobs: list
    recent_face_to_face: int
    strength: str
    duplicates: list[Employer]


def employer_record(employer: Employer, user, today: dt.date, limit: int = 200) -> EmployerRecord:
    """Everything the employer page shows, each part scoped by the user's role."""
    contacts = (
        EmployerContact.objects.for_user(user)
        .filter(employer=employer)
        .select_related("specialist__user", "person")
        .prefetch_related("seekers")
        .order_by("-date", "-id")
    )
    recent = (
        contacts.face_to_face()
        .filter(date__gt=today - dt.timedelta(days=STRENGTH_WINDOW_DAYS), date__lte=today)
        .count()
    )
    jobs_manager = employer.jobs.model.objects  # Job, through the reverse relation
    jobs = list(
        jobs_manager.for_user(user)
        .filter(employer=employer)
        .select_related("seeker")
        .order_by("-start_date")
    )
    for job in jobs:
        job.retention = retention_label(
            days_in_job(job.start_date, job.end_date, today), job.end_date is not None
        )
    return EmployerRecord(
        employer=employer,
        people=list(EmployerPerson.objects.for_user(user).filter(employer=employer)),
        contacts=list(contacts[:limit]),
        openings=list(
            JobOpening.objects.for_user(user)
            .filter(employer=employer)
            .order_by("status", "-created_at")
        ),
        jobs=jobs,
        recent_face_to_face=recent,
        strength=relationship_strength(recent),
        duplicates=[
            e
            for e in find_duplicate_employers(employer.program, employer.name, employer.zip)
            if e.pk != employer.pk
        ],
    )


def may_tick(contact: EmployerContact, user) -> bool:
    """True when `user` may tick off (or undo ticking) `contact`'s next step: the
    contact's own specialist, or a supervisor or director of its program."""
    return contact.specialist.user_id == user.pk or has_role(user, LEADERSHIP, contact.program_id)


def ticked_next_step(user, raw: str | None) -> EmployerContact | None:
    """The next step just ticked off, named by `?ticked=<contact id>` after "Done" (home,
    My week), to offer its "Undo" (issue 17): only a contact the user may see and tick,
    whose step is still ticked off, ticked by this user within the undo window; None for
    anything else (a malformed id included). Two queries, none without the parameter."""
    pk = query_id(raw or "")
    if pk is None:
        return None
    contacts = EmployerContact.objects.for_user(user).select_related("specialist", "employer")
    contact = contacts.filter(pk=pk, next_step_done=True).exclude(next_step="").first()
    if contact is None or not may_tick(contact, user):
        return None
    return contact if _ticked_lately(contact, user) else None


def _ticked_lately(contact: EmployerContact, user) -> bool:
    """`user` ticked `contact`'s step off within the undo window (UNDO_MINUTES): a step
    finished long ago is not offered back from an old or typed `?ticked=` (red team)."""
    from employers.services import NEXT_STEP_DONE_ACTION, UNDO_MINUTES  # services use these

    since = timezone.now() - dt.timedelta(minutes=UNDO_MINUTES)
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(EmployerContact),
        object_id=str(contact.pk),
        action=NEXT_STEP_DONE_ACTION,
        user=user,
        timestamp__gte=since,
    ).exists()
