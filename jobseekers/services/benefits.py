"""Benefits counselling (and referrals to a WIPA/CWIC planner) and the monthly wages
reported to SSA. The work-incentives arithmetic is `jobseekers.benefits`."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from jobseekers.models import BenefitsCounselling, Job, JobSeeker, WageReport
from jobseekers.services.common import Actor, _log, _staff_of, _validate

# --- benefits counselling -------------------------------------------------------------


@transaction.atomic
def log_benefits_counselling(
    *,
    seeker: JobSeeker,
    date: dt.date,
    by: Actor,
    counsellor: str = "",
    notes: str = "",
    planner: str = "",
    outcome: str = "",
    bpqy_received_on: dt.date | None = None,
    twp_months_used: int | None = None,
) -> BenefitsCounselling:
    """Record a referral to a certified benefits planner (WIPA/CWIC) or counselling that
    happened: its date, outcome, the BPQY's arrival and SSDI trial work months used so
    far (0-9). Raises ValidationError naming the field on bad values (a date or BPQY
    arrival after today), or when the same record is stored already (a form sent twice);
    writes nothing then."""
    row = BenefitsCounselling(
        program_id=seeker.program_id,
        seeker=seeker,
        date=date,
        counsellor=counsellor.strip(),
        notes=notes.strip(),
        planner=planner,
        outcome=outcome,
        bpqy_received_on=bpqy_received_on,
        twp_months_used=twp_months_used,
    )
    _validate(row, exclude=("seeker", "program"))
    today = timezone.localdate()
    errors = {}
    if date > today:
        errors["date"] = "The date is in the future. Record a referral or meeting once made."
    if bpqy_received_on is not None and bpqy_received_on > today:
        errors["bpqy_received_on"] = "The BPQY cannot have come back after today."
    if errors:
        raise ValidationError(errors)
    same = {
        "date": date,
        "planner": planner,
        "outcome": outcome,
        "counsellor": row.counsellor,
        "bpqy_received_on": bpqy_received_on,
        "twp_months_used": twp_months_used,
        "notes": row.notes,
    }
    if seeker.benefits_counselling.filter(**same).exists():  # a form sent twice
        raise ValidationError(
            "This benefits counselling is recorded already (same date, planner, outcome and "
            "notes): nothing new was saved."
        )
    row.save()
    _log(seeker, "wagtail.edit", by, f"Benefits counselling on {date_format(date)}")
    return row


@transaction.atomic
def record_wage_report(
    *,
    seeker: JobSeeker,
    month: dt.date,
    reported_on: dt.date,
    by: Actor,
    how: str = "",
    today: dt.date | None = None,
) -> WageReport:
    """Record that the pay of `month` (any day of it; stored as its first day) was
    reported to SSA on `reported_on` (SSI monthly wage reporting, POMS SI 00820.143).
    ValidationError naming the field, nothing written, when the month has not ended yet,
    the report is dated before the month ended or in the future, the person held no job
    that month, `how` is unknown, or the month is recorded already."""
    today = today or timezone.localdate()
    first = month.replace(day=1)
    next_first = (first + dt.timedelta(days=32)).replace(day=1)
    last_day = next_first - dt.timedelta(days=1)
    errors: dict[str, str] = {}
    if next_first > today:
        errors["month"] = f"{first:%B %Y} has not ended yet: its pay is reported after it ends."
    elif not Job.objects.filter(seeker=seeker).held_between(first, last_day).exists():
        errors["month"] = f"{seeker.name} held no job in {first:%B %Y}: there is no pay to report."
    if reported_on > today:
        errors["reported_on"] = "The date is in the future. Record the report after it is made."
    elif reported_on < last_day:
        errors["reported_on"] = f"The report cannot be made before {first:%B %Y} ends."
    if how and how not in WageReport.How.values:
        errors["how"] = f"Unknown way of reporting {how!r}."
    if errors:
        raise ValidationError(errors)
    if WageReport.objects.filter(seeker=seeker, month=first).exists():
        raise ValidationError({"month": f"{first:%B %Y} is recorded as reported already."})
    report = WageReport.objects.create(
        program_id=seeker.program_id,
        seeker=seeker,
        month=first,
        reported_on=reported_on,
        how=how,
        recorded_by=_staff_of(by, seeker.program),
    )
    _log(seeker, "wagtail.edit", by, f"Pay for {first:%B %Y} reported to SSA on {reported_on}")
    return report
