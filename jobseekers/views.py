"""Workspace screens for job seekers: caseload, seeker record and the casework forms.
Each view: parse -> selector/service -> render. Rows come from `for_user`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from employers.models import JobOpening
from ips.audit import record_event, record_rows_shown, rows_by_program
from ips.idempotency import AlreadyRecorded, LikelyDuplicate, duplicate_message
from ips.models import AuditEvent, StaffMember
from ips.permissions import requires
from ips.roles import Role, has_role, program_ids
from ips.validators import query_id
from ips.versioning import StaleCopyError
from jobseekers import benefits, forms, selectors, services, stages
from jobseekers.benefits import words
from jobseekers.models import (
    CASEWORK_ROLES,
    DomainAssessment,
    FamilyConsent,
    Goal,
    GoalStep,
    Job,
    JobSeeker,
    MatchOutcome,
)
from jobseekers.panels import record_panels

JOB_END_ROLES = CASEWORK_ROLES | {Role.COACH}
_NOT_MOVES = (stages.CLOSED, stages.REFERRED, stages.WORKING)


def _seeker(request, pk: int, *, casework: bool = True) -> JobSeeker:
    """The seeker if the user may see it (404 otherwise); casework needs a casework role
    in the seeker's own program (403 otherwise)."""
    seeker = get_object_or_404(
        JobSeeker.objects.for_user(request.user).select_related("program", "specialist__user"),
        pk=pk,
    )
    if casework and not selectors.may_do_casework(request.user, seeker):
        raise PermissionDenied
    return seeker


def _form_view(
    request,
    *,
    seeker,
    form,
    title: str,
    save: Callable,
    template: str = "",
    latest_version: Callable[[], int] | None = None,
    event_url: Callable[[Any], str] | None = None,
    success_url: str = "",
    notice: str = "",
):
    """Validate, call the service, show its errors on the form, or go back to the record.
    A stale copy (someone saved first) shows the conflict with the latest version. A form
    recording an event (`event_url` links to a row): a replayed sending goes back to the
    record saying "Already saved"; a near duplicate asks for "save anyway"."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except AlreadyRecorded as error:
            messages.info(request, duplicate_message(error, event_url(error.row)))
            return redirect("jobseekers:record", seeker.pk)
        except LikelyDuplicate as error:
            form.refuse_duplicate(error, event_url(error.row))
        except StaleCopyError as error:
            form.refuse_stale(error, latest_version())
            seeker, status = _seeker(request, seeker.pk, casework=False), 409  # the latest
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            record_event(
                request=request, action=AuditEvent.Action.CHANGE, obj=seeker, summary=title
            )
            messages.success(request, f"{title}: saved.")
            return redirect(success_url or reverse("jobseekers:record", args=[seeker.pk]))
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary=title)
    return render(
        request,
        template or "jobseekers/form.html",
        {"form": form, "seeker": seeker, "title": title, "notice": notice},
        status=status,
    )


def _data(request):
    return request.POST if request.method == "POST" else None


@requires("jobseekers.change_jobseeker")
def caseload(request):
    """My caseload by stage; leadership see every specialist's caseload and the ratio."""
    user = request.user
    if not (user.is_superuser or program_ids(user, CASEWORK_ROLES)):
        raise PermissionDenied
    leads = user.is_superuser or bool(program_ids(user, {Role.SUPERVISOR, Role.DIRECTOR}))
    mine = StaffMember.objects.filter(user=user, role=Role.SPECIALIST, active=True).first()
    wanted = request.GET.get("specialist", "" if leads or mine is None else "mine")
    specialist = None
    if wanted == "mine":
        specialist = mine
    elif query_id(wanted) is not None:
        specialist = get_object_or_404(StaffMember.objects.for_user(user), pk=query_id(wanted))
    elif wanted:
        raise Http404("Unknown caseload.")
    data = selectors.caseload_for(user, today=timezone.localdate(), specialist=specialist)
    record_rows_shown(request=request, what="caseload", counts=rows_by_program(data.rows))
    return render(
        request,
        "jobseekers/caseload.html",
        {
            "caseload": data,
            "leads": leads,
            "group_by_specialist": leads and specialist is None,
            "specialist": specialist,
            "wanted": wanted,
            "specialists": forms.specialists_for(user),
        },
    )


