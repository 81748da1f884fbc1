"""Workspace screens of fidelity reviews for supervisors and directors: the list, a
review with its ratings and action plan, the comparison, the exports. Every read is
limited to programs the user leads."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ips.domain import text_problem
from ips.fidelity.forms import ActionItemForm, ReviewForm
from ips.fidelity.models import ActionItem, FidelityReview
from ips.fidelity.reviews import review_rows, review_summary
from ips.fidelity.rubric import SOURCES
from ips.fidelity.services import (
    add_action_item,
    complete_review,
    rate_items,
    set_action_status,
    start_review,
)
from ips.leadership import download as _download
from ips.leadership import programs_or_403 as _programs_or_403
from ips.permissions import requires
from ips.spreadsheets import neutralise_formula
from ips.validators import query_id
from ips.versioning import (
    MISSING_VERSION_MESSAGE,
    VERSION_FIELD,
    StaleCopyError,
    parse_version,
)


@requires("fidelity.view_fidelityreview")
def review_list(request):
    programs = _programs_or_403(request)
    reviews = FidelityReview.objects.for_user(request.user).select_related("program")
    form = ReviewForm(request.POST or None)
    program_id = request.POST.get("program")
    if request.method == "POST" and form.is_valid():
        program = get_object_or_404(programs, pk=query_id(program_id))
        review = start_review(program=program, **form.cleaned_data)
        return redirect("fidelity:review", pk=review.pk)
    context = {"reviews": reviews, "form": form, "programs": programs}
    return render(request, "fidelity/reviews.html", context)


def _review(request, pk: int) -> FidelityReview:
    queryset = FidelityReview.objects.for_user(request.user).select_related("program")
    return get_object_or_404(queryset, pk=pk)


@requires("fidelity.view_fidelityreview")
def review_detail(request, pk: int):
    """Rate each item 1-5 with a note and evidence; the computed figure is shown beside,
    with a button to take its rating. Autosaves (a background POST with `autosave`,
    answered in JSON); the action plan can be added to and closed after completion."""
    review = _review(request, pk)
    action_form = ActionItemForm()
    if request.method == "POST":
        if "add_action" in request.POST:
            action_form = ActionItemForm(request.POST)
            if action_form.is_valid():
                add_action_item(review=review, **action_form.cleaned_data)
                messages.success(request, "Added to the action plan.")
                return redirect(f"{reverse('fidelity:review', args=[review.pk])}#action-plan")
            return _review_page(request, review, action_form)
        if "action_status" in request.POST:
            return _set_action_status(request, review)
        if review.status == FidelityReview.Status.DRAFT:
            return _save_ratings(request, review)
        messages.error(request, "This review is completed: its ratings can no longer change.")
        return redirect("fidelity:review", pk=review.pk)
    return _review_page(request, review, action_form)


def _set_action_status(request, review: FidelityReview):
    action_id = query_id(request.POST.get("action_id"))
    try:
        if action_id is None:
            raise ActionItem.DoesNotExist
        item = set_action_status(
            review=review, action_id=action_id, status=request.POST.get("action_status", "")
        )
    except ActionItem.DoesNotExist:
        return HttpResponse("No such action item in this review.", status=404)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400)
    messages.success(request, f"Action item marked {item.get_status_display().lower()}.")
    return redirect(f"{reverse('fidelity:review', args=[review.pk])}#action-plan")


SECTION_ORDER = ("Staffing", "Organisation", "Services")


def _review_page(request, review: FidelityReview, action_form, rows=None, status: int = 200):
    editable = review.status == FidelityReview.Status.DRAFT
    rows = rows or review_rows(review)
    _add_coordination_evidence(review, rows)
    sections = [(name, [r for r in rows if r["section"] == name]) for name in SECTION_ORDER]
    context = {"review": review, "rows": rows, "sections": sections, "editable": editable}
    context.update(action_form=action_form, summary=review_summary(review))
    context["action_statuses"] = ActionItem.Status.choices
    return render(request, "fidelity/review.html", context, status=status)


# Items whose evidence the PSR coordination log gives (issue 24, item 5), and the services
# that count for each: O2 integration through frequent team contact, O3 collaboration
# with vocational rehabilitation (IPS Fidelity Scale, organisation items).
COORDINATION_ITEMS = {
    "O2": None,  # every service: the treatment team's and the others' contacts
    "O3": "Vocational rehabilitation",
}


def _add_coordination_evidence(review: FidelityReview, rows: list[dict]) -> None:
    """Beside O2 and O3: the coordination contacts logged in the review's period (two
    queries), as evidence the reviewers weigh, never a rating."""
    from jobseekers.selectors import coordination_evidence

    found = coordination_evidence([review.program_id], review.period_start, review.period_end)
    for row in rows:
        if row["key"] not in COORDINATION_ITEMS:
            continue
        service = COORDINATION_ITEMS[row["key"]]
        if service is None:
            parts = "; ".join(f"{name}: {n}" for name, n in found.by_service.items())
            text = f"{found.contacts} contact(s) about {found.people} person(s)"
            row["coordination"] = f"{text} ({parts})" if parts else text
        else:
            row["coordination"] = f"{found.by_service.get(service, 0)} contact(s) with {service}"


def _save_ratings(request, review: FidelityReview):
    autosave = "autosave" in request.POST

    def refuse(message: str, status: int = 400):
        if autosave:
            return JsonResponse({"error": message}, status=status)
        messages.error(request, message)
        return redirect("fidelity:review", pk=review.pk)

    ratings = {}
    computed = {r.item_key: r.computed_rating for r in review.ratings.all()}
    use_computed = request.POST.get("use_computed")
    for row in review.ratings.all():
        raw = request.POST.get(f"rating_{row.item_key}", "")
        if raw not in ("", "1", "2", "3", "4", "5"):
            return refuse(f"{row.item_key}: a rating is a whole number from 1 to 5.")
        note = request.POST.get(f"note_{row.item_key}", "")
        evidence = request.POST.get(f"evidence_{row.item_key}", "")
        problem = text_problem(note + evidence)
        if problem:
            return refuse(f"{row.item_key}: the note or evidence {problem}; remove it.")
        rating = int(raw) if raw else None
        if use_computed == row.item_key and computed.get(row.item_key):
            rating = computed[row.item_key]
        ratings[row.item_key] = (rating, note, evidence)
    expected = parse_version(request.POST.get(VERSION_FIELD))
    if expected is None:
        return refuse(MISSING_VERSION_MESSAGE)
    try:
        rate_items(review=review, ratings=ratings, expected_version=expected)
    except StaleCopyError as error:
        if autosave:
            return JsonResponse({"error": error.messages[0]}, status=409)
        return _stale_ratings(request, review, ratings, error)
    except ValidationError as error:
        return refuse(" ".join(error.messages))
    if autosave:
        saved = timezone.localtime().strftime("%H:%M")
        return JsonResponse({"version": review.version, "saved": saved})
    if "complete" in request.POST:
        try:
            complete_review(review=review, expected_version=review.version)
        except (ValidationError, StaleCopyError) as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"Review completed: {review.total} of 125. The ratings are now fixed; you can "
                "still add to the action plan and mark its items done.",
            )
        return redirect("fidelity:review", pk=review.pk)
    if use_computed:
        messages.success(request, f"{use_computed}: the computed rating is used; saved.")
        return redirect(f"{reverse('fidelity:review', args=[review.pk])}#item-{use_computed}")
    messages.success(request, "Ratings saved.")
    return redirect("fidelity:review", pk=review.pk)


def _stale_ratings(request, review: FidelityReview, ratings: dict, error: StaleCopyError):
    """The latest review with the reviewer's own ratings on top, nothing saved (409)."""
    review = _review(request, review.pk)
    messages.error(request, error.messages[0])
    rows = review_rows(review)
    for row in rows:
        if row["key"] in ratings:
            row["rating"], row["note_only"], row["evidence"] = ratings[row["key"]]
    return _review_page(request, review, ActionItemForm(), rows=rows, status=409)


