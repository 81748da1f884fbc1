"""Writes for job seekers: referral to closing, the career profile, PSR assessments and
goals, benefits counselling, job starts and ends.

Every service is keyword-only, validates its input and raises
`django.core.exceptions.ValidationError` with a plain message keyed by field, so a
form, a command or an importer can report it; nothing is written when it raises.
`by` is the acting user (None for an import or the person's own portal change).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.log_actions import log

from employers.models import Employer, JobOpening
from employers.services import mark_opening_filled
from ips.idempotency import refuse_replay, save_event
from ips.models import MentalHealthTeam, Occupation, Program, StaffMember
from ips.roles import Role
from ips.versioning import StaleCopyError, check_version, save_if_unchanged
from jobseekers import stages
from jobseekers.matching.tasks import relocate_and_refresh_on_commit
from jobseekers.models import (
    BasicNeed,
    BenefitsCounselling,
    CareerProfile,
    CoordinationContact,
    CulturalPreference,
    Domain,
    DomainAssessment,
    DomainRating,
    FamilyConsent,
    Goal,
    GoalReview,
    GoalStep,
    InterestWithdrawal,
    Intervention,
    InterventionReview,
    Job,
    JobSeeker,
    MatchOutcome,
    WageReport,
)
from jobseekers.profile_fields import PROFILE_FIELDS, PROFILE_M2M_FIELDS
from jobseekers.signals import job_ended, job_started

# The acting user: staff in a view, None for an import or the person's own portal change.
Actor = Any

REASSESSMENT_DAYS = 90

WORK_HISTORY_KEYS = ("employer", "title", "start", "end", "went_well", "was_hard", "why_ended")
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


def _staff_of(user: Actor, program: Program) -> StaffMember | None:
    """The acting user's staff row in `program` (None for imports and the portal)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return StaffMember.objects.filter(user=user, program=program, active=True).first()


def _log(instance: Any, action: str, by: Actor, note: str) -> None:
    log(instance=instance, action=action, user=by, data={"note": note})


def _check_same_program(program: Program, **rows: Any) -> None:
    errors = {
        name: "This belongs to another program."
        for name, row in rows.items()
        if row is not None and getattr(row, "program_id", program.pk) != program.pk
    }
    if errors:
        raise ValidationError(errors)


def _validate(instance, exclude: Iterable[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude), validate_unique=True)


def _set_stage(seeker: JobSeeker, target: str, on: dt.date, by: Actor, note: str = "") -> None:
    try:
        stages.check_move(seeker.stage, target)
    except stages.StageError as error:
        raise ValidationError({"stage": str(error)}) from error
    before = seeker.stage
    seeker.stage = target
    seeker.stage_changed_on = on
    _log(seeker, "wagtail.edit", by, note or f"Stage {before} -> {target}")


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
    if model is Employer and any(e.program_id != program.pk for e in found.values()):
        raise ValidationError({name: "This belongs to another program."})
    return [found[k] for k in keys]


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
    _validate(profile, exclude=("seeker", "program", "is_current", "version"))
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


# --- PSR assessment and goals ---------------------------------------------------------


def _domain_rows(
    seeker: JobSeeker, assessment: DomainAssessment, domains: Mapping[str, Mapping[str, Any]]
) -> list[DomainRating]:
    """One DomainRating per domain given, validated; refuses words in a domain the person
    chose not to discuss (the constraint `domain_not_discussed_keeps_no_words`)."""
    rows = []
    for domain, values in domains.items():
        words = {name: (values.get(name) or "").strip() for name in DomainRating.WORD_FIELDS}
        row = DomainRating(
            program_id=seeker.program_id,
            assessment=assessment,
            domain=domain,
            not_discussed=bool(values.get("not_discussed")),
            rating=values.get("rating"),
            **words,
        )
        if row.not_discussed and (row.has_words or row.rating is not None):
            label = Domain(domain).label
            raise ValidationError(
                {"domains": f"{label}: the person chose not to discuss it, so leave it empty."}
            )
        _validate(row, exclude=("assessment", "program"))
        rows.append(row)
    return rows


