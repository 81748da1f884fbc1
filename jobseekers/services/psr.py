"""PSR assessment and plan: ratings across the eleven life domains, basic needs,
interventions and their reviews, goals and their steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format

from ips.versioning import save_if_unchanged
from jobseekers.models import (
    BasicNeed,
    Domain,
    DomainAssessment,
    DomainRating,
    Goal,
    GoalReview,
    GoalStep,
    Intervention,
    InterventionReview,
    JobSeeker,
)
from jobseekers.services.common import Actor, _log, _staff_of, _validate

REASSESSMENT_DAYS = 90


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
            assert assessment.next_due is not None  # record_assessment has set it
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
