"""Follow-along screens in the staff workspace: parse, call a selector or service, render."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from coaching import schedule, selectors, services
from coaching.forms import (
    IntroductionForm,
    JobSupportPlanForm,
    SupportContactForm,
    WeekOfHoursForm,
)
from coaching.models import FollowUpTask, JobSupportPlan, RetentionMilestone, SupportContact
from ips.audit import record_event, record_rows_shown, rows_by_program
from ips.domain import text_problem
from ips.idempotency import AlreadyRecorded, LikelyDuplicate, duplicate_message, first_recorded
from ips.models import AuditEvent, StaffMember, TimeEntry
from ips.permissions import requires
from ips.validators import parse_query_date, query_id
from ips.versioning import StaleCopyError
from jobseekers.models import Job, JobSeeker


@requires("coaching.view_retentionmilestone")
def due_list(request):
    show = request.GET.get("show", "auto")
    if show not in ("auto", selectors.SHOW_MINE, selectors.SHOW_PROGRAM):
        messages.error(request, "Unknown view of the list: choose 'mine' or 'program'.")
        return redirect("coaching:due")
    today = timezone.localdate()
    due = selectors.due_list_for_user(request.user, today=today, show=show)
    record_rows_shown(request=request, what="due list", counts=rows_by_program(due.items))
    opted_in = StaffMember.objects.filter(user=request.user, active=True, digest_opt_in=True)
    context = {"due": due, "today": today, "show": show, "digest_on": opted_in.exists()}
    return TemplateResponse(request, "coaching/due_list.html", context)


@require_POST
@requires("coaching.view_retentionmilestone")
def digest_setting(request):
    choice = request.POST.get("digest")
    if choice not in ("on", "off"):
        messages.error(request, "Choose whether to get the morning email: on or off.")
        return redirect("coaching:due")
    services.set_digest_opt_in(user=request.user, opt_in=choice == "on")
    state = "You will get" if choice == "on" else "You will no longer get"
    messages.success(request, f"{state} the morning email of what is due.")
    return redirect("coaching:due")


PREFILLS = ("job", "seeker")


def _log_initial(request) -> dict:
    """Prefill the log from ?job= (and ?check=, a retention check's days) or ?seeker=
    (only rows the user may see)."""
    user, initial = request.user, {}
    job_id, seeker_id = (query_id(request.GET.get(k)) for k in PREFILLS)
    if job_id is not None:
        job = get_object_or_404(Job.objects.for_user(user), pk=job_id)
        initial.update(job=job.pk, seeker=job.seeker_id)
        check = query_id(request.GET.get("check"))
        answered = None
        if check in schedule.MILESTONE_DAYS:
            answered = RetentionMilestone.objects.filter(job=job, days=check).first()
        if answered is not None:  # a stale "Record the check" link: say so, ask nothing
            said = "still working there" if answered.still_employed else "not working there"
            messages.info(
                request,
                f"The {check}-day check of this job was already recorded on "
                f"{date_format(answered.confirmed_on)}: {said}.",
            )
        elif check in schedule.MILESTONE_DAYS:
            initial.update(check=check, check_job=job.pk)
    elif seeker_id is not None:
        seeker = get_object_or_404(JobSeeker.objects.for_user(user), pk=seeker_id)
        initial["seeker"] = seeker.pk
    return initial


def _after_log(contact: SupportContact):
    if contact.job_id:
        return redirect("coaching:job", job_id=contact.job_id)
    return redirect("coaching:due")


def _logged_message(contact: SupportContact, *, asked: dict | None) -> str:
    """ "Support for Alex Rivera logged." and, when the log was opened for a retention
    check, what became of it: answered, or still due."""
    said = f"Support for {contact.seeker.name} logged."
    if asked is None:
        return said
    days = asked["days"]
    if contact.still_employed is None:
        return f"{said} The {days}-day check is still due."
    if contact.still_employed:
        return f"{said} {days}-day check recorded: still working there."
    return (
        f"{said} {days}-day check recorded: not working there now. Record when the job "
        "ended; a task to re-engage them within 3 days is on the list."
    )


def _already_logged(request, contact: SupportContact):
    """Answer a replayed sending with the contact its first sending saved."""
    url = reverse("support_contacts:inspect", args=[contact.pk])
    messages.info(request, duplicate_message(AlreadyRecorded(contact), url))
    return _after_log(contact)


@requires("coaching.add_supportcontact")
def log_support(request):
    initial = {} if request.method == "POST" else _log_initial(request)
    form = SupportContactForm(request.POST or None, user=request.user, initial=initial)
    first = first_recorded(SupportContact.objects.for_user(request.user), form.submission_key)
    if first is not None:
        return _already_logged(request, first)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact = services.log_support_contact(
                staff=form.staff,
                seeker=data["seeker"],
                date=data["date"],
                mode=data["mode"],
                job=data["job"],
                with_whom=data["with_whom"],
                location=data["location"],
                minutes=data["minutes"],
                support_types=data["support_types"],
                notes=data["notes"],
                check=data["check"],
                still_employed=data["still_employed"],
                idempotency_key=form.submission_key,
                allow_duplicate=form.allow_duplicate,
            )
        except AlreadyRecorded as error:
            return _already_logged(request, error.row)
        except LikelyDuplicate as error:
            form.refuse_duplicate(error, reverse("support_contacts:inspect", args=[error.row.pk]))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _logged_message(contact, asked=form.named_check()))
            return _after_log(contact)
    return TemplateResponse(request, "coaching/log_support.html", {"form": form})


def _plan_form(request, job: Job, data=None) -> JobSupportPlanForm | None:
    if not request.user.has_perm("coaching.change_jobsupportplan"):
        return None
    plan = JobSupportPlan.objects.filter(job=job).first() or JobSupportPlan(
        job=job, program_id=job.program_id
    )
    # A plan not saved yet is version 0: someone else's first save makes the form stale.
    return JobSupportPlanForm(data, instance=plan, job=job, version=plan.version if plan.pk else 0)


def _job_page(request, job: Job, plan_form, status: int = 200):
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=job, summary="follow-along")
    today = timezone.localdate()
    context = {
        "job": job,
        "today": today,
        "follow_along": selectors.job_follow_along(job, today=today),
        "plan_form": plan_form,
        "can_log": request.user.has_perm("coaching.add_supportcontact"),
    }
    return TemplateResponse(request, "coaching/job_follow_along.html", context, status=status)


def _scoped_job(request, job_id: int) -> Job:
    jobs = Job.objects.for_user(request.user).select_related("seeker", "employer", "program")
    return get_object_or_404(jobs, pk=job_id)


@requires("jobseekers.view_job")
def job_follow_along(request, job_id: int):
    job = _scoped_job(request, job_id)
    return _job_page(request, job, _plan_form(request, job))


@require_POST
@requires("coaching.change_jobsupportplan")
def edit_plan(request, job_id: int):
    job = _scoped_job(request, job_id)
    form = _plan_form(request, job, request.POST)
    if not form.is_valid():
        return _job_page(request, job, form)
    try:
        services.save_support_plan(
            plan=form.save(commit=False), expected_version=form.expected_version
        )
    except StaleCopyError as error:
        latest = JobSupportPlan.objects.filter(job=job).values_list("version", flat=True)
        form.refuse_stale(error, latest.first() or 0)
        return _job_page(request, job, form, status=409)
    messages.success(request, f"Support plan for {job.seeker.name} saved.")
    return redirect("coaching:job", job_id=job.pk)


@require_POST
@requires("coaching.change_followuptask")
def complete_follow_up(request, task_id: int):
    tasks = FollowUpTask.objects.for_user(request.user).select_related("seeker")
    task = get_object_or_404(tasks, pk=task_id, done_on__isnull=True)
    note = request.POST.get("note", "")[:1000]
    if text_problem(note):
        messages.error(request, f"The note {text_problem(note)}; remove it.")
        return redirect("coaching:due")
    try:
        services.complete_follow_up(task=task, on=timezone.localdate(), note=note)
    except StaleCopyError as error:
        messages.error(request, error.messages[0])
        return redirect("coaching:due")
    messages.success(request, f"Marked done: {task.get_kind_display()} for {task.seeker.name}.")
    return redirect("coaching:due")


def _week_from(value: str | None) -> dt.date:
    """The Monday of ?week= (any day of it), this week when empty; ValueError if bad."""
    day = parse_query_date(value) if value else timezone.localdate()
    return schedule.week_monday(day)


@requires("ips.add_timeentry")
def week_of_hours(request):
    memberships = list(
        StaffMember.objects.filter(user=request.user, active=True).select_related("program")
    )
    if not memberships:
        raise PermissionDenied
    chosen = request.GET.get("program") or request.POST.get("program")
    staff = next((m for m in memberships if str(m.program_id) == chosen), memberships[0])
    try:
        monday = _week_from(request.GET.get("week") or request.POST.get("week"))
    except ValueError:
        messages.error(request, "The week must be a date written like 2026-03-02.")
        return redirect("coaching:hours")
    saved = _saved_week(staff, monday)
    initial = _week_initial(saved, monday)
    form = WeekOfHoursForm(
        request.POST or None,
        monday=monday,
        initial=initial,
        version=services.week_version(staff, monday),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            kept = services.record_week_of_time(
                staff=staff,
                monday=monday,
                hours=form.hours(),
                idempotency_key=form.submission_key,
                based_on=form.based_on,
            )
        except AlreadyRecorded:
            messages.info(
                request, f"Already saved: the hours for the week of {monday:%a %-d %b %Y}."
            )
            return redirect(f"{request.path}?week={monday}&program={staff.program_id}")
        except services.StaleWeek as error:
            # Show the week as saved now, in a fresh copy; the refused copy is not kept.
            messages.error(request, error.messages[0])
            saved = _saved_week(staff, monday)
            form = WeekOfHoursForm(
                monday=monday,
                initial=_week_initial(saved, monday),
                version=services.week_version(staff, monday),
            )
            status = 409
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Hours for the week of {monday:%a %-d %b %Y} saved ({kept})."
            )
            return redirect(f"{request.path}?week={monday}&program={staff.program_id}")
    context = {
        "form": form,
        "staff": staff,
        "memberships": memberships,
        "monday": monday,
        "shares": schedule.time_shares(saved),
        "previous": monday - dt.timedelta(days=7),
        "next": monday + dt.timedelta(days=7),
    }
    return TemplateResponse(request, "coaching/week_of_hours.html", context, status=status)


def _saved_week(staff: StaffMember, monday: dt.date) -> dict[tuple[dt.date, str, str], Decimal]:
    """The week's stored hours by (day, activity, location)."""
    entries = TimeEntry.objects.filter(staff=staff, date__gte=monday).filter(
        date__lt=monday + dt.timedelta(days=7)
    )
    return {(e.date, e.activity, e.location): e.hours for e in entries}


def _week_initial(saved: dict, monday: dt.date) -> dict[str, Decimal]:
    return {
        WeekOfHoursForm.field_name((day - monday).days, activity, location): value
        for (day, activity, location), value in saved.items()
    }


@requires("coaching.add_followuptask")
def plan_introduction(request, seeker_id: int, opening_id: int):
    """A match's "Plan an introduction": a follow-up task to introduce the person to the
    employer (services.plan_introduction); casework staff of the person's program."""
    from employers.models import JobOpening
    from jobseekers.selectors import may_do_casework

    seeker = get_object_or_404(JobSeeker.objects.for_user(request.user), pk=seeker_id)
    if not may_do_casework(request.user, seeker):
        raise PermissionDenied
    visible = Q(program_id=seeker.program_id) | Q(status=JobOpening.Status.OPEN, shareable=True)
    linked = Q(matches__seeker=seeker) | Q(match_outcomes__seeker=seeker)
    opening = get_object_or_404(
        JobOpening.objects.filter(visible).filter(linked).select_related("employer").distinct(),
        pk=opening_id,
    )
    title = f"Plan an introduction: {opening.title} at {opening.employer.name}"
    planned = selectors.open_introduction(seeker=seeker, opening=opening)
    form = IntroductionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_introduction(
                seeker=seeker,
                opening=opening,
                due_date=form.cleaned_data["due_date"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except AlreadyRecorded as error:
            messages.info(request, _already_planned(error.row) + " Nothing new was added.")
            return redirect("jobseekers:record", seeker.pk)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            record_event(
                request=request, action=AuditEvent.Action.CHANGE, obj=seeker, summary=title
            )
            messages.success(request, "Introduction planned: it is in What's due.")
            return redirect("jobseekers:record", seeker.pk)
    # The form names the person: a screen about one person is in the audit trail.
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary=title)
    return TemplateResponse(
        request,
        "jobseekers/form.html",
        {
            "form": form,
            "seeker": seeker,
            "title": title,
            "notice": _already_planned(planned) + " Saving again adds nothing." if planned else "",
        },
    )


def _already_planned(task) -> str:
    who = f" ({task.assigned_to.display_name})" if task.assigned_to else ""
    return f"An introduction is already planned{who}, due {date_format(task.due_date)}."