@transaction.atomic
def record_assessment(
    *,
    seeker: JobSeeker,
    date: dt.date,
    domains: Mapping[str, Mapping[str, Any]],
    by: Actor,
    satisfaction: int | None = None,
    goal_attainment: Mapping[int, int] | None = None,
    notes: str = "",
    next_due: dt.date | None = None,
    complete: bool = False,
    assessment: DomainAssessment | None = None,
    expected_version: int | None = None,
    intervention_reviews: Mapping[int, Mapping[str, str]] | None = None,
    basic_needs: Mapping[str, Mapping[str, Any]] | None = None,
) -> DomainAssessment:
    """Record a PSR domain assessment, or continue an incomplete one (`assessment`).

    `domains` maps a `Domain` value to {strengths, needs, setting, barriers, supports,
    current_skills, skills_to_build: text in the person's words; rating: 1-5 or None;
    not_discussed: bool}. At a re-assessment also each goal's attainment (-2..+2, goal
    attainment scaling), the person's satisfaction (1-5) and each active intervention's
    review (`intervention_reviews`: {intervention id: {decision: continue|change|stop,
    person_view, change}}, see `_review_interventions`) and the basic-needs check
    (`basic_needs`: {BasicNeed.Need value: {met: bool, referral: text}}, see
    `_check_basic_needs`). `complete=True` marks it
    complete on `date`; refused (ValidationError naming the domains) unless each of the
    eleven domains is assessed or marked "person chose not to discuss" (PSR practice
    parameters: the assessment covers strengths, setting and skills across all domains).
    A completed assessment is not changed again; continuing one checks `expected_version`
    (StaleCopyError when someone saved it since). Re-assessment is due after
    REASSESSMENT_DAYS (90 days) unless `next_due` is given. Nothing is written on error."""
    unknown = set(domains) - set(Domain.values)
    if unknown:
        raise ValidationError({"domains": f"Unknown domain: {sorted(unknown)[0]}."})
    if not any(
        any((v.get(name) or "").strip() for name in DomainRating.WORD_FIELDS)
        or v.get("not_discussed")
        for v in domains.values()
    ):
        raise ValidationError({"domains": "Write the person's words for at least one domain."})
    if assessment is None:
        assessment = DomainAssessment(program_id=seeker.program_id, seeker=seeker)
    elif assessment.seeker_id != seeker.pk:
        raise ValidationError({"assessment": "This assessment is not this person's."})
    elif assessment.completed_on is not None:
        raise ValidationError(
            {"assessment": f"This assessment was completed on {assessment.completed_on}."}
        )
    assessment.date = date
    assessment.assessed_by = _staff_of(by, seeker.program) or assessment.assessed_by
    assessment.satisfaction = satisfaction
    assessment.notes = notes.strip()
    assessment.next_due = next_due or date + dt.timedelta(days=REASSESSMENT_DAYS)
    _validate(assessment, exclude=("seeker", "program"))
    if assessment.pk is None:
        assessment.save()
    else:
        save_if_unchanged(assessment, expected_version=expected_version)
    ratings = _domain_rows(seeker, assessment, domains)
    assessment.ratings.all().delete()
    DomainRating.objects.bulk_create(ratings)
    getattr(assessment, "_prefetched_objects_cache", {}).pop("ratings", None)
    if complete:
        missing = assessment.uncovered_domain_labels()
        if missing:
            raise ValidationError(
                {
                    "complete": "Not complete yet. Assess these domains or mark them "
                    f"'person chose not to discuss': {', '.join(missing)}."
                }
            )
        assessment.completed_on = date
        assessment.save(update_fields=["completed_on"])
    assessment.goal_reviews.all().delete()
    if goal_attainment:
        goals = {g.pk: g for g in seeker.goals.filter(pk__in=list(goal_attainment))}
        if len(goals) != len(goal_attainment):
            raise ValidationError({"goal_attainment": "A goal is not this person's."})
        if any(v not in GoalReview.Attainment.values for v in goal_attainment.values()):
            raise ValidationError({"goal_attainment": "Attainment runs from -2 to +2."})
        GoalReview.objects.bulk_create(
            GoalReview(
                program_id=seeker.program_id, assessment=assessment, goal=goals[pk], attainment=v
            )
            for pk, v in goal_attainment.items()
        )
    _review_interventions(seeker, assessment, intervention_reviews or {})
    _check_basic_needs(seeker, assessment, basic_needs or {})
    _log(seeker, "wagtail.edit", by, f"PSR assessment on {date_format(date)}")
    return assessment


