"""Benefits reads: the year's figures, trial work months, wage reports due, benefits
referrals due, the estimate, counselling dates relative to a job start."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch

from jobseekers import benefits
from jobseekers.models import (
    BenefitsParameters,
    CareerProfile,
    Job,
    JobSeeker,
)


def parameters_for(year: int) -> benefits.Parameters | None:
    """The benefits figures of `year` (or of the latest earlier year stored, else the
    earliest), with that year's 1619(b) thresholds by state; None when none are stored.
    Two queries."""
    row = BenefitsParameters.objects.filter(year__lte=year).order_by("-year").first()
    if row is None:
        row = BenefitsParameters.objects.order_by("year").first()
    if row is None:
        return None
    return benefits.Parameters(
        year=row.year,
        sga_non_blind=row.sga_non_blind,
        sga_blind=row.sga_blind,
        trial_work_month_above=row.trial_work_month_above,
        ssi_fbr_individual=row.ssi_fbr_individual,
        ssi_fbr_couple=row.ssi_fbr_couple,
        general_exclusion=row.general_exclusion,
        earned_income_exclusion=row.earned_income_exclusion,
        student_exclusion_monthly=row.student_exclusion_monthly,
        student_exclusion_yearly=row.student_exclusion_yearly,
        medicaid_1619b_thresholds={t.state: t.threshold for t in row.medicaid_thresholds.all()},
    )


def twp_months_from_jobs(seeker: JobSeeker, today: dt.date) -> int | None:
    """SSDI trial work months suggested by the person's recorded jobs (hours x wage,
    prorated by days held), or None when no job has both. Two queries."""
    from jobseekers.benefits.history import twp_months_from_jobs as count

    jobs = [
        (
            job.start_date,
            job.end_date,
            benefits.monthly_earnings(job.hours_per_week, job.hourly_wage),
        )
        for job in Job.objects.filter(seeker=seeker, hours_per_week__isnull=False)
        .exclude(hourly_wage__isnull=True)
        .only("start_date", "end_date", "hours_per_week", "hourly_wage")
        if job.hours_per_week is not None and job.hourly_wage is not None  # for the type
    ]
    if not jobs:
        return None
    amounts = dict(BenefitsParameters.objects.values_list("year", "trial_work_month_above"))
    return count(jobs, amounts, today)


def twp_months_recorded(seeker: JobSeeker) -> int | None:
    """SSDI trial work months used, as last recorded with benefits counselling (the BPQY
    or the planner's count), or None. One query."""
    return (
        seeker.benefits_counselling.filter(twp_months_used__isnull=False)
        .order_by("-date", "-pk")
        .values_list("twp_months_used", flat=True)
        .first()
    )


WAGE_REPORTING_BENEFITS = frozenset({"ssi", "ssdi"})


# How many months back an unreported month of pay stays on the list (older ones are for
# the benefits planner: SSA's own records show them).
WAGE_REPORT_MONTHS_SHOWN = 3


@dataclass(frozen=True)
class WageReportDue:
    """One month of pay a person worked and has not reported to SSA yet."""

    seeker: JobSeeker
    month: dt.date  # the first day of the month of pay
    benefits: tuple[str, ...]  # "SSI", "SSDI"
    report_by: dt.date  # the 10th of the next month (20 CFR 416.714)
    overdue: bool  # `report_by` has passed


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(first: dt.date) -> dt.date:
    return _month_start(first, -1) - dt.timedelta(days=1)


def _ssa_benefits(seeker: JobSeeker) -> tuple[str, ...]:
    received: set[str] = set()
    for profile in seeker.profiles.all():
        received |= WAGE_REPORTING_BENEFITS & set(profile.benefits_received or ())
    return tuple(name.upper() for name in sorted(received))


def wage_reporting_due(user, today: dt.date) -> list[WageReportDue]:
    """Months of pay to report to SSA for the user's own caseload (as specialist): each
    of the last WAGE_REPORT_MONTHS_SHOWN whole months before `today` in which the person
    held a job, got SSI or SSDI (current career profile) and has no WageReport, while
    their record is open (a closed record ends its reminders, as its checks). SSI
    recipients report gross wages monthly, by the 10th of the next month (POMS
    SI 00820.143, SI 02301.005); SSDI beneficiaries report work and pay changes.
    Oldest month first within a person. Five queries (programs, people, their current
    profiles, their jobs, their reports), whatever the caseload."""
    from jobseekers.models import WageReport

    first = _month_start(today, WAGE_REPORT_MONTHS_SHOWN)
    last_end = _month_start(today) - dt.timedelta(days=1)
    seekers = [
        seeker
        for seeker in JobSeeker.objects.for_user(user)
        .filter(specialist__user=user, erased_at__isnull=True, closed_date__isnull=True)
        .filter(Exists(Job.objects.held_between(first, last_end).filter(seeker=OuterRef("pk"))))
        .order_by("name", "pk")
        .prefetch_related(Prefetch("profiles", CareerProfile.objects.filter(is_current=True)))
        if _ssa_benefits(seeker)
    ]
    ids = [seeker.pk for seeker in seekers]
    jobs: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for seeker_id, start, end in Job.objects.filter(seeker_id__in=ids).values_list(
        "seeker_id", "start_date", "end_date"
    ):
        jobs.setdefault(seeker_id, []).append((start, end))
    reported = set(
        WageReport.objects.filter(seeker_id__in=ids, month__gte=first).values_list(
            "seeker_id", "month"
        )
    )
    due = []
    for seeker in seekers:
        for back in range(WAGE_REPORT_MONTHS_SHOWN, 0, -1):
            month = _month_start(today, back)
            end = _month_end(month)
            worked = any(
                start <= end and (stop is None or stop >= month)
                for start, stop in jobs.get(seeker.pk, [])
            )
            if worked and (seeker.pk, month) not in reported:
                report_by = _month_start(month, -1) + dt.timedelta(days=9)
                due.append(
                    WageReportDue(
                        seeker, month, _ssa_benefits(seeker), report_by, report_by < today
                    )
                )
    return due


def benefits_referral_due(user) -> list[JobSeeker]:
    """The user's own open caseload (as specialist) who get SSI or SSDI (current career
    profile) and have no benefits counselling or referral recorded: IPS offers every
    such person work incentives planning before a job starts (IPS Fidelity Scale, item
    "Work incentives planning"). Three queries."""
    seekers = (
        JobSeeker.objects.for_user(user)
        .filter(specialist__user=user, erased_at__isnull=True)
        .exclude(stage=JobSeeker.Stage.CLOSED)
        .filter(benefits_counselling__isnull=True)
        .order_by("name", "pk")
        .prefetch_related(Prefetch("profiles", CareerProfile.objects.filter(is_current=True)))
    )
    return [seeker for seeker in seekers if _ssa_benefits(seeker)]


def benefits_estimate(question: benefits.Question) -> benefits.Estimate:
    """Answer a checked benefits question with its year's stored figures: the one path
    of the benefits screen and `manage.py benefits_estimate`. Raises
    `benefits.InputError` (field "year") when no figures are stored at all."""
    params = parameters_for(question.year)
    if params is None:
        raise benefits.InputError("year", "no benefits figures are stored yet.")
    return benefits.answer(question, params)


def counselling_relative_to_start(day: dt.date, first_start: dt.date | None) -> str:
    """When benefits counselling happened relative to the first job start, in words."""
    if first_start is None:
        return "before any job start"
    days = (first_start - day).days
    if days > 0:
        return f"{days} days before the first job start"
    if days < 0:
        return f"{-days} days after the first job start"
    return "on the day of the first job start"
