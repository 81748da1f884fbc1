"""`manage.py ips_report --program NAME --start DATE --end DATE [--format json|csv|html|xlsx]
[--output FILE]` (xlsx needs --output: a workbook, one sheet per table)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import timezone

from ips.fidelity.selectors import specialist_names
from ips.models import Program
from reports.build import combined_report, program_report, quarterly_reports
from reports.formats import to_csv, to_json
from reports.html import report_context
from reports.tables import programs_tables, report_tables, to_xlsx


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
        parser.add_argument(
            "--program",
            required=True,
            action="append",
            help="program name; give it again for several programs and their total",
        )
        parser.add_argument("--start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--end", required=True, help="last day, YYYY-MM-DD (included)")
        parser.add_argument("--format", default="json", choices=["json", "csv", "html", "xlsx"])
        parser.add_argument("--output", help="file to write (required for xlsx)")

    def handle(self, *args, program: list[str] | str, start: str, end: str, format: str, **options):
        output = options.get("output")
        if format == "xlsx" and not output:
            raise CommandError("--format xlsx writes a workbook: give --output FILE.xlsx")
        first, last = _date(start, "start"), _date(end, "end")
        if last < first:
            raise CommandError(f"--end {end} is before --start {start}")
        if first > timezone.localdate():
            raise CommandError(
                f"--start {start} has not come yet: a report needs a day up to today"
            )
        names = [program] if isinstance(program, str) else program  # call_command(program=...)
        found_all = [self._program(name) for name in names]
        if len({p.pk for p in found_all}) != len(found_all):
            raise CommandError("each --program may be given once")
        if len(found_all) > 1:
            self._several(found_all, first, last, format, output)
            return
        found = found_all[0]
        report = program_report(found, first, last)
        if format == "xlsx":
            tables = report_tables(
                report, quarterly_reports(found, last, 4), specialist_names(found), found.country
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
            context = report_context(report, specialist_names(found), found.country)
            context |= {"standalone": True}
            self.stdout.write(render_to_string("reports/program_report.html", context))

    def _program(self, name: str) -> Program:
        found = Program.objects.filter(name__iexact=name.strip()).first()
        if found is None:
            names = ", ".join(Program.objects.values_list("name", flat=True)) or "none yet"
            raise CommandError(f"no program named {name!r} (programs: {names})")
        return found

    def _several(self, programs, first, last, format: str, output: str | None) -> None:
        """Each program's report and their total (added shape: `{"programs": [report,
        ...], "total": combined}`; the one-program output is unchanged)."""
        reports = [program_report(p, first, last) for p in programs]
        total = combined_report(programs, first, last)
        if format == "json":
            self.stdout.write(to_json({"programs": reports, "total": total}))
        elif format == "csv":
            flat_total = total | {"programs": "; ".join(total["programs"])}  # one cell
            rows = to_csv({"programs": dict(enumerate(reports)), "total": flat_total})
            self.stdout.write(rows, ending="")
        elif format == "xlsx":
            entries = [
                (report, quarterly_reports(p, last, 4), specialist_names(p), p.country)
                for p, report in zip(programs, reports, strict=True)
            ]
            tables = programs_tables(entries, total)
            with open(output, "wb") as handle:
                handle.write(to_xlsx(tables))
            self.stdout.write(f"Wrote {output} ({len(tables)} sheets).")
        else:
            parts = [
                render_to_string(
                    "reports/program_report.html",
                    report_context(r, specialist_names(p), p.country) | {"standalone": True},
                )
                for p, r in zip(programs, reports, strict=True)
            ]
            self.stdout.write("\n".join(parts))