def _check_basic_needs(
    seeker: JobSeeker, assessment: DomainAssessment, needs: Mapping[str, Mapping[str, Any]]
) -> None:
    """The basic-needs check of an assessment (intake or re-assessment): housing,
    finances, food, clothing and transportation, each met or not; a need not met names
    the referral made, or that the person declined one (PSR practice parameters: services
    meet basic needs; constraint `basic_need_unmet_has_referral`)."""
    assessment.basic_needs.all().delete()
    unknown = set(needs) - set(BasicNeed.Need.values)
    if unknown:
        raise ValidationError({"basic_needs": f"Unknown basic need: {sorted(unknown)[0]}."})
    rows = []
    for need, values in needs.items():
        row = BasicNeed(
            program_id=seeker.program_id,
            assessment=assessment,
            need=need,
            met=bool(values.get("met")),
            referral=(values.get("referral") or "").strip(),
        )
        if not row.met and not row.referral:
            raise ValidationError(
                {
                    "basic_needs": f"{row.get_need_display()} is not met: say where the "
                    "person was referred, or that they declined a referral."
                }
            )
        _validate(row, exclude=("assessment", "program"))
        rows.append(row)
    BasicNeed.objects.bulk_create(rows)


def _review_interventions(
    seeker: JobSeeker, assessment: DomainAssessment, reviews: Mapping[int, Mapping[str, str]]
) -> None:
    """Record each intervention's review at this assessment (PSR practice parameters:
    interventions are re-evaluated routinely). The decisions take effect when the
    assessment is completed: "stop" ends the intervention on the assessment's date;
    "continue" and "change" move its review date to the next re-assessment. A draft keeps
    the reviews (and the person's view) without changing the plan, so continuing it can
    change a decision. Only this person's running interventions are reviewed."""
    assessment.intervention_reviews.all().delete()
    if not reviews:
        return
    running = {
        i.pk: i for i in seeker.interventions.filter(pk__in=list(reviews), stopped_on__isnull=True)
    }
    if len(running) != len(reviews):
        raise ValidationError(
            {"intervention_reviews": "An intervention is not this person's or has already stopped."}
        )
    rows = []
    for pk, values in reviews.items():
        row = InterventionReview(
            program_id=seeker.program_id,
            assessment=assessment,
            intervention=running[pk],
            decision=values.get("decision") or "",
            person_view=(values.get("person_view") or "").strip(),
            change=(values.get("change") or "").strip(),
        )
        if row.decision == InterventionReview.Decision.CHANGE and not row.change:
            raise ValidationError({"intervention_reviews": f"{running[pk]}: say what changes."})
        _validate(row, exclude=("assessment", "intervention", "program"))
        rows.append(row)
        if assessment.completed_on is None:
            continue  # a draft: the plan changes when the assessment is completed
        intervention = running[pk]
        if row.decision == InterventionReview.Decision.STOP:
            intervention.stopped_on = max(assessment.date, intervention.started_on)
        else:
            intervention.review_date = max(assessment.next_due, intervention.started_on)
        intervention.save(update_fields=["stopped_on", "review_date"])
    InterventionReview.objects.bulk_create(rows)


@transaction.atomic
def add_intervention(
    *,
    goal: Goal,
    kind: str,
    provider: str,
    place: str,
    frequency: str,
    started_on: dt.date,
    by: Actor,
    review_date: dt.date | None = None,
    details: str = "",
) -> Intervention:
    """Add a PSR intervention to the person's plan, serving `goal`: `kind` from
    Intervention.Kind (the PSR practice parameters' short list), who provides it, where
    (Intervention.Place), how often (words, e.g. "weekly"), from `started_on`, reviewed on
    `review_date` (default: the person's next re-assessment, else REASSESSMENT_DAYS after
    the start). Refused for a goal no longer worked on."""
    if goal.status != Goal.Status.ACTIVE:
        raise ValidationError({"goal": "Choose a goal the person is working on."})
    seeker = goal.seeker
    if review_date is None:
        latest = seeker.assessments.order_by("-date", "-pk").first()
        due = latest.next_due if latest else None
        review_date = due if due and due >= started_on else None
    intervention = Intervention(
        program_id=goal.program_id,
        seeker=seeker,
        goal=goal,
        kind=kind,
        provider=provider.strip(),
        place=place,
        frequency=frequency.strip(),
        started_on=started_on,
        review_date=review_date or started_on + dt.timedelta(days=REASSESSMENT_DAYS),
        details=details.strip(),
    )
    if intervention.review_date < started_on:
        raise ValidationError({"review_date": "The review cannot be before the start."})
    _validate(intervention, exclude=("seeker", "goal", "program"))
    intervention.save()
    _log(seeker, "wagtail.edit", by, f"Intervention added: {intervention}")
    return intervention


