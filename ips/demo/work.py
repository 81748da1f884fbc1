"""Demo builders for jobs and follow-along, staff time, PSR assessments and goals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coaching.models import FollowUpTask, JobSupportPlan, RetentionMilestone, SupportContact
from coaching.services import open_support_plan
from employers.models import JobOpening
from ips.demo import catalogue as cat
from ips.demo.crm import opening_for
from ips.demo.people import Demo
from ips.models import TimeEntry
from ips.retention import RETENTION_DAYS
from ips.roles import Role
from jobseekers.models import (
    BenefitsCounselling,
    Domain,
    DomainAssessment,
    DomainRating,
    Goal,
    GoalStep,
    Job,
    JobSeeker,
)
from jobseekers.selectors import coach_choices

END_REASONS = ("quit", "better_job", "fired", "laid_off", "health")
DAY = dt.timedelta(days=1)


def _job_dates(demo: Demo, seeker: JobSeeker) -> list[tuple[dt.date, dt.date | None]]:
    """(start, end) of the seeker's jobs, fitting the stage."""
    rng, today, entry = demo.rng, demo.today, seeker.entry_date
    if seeker.stage == "working":
        latest = today - 7 * DAY
        start = min(entry + rng.randint(20, 120) * DAY, latest)
        return [(max(start, entry), None)]
    if seeker.stage == "follow_along":
        return [(entry + rng.randint(20, 80) * DAY, None)]
    if seeker.close_reason == JobSeeker.CloseReason.STEPPED_DOWN:
        return [(entry + rng.randint(20, 40) * DAY, None)]
    if seeker.stage == "job_search" and rng.random() < 0.3:
        start = entry + rng.randint(15, 40) * DAY
        end = min(start + rng.randint(14, 120) * DAY, today - 10 * DAY)
        if end > start:
            return [(start, end)]
    return []


def _employer_for(demo: Demo, seeker: JobSeeker) -> tuple:
    """An employer and (code, title), most often in a kind of work the seeker wants."""
    rng = demo.rng
    employers = demo.employers[seeker.program_id]
    wanted = set(demo.wanted_codes.get(seeker.pk, []))
    if rng.random() < 0.75:
        for _ in range(30):
            employer = rng.choice(employers)
            jobs = [j for j in demo.industry_of[employer.pk].jobs if j[0] in wanted]
            if jobs:
                return employer, rng.choice(jobs)
    employer = rng.choice(employers)
    return employer, rng.choice(demo.industry_of[employer.pk].jobs)


def build_jobs(demo: Demo) -> None:
    """About 60 job starts (competitive mostly, some ended); some fill a listed opening."""
    rng = demo.rng
    jobs, filled = [], []
    for seeker in demo.seekers:
        for start, end in _job_dates(demo, seeker):
            employer, (code, title) = _employer_for(demo, seeker)
            permanent = rng.random() < 0.9
            industry = demo.industry_of[employer.pk]
            hours = Decimal(rng.choice((10, 12, 15, 16, 20, 20, 24, 25, 30, 32)))
            worked_weeks = Decimal(((end or demo.today) - start).days) / 7
            job = Job(
                program_id=seeker.program_id,
                seeker=seeker,
                employer=employer,
                title=title,
                occupation_id=code,
                start_date=start,
                end_date=end,
                hours_per_week=hours,
                hourly_wage=Decimal(cat.MICHIGAN_MINIMUM_WAGE)
                + Decimal(round(rng.uniform(*industry.wage) * 4) / 4),
                paid_hours_to_date=(worked_weeks * hours * Decimal("0.9")).quantize(
                    Decimal("0.01")
                ),
                competitive=rng.random() > 0.04,
                permanent=permanent,
                disclosure=rng.choice(("none", "partial", "full", "full")),
                end_reason=(rng.choice(END_REASONS) if permanent else "temporary_ended")
                if end
                else "",
                end_note="Talked it through with the coach; back to the job search." if end else "",
            )
            if rng.random() < 0.3:
                posted = start - rng.randint(14, 45) * DAY
                opening = opening_for(
                    demo,
                    employer,
                    code,
                    title,
                    posted,
                    status="filled",
                    shareable=rng.random() < 0.5,
                    closed_on=start - rng.randint(1, 7) * DAY,
                )
                filled.append((opening, job))
            jobs.append(job)
    for n, (opening, _) in enumerate(filled, start=demo.opening_count + 1):
        opening.ref = f"O-{n:04d}"
    JobOpening.objects.bulk_create([opening for opening, _ in filled])
    for opening, job in filled:
        job.opening = opening
    for n, job in enumerate(jobs, start=1):
        job.ref = f"J-{n:04d}"
    demo.jobs = Job.objects.bulk_create(jobs)
    _build_follow_along(demo)


