"""`manage.py ips_report --program NAME --start DATE --end DATE [--format json|csv|html|xlsx]
[--output FILE]` (xlsx needs --output: a workbook, one sheet per table)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from ips.fidelity.selectors import specialist_names
from ips.models import Program
from ips.reports.build import program_report, quarterly_reports
from ips.reports.formats import to_csv, to_json
from ips.reports.html import report_context
from ips.reports.tables import report_tables, to_xlsx


def _date(value: str, name: str) -> dt.date:
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--{name} {value!r} is not a date written YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Print the program report (fidelity items, review, outcomes) for a period."

    def add_arguments(self, parser):
        parser.add_argument("--program", required=True, help="program name")
        parser.add_argument("--start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--end", required=True, help="last day, YYYY-MM-DD (included)")
        parser.add_argument("--format", default="json", choices=["json", "csv", "html", "xlsx"])
        parser.add_argument("--output", help="file to write (required for xlsx)")

    def handle(self, *args, program: str, start: str, end: str, format: str, **options):
        output = options.get("output")
        if format == "xlsx" and not output:
            raise CommandError("--format xlsx writes a workbook: give --output FILE.xlsx")
        first, last = _date(start, "start"), _date(end, "end")
        if last < first:
            raise CommandError(f"--end {end} is before --start {start}")
        found = Program.objects.filter(name__iexact=program.strip()).first()
        if found is None:
            names = ", ".join(Program.objects.values_list("name", flat=True)) or "none yet"
            raise CommandError(f"no program named {program!r} (programs: {names})")
        report = program_report(found, first, last)
        if format == "xlsx":
            tables = report_tables(
                report, quarterly_reports(found, last, 4), specialist_names(found)
            )
            with open(output, "wb") as handle:
                handle.write(to_xlsx(tables))
            self.stdout.write(f"Wrote {output} ({len(tables)} sheets).")
            return
        if format == "json":
            self.stdout.write(to_json(report))
        elif format == "csv":
            self.stdout.write(to_csv(report), ending="")
        else:
            context = report_context(report, specialist_names(found)) | {"standalone": True}
            self.stdout.write(render_to_string("reports/program_report.html", context))