@transaction.atomic
def set_goal(
    *,
    seeker: JobSeeker,
    domain: str,
    description: str,
    by: Actor,
    target_date: dt.date | None = None,
    steps: Iterable[tuple[str, dt.date | None]] = (),
    assessment: DomainAssessment | None = None,
) -> Goal:
    """Add a goal in the person's own words, with its steps and target date."""
    if assessment is not None and assessment.seeker_id != seeker.pk:
        raise ValidationError({"assessment": "This assessment is not this person's."})
    goal = Goal(
        program_id=seeker.program_id,
        seeker=seeker,
        assessment=assessment,
        domain=domain,
        description=description.strip(),
        target_date=target_date,
    )
    _validate(goal, exclude=("seeker", "program"))
    goal.save()
    step_rows = [
        GoalStep(program_id=seeker.program_id, goal=goal, description=text.strip(), due_date=due)
        for text, due in steps
        if text and text.strip()
    ]
    for step in step_rows:
        _validate(step, exclude=("goal", "program"))
    GoalStep.objects.bulk_create(step_rows)
    _log(seeker, "wagtail.edit", by, f"Goal added: {goal.description[:60]}")
    return goal


@transaction.atomic
def update_goal_status(
    *, goal: Goal, status: str, by: Actor, expected_version: int | None = None
) -> Goal:
    """Mark a goal as being worked on, achieved, partly achieved or changed;
    StaleCopyError when the goal changed since `expected_version`."""
    if status not in Goal.Status.values:
        raise ValidationError({"status": f"Unknown goal status: {status!r}."})
    goal.status = status
    save_if_unchanged(
        goal, expected_version=expected_version, update_fields=["status", "updated_at"]
    )
    _log(goal.seeker, "wagtail.edit", by, f"Goal {goal.pk} now {status}")
    return goal


@transaction.atomic
def complete_goal_step(*, step: GoalStep, done_on: dt.date, by: Actor) -> GoalStep:
    """Mark one step of a goal done."""
    step.done_on = done_on
    step.save(update_fields=["done_on"])
    return step


# --- culture and family involvement -----------------------------------------------------


@transaction.atomic
def record_cultural_preferences(
    *, seeker: JobSeeker, recorded_on: dt.date, values_and_preferences: str, by: Actor
) -> CulturalPreference:
    """Record the person's cultural values and preferences in their words, dated (PSR
    practice parameters: culturally sensitive services); earlier records are kept."""
    row = CulturalPreference(
        program_id=seeker.program_id,
        seeker=seeker,
        recorded_on=recorded_on,
        values_and_preferences=values_and_preferences.strip(),
        recorded_by=_staff_of(by, seeker.program),
    )
    _validate(row, exclude=("seeker", "program"))
    row.save()
    _log(seeker, "wagtail.edit", by, f"Cultural values and preferences recorded {recorded_on}")
    return row


@transaction.atomic
def record_family_consent(
    *,
    seeker: JobSeeker,
    contact_name: str,
    scope: str,
    given_on: dt.date,
    by: Actor,
    relationship: str = "",
    phone: str = "",
) -> FamilyConsent:
    """Record the person's consent to involve a family member or friend: who, what may be
    shared (`scope`, in the person's words) and from when (PSR practice parameters:
    family involvement with consent)."""
    consent = FamilyConsent(
        program_id=seeker.program_id,
        seeker=seeker,
        contact_name=contact_name.strip(),
        relationship=relationship.strip(),
        phone=phone.strip(),
        scope=scope.strip(),
        given_on=given_on,
    )
    _validate(consent, exclude=("seeker", "program"))
    consent.save()
    _log(seeker, "wagtail.edit", by, f"Family consent: {consent}")
    return consent


