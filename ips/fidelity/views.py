"""Workspace screens for supervisors and directors: fidelity dashboard, report exports,
spreadsheet import, fidelity reviews. Every read is limited to programs the user leads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ips.audit import record_rows_shown
from ips.domain import text_problem
from ips.fidelity.anchors import COMPUTED_ITEMS, UK_EMPLOYMENT_BENCHMARK, WEEKLY_CONTACT_GOAL
from ips.fidelity.forms import ActionItemForm, PeriodForm, ReviewForm, UploadForm
from ips.fidelity.models import ActionItem, FidelityReview, ImportUpload
from ips.fidelity.reviews import review_rows, review_summary
from ips.fidelity.rubric import SOURCES
from ips.fidelity.selectors import program_facts, specialist_names, weekly_face_to_face
from ips.fidelity.services import (
    add_action_item,
    complete_review,
    rate_items,
    set_action_status,
    start_review,
)
from ips.fidelity.supervision import supervision_rows
from ips.importer import schema as import_schema
from ips.importer.template import template_files
from ips.importer.uploads import UploadError, confirm_upload, create_upload, progress_of, unpack
from ips.models import AuditEvent, Program
from ips.permissions import PROGRAM_FIGURES, requires
from ips.reports.build import combined_report, program_report, quarterly_reports
from ips.reports.charts import Chart, Line, bar_layout, to_png, to_svg
from ips.reports.formats import to_csv, to_json
from ips.reports.html import per_specialist_shown, report_context
from ips.reports.periods import quarter_choices
from ips.reports.tables import (
    CSV_TABLES,
    named_table,
    quarterly_table,
    report_tables,
    supervision_table,
    table_csv,
    to_xlsx,
    totals_table,
)
from ips.roles import LEADERSHIP, program_ids
from ips.spreadsheets import neutralise_formula
from ips.validators import query_id
from ips.versioning import (
    MISSING_VERSION_MESSAGE,
    VERSION_FIELD,
    StaleCopyError,
    parse_version,
)
from jobseekers.checkins.selectors import psr_and_learning

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
    names = specialist_names(program)
    context = report_context(report, names, program.country)
    trends = quarterly_reports(program, end, 4)
    context.update(form=form, program=program, trends=trends, trend_rows=trend_rows(trends))
    charts = _charts(report, trends, names, program.country)
    context["charts"] = {name: to_svg(chart) for name, chart in charts.items()}
    today = timezone.localdate()
    mondays, weekly = weekly_face_to_face(program, end, as_of=today)
    # (Monday, "so far"): the week holding today has not ended and is not judged.
    context["weeks"] = [(monday, monday + dt.timedelta(days=6) >= today) for monday in mondays]
    context["weekly"] = [
        (
            names.get(name, name),
            [
                {"n": n, "under": n < WEEKLY_CONTACT_GOAL and not so_far}
                for n, (_, so_far) in zip(counts, context["weeks"], strict=True)
            ],
        )
        for name, counts in weekly
    ]
    context["goal"] = WEEKLY_CONTACT_GOAL
    context["csv_tables"] = CSV_TABLE_LABELS
    led = list(form.fields["program"].queryset.order_by("name"))
    if len(led) > 1:
        # A director of several programs: each one and the total, side by side.
        reports = [report if p == program else program_report(p, start, end) for p in led]
        context["together"] = totals_table(reports, combined_report(led, start, end))
    context["quarters"] = [
        {
            "label": label,
            "query": urlencode(
                {"program": program.pk, "start": q_start.isoformat(), "end": q_end.isoformat()}
            ),
            "current": (q_start, q_end) == (start, end),
            "partial": partial,
        }
        for label, q_start, q_end, partial in quarter_choices(today)
    ]
    return render(request, "fidelity/dashboard.html", context)


CHARTS = ("rates", "contacts", "trend")
CSV_TABLE_LABELS = (
    ("items", "Fidelity items"),
    ("outcomes", "Outcomes"),
    ("per-specialist", "Per specialist"),
    ("per-quarter", "Per quarter (the last four)"),
    ("retention", "Keeping the job"),
    ("earnings", "Hours, pay and job endings"),
)


def trend_rows(trends) -> list[tuple]:
    """The "Items by quarter" table: (item spec, one cell per quarter), each cell the
    item's JSON dict with `value` as screens show it: two more decimals where the rounded
    value would read as another rating (`value_shown`; spec/metrics.md, "Edge cases,
    settled")."""
    return [
        (
            item,
            [
                (cell := data["fidelity"]["items"][item.key])
                | {"value": cell.get("value_shown", cell["value"])}
                for _, data in trends
            ],
        )
        for item in COMPUTED_ITEMS
    ]


@requires(PROGRAM_FIGURES)
def chart_download(request, name: str, fmt: str = "svg"):
    """One dashboard chart as an SVG or PNG file a director can put in a slide or a report
    (`?program=&start=&end=` as on the dashboard)."""
    if name not in CHARTS:
        return HttpResponse("Choose a chart: rates, contacts or trend.", status=404)
    form, chosen = _period(request)
    if chosen is None:
        return HttpResponse("Choose a program you lead and a valid period.", status=400)
    program, start, end = chosen
    report = program_report(program, start, end, with_psr_outcomes=False)
    trends = quarterly_reports(program, end, 4) if name == "trend" else []
    chart = _charts(report, trends, specialist_names(program), program.country)[name]
    filename = f"ips-{name}-{program.slug}-{start}-{end}.{fmt}"
    if fmt == "png":
        return _download(to_png(chart), "image/png", filename)
    return _download(to_svg(chart), "image/svg+xml", filename)


def _charts(report, trends, names: dict[str, str], country: str = "US") -> dict[str, Chart]:
    """The dashboard's charts; the rates and trend charts show the program's own country's
    rate against its own benchmarks (US tiers 31/41/50 %, or the UK 40 % benchmark). A
    period nobody was served in has no rate ("no data", never a 0 % bar)."""
    v6 = report["fidelity"]["items"]["V6"]
    uk = country == "UK"
    name = "UK" if uk else "US"
    lines = (Line(UK_EMPLOYMENT_BENCHMARK * 100, "UK 40"),) if uk else US_TIER_LINES
    return {
        "rates": bar_layout(
            "Employment rate against the benchmarks",
            [(f"{name} rate", _rate_or_none(report["outcomes"], uk))],
            maximum=100,
            unit=" %",
            lines=lines,
        ),
        "contacts": bar_layout(
            "Face-to-face employer contacts per week, per specialist (goal 6)",
            [(names.get(e, e), v) for e, v in per_specialist_shown(v6).items()],
            maximum=8,
            lines=(Line(WEEKLY_CONTACT_GOAL, "goal 6"),),
        ),
        "trend": bar_layout(
            f"{name} employment rate by quarter",
            [(label, _rate_or_none(d["outcomes"], uk)) for label, d in trends],
            maximum=100,
            unit=" %",
            lines=lines,
        ),
    }


def _rate_or_none(outcomes, uk: bool = False) -> float | None:
    """The US (or UK) employment rate in % (1 decimal); None when nobody was served."""
    rate = outcomes["employment_rate_uk" if uk else "employment_rate"]
    return round(rate * 100, 1) if outcomes["served"] else None


REPORT_FORMATS = ("html", "csv", "json", "pdf", "xlsx")


@requires(PROGRAM_FIGURES)
def report_export(request, fmt: str):
    """The program report for a period as printable HTML, CSV, JSON, PDF or XLSX."""
    if fmt not in REPORT_FORMATS:
        return HttpResponse("Choose a format: html, csv, json, pdf or xlsx.", status=404)
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
    if fmt == "xlsx":
        tables = report_tables(
            report,
            quarterly_reports(chosen[0], chosen[2], 4),
            specialist_names(chosen[0]),
            chosen[0].country,
        )
        return _download(to_xlsx(tables), XLSX, f"{name}.xlsx")
    if fmt == "csv":
        return _download(to_csv(report), "text/csv", f"{name}.csv")
    if fmt == "json":
        return _download(to_json(report), "application/json", f"{name}.json")
    if fmt == "pdf":
        from ips.reports.pdf import report_pdf  # fpdf2 loads for a PDF, not at start-up

        context = report_context(report, specialist_names(chosen[0]), chosen[0].country)
        return _download(report_pdf(context), "application/pdf", f"{name}.pdf")
    return render(
        request,
        "reports/program_report.html",
        report_context(report, specialist_names(chosen[0]), chosen[0].country),
    )


@requires(PROGRAM_FIGURES)
def report_table(request, name: str):
    """One table of the program report as a CSV a spreadsheet opens and charts: a header
    row, then one row per item, figure, specialist or quarter (the workbook's sheets, one
    at a time). `?program=&start=&end=` as on the dashboard."""
    if name not in CSV_TABLES:
        choices = ", ".join(CSV_TABLES)
        return HttpResponse(f"Choose a table: {choices}.", status=404)
    form, chosen = _period(request)
    if chosen is None:
        return HttpResponse("Choose a program you lead and a valid period.", status=400)
    program, start, end = chosen
    report = program_report(program, start, end, with_psr_outcomes=False)
    record_rows_shown(
        request=request,
        what=f"program report {name} table csv (people served)",
        counts={program.pk: report["outcomes"]["served"]},
        action=AuditEvent.Action.EXPORT,
    )
    quarters = quarterly_reports(program, end, 4) if name == "per-quarter" else None
    found = named_table(name, report, quarters, specialist_names(program), program.country)
    filename = f"ips-{name}-{program.slug}-{start}-{end}.csv"
    return _download(table_csv(found), "text/csv", filename)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
QUARTERLY_FORMATS = ("html", "csv", "xlsx")


@requires(PROGRAM_FIGURES)
def quarterly_return(request):
    """The quarterly return: one row per quarter (the last eight and this one so far) of
    the figures IPS programs submit, as a page, a CSV or a workbook (`?format=`)."""
    programs = _programs_or_403(request)
    program_id = query_id(request.GET.get("program"))
    fmt = request.GET.get("format") or "html"
    if fmt not in QUARTERLY_FORMATS:
        return HttpResponse("Choose a format: html, csv or xlsx.", status=400)
    if request.GET.get("program") and program_id is None:
        return HttpResponse("Choose a program you lead.", status=400)
    program = (
        get_object_or_404(programs, pk=program_id) if program_id is not None else programs.first()
    )
    quarters = quarterly_reports(program, timezone.localdate(), 9)
    table = quarterly_table(quarters, program.country)
    record_rows_shown(
        request=request,
        what=f"quarterly return {fmt} (people served)",
        counts={program.pk: sum(r["outcomes"]["served"] for _, r in quarters)},
        action=AuditEvent.Action.EXPORT if fmt != "html" else AuditEvent.Action.VIEW,
    )
    name = f"ips-quarterly-{program.slug}-{timezone.localdate()}"
    if fmt == "csv":
        return _download(table_csv(table), "text/csv", f"{name}.csv")
    if fmt == "xlsx":
        return _download(to_xlsx([table]), XLSX, f"{name}.xlsx")
    return render(
        request,
        "fidelity/quarterly.html",
        {"program": program, "programs": programs, "table": table},
    )


def _month(value: str | None, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """First and last day of the month written YYYY-MM (default: last month); None when
    the text is not such a month in 1900-2100."""
    if not value:
        first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    else:
        try:
            if len(value) != 7 or value[4] != "-":
                raise ValueError
            first = dt.date(int(value[:4]), int(value[5:]), 1)
        except ValueError:
            return None
        if not 1900 <= first.year <= 2100:
            return None
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


@requires(PROGRAM_FIGURES)
def supervision_report(request):
    """Outcome-based supervision: per employment specialist, one month's caseload, employer
    contacts a week, job starts, people working and in education, 90-day retention, people
    who left and job endings (docs/figures.md), as a page, CSV or XLSX (`?format=`)."""
    programs = _programs_or_403(request)
    fmt = request.GET.get("format") or "html"
    if fmt not in QUARTERLY_FORMATS:
        return HttpResponse("Choose a format: html, csv or xlsx.", status=400)
    program_id = query_id(request.GET.get("program"))
    if request.GET.get("program") and program_id is None:
        return HttpResponse("Choose a program you lead.", status=400)
    program = (
        get_object_or_404(programs, pk=program_id) if program_id is not None else programs.first()
    )
    today = timezone.localdate()
    month = _month(request.GET.get("month"), today)
    if month is None:
        return HttpResponse("Choose a month written YYYY-MM, for example 2026-10.", status=400)
    start, end = month
    if start > today:
        message = "That month has not begun yet: choose one up to this month."
        return HttpResponse(message, status=400)
    facts = program_facts(program, start, end, today)
    rows = supervision_rows(facts, psr_and_learning(program, start, end)[1])
    names = specialist_names(program)
    table = supervision_table(rows, names, f"Supervision {start:%Y-%m}")
    record_rows_shown(
        request=request,
        what=f"supervision report {fmt} (people on caseloads)",
        counts={program.pk: sum(r.caseload for r in rows)},
        action=AuditEvent.Action.EXPORT if fmt != "html" else AuditEvent.Action.VIEW,
    )
    name = f"ips-supervision-{program.slug}-{start:%Y-%m}"
    if fmt == "csv":
        return _download(table_csv(table), "text/csv", f"{name}.csv")
    if fmt == "xlsx":
        return _download(to_xlsx([table]), XLSX, f"{name}.xlsx")
    previous = (start - dt.timedelta(days=1)).strftime("%Y-%m")
    following = (end + dt.timedelta(days=1)).strftime("%Y-%m")
    return render(
        request,
        "fidelity/supervision.html",
        {
            "program": program,
            "programs": programs,
            "table": table,
            "start": start,
            "end": end,
            "partial": facts.period.partial,
            "month": f"{start:%Y-%m}",
            "previous": previous,
            "following": following if end < today else None,
        },
    )


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
                program=form.cleaned_data["program"],
                user=request.user,
                files=files,
                dates=form.cleaned_data["dates"],
            )
            return redirect("fidelity:import_detail", pk=upload.pk)
    recent = ImportUpload.objects.for_user(request.user).select_related("program")[:10]
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "recent": recent, "specs": import_schema.FILES}
    return render(request, "importer/upload.html", context, status=status)


@requires("fidelity.add_importupload")
def import_template(request):
    """The empty templates (a .csv and an .xlsx per import file, each column described) and
    docs/import-format.md, as one zip, generated from the importer's schema."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in template_files().items():
            out.writestr(f"import-template/{name}", data)
    return _download(archive.getvalue(), "application/zip", "import-template.zip")


@requires("fidelity.view_importupload")
def import_detail(request, pk: int):
    """The preview (counts, every problem), the progress of a running job, or the outcome."""
    upload = get_object_or_404(ImportUpload.objects.for_user(request.user), pk=pk)
    done, total = progress_of(upload)
    counts = upload.counts.values()
    context = {
        "upload": upload,
        "done": done,
        "total": total,
        "created": sum(c["created"] for c in counts),
        "updated": sum(c["updated"] for c in counts),
        "unchanged": sum(c.get("unchanged", 0) for c in counts),
    }
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
            return _review_page(request, review, action_form, status=400)
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
        from ips.reports.pdf import review_pdf  # fpdf2 loads for a PDF, not at start-up

        title = f"Fidelity review: {review.program}, {review.review_date}"
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