@requires("fidelity.view_fidelityreview")
def review_compare(request):
    """Reviews side by side: one column per chosen review, one row per item."""
    chosen = request.GET.getlist("review")[:4]
    reviews = list(
        FidelityReview.objects.for_user(request.user)
        .filter(pk__in=[pk for pk in map(query_id, chosen) if pk is not None])
        .select_related("program")
        .prefetch_related("ratings")
        .order_by("review_date")
    )
    _programs_or_403(request)
    columns = [(r, {x.item_key: x.rating for x in r.ratings.all()}) for r in reviews]
    rows = [(row, [ratings.get(row["key"]) for _, ratings in columns]) for row in review_rows()]
    context = {"columns": columns, "rows": rows}
    return render(request, "fidelity/compare.html", context)


@requires("fidelity.view_fidelityreview")
def review_export(request, pk: int, fmt: str):
    review = _review(request, pk)
    rows = review_rows(review)
    summary = review_summary(review)
    actions = [
        [a.item_key, a.action, a.owner, str(a.due_date or ""), a.get_status_display()]
        for a in review.actions.all()
    ]
    name = f"fidelity-review-{review.program.slug}-{review.review_date}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["item", "title", "rating", "computed", "note", "evidence"])
        for r in rows:
            cells = [r["key"], r["title"], r["rating"] or "", r["computed"]]
            cells += [r["note_only"], r["evidence"]]  # typed by staff: never run as formulas
            writer.writerow([neutralise_formula(c) for c in cells])
        writer.writerow(["total", "", review.total or "", "", "", ""])
        return _download(out.getvalue(), "text/csv", f"{name}.csv")
    if fmt == "pdf":
        from ips.fidelity.pdf import review_pdf  # fpdf2 loads for a PDF, not at start-up

        title = f"Fidelity review: {review.program}, {date_format(review.review_date)}"
        return _download(
            review_pdf(title, rows, summary, actions), "application/pdf", f"{name}.pdf"
        )
    html = render_to_string(
        "fidelity/review_print.html",
        {
            "review": review,
            "rows": rows,
            "summary": summary,
            "actions": review.actions.all(),
            "sources": SOURCES,
        },
    )
    return HttpResponse(html)