@transaction.atomic
def withdraw_family_consent(
    *,
    consent: FamilyConsent,
    withdrawn_on: dt.date,
    by: Actor,
    expected_version: int | None = None,
) -> FamilyConsent:
    """The person withdraws consent from `withdrawn_on` (today or earlier): the contact is
    no longer offered to staff (FamilyConsent.objects.in_force) and its phone number is
    erased, so no screen, export or copy of the record can show it any more; the name,
    the relationship and the dates stay as the record of the withdrawal. Refused for a
    day before consent was given or after today, or when already withdrawn; StaleCopyError
    when changed since the form."""
    if withdrawn_on > timezone.localdate():
        raise ValidationError(
            {"withdrawn_on": "Record the withdrawal from today or the day the person said."}
        )
    if consent.withdrawn_on is not None:
        raise ValidationError(
            {"withdrawn_on": f"Consent was already withdrawn on {consent.withdrawn_on}."}
        )
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            {"withdrawn_on": f"Consent was given on {consent.given_on}: withdraw it after."}
        )
    consent.withdrawn_on = withdrawn_on
    consent.phone = ""
    save_if_unchanged(
        consent, expected_version=expected_version, update_fields=["withdrawn_on", "phone"]
    )
    _log(consent.seeker, "wagtail.edit", by, f"Family consent withdrawn: {consent}")
    return consent


# --- coordination with other services ---------------------------------------------------


@transaction.atomic
def log_coordination_contact(
    *,
    seeker: JobSeeker,
    service: str,
    contact_person: str,
    date: dt.date,
    agreed: str,
    by: Actor,
    service_name: str = "",
) -> CoordinationContact:
    """Log a contact with another service about the person (CoordinationContact.Service:
    psychiatry, primary care, substance use, supported housing, vocational rehabilitation,
    the mental-health team, other): the contact person, the date (not in the future) and
    what was agreed (PSR practice parameters: coordinated services)."""
    if date > timezone.localdate():
        raise ValidationError({"date": "A contact cannot be logged for a day still to come."})
    row = CoordinationContact(
        program_id=seeker.program_id,
        seeker=seeker,
        service=service,
        service_name=service_name.strip(),
        contact_person=contact_person.strip(),
        date=date,
        agreed=agreed.strip(),
        logged_by=_staff_of(by, seeker.program),
    )
    _validate(row, exclude=("seeker", "program"))
    row.save()
    _log(seeker, "wagtail.edit", by, f"Coordination: {row}")
    return row


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


# --- job starts and ends ----------------------------------------------------------------


def check_competitive_wage(
    *, program: Program, competitive: bool, hourly_wage: Decimal | None
) -> None:
    """A job paying under the program's minimum wage cannot count as competitive."""
    if competitive and hourly_wage is not None and hourly_wage < program.minimum_wage:
        raise ValidationError(
            {
                "competitive": (
                    f"A wage under the minimum wage (${program.minimum_wage}/hour) "
                    "is not a competitive job."
                )
            }
        )


def job_start_problems(
    *, entered: bool, entry_date: dt.date | None, employed_at_referral: bool, start_date: dt.date
) -> dict[str, str]:
    """Why a job cannot start, by field (empty when it may): the person must be on the
    caseload (`entered`: has an entry date and is not only referred), and the job cannot
    start before the entry date unless the person was working at referral (IPS counts job
    starts from entry). Shared by record_job_start and the importer (importer)."""
    if not entered or entry_date is None:
        return {"stage": "Enter the person onto the caseload before a job start."}
    if start_date < entry_date and not employed_at_referral:
        return {"start_date": "The job cannot start before the entry date."}
    return {}


