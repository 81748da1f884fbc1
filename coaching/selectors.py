"""Follow-along reads: the due list (retention checks, first-month weekly contacts,
follow-up tasks) for a user or one staff membership, and one job's follow-along."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from coaching import schedule
from coaching.models import FollowUpTask, JobSupportPlan, RetentionMilestone, SupportContact
from employers.models import JobOpening
from ips.models import StaffMember
from ips.roles import LEADERSHIP, Role
from jobseekers.models import Job, JobSeeker

SHOW_MINE = "mine"
SHOW_PROGRAM = "program"


@dataclass(frozen=True)
class DueItem:
    """One thing due: a retention check, a first-month week, or a follow-up task."""

    kind: str  # "milestone", "week" or "follow_up"
    label: str
    due_date: dt.date
    state: str  # "overdue", "due", "soon" or "missed"
    seeker_id: int
    seeker_name: str
    job_id: int | None = None
    job_title: str = ""
    employer_name: str = ""
    check_days: int | None = None  # a retention check: 30, 90, 180 or 365
    follow_up_id: int | None = None
    note: str = ""
    program_id: int | None = None

    @property
    def is_late(self) -> bool:
        return self.state in ("overdue", "missed")


@dataclass(frozen=True)
class DueList:
    """Everything due for a person (or a program), earliest first."""

    items: list[DueItem] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.items

    @property
    def late(self) -> list[DueItem]:
        return [item for item in self.items if item.is_late]

    @property
    def current(self) -> list[DueItem]:
        return [item for item in self.items if not item.is_late]


def _scope(memberships: list[StaffMember], show: str, *, mine, coach_only_jobs: str) -> Q:
    """Rows of the memberships' programs: the whole program for leadership (or when
    asked), else the rows `mine(membership)` picks; coaches only see seekers with jobs."""
    query = Q(pk__in=[])
    for member in memberships:
        in_program = Q(program_id=member.program_id)
        if member.role == Role.COACH and coach_only_jobs:
            in_program &= Q(**{coach_only_jobs: True})
        if show == SHOW_PROGRAM or (show != SHOW_MINE and member.role in LEADERSHIP):
            query |= in_program
        else:
            query |= in_program & mine(member)
    return query


def _mine_by_job(prefix: str):
    return lambda m: (
        Q(**{f"{prefix}seeker__specialist_id": m.pk})
        | Q(**{f"{prefix}support_plan__coach_id": m.pk})
    )


def follow_along_span(job: Job) -> schedule.Span:
    """The days a program follows `job`: its dates and its record's entry, closing and
    erasure (reads `job.seeker`: select it with the job)."""
    seeker = job.seeker
    return schedule.Span(
        start=job.start_date,
        end=job.end_date,
        entry=seeker.entry_date,
        closed=seeker.closed_date,
        erased=seeker.erased_at is not None,
    )


def _confirmations(job: Job) -> dict[int, schedule.Confirmation]:
    """A job's recorded answers by check days (from the prefetched `milestones`)."""
    return {
        m.days: schedule.Confirmation(m.confirmed_on, m.still_employed)
        for m in job.milestones.all()
    }


def _followed_jobs(scope: Q, today: dt.date):
    """Jobs that may have something due on `today`: followed on that day (the same rule as
    schedule.Span.live_on, in SQL), in their first month or past their first check with
    a check unanswered. One query, answers prefetched (one more)."""
    first, _last = schedule.first_month_window(today)
    horizon = today + dt.timedelta(days=schedule.LOOKAHEAD_DAYS)
    first_check = horizon - dt.timedelta(days=min(schedule.MILESTONE_DAYS))
    answered = (
        RetentionMilestone.objects.filter(job=OuterRef("pk"))
        .order_by()
        .values("job")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Job.objects.filter(scope)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=today))
        .filter(Q(seeker__closed_date__isnull=True) | Q(seeker__closed_date__gt=today))
        .filter(seeker__erased_at__isnull=True, start_date__lte=today)
        .annotate(answered=Coalesce(Subquery(answered, output_field=IntegerField()), 0))
        .filter(
            Q(start_date__gte=first)
            | Q(start_date__lte=first_check, answered__lt=len(schedule.MILESTONE_DAYS))
        )
        .select_related("seeker", "employer")
        .prefetch_related("milestones")
        .distinct()
    )


def _job_item(job: Job, **fields) -> DueItem:
    return DueItem(
        seeker_id=job.seeker_id,
        seeker_name=job.seeker.name,
        job_id=job.pk,
        job_title=job.title,
        employer_name=job.employer.name,
        program_id=job.program_id,
        **fields,
    )


def _job_items(jobs: list[Job], today: dt.date) -> list[DueItem]:
    """Retention checks and first-month weeks due on `today`, derived (coaching.schedule)."""
    items = []
    first, _last = schedule.first_month_window(today)
    seen = _face_to_face_dates([job for job in jobs if job.start_date >= first], first, today)
    for job in jobs:
        span = follow_along_span(job)
        for check in schedule.retention_checks(span, _confirmations(job), today):
            if check.is_reminder:
                items.append(
                    _job_item(
                        job,
                        kind="milestone",
                        label=f"{check.days}-day check: still in this job?",
                        due_date=check.due_date,
                        state=check.state,
                        check_days=check.days,
                    )
                )
        for week in schedule.week_reminders(span, seen.get(job.pk, ()), today):
            items.append(
                _job_item(
                    job,
                    kind="week",
                    label=f"Week {week.week.number} face-to-face contact",
                    due_date=week.week.end,
                    # A week in progress is due by its last day: "due" (today) only then,
                    # else "soon", so it shows in one place (red-team finding, issue 17).
                    state="missed"
                    if week.state == "missed"
                    else schedule.due_state(week.week.end, today),
                )
            )
    return items


