"""Custom workspace screens: the quick log, employer search, "My week", the merge."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from employers.forms import MergeForm, QuickLogForm
from employers.models import Employer, EmployerContact
from employers.selectors import (
    casework_programs,
    find_duplicate_employers,
    loggable_seekers,
    own_seekers_for_log,
    program_week,
    recent_employers,
    search_employers,
    search_seekers_for_log,
    ticked_next_step,
    week_summary,
)
from employers.services import (
    UNDO_MINUTES,
    complete_next_step,
    create_employer,
    log_employer_contact,
    may_undo,
    merge_employers,
    reopen_next_step,
    undo_employer_contact,
)
from ips.idempotency import AlreadyRecorded, LikelyDuplicate, duplicate_message, first_recorded
from ips.models import StaffMember
from ips.permissions import requires
from ips.roles import CASEWORK_ROLES, LEADERSHIP, has_role, program_ids
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
    return _show_saved(request, contact)


# The contacts this session saved on the quick log, newest last: "Just saved" is shown for
# these only, never for any id typed into `?saved=` (issue 17).
JUST_SAVED_KEY = "crm_just_saved"
JUST_SAVED_KEPT = 5


def _show_saved(request, contact):
    """Remember that this session saved `contact`, and show it on the quick log."""
    kept = [pk for pk in request.session.get(JUST_SAVED_KEY, []) if pk != contact.pk]
    request.session[JUST_SAVED_KEY] = [*kept, contact.pk][-JUST_SAVED_KEPT:]
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
            return _show_saved(request, contact)
    picked = form["employer"].value() or request.GET.get("employer")
    return TemplateResponse(
        request,
        "employers/quick_log.html",
        {
            "form": form,
            "options": _employer_choices(request.user, picked),
            "picked": str(picked or ""),
            "field_errors": _field_errors(form),
            **_seeker_choices(request.user, form),
            **_just_saved(request),
        },
    )


# Where an error summary's link takes focus: the employer and the job seekers are picked
# from lists that the search boxes fill, so their links lead to the search boxes.
_ERROR_TARGETS = {"employer": "employer-search", "seekers": "seeker-search"}


def _field_errors(form) -> list[tuple[str, str]]:
    """(id of the field to focus, its first message) for the error summary at the top of the
    quick log (issue 17: a refused save left the one message ~1,900 px down). Errors not of
    one field are already shown at the top of the form."""
    return [
        (_ERROR_TARGETS.get(field.name, field.id_for_label), field.errors[0])
        for field in form
        if field.errors
    ]


def _employer_choices(user, picked) -> list[Employer]:
    """The employer picked (if any), then the user's recent employers."""
    picked_id = query_id(str(picked or ""))
    options = []
    if picked_id is not None:
        options = list(
            Employer.objects.for_user(user).filter(
                program_id__in=casework_programs(user), pk=picked_id
            )
        )
    return options + [e for e in recent_employers(user) if e not in options]


def _seeker_choices(user, form) -> dict:
    """The user's own people (recent first) and any other person already ticked."""
    value = form["seekers"].value() or []
    ticked = {str(v) for v in ([value] if isinstance(value, str | int) else value)}
    own = list(own_seekers_for_log(user))
    own_ids = {str(s.pk) for s in own}
    wanted = [query_id(v) for v in ticked - own_ids]
    others = list(
        loggable_seekers(user).filter(pk__in=[v for v in wanted if v is not None]).order_by("name")
    )
    return {"own_seekers": own, "other_seekers": others, "ticked": ticked}


def _just_saved(request) -> dict:
    """The contact named by `?saved=`: its employer for "Log another at this employer",
    and whether "Undo" is still offered (its own specialist, for UNDO_MINUTES). Only a
    contact this session saved on the quick log, that the user may still see, within
    UNDO_MINUTES of saving it; any other id shows nothing (no error page)."""
    saved_id = query_id(request.GET.get("saved", ""))
    if saved_id is None or saved_id not in request.session.get(JUST_SAVED_KEY, []):
        return {"saved": None}
    contact = (
        EmployerContact.objects.for_user(request.user)
        .select_related("employer", "specialist")
        .filter(pk=saved_id, created_at__gte=timezone.now() - dt.timedelta(minutes=UNDO_MINUTES))
        .first()
    )
    if contact is None:
        return {"saved": None}
    return {
        "saved": contact,
        "can_undo": may_undo(contact, request.user),
        "undo_minutes": UNDO_MINUTES,
    }