@transaction.atomic
def record_job_start(
    *,
    seeker: JobSeeker,
    employer: Employer,
    title: str,
    start_date: dt.date,
    by: Actor = None,
    occupation: Occupation | None = None,
    opening: JobOpening | None = None,
    hours_per_week: Decimal | None = None,
    hourly_wage: Decimal | None = None,
    competitive: bool = True,
    permanent: bool = True,
    disclosure: str = "",
    paid_hours_to_date: Decimal | None = None,
    ref: str = "",
    idempotency_key: uuid.UUID | None = None,
    allow_duplicate: bool = False,
    coach: StaffMember | None = None,
) -> Job:
    """Record a job start: moves the person to "working" and sends
    `jobseekers.signals.job_started` with `job` and `coach` (coaching opens the job's
    support plan, followed by `coach`, an active job coach of the person's program, so the
    coach's home and "What's due" show the week-1 visit; retention checks are derived
    from the job, nothing is scheduled).

    From an `opening` (the opening's or a match's "Record a job start", issue 17 item 4):
    the opening is marked filled (no longer public or recommended:
    employers.services.mark_opening_filled), the person's open "I'm interested" in it is
    handled ("Started the job"), and a "hire" outcome is recorded for the recommender to
    learn from (matching.fit.GRADES).

    Once per `idempotency_key` (ips.idempotency): AlreadyRecorded carrying the first job
    when the key is stored; LikelyDuplicate when the same person's start at the same
    employer on the same day was recorded minutes ago, unless `allow_duplicate`."""
    seeker = JobSeeker.objects.select_for_update().select_related("program").get(pk=seeker.pk)
    # Under the person's lock: a concurrent sending of the same form has committed by now.
    refuse_replay(Job, program_id=seeker.program_id, key=idempotency_key)
    _check_same_program(seeker.program, employer=employer, opening=opening)
    if opening is not None and opening.employer_id != employer.pk:
        raise ValidationError({"opening": "This opening is at another employer."})
    check_competitive_wage(program=seeker.program, competitive=competitive, hourly_wage=hourly_wage)
    problems = job_start_problems(
        entered=seeker.stage not in (stages.REFERRED, stages.CLOSED),
        entry_date=seeker.entry_date,
        employed_at_referral=seeker.employed_at_referral,
        start_date=start_date,
    )
    if problems:
        raise ValidationError(problems)
    if coach is not None:
        check_coach(coach, program=seeker.program)
    job = Job(
        program_id=seeker.program_id,
        seeker=seeker,
        employer=employer,
        opening=opening,
        title=title.strip(),
        occupation=occupation,
        start_date=start_date,
        hours_per_week=hours_per_week,
        hourly_wage=hourly_wage,
        competitive=competitive,
        permanent=permanent,
        disclosure=disclosure,
        paid_hours_to_date=paid_hours_to_date,
        ref=ref.strip(),
        idempotency_key=idempotency_key,
    )
    _validate(job, exclude=("seeker", "program"))
    save_event(job, allow_duplicate=allow_duplicate)
    if seeker.stage != stages.WORKING:
        _set_stage(seeker, stages.WORKING, start_date, by, f"Started {job.title}")
        seeker.save(update_fields=["stage", "stage_changed_on", "updated_at"])
    if opening is not None:
        _job_start_from_opening(job, opening=opening, by=by)
    job_started.send(sender=Job, job=job, coach=coach)
    return job


def check_coach(coach: StaffMember, *, program: Program) -> None:
    """ValidationError ("coach") unless `coach` is an active job coach of `program`."""
    if not (coach.active and coach.role == Role.COACH and coach.program_id == program.pk):
        raise ValidationError({"coach": "Choose an active job coach of this program."})


def _job_start_from_opening(job: Job, *, opening: JobOpening, by: Actor) -> None:
    staff = _staff_of(by, job.program)
    today = timezone.localdate()
    if opening.status == JobOpening.Status.OPEN:
        mark_opening_filled(opening=opening, by=staff)
    MatchOutcome.objects.get_or_create(
        seeker=job.seeker,
        opening=opening,
        kind=MatchOutcome.Kind.HIRE,
        defaults={"program_id": job.program_id, "date": job.start_date, "recorded_by": staff},
    )
    MatchOutcome.objects.filter(
        seeker=job.seeker,
        opening=opening,
        kind=MatchOutcome.Kind.INTEREST,
        handled_on__isnull=True,
    ).update(handled_on=today, handling=MatchOutcome.Handling.JOB_START, handled_by=staff)


