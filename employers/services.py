"""Writes of the employer CRM: log a contact, add or merge employers, save openings."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from employers.models import Employer, EmployerContact, EmployerPerson, JobOpening
from employers.selectors import find_duplicate_employers, may_tick
from employers.signals import opening_saved
from ips.domain import CONTACT_MAX_DAYS_AHEAD, contact_date_problem
from ips.idempotency import refuse_replay, save_event
from ips.models import Program, StaffMember
from ips.roles import CASEWORK_ROLES
from ips.versioning import Versioned, bumped, save_if_unchanged


class SeekerRow(Protocol):
    """A job seeker row named by a contact: jobseekers.JobSeeker, a layer above employers,
    so typed by what is read of it here."""

    pk: Any
    program_id: int


MAX_DAYS_AHEAD = CONTACT_MAX_DAYS_AHEAD  # tomorrow at most (ips.domain, issue 17)
MERGE_ACTION = "employers.merge"
NEXT_STEP_DONE_ACTION = "employers.next_step_done"
NEXT_STEP_REOPENED_ACTION = "employers.next_step_reopened"
UNDO_ACTION = "employers.undo_contact"
# How long the quick log offers "Undo" after a save: long enough to notice a wrong tap,
# short enough that nobody has built on the contact yet (issue 17, item 3).
UNDO_MINUTES = 10


class DuplicateEmployerError(ValidationError):
    """Raised when a new employer has the name and ZIP of one already in the program."""

    def __init__(self, duplicates: list[Employer]):
        self.duplicates = duplicates
        names = "; ".join(str(e) for e in duplicates)
        super().__init__(f"This employer may already exist: {names}.", code="duplicate")


def _enqueue_locate(kind: str, pk: int) -> None:
    from employers import tasks

    task = tasks.locate_employer_task if kind == "employer" else tasks.locate_opening_task
    transaction.on_commit(lambda: task.delay(pk))


PLACE_FIELDS = ("address", "zip")


def _place_changed(row: Employer | JobOpening) -> bool:
    """True for a new row or one whose address or ZIP differs from the saved row (one query)."""
    if row.pk is None:
        return True
    saved = type(row)._base_manager.filter(pk=row.pk).values(*PLACE_FIELDS).first()
    return saved is None or any(saved[name] != getattr(row, name) for name in PLACE_FIELDS)


def _forget_location(row: Employer | JobOpening) -> None:
    """Moved: the old coordinates are wrong, even if the new place cannot be located."""
    row.latitude = row.longitude = row.geocoded_at = None
    row.geocode_source = ""


@transaction.atomic
def save_employer(
    *,
    employer: Employer,
    by: StaffMember | None = None,
    expected_version: int | None = None,
) -> Employer:
    """Create or change an employer (the Employers screen and the quick log's new employer).

    A new employer, or one whose address or ZIP changed, loses any old coordinates and is
    located again after commit (`employers.tasks.locate_employer_task`, which calls
    `ips.services.locate`). An edit passes the version it was loaded with: StaleCopyError
    (nothing saved) when another save came first. ValidationError for an invalid row."""
    created = employer.pk is None
    if created and by is not None and employer.created_by_id is None:
        employer.created_by = by
    moved = _place_changed(employer)
    if moved:
        _forget_location(employer)
    employer.full_clean(exclude=["latitude", "longitude", "geocode_source", "geocoded_at"])
    if expected_version is None:
        employer.save()
    else:
        save_if_unchanged(employer, expected_version=expected_version)
    # The employer's history (Wagtail's log, as its own create/edit actions would write).
    log(employer, "wagtail.create" if created else "wagtail.edit", user=by.user if by else None)
    if moved:
        _enqueue_locate("employer", employer.pk)
    return employer


@transaction.atomic
def create_employer(
    *,
    program: Program,
    name: str,
    zip: str = "",
    created_by: StaffMember | None = None,
    allow_duplicate: bool = False,
    **fields: str,
) -> Employer:
    """Add an employer; refuse a duplicate (same name and ZIP) unless confirmed as different.
    Raises DuplicateEmployerError naming the likely duplicates; located like `save_employer`."""
    name, zip = name.strip(), zip.strip()
    if not name:
        raise ValidationError("An employer needs a name.", code="required")
    if not allow_duplicate:
        duplicates = find_duplicate_employers(program, name, zip)
        if duplicates:
            raise DuplicateEmployerError(duplicates)
    employer = Employer(program=program, name=name, zip=zip, **fields)
    return save_employer(employer=employer, by=created_by)


def check_contact(
    *,
    specialist: StaffMember,
    employer: Employer,
    date: dt.date,
    seekers: Iterable[SeekerRow] = (),
    next_step_due: dt.date | None = None,
    today: dt.date | None = None,
) -> None:
    """Refuse a contact dated beyond tomorrow, or naming rows of another program."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    problem = contact_date_problem(date, today)
    if problem:
        errors["date"] = [problem]
    if specialist.role not in CASEWORK_ROLES or not specialist.active:
        errors["specialist"] = [
            "Only specialists, supervisors and directors log employer contacts."
        ]
    if employer.program_id != specialist.program_id:
        errors["employer"] = ["This employer belongs to another program."]
    if any(s.program_id != specialist.program_id for s in seekers):
        errors["seekers"] = ["A job seeker named here belongs to another program."]
    if next_step_due and next_step_due < date:
        errors["next_step_due"] = ["The next step cannot be due before the contact."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def log_employer_contact(
    *,
    specialist: StaffMember,
    employer: Employer,
    date: dt.date,
    mode: str = EmployerContact.Mode.FACE_TO_FACE,
    client_present: bool = False,
    seekers: Iterable[SeekerRow] = (),
    purpose: str = "",
    notes: str = "",
    next_step: str = "",
    next_step_due: dt.date | None = None,
    next_step_done: bool = False,
    person: EmployerPerson | None = None,
    today: dt.date | None = None,
    idempotency_key: uuid.UUID | None = None,
    allow_duplicate: bool = False,
) -> EmployerContact:
    """Record one entry of the job-development log, with the job seekers it was for.

    Once per `idempotency_key` (the form's submission key): AlreadyRecorded carrying the
    first contact when the key is stored; LikelyDuplicate when the specialist logged the
    same employer, day and way minutes ago, unless `allow_duplicate` (ips.idempotency).
    ValidationError by field for anything else refused; nothing is written then."""
    refuse_replay(EmployerContact, program_id=specialist.program_id, key=idempotency_key)
    seekers = list(seekers)
    check_contact(
        specialist=specialist,
        employer=employer,
        date=date,
        seekers=seekers,
        next_step_due=next_step_due,
        today=today,
    )
    if person is not None and person.employer_id != employer.pk:
        raise ValidationError({"person": ["This person works at another employer."]})
    contact = EmployerContact(
        program_id=specialist.program_id,
        specialist=specialist,
        employer=employer,
        date=date,
        mode=mode,
        client_present=client_present,
        purpose=purpose,
        notes=notes,
        next_step=next_step,
        next_step_due=next_step_due,
        next_step_done=next_step_done,
        person=person,
        idempotency_key=idempotency_key,
    )
    save_event(contact, allow_duplicate=allow_duplicate)
    if seekers:
        contact.seekers.set([s.pk for s in seekers])
    return contact


@transaction.atomic
def complete_next_step(*, contact: EmployerContact, by) -> EmployerContact:
    """Tick off a contact's next step ("Done" on the home and My week).

    `by` is the user: the contact's own specialist, or a supervisor or director of its
    program. ValidationError (nothing written) when the contact has no next step, it is
    already done, or `by` may not; the row's version is raised (open edit forms go stale)
    and the employer contact's history records who ticked it."""
    if not contact.next_step:
        _check_may_tick(contact, by)
        raise ValidationError("This contact has no next step to tick off.")
    return _set_next_step_done(contact, by, done=True)


def _check_may_tick(contact: EmployerContact, by) -> None:
    if not may_tick(contact, by):
        raise ValidationError(
            "Only the specialist who logged this contact, or their "
            "supervisor or director, can tick off its next step."
        )


def _set_next_step_done(contact: EmployerContact, by, *, done: bool) -> EmployerContact:
    """Tick (`done`) or untick the step once, for a user who may; version raised, logged."""
    _check_may_tick(contact, by)
    updated = EmployerContact.objects.filter(pk=contact.pk, next_step_done=not done).update(
        **bumped(next_step_done=done)
    )
    if not updated:
        raise ValidationError(
            "This next step is already done." if done else "This next step is not ticked off."
        )
    contact.refresh_from_db()
    log(contact, NEXT_STEP_DONE_ACTION if done else NEXT_STEP_REOPENED_ACTION, user=by)
    return contact


@transaction.atomic
def reopen_next_step(*, contact: EmployerContact, by) -> EmployerContact:
    """Undo a "Done" ticked by mistake: the next step is on the lists again, with its
    due date (the "Undo" shown after Done on the home and My week, issue 17).

    `by` as for complete_next_step. ValidationError (nothing written) when `by` may not
    or the step is not ticked off; the row's version is raised and the employer
    contact's history records who took the tick back."""
    return _set_next_step_done(contact, by, done=False)


def may_undo(contact: EmployerContact, user, *, now: dt.datetime | None = None) -> bool:
    """True while `user`, who logged `contact`, may still take it back (UNDO_MINUTES)."""
    now = now or timezone.now()
    return contact.specialist.user_id == user.pk and now - contact.created_at <= dt.timedelta(
        minutes=UNDO_MINUTES
    )


@transaction.atomic
def undo_employer_contact(*, contact: EmployerContact, by, now: dt.datetime | None = None) -> None:
    """Take back a contact just logged by mistake: its own specialist only, within
    UNDO_MINUTES of saving it. The row and its job-seeker links are deleted; the employer's
    history keeps who undid what (action `employers.undo_contact`, with the contact's
    date, way and job seekers). An employer added by that same quick log stays.
    ValidationError (nothing deleted) for anyone else, after the time is up, or once an
    opening was recorded as learned at this contact (the contact is then built on)."""
    if contact.specialist.user_id != by.pk:
        raise ValidationError("Only the specialist who logged this contact can undo it.")
    if not may_undo(contact, by, now=now):
        raise ValidationError(
            f"A contact can be undone for {UNDO_MINUTES} minutes after saving it; "
            "this one is older. Ask your supervisor to correct it."
        )
    if contact.openings.exists():
        raise ValidationError(
            "An opening was recorded from this contact, so it cannot be undone; "
            "correct the contact instead."
        )
    summary = {
        "contact": contact.pk,
        "date": contact.date.isoformat(),
        "mode": contact.mode,
        "seekers": sorted(contact.seekers.values_list("pk", flat=True)),
    }
    log(contact.employer, UNDO_ACTION, user=by, data=summary)
    contact.delete()


def _status_dates(opening: JobOpening, today: dt.date) -> None:
    if opening.status == JobOpening.Status.OPEN:
        opening.closed_on = None
        opening.posted_on = opening.posted_on or today
    elif opening.closed_on is None:
        opening.closed_on = max(today, opening.posted_on or today)


@transaction.atomic
def save_opening(
    *,
    opening: JobOpening,
    by: StaffMember | None = None,
    relocate: bool = True,
    expected_version: int | None = None,
) -> JobOpening:
    """Create or change an opening: status dates, geocoding on commit (old coordinates
    forgotten when its address or ZIP changed), then `employers.signals.opening_saved`
    (the recommender refreshes matches after commit). An edit passes the version it was
    loaded with: StaleCopyError (nothing saved) if another save came first."""
    if opening.employer.program_id != opening.program_id:
        raise ValidationError({"employer": ["This employer belongs to another program."]})
    if opening.source_contact and opening.source_contact.employer_id != opening.employer_id:
        raise ValidationError({"source_contact": ["That contact was with another employer."]})
    created = opening.pk is None
    if created and by is not None:
        opening.created_by = by
    _status_dates(opening, timezone.localdate())
    if relocate and _place_changed(opening):
        _forget_location(opening)
    opening.full_clean(exclude=["latitude", "longitude", "geocode_source", "geocoded_at"])
    if expected_version is None:
        opening.save()
    else:
        save_if_unchanged(opening, expected_version=expected_version)
    log(opening, "wagtail.create" if created else "wagtail.edit", user=by.user if by else None)
    if relocate:
        _enqueue_locate("opening", opening.pk)
    opening_saved.send(sender=JobOpening, opening=opening)
    return opening


def mark_opening_filled(*, opening: JobOpening, by: StaffMember | None = None) -> JobOpening:
    """A job start filled this opening (jobseekers.services.record_job_start): status
    "filled", so it is no longer public or recommended (matches refresh on
    `opening_saved`). Through save_opening; no re-geocoding."""
    opening.status = JobOpening.Status.FILLED
    return save_opening(opening=opening, by=by, relocate=False)


_FILL_FROM_DUPLICATE = ("ref", "industry", "address", "zip", "phone", "website")


def _employer_relations():
    """Every relation pointing at Employer (FKs and M2Ms, hidden ones included); an M2M's
    auto-created through table is reached through its M2M, not as a foreign key."""
    return [
        rel
        for rel in Employer._meta.get_fields(include_hidden=True)
        if rel.auto_created
        and not rel.concrete
        and (rel.many_to_many or (rel.one_to_many and not rel.related_model._meta.auto_created))
    ]


def _move_m2m(rel, keep: Employer, duplicate: Employer) -> int:
    through = rel.through
    ours = next(f for f in through._meta.fields if f.related_model is Employer)
    other = next(
        f for f in through._meta.fields if f.is_relation and f.name != ours.name and f.many_to_one
    )
    already = through.objects.filter(**{ours.name: keep}).values(other.attname)
    through.objects.filter(**{ours.name: duplicate, f"{other.attname}__in": already}).delete()
    return through.objects.filter(**{ours.name: duplicate}).update(**{ours.name: keep})


@transaction.atomic
def merge_employers(*, keep: Employer, duplicate: Employer, by) -> dict[str, int]:
    """Move every row of `duplicate` onto `keep`, fill keep's blanks, delete the duplicate."""
    if keep.pk == duplicate.pk:
        raise ValidationError("Pick two different employers to merge.")
    if keep.program_id != duplicate.program_id:
        raise ValidationError("Only employers of the same program can be merged.")
    keep = Employer.objects.select_for_update().get(pk=keep.pk)
    duplicate = Employer.objects.select_for_update().get(pk=duplicate.pk)
    moved_openings = list(duplicate.openings.values_list("id", flat=True))
    moved: dict[str, int] = {}
    for rel in _employer_relations():
        label = rel.related_model._meta.label_lower
        if rel.many_to_many:
            moved[label] = _move_m2m(rel, keep, duplicate)
        else:
            values = {rel.field.name: keep}
            if issubclass(rel.related_model, Versioned):
                values = bumped(**values)  # forms open on a moved row are now stale
            moved[label] = rel.related_model._base_manager.filter(
                **{rel.field.name: duplicate}
            ).update(**values)
    for name in _FILL_FROM_DUPLICATE:
        if not getattr(keep, name) and getattr(duplicate, name):
            setattr(keep, name, getattr(duplicate, name))
    if duplicate.notes:
        keep.notes = f"{keep.notes}\n\n{duplicate.notes}".strip()
    summary = {"name": duplicate.name, "zip": duplicate.zip, "id": duplicate.pk, "moved": moved}
    duplicate.delete()
    save_employer(employer=keep)  # a ZIP or address filled from the duplicate is located
    log(keep, MERGE_ACTION, user=by, data=summary)
    for opening in JobOpening.objects.filter(id__in=moved_openings):
        opening_saved.send(sender=JobOpening, opening=opening)
    return moved
