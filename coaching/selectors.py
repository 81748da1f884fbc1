"""Follow-along reads: the due list (retention checks, first-month weekly contacts,
follow-up tasks) for a user or one staff membership, and one job's follow-along."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from coaching import schedule
from coaching.models import FollowUpTask, JobSupportPlan, RetentionMilestone, SupportContact
from ips.models import StaffMember
from ips.roles import LEADERSHIP, Role
from jobseekers.models import Job

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
    milestone_id: int | None = None
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


def _due_list(memberships: list[StaffMember], *, today: dt.date, show: str, everyone: bool):
    horizon = today + dt.timedelta(days=schedule.LOOKAHEAD_DAYS)
    if everyone:
        job_scope = milestone_scope = task_scope = Q()
    else:
        job_scope = _scope(memberships, show, mine=_mine_by_job(""), coach_only_jobs="")
        milestone_scope = _scope(memberships, show, mine=_mine_by_job("job__"), coach_only_jobs="")
        task_scope = _scope(
            memberships,
            show,
            mine=lambda m: (
                Q(assigned_to_id=m.pk) | Q(assigned_to__isnull=True, seeker__specialist_id=m.pk)
            ),
            coach_only_jobs="seeker_has_job",
        )
    items: list[DueItem] = []
    milestones = (
        RetentionMilestone.objects.filter(milestone_scope)
        .filter(confirmed_on__isnull=True, due_date__lte=horizon, job__end_date__isnull=True)
        .select_related("job__seeker", "job__employer")
        .distinct()
    )
    for m in milestones:
        items.append(
            DueItem(
                kind="milestone",
                label=f"{m.days}-day check: still in this job?",
                due_date=m.due_date,
                state=schedule.due_state(m.due_date, today),
                seeker_id=m.job.seeker_id,
                seeker_name=m.job.seeker.name,
                job_id=m.job_id,
                job_title=m.job.title,
                employer_name=m.job.employer.name,
                milestone_id=m.pk,
                program_id=m.program_id,
            )
        )
    first, last = schedule.first_month_window(today)
    jobs = list(
        Job.objects.filter(job_scope)
        .filter(end_date__isnull=True, start_date__gte=first, start_date__lte=last)
        .select_related("seeker", "employer")
        .distinct()
    )
    seen = _face_to_face_dates(jobs, first, today)
    for job in jobs:
        for check in schedule.weeks_needing_attention(job.start_date, seen.get(job.pk, ()), today):
            items.append(
                DueItem(
                    kind="week",
                    label=f"Week {check.week.number} face-to-face contact",
                    due_date=check.week.end,
                    state=check.state,
                    seeker_id=job.seeker_id,
                    seeker_name=job.seeker.name,
                    job_id=job.pk,
                    job_title=job.title,
                    employer_name=job.employer.name,
                    program_id=job.program_id,
                )
            )
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
    """One job's follow-along: checks, first-month weeks, plan and recent contacts."""

    job: Job
    milestones: list[RetentionMilestone]
    weeks: list[schedule.WeekCheck]
    plan: JobSupportPlan | None
    contacts: list[SupportContact]


def job_follow_along(job: Job, *, today: dt.date, contact_limit: int = 20) -> JobFollowAlong:
    """What the job page shows, in a fixed number of queries."""
    milestones = list(job.milestones.order_by("days"))
    first = job.start_date
    seen = _face_to_face_dates([job], first, max(today, first)).get(job.pk, [])
    plan = JobSupportPlan.objects.filter(job=job).select_related("coach__user").first()
    contacts = list(
        SupportContact.objects.filter(Q(job=job) | Q(job__isnull=True, seeker_id=job.seeker_id))
        .select_related("staff__user")
        .order_by("-date", "-id")[:contact_limit]
    )
    weeks = schedule.first_month_checks(job.start_date, seen, today)
    return JobFollowAlong(job, milestones, weeks, plan, contacts)