@transaction.atomic
def update_job(
    *, job: Job, changes: Mapping[str, Any], by: Actor = None, expected_version: int | None = None
) -> Job:
    """Correct a job's details (the Jobs edit screen: employer, hours, wage, competitive,
    title, start date...) with the rules of a job start. ValidationError for a field that
    cannot change here (the person, the program, the end: use record_job_end);
    StaleCopyError when the job changed since `expected_version`."""
    allowed = {
        "employer",
        "opening",
        "end_note",
        "title",
        "occupation",
        "hours_per_week",
        "hourly_wage",
        "competitive",
        "permanent",
        "disclosure",
        "paid_hours_to_date",
        "ref",
        "start_date",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This cannot be changed here."))
    job = Job.objects.select_for_update().select_related("program").get(pk=job.pk)
    check_version(job, expected_version)
    _check_same_program(
        job.program, employer=changes.get("employer"), opening=changes.get("opening")
    )
    for name, value in changes.items():
        setattr(job, name, value)
    if job.opening_id is not None and job.opening.employer_id != job.employer_id:
        raise ValidationError({"opening": "This opening is at another employer."})
    check_competitive_wage(
        program=job.program, competitive=job.competitive, hourly_wage=job.hourly_wage
    )
    _validate(job)
    save_if_unchanged(job, expected_version=expected_version)
    _log(job.seeker, "wagtail.edit", by, f"Job {job.pk} changed: " + ", ".join(sorted(changes)))
    _log(job, "wagtail.edit", by, "Changed: " + ", ".join(sorted(changes)))
    return job


@transaction.atomic
def record_job_end(
    *,
    job: Job,
    end_date: dt.date,
    reason: str,
    note: str = "",
    by: Actor = None,
    expected_version: int | None = None,
) -> Job:
    """Record that a job ended: the search restarts at once, a career-profile update is
    asked for, and `jobseekers.signals.job_ended` is sent (coaching adds a re-engage task).
    StaleCopyError when the job changed since `expected_version`."""
    job = Job.objects.select_for_update().select_related("seeker").get(pk=job.pk)
    check_version(job, expected_version)
    if job.end_date is not None:
        raise ValidationError({"end_date": "This job already has an end date."})
    if reason not in Job.EndReason.values:
        raise ValidationError({"end_reason": f"Unknown reason: {reason!r}."})
    if end_date < job.start_date:
        raise ValidationError({"end_date": "A job cannot end before it started."})
    job.end_date = end_date
    job.end_reason = reason
    job.end_note = note.strip()
    save_if_unchanged(
        job,
        expected_version=expected_version,
        update_fields=["end_date", "end_reason", "end_note", "updated_at"],
    )
    seeker = JobSeeker.objects.select_for_update().get(pk=job.seeker_id)
    still_working = seeker.jobs.filter(end_date__isnull=True).exists()
    fields = ["profile_update_requested_on", "updated_at"]
    if not still_working and seeker.stage in (stages.WORKING, stages.FOLLOW_ALONG):
        _set_stage(seeker, stages.JOB_SEARCH, end_date, by, f"Job ended: {job.title}")
        fields += ["stage", "stage_changed_on"]
    seeker.profile_update_requested_on = end_date
    seeker.save(update_fields=fields)
    job_ended.send(sender=Job, job=job)
    return job


# ---- "I'm interested" and match actions (issue 17, item 4: close the loop) ----


@transaction.atomic
def handle_interest(
    *, outcome: MatchOutcome, handling: str, note: str = "", by: Actor = None
) -> MatchOutcome:
    """Mark a job seeker's "I'm interested" handled with what came of it
    (MatchOutcome.Handling): its task leaves the specialist's home and the record.
    ValidationError ("handling") for an unknown handling, an outcome that is not an
    interest, or one already handled; nothing is written then."""
    if handling not in MatchOutcome.Handling.values:
        raise ValidationError({"handling": "Choose what came of it."})
    updated = MatchOutcome.objects.filter(
        pk=outcome.pk, kind=MatchOutcome.Kind.INTEREST, handled_on__isnull=True
    ).update(
        handled_on=timezone.localdate(),
        handling=handling,
        handled_by=_staff_of(by, outcome.program),
        handling_note=clean_text(note),
    )
    if not updated:
        raise ValidationError({"handling": "This interest is already handled."})
    outcome.refresh_from_db()
    _log(outcome.seeker, "wagtail.edit", by, f"Interest in opening {outcome.opening_id} handled")
    return outcome


def clean_text(text: str) -> str:
    return (text or "").strip()


def _open_interest(seeker: JobSeeker, opening: JobOpening):
    return MatchOutcome.objects.filter(
        seeker=seeker, opening=opening, kind=MatchOutcome.Kind.INTEREST, handled_on__isnull=True
    )


@transaction.atomic
def mark_match_unsuitable(
    *, seeker: JobSeeker, opening: JobOpening, reason: str, by: Actor = None
) -> MatchOutcome:
    """Staff judge an opening not suitable for the person: a "declined" outcome with the
    `reason` (required, at most 1,000 characters), which the recommender learns from as
    grade 0 (matching.fit.GRADES). What it hides (MatchQuerySet.not_declined): the match
    in staff's lists (the record's "Openings for this person", "People this might suit",
    the openings board's counts, the specialist's home, the API's /matches unless asked
    with include_declined=true) and in what is pushed to the person (the portal's
    "Openings for you" and the weekly email). What it does not hide: the opening itself.
    IPS zero exclusion and the person's choice lead (IPS practice principles), so
    the person can still find it on the public openings list and say "I'm interested",
    which is a task for the specialist like any other. An open "I'm interested" in it is
    handled ("Not going ahead"). ValidationError ("reason") when the reason is empty or
    too long, or the pair is already marked; nothing is written then."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": "Say why it is not suitable."})
    if len(reason) > 1000:
        raise ValidationError({"reason": "Keep the reason under 1,000 characters."})
    staff = _staff_of(by, seeker.program)
    outcome, created = MatchOutcome.objects.get_or_create(
        seeker=seeker,
        opening=opening,
        kind=MatchOutcome.Kind.DECLINED,
        defaults={
            "program_id": seeker.program_id,
            "date": timezone.localdate(),
            "source": "staff",
            "reason": reason,
            "recorded_by": staff,
        },
    )
    if not created:
        raise ValidationError({"reason": "This opening is already marked not suitable."})
    _open_interest(seeker, opening).update(
        handled_on=timezone.localdate(),
        handling=MatchOutcome.Handling.NOT_GOING_AHEAD,
        handled_by=staff,
        handling_note=reason,
    )
    _log(seeker, "wagtail.edit", by, f"Opening {opening.pk} not suitable: {reason}")
    return outcome


@transaction.atomic
def record_match_told(*, seeker: JobSeeker, opening: JobOpening, by: Actor = None) -> MatchOutcome:
    """Record that staff told the person about a matched opening (once per pair; a
    second call returns the first record). Not a grade for learning."""
    outcome, _ = MatchOutcome.objects.get_or_create(
        seeker=seeker,
        opening=opening,
        kind=MatchOutcome.Kind.TOLD,
        defaults={
            "program_id": seeker.program_id,
            "date": timezone.localdate(),
            "source": "staff",
            "recorded_by": _staff_of(by, seeker.program),
        },
    )
    return outcome


def interest_introduced(*, seeker: JobSeeker, opening: JobOpening, by: Actor = None) -> int:
    """An introduction to the employer was planned from the person's interest: their open
    "I'm interested" in `opening` is handled. Returns how many were (0 or 1)."""
    return _open_interest(seeker, opening).update(
        handled_on=timezone.localdate(),
        handling=MatchOutcome.Handling.INTRODUCTION,
        handled_by=_staff_of(by, seeker.program),
    )


@transaction.atomic
def record_interest_withdrawal(
    *, seeker: JobSeeker, opening: JobOpening
) -> InterestWithdrawal | None:
    """The person took back their own portal "I'm interested" in `opening`: the outcome
    (and its open task) is removed and an InterestWithdrawal tells the specialist (their
    home; coaching emails them after commit). None when there was no portal interest.
    Called by cms.services.withdraw_interest, which refuses an interest staff wrote down."""
    outcomes = MatchOutcome.objects.filter(
        seeker=seeker, opening=opening, kind=MatchOutcome.Kind.INTEREST, source="portal"
    )
    first = outcomes.first()
    if first is None:
        return None
    was_handled = first.handled_on is not None
    outcomes.delete()
    return InterestWithdrawal.objects.create(
        program_id=seeker.program_id,
        seeker=seeker,
        opening=opening,
        date=timezone.localdate(),
        was_handled=was_handled,
    )