@requires("jobseekers.add_jobseeker")
def refer(request):
    """Record a referral (anyone is referred: IPS is zero-exclusion)."""
    if not (request.user.is_superuser or program_ids(request.user, CASEWORK_ROLES)):
        raise PermissionDenied
    form = forms.ReferralForm(_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        program = form.cleaned_data.pop("program")
        if not (
            request.user.is_superuser or program.pk in program_ids(request.user, CASEWORK_ROLES)
        ):
            raise PermissionDenied
        try:
            seeker = services.refer_seeker(program=program, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            messages.success(request, f"{seeker.name} referred.")
            return redirect("jobseekers:record", seeker.pk)
    return render(
        request,
        "jobseekers/form.html",
        {"form": form, "title": "New referral"},
    )


@requires("jobseekers.view_jobseeker")
def record(request, pk: int):
    """The seeker record: profile, assessments, goals, jobs, contacts, benefits, panels."""
    seeker = _seeker(request, pk, casework=False)
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary="record")
    data = selectors.seeker_record(seeker)
    panels = record_panels(request, seeker)
    return render(
        request,
        "jobseekers/record.html",
        {
            "record": data,
            "seeker": seeker,
            "casework": selectors.may_do_casework(request.user, seeker),
            "may_end_jobs": has_role(
                request.user, CASEWORK_ROLES | {Role.COACH}, seeker.program_id
            ),
            "moves": [
                s for s in stages.allowed_moves(seeker.stage) if s not in ("closed", "referred")
            ],
            "panels": panels,
            "today": timezone.localdate(),
            "interest": selectors.interest_signals(seeker, today=timezone.localdate()),
        },
    )


def _seeker_version(seeker: JobSeeker) -> Callable[[], int]:
    return lambda: JobSeeker.objects.get(pk=seeker.pk).version


@requires("jobseekers.change_jobseeker")
def enter(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.EntryForm(_data(request), user=request.user, seeker=seeker, version=seeker.version)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Entry onto the caseload",
        save=lambda f: services.enter_caseload(
            seeker=seeker, by=request.user, expected_version=f.expected_version, **f.cleaned_data
        ),
        latest_version=_seeker_version(seeker),
    )


@requires("jobseekers.change_jobseeker")
def move_stage(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.StageForm(_data(request), seeker=seeker, version=seeker.version)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Change of stage",
        save=lambda f: services.move_seeker_stage(
            seeker=seeker, by=request.user, expected_version=f.expected_version, **f.cleaned_data
        ),
        latest_version=_seeker_version(seeker),
    )


@requires("jobseekers.change_jobseeker")
def close(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.CloseForm(_data(request), version=seeker.version)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Close the record",
        save=lambda f: services.close_seeker(
            seeker=seeker, by=request.user, expected_version=f.expected_version, **f.cleaned_data
        ),
        latest_version=_seeker_version(seeker),
    )


@requires("jobseekers.change_careerprofile")
def edit_profile(request, pk: int):
    """A new version of the career profile (the earlier one is kept)."""
    from jobseekers.viewsets import occupation_chooser_viewset

    seeker = _seeker(request, pk)
    current = seeker.profiles.filter(is_current=True).first()
    form = forms.CareerProfileForm(
        _data(request),
        instance=current,
        user=request.user,
        seeker=seeker,
        occupation_widget=occupation_chooser_viewset.widget_class,
        version=current.version if current else 0,  # the profile version it starts from
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Career profile",
        save=lambda f: services.update_career_profile(
            seeker=seeker, changes=f.changes(), by=request.user, expected_version=f.expected_version
        ),
        latest_version=lambda: selectors.current_profile_version(seeker),
    )


@requires("jobseekers.change_careerprofile")
def add_work_history(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.WorkHistoryForm(_data(request))
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Add a job to the work history",
        save=lambda f: services.add_work_history_entry(
            seeker=seeker, entry=f.cleaned_data, by=request.user
        ),
    )


def _save_assessment(request, seeker, assessment=None):
    """The service call of both assessment screens."""
    return lambda f: services.record_assessment(
        seeker=seeker,
        date=f.cleaned_data["date"],
        domains=f.domains(),
        satisfaction=f.cleaned_data["satisfaction"],
        notes=f.cleaned_data["notes"],
        goal_attainment=f.goal_attainment(),
        intervention_reviews=f.intervention_reviews(),
        basic_needs=f.basic_needs(),
        complete=f.cleaned_data["complete"],
        assessment=assessment,
        expected_version=getattr(f, "expected_version", None),
        by=request.user,
    )


@requires("jobseekers.add_domainassessment")
def assess(request, pk: int):
    """A PSR domain assessment or re-assessment, prefilled from the last one."""
    seeker = _seeker(request, pk)
    form = forms.AssessmentForm(
        _data(request),
        goals=selectors.prefetch_goals(seeker),
        interventions=selectors.running_interventions(seeker),
        previous=selectors.latest_assessment(seeker),
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="PSR domain assessment",
        template="jobseekers/assessment_form.html",
        save=_save_assessment(request, seeker),
    )


@requires("jobseekers.change_domainassessment")
def continue_assessment(request, pk: int):
    """Continue an assessment not yet complete (a completed one goes back to the record)."""
    assessment = get_object_or_404(DomainAssessment.objects.for_user(request.user), pk=pk)
    seeker = _seeker(request, assessment.seeker_id)
    if assessment.completed_on is not None:
        messages.info(request, f"That assessment was completed on {assessment.completed_on}.")
        return redirect("jobseekers:record", seeker.pk)
    form = forms.ContinueAssessmentForm(
        _data(request),
        goals=selectors.prefetch_goals(seeker),
        interventions=selectors.running_interventions(seeker),
        previous=assessment,
        initial={f: getattr(assessment, f) for f in ("date", "satisfaction", "notes")},
        version=assessment.version,
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="PSR domain assessment",
        template="jobseekers/assessment_form.html",
        save=_save_assessment(request, seeker, assessment),
        latest_version=lambda: DomainAssessment.objects.get(pk=assessment.pk).version,
    )


@requires("jobseekers.add_goal")
def add_goal(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.GoalForm(_data(request))
    latest = seeker.assessments.order_by("-date", "-pk").first()
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="New goal",
        save=lambda f: services.set_goal(
            seeker=seeker,
            domain=f.cleaned_data["domain"],
            description=f.cleaned_data["description"],
            target_date=f.cleaned_data["target_date"],
            steps=f.steps(),
            assessment=latest,
            by=request.user,
        ),
    )


@requires("jobseekers.add_intervention")
def add_intervention(request, pk: int):
    """A PSR intervention in the person's plan, for one of their active goals."""
    seeker = _seeker(request, pk)
    wanted = query_id(request.GET.get("goal", ""))  # "Add an intervention" under a goal
    form = forms.InterventionForm(
        _data(request), seeker=seeker, initial={"goal": wanted} if wanted else {}
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="New intervention",
        save=lambda f: services.add_intervention(by=request.user, **f.cleaned_data),
    )


@requires("jobseekers.add_culturalpreference")
def cultural_preferences(request, pk: int):
    """Record cultural values and preferences, prefilled from the last record."""
    seeker = _seeker(request, pk)
    latest = seeker.cultural_preferences.first()
    form = forms.CulturalPreferenceForm(
        _data(request),
        initial={"values_and_preferences": latest.values_and_preferences} if latest else {},
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Cultural values and preferences",
        save=lambda f: services.record_cultural_preferences(
            seeker=seeker, by=request.user, **f.cleaned_data
        ),
    )


@requires("jobseekers.add_familyconsent")
def family_consent(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.FamilyConsentForm(_data(request))
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Consent to involve family",
        save=lambda f: services.record_family_consent(
            seeker=seeker, by=request.user, **f.cleaned_data
        ),
    )


@requires("jobseekers.change_familyconsent")
def withdraw_consent(request, pk: int):
    consent = get_object_or_404(FamilyConsent.objects.for_user(request.user), pk=pk)
    seeker = _seeker(request, consent.seeker_id)
    form = forms.WithdrawConsentForm(_data(request), version=consent.version)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title=f"Withdraw consent to involve {consent.contact_name}",
        save=lambda f: services.withdraw_family_consent(
            consent=consent,
            withdrawn_on=f.cleaned_data["withdrawn_on"],
            expected_version=f.expected_version,
            by=request.user,
        ),
        latest_version=lambda: FamilyConsent.objects.get(pk=consent.pk).version,
    )