def _support(demo: Demo, job: Job, day: dt.date, staff, early: bool) -> SupportContact:
    rng = demo.rng
    face = early or rng.random() < 0.7
    return SupportContact(
        program_id=job.program_id,
        date=day,
        staff=staff,
        seeker=job.seeker,
        job=job,
        with_whom=["worker", "employer"] if rng.random() < 0.25 else ["worker"],
        mode="face_to_face" if face else rng.choice(("phone", "text")),
        location=rng.choice(("workplace", "community")) if face else "",
        minutes=rng.choice((20, 30, 30, 45, 60, 90)),
        support_types=rng.sample(
            ["coaching", "schedule_transport", "problem_solving", "career_development"], k=2
        )
        if rng.random() < 0.4
        else [rng.choice(["coaching", "problem_solving", "benefits_reporting", "other"])],
        notes=rng.choice(cat.SUPPORT_NOTES),
    )


def _build_follow_along(demo: Demo) -> None:
    """Follow-along contacts (weekly face to face in the first month, item V12), retention
    milestones, support plans for current jobs and re-engage tasks after a job ended."""
    rng, today = demo.rng, demo.today
    contacts, milestones, plans, tasks = [], [], [], []
    for job in demo.jobs:
        staff = demo.staff[job.program_id]
        helper = rng.choice(staff[Role.COACH]) if rng.random() < 0.75 else job.seeker.specialist
        # Support stops when the job ends or the person steps down from the caseload.
        last = min(job.end_date or today, job.seeker.closed_date or today, today)
        weekly = rng.random() < 0.85
        day = job.start_date
        for week in range(4):
            day = job.start_date + (7 * week + rng.randint(0, 4)) * DAY
            if day > last:
                break
            if weekly or week == 0:
                contacts.append(_support(demo, job, day, helper, early=True))
        while (day := day + rng.randint(10, 28) * DAY) <= last:
            contacts.append(_support(demo, job, day, helper, early=False))
        for days in RETENTION_DAYS:
            due = job.start_date + days * DAY
            if job.seeker.closed_date is None or due <= job.seeker.closed_date:
                answer = _milestone(demo, job, days)
                if answer is not None:
                    milestones.append(answer)
        if job.end_date is None:
            plans.append(
                JobSupportPlan(
                    program_id=job.program_id,
                    job=job,
                    what_helps=rng.choice(cat.SUPPORTS),
                    natural_supports_work="A co-worker who shows them the ropes.",
                    natural_supports_home="Family checks in on work days.",
                    employer_knows="Only that a coach may visit."
                    if job.disclosure != "none"
                    else "",
                    fading_plan="Weekly visits for a month, then every two to four weeks.",
                )
            )
        else:
            tasks.append(
                FollowUpTask(
                    program_id=job.program_id,
                    seeker=job.seeker,
                    job=job,
                    kind=FollowUpTask.Kind.REENGAGE,
                    assigned_to=job.seeker.specialist,
                    created_on=job.end_date,
                    due_date=job.end_date + 3 * DAY,
                    done_on=job.end_date + rng.randint(1, 3) * DAY,
                    note="Met to talk about what was learned and what to look for next.",
                )
            )
    SupportContact.objects.bulk_create(contacts, batch_size=1000)
    RetentionMilestone.objects.bulk_create(milestones)
    JobSupportPlan.objects.bulk_create(plans)
    FollowUpTask.objects.bulk_create(tasks)
    _assign_coaches(demo)


def _assign_coaches(demo: Demo) -> None:
    """Every current job of someone still on the caseload gets a coach as a job start
    does: the program's coach following the fewest people (jobseekers.selectors.
    coach_choices), through coaching.services.open_support_plan, so the demo coach's
    home shows visits due and late checks (red-team finding, issue 17)."""
    for job in demo.jobs:
        if job.end_date is not None or job.seeker.closed_date is not None:
            continue
        choices = coach_choices(job.seeker.program)
        if choices:
            open_support_plan(job=job, coach=choices[0].staff)


def _milestone(demo: Demo, job: Job, days: int) -> RetentionMilestone | None:
    """The answer to a retention check: most past ones answered, a few left unanswered
    for the coach to chase (None: nothing recorded; the check itself is derived)."""
    due = job.start_date + days * DAY
    if job.end_date and job.end_date < due <= demo.today:
        confirmed, still = job.end_date + DAY, False
    elif due <= demo.today - 3 * DAY and demo.rng.random() < 0.9:
        confirmed, still = min(due + demo.rng.randint(0, 3) * DAY, demo.today), True
    else:
        return None
    return RetentionMilestone(
        program_id=job.program_id,
        job=job,
        days=days,
        confirmed_on=confirmed,
        still_employed=still,
    )


def build_time_entries(demo: Demo) -> None:
    """A year of weekday hours for specialists and coaches: mostly employment services,
    mostly in the community (items S2 and V13)."""
    rng = demo.rng
    rows = []
    first = demo.today - 364 * DAY
    workdays = [first + n * DAY for n in range(365) if (first + n * DAY).weekday() < 5]
    for staff in demo.staff.values():
        for member in staff[Role.SPECIALIST] + staff[Role.COACH]:
            for day in workdays:
                if rng.random() < 0.05:  # leave, holidays
                    continue
                community = Decimal(rng.choice((4.0, 4.5, 5.0, 5.0, 5.5, 6.0)))
                office = Decimal("7.5") - community
                for hours, location in ((community, "community"), (office, "office")):
                    rows.append(_entry(member, day, hours, "employment_services", location))
                if rng.random() < 0.2:
                    rows.append(_entry(member, day, Decimal("0.5"), "other", "office"))
    TimeEntry.objects.bulk_create(rows, batch_size=2000)


