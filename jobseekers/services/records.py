"""The job seeker's record from referral to closing: refer, enter the caseload, move a
stage, close, and correct the record's details."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format

from ips.models import MentalHealthTeam, Program, StaffMember
from ips.versioning import check_version, save_if_unchanged
from jobseekers import stages
from jobseekers.matching.tasks import relocate_and_refresh_on_commit
from jobseekers.models import JobSeeker
from jobseekers.services.common import Actor, _check_same_program, _log, _set_stage, _validate

SEEKER_DETAIL_FIELDS = (
    "ref",
    "name",
    "preferred_name",
    "email",
    "phone",
    "specialist",
    "mh_team",
    "referral_date",
    "referral_source",
    "employed_at_referral",
    "zip",
)


# --- referral, entry, stage, closing -------------------------------------------------


@transaction.atomic
def refer_seeker(
    *,
    program: Program,
    name: str,
    referral_date: dt.date,
    referral_source: str = "",
    mh_team: MentalHealthTeam | None = None,
    specialist: StaffMember | None = None,
    ref: str = "",
    employed_at_referral: bool = False,
    zip_code: str = "",
    email: str = "",
    phone: str = "",
    preferred_name: str = "",
    by: Actor = None,
) -> JobSeeker:
    """Record a referral: a new job seeker at stage "referred" (the referral screen and the
    Job seekers "add" screen); a ZIP given is located after commit. ValidationError (nothing
    saved) for a row of another program or an invalid field."""
    _check_same_program(program, mh_team=mh_team, specialist=specialist)
    seeker = JobSeeker(
        program=program,
        name=name.strip(),
        referral_date=referral_date,
        referral_source=referral_source.strip(),
        mh_team=mh_team,
        specialist=specialist,
        ref=ref.strip(),
        employed_at_referral=employed_at_referral,
        zip=zip_code.strip(),
        email=email.strip(),
        phone=phone.strip(),
        preferred_name=preferred_name.strip(),
        stage=JobSeeker.Stage.REFERRED,
        stage_changed_on=referral_date,
    )
    _validate(seeker)
    seeker.save()
    if seeker.zip:
        relocate_and_refresh_on_commit(seeker.pk)
    _log(seeker, "wagtail.create", by, f"Referred by {referral_source or 'unknown source'}")
    return seeker


@transaction.atomic
def enter_caseload(
    *,
    seeker: JobSeeker,
    entry_date: dt.date,
    specialist: StaffMember | None = None,
    by: Actor = None,
    expected_version: int | None = None,
) -> JobSeeker:
    """Accept a referred person onto the IPS caseload (stage "engaged"). Screens pass
    the seeker's version they were loaded with (StaleCopyError when it moved on)."""
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    check_version(seeker, expected_version)
    _check_same_program(seeker.program, specialist=specialist)
    if seeker.referral_date and entry_date < seeker.referral_date:
        raise ValidationError({"entry_date": "Entry cannot be before the referral date."})
    _set_stage(
        seeker, stages.ENGAGED, entry_date, by, f"Entered the caseload on {date_format(entry_date)}"
    )
    seeker.entry_date = entry_date
    seeker.closed_date = None
    seeker.close_reason = ""
    seeker.close_note = ""
    if specialist is not None:
        seeker.specialist = specialist
    save_if_unchanged(seeker, expected_version=expected_version)
    return seeker


@transaction.atomic
def move_seeker_stage(
    *,
    seeker: JobSeeker,
    stage: str,
    on: dt.date,
    by: Actor = None,
    note: str = "",
    expected_version: int | None = None,
) -> JobSeeker:
    """Move a person between engaged, job search, working and follow-along (StaleCopyError
    when the seeker changed since `expected_version`)."""
    if stage in (stages.CLOSED, stages.REFERRED):
        raise ValidationError({"stage": "Use close or re-refer to close or re-open a record."})
    if stage == stages.WORKING:
        raise ValidationError({"stage": "Record a job start to move someone to working."})
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    check_version(seeker, expected_version)
    if seeker.stage == stages.REFERRED or seeker.entry_date is None:
        raise ValidationError({"stage": "Enter the person onto the caseload first."})
    _set_stage(seeker, stage, on, by, note)
    save_if_unchanged(
        seeker,
        expected_version=expected_version,
        update_fields=["stage", "stage_changed_on", "updated_at"],
    )
    return seeker


@transaction.atomic
def close_seeker(
    *,
    seeker: JobSeeker,
    closed_date: dt.date,
    reason: str,
    note: str = "",
    by: Actor = None,
    expected_version: int | None = None,
) -> JobSeeker:
    """Close a record with one of the IPS reasons (never "not ready"); StaleCopyError when
    the seeker changed since `expected_version`."""
    try:
        stages.check_close_reason(reason)
    except stages.StageError as error:
        raise ValidationError({"close_reason": str(error)}) from error
    if reason == JobSeeker.CloseReason.OTHER and not note.strip():
        raise ValidationError({"close_note": "Say what happened when the reason is other."})
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    check_version(seeker, expected_version)
    if seeker.entry_date and closed_date < seeker.entry_date:
        raise ValidationError({"closed_date": "Closing cannot be before the entry date."})
    if seeker.referral_date and closed_date < seeker.referral_date:
        raise ValidationError({"closed_date": "Closing cannot be before the referral date."})
    _set_stage(seeker, stages.CLOSED, closed_date, by, f"Closed: {reason}")
    seeker.closed_date = closed_date
    seeker.close_reason = reason
    seeker.close_note = note.strip()
    save_if_unchanged(seeker, expected_version=expected_version)
    return seeker


@transaction.atomic
def update_seeker_details(
    *,
    seeker: JobSeeker,
    changes: Mapping[str, Any],
    by: Actor = None,
    expected_version: int | None = None,
) -> JobSeeker:
    """Change a seeker's contact and referral details (the Job seekers edit screen; not the
    stage: use the stage services). A changed ZIP forgets the old coordinates and, after
    commit, locates the person again and refreshes their matches. ValidationError for a
    field that cannot change here; StaleCopyError when the seeker changed since
    `expected_version` (nothing saved either way)."""
    unknown = set(changes) - set(SEEKER_DETAIL_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This detail cannot be changed here."))
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    check_version(seeker, expected_version)
    _check_same_program(
        seeker.program, specialist=changes.get("specialist"), mh_team=changes.get("mh_team")
    )
    moved = "zip" in changes and str(changes["zip"] or "").strip() != seeker.zip
    for name, value in changes.items():
        setattr(seeker, name, value.strip() if isinstance(value, str) else value)
    if moved:  # the old coordinates are wrong even if the new ZIP cannot be located
        seeker.latitude = seeker.longitude = seeker.geocoded_at = None
        seeker.geocode_source = ""
    _validate(seeker)
    save_if_unchanged(seeker, expected_version=expected_version)
    _log(seeker, "wagtail.edit", by, "Details changed: " + ", ".join(sorted(changes)))
    if moved:
        relocate_and_refresh_on_commit(seeker.pk)
    return seeker