@requires("jobseekers.add_coordinationcontact")
def log_coordination(request, pk: int):
    """Log a contact with another service, starting from the last one's service and person."""
    seeker = _seeker(request, pk)
    last = seeker.coordination_contacts.first()
    initial = (
        {f: getattr(last, f) for f in ("service", "service_name", "contact_person")} if last else {}
    )
    form = forms.CoordinationContactForm(_data(request), initial=initial)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Coordination with another service",
        save=lambda f: services.log_coordination_contact(
            seeker=seeker, by=request.user, **f.cleaned_data
        ),
    )


@requires("jobseekers.change_goal")
def goal_status(request, pk: int):
    goal = get_object_or_404(Goal.objects.for_user(request.user), pk=pk)
    seeker = _seeker(request, goal.seeker_id)
    form = forms.GoalStatusForm(
        _data(request), initial={"status": goal.status}, version=goal.version
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Goal status",
        save=lambda f: services.update_goal_status(
            goal=goal, by=request.user, expected_version=f.expected_version, **f.cleaned_data
        ),
        latest_version=lambda: Goal.objects.get(pk=goal.pk).version,
    )


@requires("jobseekers.change_goalstep")
def step_done(request, pk: int):
    """Mark a goal step done today (POST only)."""
    step = get_object_or_404(GoalStep.objects.for_user(request.user).select_related("goal"), pk=pk)
    seeker = _seeker(request, step.goal.seeker_id)
    if request.method != "POST":
        return redirect("jobseekers:record", seeker.pk)
    services.complete_goal_step(step=step, done_on=timezone.localdate(), by=request.user)
    messages.success(request, f"Step done: {step.description}")
    return redirect("jobseekers:record", seeker.pk)


