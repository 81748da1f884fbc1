"""Workspace screens of the program report for supervisors and directors: the dashboard
(fidelity items, outcomes, trends), its exports, the quarterly return and the supervision
report. Every read is limited to programs the user leads."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ips.audit import record_rows_shown
from ips.fidelity.anchors import COMPUTED_ITEMS, UK_EMPLOYMENT_BENCHMARK, WEEKLY_CONTACT_GOAL
from ips.fidelity.selectors import program_facts, specialist_names, weekly_face_to_face
from ips.fidelity.supervision import supervision_rows
from ips.leadership import download as _download
from ips.leadership import programs_or_403 as _programs_or_403
from ips.models import AuditEvent
from ips.permissions import PROGRAM_FIGURES, requires
from ips.validators import query_id
from jobseekers.checkins.selectors import psr_and_learning
from reports.build import combined_report, program_report, quarterly_reports
from reports.charts import Chart, Line, bar_layout, to_png, to_svg
from reports.formats import to_csv, to_json
from reports.forms import PeriodForm
from reports.html import per_specialist_shown, report_context
from reports.periods import quarter_choices
from reports.tables import (
    CSV_TABLES,
    named_table,
    quarterly_table,
    report_tables,
    supervision_table,
    table_csv,
    to_xlsx,
    totals_table,
)

US_TIER_LINES = (Line(31, "31"), Line(41, "41"), Line(50, "50"))


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
        return render(request, "fidelity/dashboard.html", {"form": form})
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
    context["chart_labels"] = CHART_LABELS
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
CHART_LABELS = (
    ("rates", "Employment rate"),
    ("contacts", "Employer contacts per week"),
    ("trend", "Trend by quarter"),
)
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
        from reports.pdf import report_pdf  # fpdf2 loads for a PDF, not at start-up

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