def _entry(member, day: dt.date, hours: Decimal, activity: str, location: str) -> TimeEntry:
    return TimeEntry(
        program_id=member.program_id,
        staff=member,
        date=day,
        hours=hours,
        activity=activity,
        location=location,
    )


def build_assessments(demo: Demo) -> None:
    """A few strengths-first PSR assessments with goals and steps, and benefits counselling."""
    rng, today = demo.rng, demo.today
    chosen = [s for s in demo.seekers if s.stage in ("job_search", "working") and s.entry_date][::8]
    assessments = [
        DomainAssessment(
            program_id=s.program_id,
            seeker=s,
            date=min(s.entry_date + rng.randint(7, 30) * DAY, today),
            assessed_by=s.specialist,
            satisfaction=rng.randint(3, 5),
            notes="Completed together; the person chose what to work on first.",
        )
        for s in chosen
    ]
    for a in assessments:
        a.next_due = a.date + 180 * DAY
        a.completed_on = a.date  # every domain below has the person's words (issue 24)
    DomainAssessment.objects.bulk_create(assessments)
    ratings, goals = [], []
    for a in assessments:
        for domain in Domain.values:
            ratings.append(
                DomainRating(
                    program_id=a.program_id,
                    assessment=a,
                    domain=domain,
                    strengths=cat.DOMAIN_STRENGTHS[domain],
                    needs="Would like some help here." if rng.random() < 0.3 else "",
                    rating=rng.randint(2, 5),
                )
            )
        for domain, text in rng.sample(cat.GOALS, k=2):
            goals.append(
                Goal(
                    program_id=a.program_id,
                    seeker=a.seeker,
                    assessment=a,
                    domain=domain,
                    description=text,
                    target_date=a.date + rng.randint(60, 150) * DAY,
                    status=rng.choice(("active", "active", "achieved", "partly")),
                )
            )
    DomainRating.objects.bulk_create(ratings)
    Goal.objects.bulk_create(goals)
    steps = []
    for goal in goals:
        for n, text in enumerate(("Talk it over with my specialist", "Take the first step")):
            due = goal.assessment.date + (14 * (n + 1)) * DAY
            done = due if due <= today and rng.random() < 0.7 else None
            steps.append(
                GoalStep(
                    program_id=goal.program_id,
                    goal=goal,
                    description=text,
                    due_date=due,
                    done_on=done,
                )
            )
    GoalStep.objects.bulk_create(steps)
    _build_benefits_counselling(demo)


def _build_benefits_counselling(demo: Demo) -> None:
    rows = []
    for seeker in demo.seekers:
        profile = demo.profiles[seeker.pk]
        if (
            profile.benefits_received
            and seeker.stage in ("job_search", "working", "follow_along")
            and demo.rng.random() < 0.5
        ):
            rows.append(
                BenefitsCounselling(
                    program_id=seeker.program_id,
                    seeker=seeker,
                    date=min(seeker.entry_date + demo.rng.randint(10, 60) * DAY, demo.today),
                    counsellor="Benefits to Work counsellor",
                    notes="Went through how earnings affect benefits; estimate given.",
                )
            )
    BenefitsCounselling.objects.bulk_create(rows)


def build_check_ins(demo: Demo) -> None:
    """Quarterly PSR status check-ins over the last year for about half of the active seekers."""
    from jobseekers.models import StatusCheckIn

    rng, today = demo.rng, demo.today
    rows = []
    active = [s for s in demo.seekers if s.entry_date and s.stage != "closed"][::2]
    for seeker in active:
        housing = rng.choice(("own_or_family",) * 5 + ("supported",) * 3 + ("shelter", "homeless"))
        day = max(seeker.entry_date, today - 365 * DAY) + rng.randint(5, 40) * DAY
        while day <= today:
            if rng.random() < 0.25:  # people move, mostly towards stable homes
                housing = rng.choice(("own_or_family", "supported", "supported", "shelter"))
            rows.append(
                StatusCheckIn(
                    program_id=seeker.program_id,
                    seeker=seeker,
                    date=day,
                    recorded_by=seeker.specialist,
                    housing=housing,
                    education_enrolled=rng.random() < 0.15,
                    justice=rng.choice(("none",) * 12 + ("new_contact",)),
                    inpatient_admissions=(admissions := int(rng.random() < 0.1)),
                    inpatient_days=rng.randint(3, 14) if admissions else 0,
                    er_visits=rng.choice((0, 0, 0, 0, 1, 2)),
                    social_supports=rng.randint(0, 6),
                    quality_of_life=rng.randint(2, 5),
                    service_rating=rng.randint(3, 5),
                )
            )
            day += 91 * DAY
    StatusCheckIn.objects.bulk_create(rows)