@requires("jobseekers.view_benefitsparameters")
def benefits_estimate(request, pk: int):
    """ "If you took this job": this month and the job's month side by side, in plain
    words, each step one click away. The question and its answer are the ones
    `manage.py benefits_estimate` uses (selectors.benefits_estimate). Reads only."""
    seeker = _seeker(request, pk, casework=False)
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary="benefits")
    form = forms.BenefitsEstimateForm(
        request.GET or None,
        initial={
            "year": timezone.localdate().year,
            "twp_months_used": _twp_months(seeker),
        },
        jobs=Job.objects.for_user(request.user).filter(seeker=seeker),
        openings=JobOpening.objects.for_user(request.user)
        .filter(program=seeker.program_id)
        .open()
        .order_by("title", "pk")[:200],
    )
    more = ("student_under_22", "irwe", "blind", "bwe", "subsidy", "twp_months_used", "epe")
    context = {
        "form": form,
        "seeker": seeker,
        "show_more": bool(form.errors) or any(request.GET.get(f) for f in (*more, "couple")),
    }
    if form.is_valid():
        try:
            asked = {
                "now": benefits.read_question(
                    form.question(form.cleaned_data["earnings_now"] or 0)
                ),
                "then": benefits.read_question(form.question(form.job_monthly_earnings())),
            }
            answers = {key: selectors.benefits_estimate(q) for key, q in asked.items()}
        except benefits.InputError as error:
            form.refuse(error)
        else:
            person = asked["then"].people[0]
            context.update(
                now=answers["now"],
                then=answers["then"],
                earnings_now=asked["now"].people[0].gross_earnings,
                earnings_then=person.gross_earnings,
                sentences=words.summary(
                    answers["now"], answers["then"], person, asked["then"].state
                ),
                gets_ssdi=person.ssdi > 0,
            )
    return render(
        request,
        "jobseekers/benefits.html",
        context,
    )


def _twp_months(seeker) -> int | None:
    """Trial work months as the planner last recorded them, else counted from jobs."""
    recorded = selectors.twp_months_recorded(seeker)
    if recorded is not None:
        return recorded
    return selectors.twp_months_from_jobs(seeker, timezone.localdate())


@requires("jobseekers.add_benefitscounselling")
def log_counselling(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.CounsellingForm(_data(request))
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Benefits counselling",
        save=lambda f: services.log_benefits_counselling(
            seeker=seeker, by=request.user, **f.cleaned_data
        ),
    )


@requires("jobseekers.add_benefitscounselling")
def wage_report(request, pk: int):
    """Record that a month's pay was reported to SSA (`services.record_wage_report`).
    From the home's reminder (`?month=YYYY-MM&next=/admin/`) it returns home."""
    seeker = _seeker(request, pk)
    today = timezone.localdate()
    initial = {"month": request.GET.get("month", "")}
    form = forms.WageReportForm(_data(request), initial=initial, today=today)
    back = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Pay reported to SSA",
        save=lambda f: services.record_wage_report(
            seeker=seeker, by=request.user, today=today, **f.cleaned_data
        ),
        success_url=back if safe and back.startswith("/") else "",
    )


def _opening_from_query(request, seeker) -> JobOpening | None:
    """`?opening=ID` (the opening's or a match's "Record a job start"): an opening of the
    person's program the user may see; 404 for any other id, a bad id is a 400."""
    raw = request.GET.get("opening", "")
    if not raw:
        return None
    opening_id = query_id(raw)
    if opening_id is None:
        raise BadRequest("The opening must be a number.")
    return get_object_or_404(
        JobOpening.objects.for_user(request.user).filter(program=seeker.program), pk=opening_id
    )