def _due_list(memberships: list[StaffMember], *, today: dt.date, show: str, everyone: bool):
    horizon = today + dt.timedelta(days=schedule.LOOKAHEAD_DAYS)
    if everyone:
        job_scope = task_scope = Q()
    else:
        job_scope = _scope(memberships, show, mine=_mine_by_job(""), coach_only_jobs="")
        task_scope = _scope(
            memberships,
            show,
            mine=lambda m: (
                Q(assigned_to_id=m.pk) | Q(assigned_to__isnull=True, seeker__specialist_id=m.pk)
            ),
            coach_only_jobs="seeker_has_job",
        )
    items = _job_items(list(_followed_jobs(job_scope, today)), today)
    tasks = (
        FollowUpTask.objects.annotate(
            seeker_has_job=Exists(Job.objects.filter(seeker_id=OuterRef("seeker_id")))
        )
        .filter(task_scope)
        .filter(done_on__isnull=True, due_date__lte=horizon)
        .select_related("seeker", "job__employer")
    )
    for task in tasks:
        items.append(
            DueItem(
                kind="follow_up",
                label=task.get_kind_display(),
                due_date=task.due_date,
                state=schedule.due_state(task.due_date, today),
                seeker_id=task.seeker_id,
                seeker_name=task.seeker.name,
                job_id=task.job_id,
                job_title=task.job.title if task.job else "",
                employer_name=task.job.employer.name if task.job else "",
                follow_up_id=task.pk,
                note=task.note,
                program_id=task.program_id,
            )
        )
    items.sort(key=lambda item: (item.due_date, item.seeker_name, item.kind))
    return DueList(items)


def _face_to_face_dates(jobs: list[Job], first: dt.date, today: dt.date) -> dict[int, list]:
    """Face-to-face contact dates per job: logged on the job, or on the person with no
    job named (one query)."""
    if not jobs:
        return {}
    by_seeker: dict[int, list[int]] = {}
    for job in jobs:
        by_seeker.setdefault(job.seeker_id, []).append(job.pk)
    rows = SupportContact.objects.filter(
        Q(job_id__in=[job.pk for job in jobs]) | Q(job__isnull=True, seeker_id__in=list(by_seeker)),
        mode=SupportContact.Mode.FACE_TO_FACE,
        date__gte=first,
        date__lte=today,
    ).values_list("job_id", "seeker_id", "date")
    seen: dict[int, list] = {}
    for job_id, seeker_id, day in rows:
        for pk in [job_id] if job_id else by_seeker.get(seeker_id, []):
            seen.setdefault(pk, []).append(day)
    return seen


def due_list_for_staff(staff: StaffMember, *, today: dt.date) -> DueList:
    """One membership's due list: leadership sees the program, others their own people."""
    return _due_list([staff], today=today, show="auto", everyone=False)


def due_list_for_user(user, *, today: dt.date, show: str = "auto") -> DueList:
    """The due list over all of a user's active memberships; `show` is "mine",
    "program" or "auto" (leadership: program; others: mine)."""
    memberships = list(StaffMember.objects.filter(user=user, active=True))
    everyone = bool(user.is_superuser and not memberships)
    return _due_list(memberships, today=today, show=show, everyone=everyone)


@dataclass(frozen=True)
class JobFollowAlong:
    """One job's follow-along: retention checks, first-month weeks, plan, recent contacts."""

    job: Job
    checks: list[schedule.RetentionCheck]
    weeks: list[schedule.WeekCheck]
    plan: JobSupportPlan | None
    contacts: list[SupportContact]


def job_follow_along(job: Job, *, today: dt.date, contact_limit: int = 20) -> JobFollowAlong:
    """What the job page shows, in a fixed number of queries (`job.seeker` selected)."""
    confirmed = {
        m.days: schedule.Confirmation(m.confirmed_on, m.still_employed)
        for m in RetentionMilestone.objects.filter(job=job)
    }
    checks = schedule.retention_checks(follow_along_span(job), confirmed, today)
    first = job.start_date
    seen = _face_to_face_dates([job], first, max(today, first)).get(job.pk, [])
    plan = JobSupportPlan.objects.filter(job=job).select_related("coach__user").first()
    contacts = list(
        SupportContact.objects.filter(Q(job=job) | Q(job__isnull=True, seeker_id=job.seeker_id))
        .select_related("staff__user")
        .order_by("-date", "-id")[:contact_limit]
    )
    weeks = schedule.first_month_checks(job.start_date, seen, today)
    return JobFollowAlong(job, checks, weeks, plan, contacts)


def open_introduction(*, seeker: JobSeeker, opening: JobOpening) -> FollowUpTask | None:
    """The open "introduce the person to an employer" task planned for this match, or None."""
    return (
        FollowUpTask.objects.filter(
            seeker=seeker,
            opening=opening,
            kind=FollowUpTask.Kind.INTRODUCTION,
            done_on__isnull=True,
        )
        .select_related("assigned_to__user")
        .first()
    )