@requires("employers.add_employercontact")
def seeker_options(request):
    """Search-as-you-type for other people of the user's programs (checkboxes, a fragment)."""
    _require_casework(request.user)
    try:
        text = query_text(request.GET.get("q", ""), max_length=100)
    except ValueError as error:
        return HttpResponseBadRequest(f"The search {error}.", content_type="text/plain")
    return TemplateResponse(
        request,
        "employers/_seeker_options.html",
        {"seekers": list(search_seekers_for_log(request.user, text)), "ticked": set(), "q": text},
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
    # A malformed ?specialist= (not an id) is ignored: the page as without it.
    asked = query_id(request.GET.get("specialist") or "")
    own = StaffMember.objects.filter(user=user, active=True, role__in=CASEWORK_ROLES)
    if asked is not None:
        visible = StaffMember.objects.filter(pk=asked, active=True)
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
        "team": program_week(user, today) if leading and asked is None else [],
        "today": today,
        "ticked": ticked_next_step(user, request.GET.get("ticked")),
    }
    return TemplateResponse(request, "employers/my_week.html", context)


@requires("employers.change_employer")
def merge(request, pk: int):
    """Merge a duplicate employer into this one: every contact, person, opening and job moves."""
    keep = get_object_or_404(Employer.objects.for_user(request.user), pk=pk)
    if not has_role(request.user, CASEWORK_ROLES, keep.program_id):
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


def _back(request, default: str) -> str:
    """Where to go after a one-button action: the submitted `next` when it is one of our
    own paths, else `default`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def with_query(url: str, **values) -> str:
    """`url` with each of `values` set in its query (None: taken out); the rest of the
    query and the #fragment are kept."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in values]
    query += [(k, str(v)) for k, v in values.items() if v is not None]
    return urlunsplit(parts._replace(query=urlencode(query)))


@require_POST
@requires("employers.change_employercontact")
def next_step_done(request, pk: int):
    """The "Done" button of a next step (home, My week): through `complete_next_step`."""
    contact = get_object_or_404(
        EmployerContact.objects.for_user(request.user).select_related("specialist", "employer"),
        pk=pk,
    )
    back = _back(request, reverse("wagtailadmin_home"))
    try:
        complete_next_step(contact=contact, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(back)
    messages.success(request, f"Done: {contact.next_step} ({contact.employer.name}).")
    # The page shows the step just ticked with its "Undo" (employers/_ticked.html).
    return redirect(with_query(back, ticked=contact.pk))


@require_POST
@requires("employers.change_employercontact")
def next_step_undo(request, pk: int):
    """The "Undo" shown after "Done": the next step is on the lists again, through
    `reopen_next_step`."""
    contact = get_object_or_404(
        EmployerContact.objects.for_user(request.user).select_related("specialist", "employer"),
        pk=pk,
    )
    back = with_query(_back(request, reverse("wagtailadmin_home")), ticked=None)
    try:
        reopen_next_step(contact=contact, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        due = f", by {date_format(contact.next_step_due)}" if contact.next_step_due else ""
        messages.success(
            request, f"Back on the list: {contact.next_step} ({contact.employer.name}){due}."
        )
    return redirect(back)


@require_POST
@requires("employers.add_employercontact")
def undo_contact(request, pk: int):
    """The quick log's "Undo": the contact just saved is deleted (its specialist only,
    for `UNDO_MINUTES`), through `undo_employer_contact`."""
    contact = get_object_or_404(
        EmployerContact.objects.for_user(request.user).select_related("specialist", "employer"),
        pk=pk,
    )
    try:
        undo_employer_contact(contact=contact, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(f"{reverse('crm:quick_log')}?saved={contact.pk}")
    # A fresh form: its recent employers come from the contacts that still exist, so the
    # employer undone is not shown first as if it were recent (red team); logging the
    # corrected contact there is one tap on the message's link.
    again = f"{reverse('crm:quick_log')}?employer={contact.employer_id}"
    messages.success(
        request,
        format_html(
            'Undone: the contact with {} was removed. <a href="{}">Log it again at {}</a>',
            contact.employer.name,
            again,
            contact.employer.name,
        ),
    )
    return redirect("crm:quick_log")
