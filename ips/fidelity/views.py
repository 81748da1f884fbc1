"""Workspace screens for supervisors and directors: fidelity dashboard, report exports,
spreadsheet import, fidelity reviews. Every read is limited to programs the user leads."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from ips.audit import record_rows_shown
from ips.domain import text_problem
from ips.fidelity.anchors import COMPUTED_ITEMS, UK_EMPLOYMENT_BENCHMARK, WEEKLY_CONTACT_GOAL
from ips.fidelity.forms import ActionItemForm, PeriodForm, ReviewForm, UploadForm
from ips.fidelity.models import FidelityReview, ImportUpload
from ips.fidelity.reviews import review_rows, review_summary
from ips.fidelity.selectors import weekly_face_to_face
from ips.fidelity.services import complete_review, rate_items, start_review
from ips.importer.uploads import UploadError, confirm_upload, create_upload, progress_of, unpack
from ips.models import AuditEvent, Program
from ips.permissions import PROGRAM_FIGURES, requires
from ips.reports.build import program_report
from ips.reports.charts import Line, bar_chart
from ips.reports.formats import to_csv, to_json
from ips.reports.html import report_context
from ips.reports.pdf import report_pdf, review_pdf
from ips.reports.periods import last_quarters, quarter_label
from ips.roles import LEADERSHIP, program_ids
from ips.spreadsheets import neutralise_formula
from ips.validators import query_id
from ips.versioning import (
    MISSING_VERSION_MESSAGE,
    VERSION_FIELD,
    StaleCopyError,
    parse_version,
)

US_TIER_LINES = (Line(31, "31"), Line(41, "41"), Line(50, "50"))


def led_programs(user):
    """Programs whose figures the user may see: those where they are supervisor or director."""
    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(id__in=program_ids(user, LEADERSHIP))


def _programs_or_403(request):
    programs = led_programs(request.user)
    if not programs.exists():
        raise PermissionDenied
    return programs


def _period(request):
    form = PeriodForm(request.GET, programs=_programs_or_403(request))
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, (data["program"], data["start"], data["end"])


@requires(PROGRAM_FIGURES)
def dashboard(request):
    """Computed items, outcomes against benchmarks, quarterly trends, weekly contacts."""
    form, chosen = _period(request)
    if chosen is None:
        return render(request, "fidelity/dashboard.html", {"form": form}, status=400)
    program, start, end = chosen
    report = program_report(program, start, end)
    context = report_context(report)
    trends = []
    for q_start, q_end in last_quarters(end, 4):
        data = program_report(program, q_start, q_end)
        trends.append((quarter_label(q_start), data))
    trend_rows = [
        (item, [data["fidelity"]["items"][item.key] for _, data in trends])
        for item in COMPUTED_ITEMS
    ]
    context.update(form=form, program=program, trends=trends, trend_rows=trend_rows)
    context["charts"] = _charts(report, trends)
    context["weeks"], context["weekly"] = weekly_face_to_face(program, end)
    context["goal"] = WEEKLY_CONTACT_GOAL
    return render(request, "fidelity/dashboard.html", context)


def _charts(report, trends) -> dict[str, str]:
    outcomes = report["outcomes"]
    v6 = report["fidelity"]["items"]["V6"]
    return {
        "rates": bar_chart(
            "Employment rate against the benchmarks",
            [
                ("US rate", round(outcomes["employment_rate"] * 100, 1)),
                ("UK rate", round(outcomes["employment_rate_uk"] * 100, 1)),
            ],
            maximum=100,
            unit=" %",
            lines=(*US_TIER_LINES, Line(UK_EMPLOYMENT_BENCHMARK * 100, "UK 40")),
        ),
        "contacts": bar_chart(
            "Face-to-face employer contacts per week, per specialist (goal 6)",
            list((v6.get("per_specialist") or {}).items()),
            maximum=8,
            lines=(Line(WEEKLY_CONTACT_GOAL, "goal 6"),),
        ),
        "trend": bar_chart(
            "US employment rate by quarter",
            [(label, round(d["outcomes"]["employment_rate"] * 100, 1)) for label, d in trends],
            maximum=100,
            unit=" %",
            lines=US_TIER_LINES,
        ),
    }


@requires(PROGRAM_FIGURES)
def report_export(request, fmt: str):
    """The program report for a period as printable HTML, CSV, JSON or PDF."""
    form, chosen = _period(request)
    if chosen is None:
        return HttpResponse("Choose a program you lead and a valid period.", status=400)
    report = program_report(*chosen)
    record_rows_shown(
        request=request,
        what=f"program report {fmt} (people served)",
        counts={chosen[0].pk: report["outcomes"]["served"]},
        action=AuditEvent.Action.EXPORT,
    )
    name = f"ips-report-{chosen[0].slug}-{chosen[1]}-{chosen[2]}"
    if fmt == "csv":
        return _download(to_csv(report), "text/csv", f"{name}.csv")
    if fmt == "json":
        return _download(to_json(report), "application/json", f"{name}.json")
    if fmt == "pdf":
        return _download(report_pdf(report_context(report)), "application/pdf", f"{name}.pdf")
    return render(request, "reports/program_report.html", report_context(report))


def _download(body, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires("fidelity.add_importupload")
def import_upload(request):
    """Upload files (or a zip) for one program; they are checked before anything is written."""
    programs = _programs_or_403(request)
    form = UploadForm(request.POST or None, request.FILES or None, programs=programs)
    if request.method == "POST" and form.is_valid():
        try:
            files = unpack([(f.name, f.read()) for f in form.cleaned_data["files"]])
        except UploadError as error:
            form.add_error("files", str(error))
        else:
            upload = create_upload(
                program=form.cleaned_data["program"], user=request.user, files=files
            )
            return redirect("fidelity:import_detail", pk=upload.pk)
    recent = ImportUpload.objects.for_user(request.user).select_related("program")[:10]
    status = 400 if request.method == "POST" else 200
    return render(request, "importer/upload.html", {"form": form, "recent": recent}, status=status)


@requires("fidelity.view_importupload")
def import_detail(request, pk: int):
    """The preview (counts, every problem), the progress of a running job, or the outcome."""
    upload = get_object_or_404(ImportUpload.objects.for_user(request.user), pk=pk)
    done, total = progress_of(upload)
    context = {"upload": upload, "done": done, "total": total}
    return render(request, "importer/detail.html", context)


@requires("fidelity.view_importupload")
def import_status(request, pk: int):
    """Polled by the progress indicator while a large import runs."""
    upload = get_object_or_404(ImportUpload.objects.for_user(request.user), pk=pk)
    done, total = progress_of(upload)
    data = {"status": upload.status, "running": upload.running, "done": done, "total": total}
    return JsonResponse(data)


@require_POST
@requires("fidelity.add_importupload")
def import_confirm(request, pk: int):
    upload = get_object_or_404(ImportUpload.objects.for_user(request.user), pk=pk)
    try:
        confirm_upload(upload=upload)
    except UploadError as error:
        messages.error(request, str(error))
    return redirect("fidelity:import_detail", pk=upload.pk)


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
    return render(request, "fidelity/reviews.html", context, status=400 if form.errors else 200)


def _review(request, pk: int) -> FidelityReview:
    queryset = FidelityReview.objects.for_user(request.user).select_related("program")
    return get_object_or_404(queryset, pk=pk)


@requires("fidelity.view_fidelityreview")
def review_detail(request, pk: int):
    """Rate each item 1-5 with a note and evidence; the computed figure is shown beside."""
    review = _review(request, pk)
    action_form = ActionItemForm()
    if request.method == "POST" and review.status == FidelityReview.Status.DRAFT:
        if "add_action" in request.POST:
            action_form = ActionItemForm(request.POST)
            if action_form.is_valid():
                action_form.instance.review, action_form.instance.program = review, review.program
                action_form.save()
                return redirect("fidelity:review", pk=review.pk)
        else:
            return _save_ratings(request, review)
    return _review_page(request, review, action_form)


def _review_page(request, review: FidelityReview, action_form, rows=None, status: int = 200):
    editable = review.status == FidelityReview.Status.DRAFT
    context = {"review": review, "rows": rows or review_rows(review), "editable": editable}
    context.update(action_form=action_form, summary=review_summary(review))
    return render(request, "fidelity/review.html", context, status=status)


def _save_ratings(request, review: FidelityReview):
    ratings = {}
    for row in review.ratings.all():
        raw = request.POST.get(f"rating_{row.item_key}", "")
        if raw not in ("", "1", "2", "3", "4", "5"):
            messages.error(request, f"{row.item_key}: a rating is a whole number from 1 to 5.")
            return redirect("fidelity:review", pk=review.pk)
        note = request.POST.get(f"note_{row.item_key}", "")
        evidence = request.POST.get(f"evidence_{row.item_key}", "")
        problem = text_problem(note + evidence)
        if problem:
            messages.error(request, f"{row.item_key}: the note or evidence {problem}; remove it.")
            return redirect("fidelity:review", pk=review.pk)
        ratings[row.item_key] = (int(raw) if raw else None, note, evidence)
    expected = parse_version(request.POST.get(VERSION_FIELD))
    if expected is None:
        messages.error(request, MISSING_VERSION_MESSAGE)
        return redirect("fidelity:review", pk=review.pk)
    try:
        rate_items(review=review, ratings=ratings, expected_version=expected)
    except StaleCopyError as error:
        return _stale_ratings(request, review, ratings, error)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("fidelity:review", pk=review.pk)
    if "complete" in request.POST:
        try:
            complete_review(review=review, expected_version=review.version)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
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
        title = f"Fidelity review: {review.program}, {review.review_date}"
        return _download(
            review_pdf(title, rows, summary, actions), "application/pdf", f"{name}.pdf"
        )
    html = render_to_string(
        "fidelity/review_print.html",
        {"review": review, "rows": rows, "summary": summary, "actions": review.actions.all()},
    )
    return HttpResponse(html)
