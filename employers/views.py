"""Custom workspace screens: the quick log, employer search, "My week", the merge."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from employers.forms import MergeForm, QuickLogForm
from employers.models import Employer, EmployerContact
from employers.selectors import (
    CASEWORK,
    casework_programs,
    find_duplicate_employers,
    program_week,
    recent_employers,
    search_employers,
    week_summary,
)
from employers.services import create_employer, log_employer_contact, merge_employers
from ips.idempotency import AlreadyRecorded, LikelyDuplicate, duplicate_message, first_recorded
from ips.models import StaffMember
from ips.permissions import requires
from ips.roles import LEADERSHIP, has_role, program_ids
from ips.validators import query_id, query_text


def _require_casework(user) -> None:
    if not casework_programs(user):
        raise PermissionDenied("Only specialists, supervisors and directors use this screen.")


def _save_quick_log(data: dict, *, key, allow_duplicate: bool):
    # One transaction: a refused contact (replay, near duplicate) adds no new employer either.
    with transaction.atomic():
        employer = data["employer"] or create_employer(
            program=data["program"],
            name=data["new_employer_name"],
            zip=data["new_employer_zip"],
            created_by=data["specialist"],
            allow_duplicate=data["not_a_duplicate"],
        )
        return log_employer_contact(
            specialist=data["specialist"],
            employer=employer,
            **{k: data[k] for k in ("date", "mode", "client_present", "seekers", "purpose")},
            **{k: data[k] for k in ("notes", "next_step", "next_step_due")},
            idempotency_key=key,
            allow_duplicate=allow_duplicate,
        )


def _contact_url(contact) -> str:
    return reverse("employer_contacts:inspect", args=[contact.pk])


def _already_saved(request, contact):
    """Answer a replayed submission with the contact its first sending saved."""
    error = AlreadyRecorded(contact)
    messages.info(request, duplicate_message(error, _contact_url(contact)))
    return redirect(f"{reverse('crm:quick_log')}?saved={contact.pk}")


@requires("employers.add_employercontact")
def quick_log(request):
    """Log an employer contact in one tap (phone first)."""
    _require_casework(request.user)
    form = QuickLogForm(request.POST or None, user=request.user, initial=request.GET.dict())
    # Before the form's checks: the first sending may have added the employer it names.
    first = first_recorded(EmployerContact.objects.for_user(request.user), form.submission_key)
    if first is not None:
        return _already_saved(request, first)
    if request.method == "POST" and form.is_valid():
        try:
            contact = _save_quick_log(
                form.cleaned_data, key=form.submission_key, allow_duplicate=form.allow_duplicate
            )
        except AlreadyRecorded as error:
            return _already_saved(request, error.row)
        except LikelyDuplicate as error:
            form.refuse_duplicate(error, _contact_url(error.row))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            week = week_summary(contact.specialist, timezone.localdate())
            messages.success(
                request,
                f"Saved: {contact.get_mode_display().lower()} contact with "
                f"{contact.employer.name}. "
                f"Face to face this week: {week.this_week} of {week.goal}.",
            )
            return redirect(f"{reverse('crm:quick_log')}?saved={contact.pk}")
    picked = form["employer"].value() or request.GET.get("employer")
    picked_id = query_id(str(picked or ""))
    options = []
    if picked_id is not None:
        options = list(
            Employer.objects.for_user(request.user).filter(
                program_id__in=casework_programs(request.user), pk=picked_id
            )
        )
    options += [e for e in recent_employers(request.user) if e not in options]
    return TemplateResponse(
        request,
        "employers/quick_log.html",
        {
            "form": form,
            "options": options,
            "picked": str(picked or ""),
            "saved": request.GET.get("saved"),
        },
    )


@requires("employers.add_employercontact")
def employer_options(request):
    """Search-as-you-type: the matching employers as radio options (an HTML fragment)."""
    _require_casework(request.user)
    field = "duplicate" if request.GET.get("field") == "duplicate" else "employer"
    try:
        text = query_text(request.GET.get("q", ""), max_length=100)
    except ValueError as error:
        return HttpResponseBadRequest(f"The search {error}.", content_type="text/plain")
    found = list(search_employers(request.user, text))
    exclude = request.GET.get("exclude", "")
    found = [e for e in found if str(e.pk) != exclude]
    return TemplateResponse(
        request,
        "employers/_employer_options.html",
        {"options": found, "field": field, "picked": ""},
    )


@requires("employers.view_employercontact")
def my_week(request):
    """Face-to-face contacts this ISO week vs the goal, 8 weeks, next steps, lapsed employers."""
    _require_casework(request.user)
    user, today = request.user, timezone.localdate()
    leading = user.is_superuser or bool(program_ids(user, LEADERSHIP))
    asked = request.GET.get("specialist")
    own = StaffMember.objects.filter(user=user, active=True, role__in=CASEWORK)
    if asked:
        if query_id(asked) is None:
            raise PermissionDenied("Unknown specialist.")
        visible = StaffMember.objects.filter(pk=query_id(asked), active=True)
        if not user.is_superuser:
            visible = visible.filter(program_id__in=program_ids(user, LEADERSHIP)) | own.filter(
                pk=asked
            )
        staff = get_object_or_404(visible.select_related("user", "program"))
    else:
        staff = own.filter(role="specialist").select_related("user", "program").first()
    if staff is None and not leading:
        raise PermissionDenied("My week is for specialists, supervisors and directors.")
    context = {
        "summary": week_summary(staff, today) if staff else None,
        "team": program_week(user, today) if leading and not asked else [],
        "today": today,
    }
    return TemplateResponse(request, "employers/my_week.html", context)


@requires("employers.change_employer")
def merge(request, pk: int):
    """Merge a duplicate employer into this one: every contact, person, opening and job moves."""
    keep = get_object_or_404(Employer.objects.for_user(request.user), pk=pk)
    if not has_role(request.user, CASEWORK, keep.program_id):
        raise PermissionDenied("Only specialists, supervisors and directors merge employers.")
    form = MergeForm(request.POST or None, keep=keep, user=request.user)
    if request.method == "POST" and form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        try:
            merge_employers(keep=keep, duplicate=duplicate, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Merged {duplicate} into {keep}. All history kept.")
            return redirect("employers:inspect", keep.pk)
    candidates = [
        e for e in find_duplicate_employers(keep.program, keep.name, keep.zip) if e.pk != keep.pk
    ]
    return TemplateResponse(
        request, "employers/merge.html", {"form": form, "keep": keep, "candidates": candidates}
    )
