"""The career profile (the IPS vocational profile): every update adds a version and keeps
the earlier one; the work history inside it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from employers.models import Employer
from ips.models import Occupation, Program
from ips.versioning import StaleCopyError
from jobseekers.matching.tasks import relocate_and_refresh_on_commit
from jobseekers.models import CareerProfile, JobSeeker
from jobseekers.profile_fields import PROFILE_FIELDS, PROFILE_M2M_FIELDS
from jobseekers.services.common import Actor, _log, _staff_of, _validate

WORK_HISTORY_KEYS = ("employer", "title", "start", "end", "went_well", "was_hard", "why_ended")


# --- career profile -------------------------------------------------------------------


def clean_work_history(entries: Any) -> list[dict[str, str]]:
    """Work-history entries as plain dicts of the known keys (text values)."""
    if not isinstance(entries, list):
        raise ValidationError({"work_history": "Work history is a list of jobs."})
    cleaned = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            raise ValidationError({"work_history": "Each job in the work history is a record."})
        unknown = set(entry) - set(WORK_HISTORY_KEYS)
        if unknown:
            raise ValidationError(
                {"work_history": f"Unknown work-history detail: {sorted(unknown)[0]}."}
            )
        row = {key: str(entry.get(key) or "").strip() for key in WORK_HISTORY_KEYS}
        if not (row["employer"] or row["title"]):
            raise ValidationError({"work_history": "Give at least the employer or the job title."})
        cleaned.append(row)
    return cleaned


def _resolve_m2m(name: str, values: Iterable[Any], program: Program) -> list:
    model = Employer if name == "ruled_out_employers" else Occupation
    keys = [getattr(v, "pk", v) for v in values]
    found = {row.pk: row for row in model.objects.filter(pk__in=keys)}
    missing = [k for k in keys if k not in found]
    if missing:
        raise ValidationError({name: f"Unknown choice: {missing[0]}."})
    if any(isinstance(e, Employer) and e.program_id != program.pk for e in found.values()):
        raise ValidationError({name: "This belongs to another program."})
    return [found[k] for k in keys]


def career_profile_unchanged(current: CareerProfile | None, changes: Mapping[str, Any]) -> bool:
    """True when every value in `changes` (the shapes `update_career_profile` takes: column
    values, lists of occupation codes or employer ids, or rows) equals the current version's
    (strings compared stripped, numbers as Decimal, lists of choices as sets). With no
    current version nothing is "unchanged". Pure apart from reading the current M2M rows."""
    if current is None:
        return False
    for name, value in changes.items():
        if name in PROFILE_M2M_FIELDS:
            now = {row.pk for row in getattr(current, name).all()}
            if {getattr(v, "pk", v) for v in value or []} != now:
                return False
            continue
        old = getattr(current, name)
        if isinstance(value, str):
            value = value.strip()
        if isinstance(old, Decimal | int | float) and isinstance(value, Decimal | int | float):
            if Decimal(str(old)) != Decimal(str(value)):
                return False
        elif isinstance(old, list) and isinstance(value, list | tuple):
            if sorted(map(str, old)) != sorted(map(str, value)):
                return False
        elif (old if old is not None else "") != (value if value is not None else ""):
            return False
    return True


@transaction.atomic
def confirm_career_profile(*, seeker: JobSeeker, by: Actor) -> None:
    """The person (by=None) or their staff looked at the profile and left it as it is: no
    new version; a pending "please check your profile" request is answered and logged."""
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    if seeker.profile_update_requested_on is not None:
        seeker.profile_update_requested_on = None
        seeker.save(update_fields=["profile_update_requested_on", "updated_at"])
        _log(seeker, "wagtail.edit", by, "Career profile checked, nothing changed")


@transaction.atomic
def update_career_profile(
    *, seeker: JobSeeker, changes: dict, by: Actor, expected_version: int | None = None
) -> CareerProfile:
    """Save a new current version of the career profile with `changes` applied; the
    earlier version is kept. `by` is the acting user, or None for the person's own change.
    A screen passes the profile version it showed (0: none yet): StaleCopyError when
    that is no longer the current one. After commit the person's home is located again
    and their matches refreshed (jobseekers.matching.tasks)."""
    unknown = set(changes) - set(PROFILE_FIELDS) - set(PROFILE_M2M_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This is not part of the career profile."))
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    current = seeker.profiles.filter(is_current=True).first()
    if expected_version is not None and expected_version != (current.version if current else 0):
        raise StaleCopyError
    profile = CareerProfile(program_id=seeker.program_id, seeker=seeker)
    if current is not None:
        for name in PROFILE_FIELDS:
            setattr(profile, name, getattr(current, name))
        profile.version = current.version + 1
    m2m = {
        name: list(getattr(current, name).all()) if current is not None else []
        for name in PROFILE_M2M_FIELDS
    }
    for name, value in changes.items():
        if name in PROFILE_M2M_FIELDS:
            m2m[name] = _resolve_m2m(name, value or [], seeker.program)
        elif name == "work_history":
            profile.work_history = clean_work_history(value)
        else:
            setattr(profile, name, value.strip() if isinstance(value, str) else value)
    profile.created_by = _staff_of(by, seeker.program)
    low, high = profile.min_hours_per_week, profile.max_hours_per_week
    if low is not None and high is not None and Decimal(high) < Decimal(low):
        raise ValidationError(
            {"max_hours_per_week": "The most hours a week cannot be fewer than the least."}
        )
    # A home ZIP kept from the earlier version is not judged again: one stored before
    # the field was checked must not block every later change (the person's own included).
    kept = () if "home_zip" in changes else ("home_zip",)
    _validate(profile, exclude=("seeker", "program", "is_current", "version", *kept))
    # One conditional UPDATE: 0 rows means another save superseded this version first.
    if current is not None and not (
        CareerProfile.objects.filter(pk=current.pk, is_current=True).update(is_current=False)
    ):
        raise StaleCopyError
    profile.is_current = True
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as error:  # a first or next version saved by someone else first
        raise StaleCopyError from error
    for name, rows in m2m.items():
        getattr(profile, name).set(rows)
    if seeker.profile_update_requested_on is not None:
        seeker.profile_update_requested_on = None
        seeker.save(update_fields=["profile_update_requested_on", "updated_at"])
    _log(seeker, "wagtail.edit", by, f"Career profile version {profile.version}")
    relocate_and_refresh_on_commit(seeker.pk)  # the home may have moved; matches follow
    return profile


@transaction.atomic
def add_work_history_entry(
    *, seeker: JobSeeker, entry: Mapping[str, Any], by: Actor
) -> CareerProfile:
    """Add one earlier job to the work history (a new profile version)."""
    # Read the history under the seeker's lock: two additions at once both stay.
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    current = seeker.profiles.filter(is_current=True).first()
    history = list(current.work_history) if current is not None else []
    return update_career_profile(
        seeker=seeker, changes={"work_history": [*history, dict(entry)]}, by=by
    )