@requires("jobseekers.add_job")
def start_job(request, pk: int):
    from jobseekers.viewsets import employer_chooser_viewset, occupation_chooser_viewset

    seeker = _seeker(request, pk)
    form = forms.JobStartForm(
        _data(request),
        user=request.user,
        seeker=seeker,
        occupation_widget=occupation_chooser_viewset.widget_class(),
        employer_widget=employer_chooser_viewset.widget_class(),
        opening=_opening_from_query(request, seeker),
        coaches=selectors.coach_choices(seeker.program),
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Job start",
        save=lambda f: services.record_job_start(
            seeker=seeker,
            by=request.user,
            idempotency_key=f.submission_key,
            allow_duplicate=f.allow_duplicate,
            **f.cleaned_data,
        ),
        event_url=lambda job: reverse("jobs:inspect", args=[job.pk]),
        notice=f"{form.filled_notice} This job start will not be linked to that opening."
        if form.filled_notice
        else "",
    )


@requires("jobseekers.change_job")
def end_job(request, pk: int):
    job = get_object_or_404(Job.objects.for_user(request.user), pk=pk)
    seeker = _seeker(request, job.seeker_id, casework=False)
    if not has_role(request.user, JOB_END_ROLES, seeker.program_id):
        raise PermissionDenied
    form = forms.JobEndForm(_data(request), version=job.version)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title=f"End of the job: {job.title}",
        save=lambda f: services.record_job_end(
            job=job,
            end_date=f.cleaned_data["end_date"],
            reason=f.cleaned_data["reason"],
            note=f.cleaned_data["note"],
            by=request.user,
            expected_version=f.expected_version,
        ),
        latest_version=lambda: Job.objects.get(pk=job.pk).version,
    )


# ---- Closing the loop (issue 17, item 4): "I'm interested" and match actions ----


def _matched_opening(seeker: JobSeeker, opening_id: int) -> JobOpening:
    """An opening matched to `seeker`, or one they said they were interested in, that the
    seeker's program may see (its own, or another program's public one); 404 otherwise."""
    visible = Q(program_id=seeker.program_id) | Q(status=JobOpening.Status.OPEN, shareable=True)
    linked = Q(matches__seeker=seeker) | Q(match_outcomes__seeker=seeker)
    found = JobOpening.objects.filter(visible).filter(linked).filter(pk=opening_id)
    return get_object_or_404(found.select_related("employer").distinct())


@requires("jobseekers.change_jobseeker")
def interest_handled(request, pk: int, outcome_id: int):
    """Record what came of an "I'm interested" (services.handle_interest)."""
    seeker = _seeker(request, pk)
    outcome = get_object_or_404(
        MatchOutcome.objects.for_user(request.user).select_related("opening__employer"),
        pk=outcome_id,
        seeker=seeker,
        kind=MatchOutcome.Kind.INTEREST,
    )
    back = request.POST.get("next") or request.GET.get("next") or ""
    form = forms.InterestHandledForm(_data(request), initial={"next": back})
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        success_url=back if safe and back.startswith("/") else "",
        title=f"Interested in {outcome.opening.title} at {outcome.opening.employer.name}",
        save=lambda f: services.handle_interest(
            outcome=outcome,
            handling=f.cleaned_data["handling"],
            note=f.cleaned_data["note"],
            by=request.user,
        ),
    )


@requires("jobseekers.change_jobseeker")
def match_unsuitable(request, pk: int, opening_id: int):
    """ "Not suitable", with the reason the recommender learns from."""
    seeker = _seeker(request, pk)
    opening = _matched_opening(seeker, opening_id)
    form = forms.MatchUnsuitableForm(_data(request))
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title=f"Not suitable: {opening.title} at {opening.employer.name}",
        save=lambda f: services.mark_match_unsuitable(
            seeker=seeker, opening=opening, reason=f.cleaned_data["reason"], by=request.user
        ),
    )


@requires("jobseekers.change_jobseeker")
def match_told(request, pk: int, opening_id: int):
    """POST: record that the person was told about this opening; back to the record."""
    seeker = _seeker(request, pk)
    opening = _matched_opening(seeker, opening_id)
    if request.method != "POST":
        return redirect("jobseekers:record", seeker.pk)
    services.record_match_told(seeker=seeker, opening=opening, by=request.user)
    record_event(
        request=request, action=AuditEvent.Action.CHANGE, obj=seeker, summary="told of opening"
    )
    messages.success(request, f"Noted: you told them about {opening.title}.")
    return redirect(reverse("jobseekers:record", args=[seeker.pk]) + "#matches")
