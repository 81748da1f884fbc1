"""The program import: check every row of every file, then write all of it in one
transaction, or nothing (spec/interchange.md, Import). `import_program` runs it;
`ImportResult` is what it did."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import transaction

from importer.cells import DATE_ORDERS, Reading
from importer.readers import RawTable
from importer.schema import FILES, SPECS, ParsedFile, RowError, parse_table
from importer.services.checks import check_all
from importer.services.context import ImportContext
from importer.services.writers import WRITERS
from ips.models import Program

COUNT_KINDS = ("created", "updated", "unchanged")
PREVIEW_ROWS = 5  # rows of each file shown, as read, before the user confirms


@dataclass
class ImportResult:
    """What an import did (or would do): counts per file, every error, notes."""

    program: str
    dry_run: bool
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # file name -> {"columns": [...], "rows": [[line, text, ...]], "count": data rows}: the first
    # rows as read (a ZIP keeps its zero, a date-time shows its date), for the preview.
    preview: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def totals(self) -> tuple[int, int, int]:
        """(rows created, rows updated, rows unchanged) over every file: a row is "updated"
        only when a value of it changed (issue 16)."""
        counts = self.counts.values()
        created, updated, unchanged = (sum(c.get(kind, 0) for c in counts) for kind in COUNT_KINDS)
        return created, updated, unchanged

    def summary_lines(self) -> list[str]:
        """One line per file: `seekers.csv: 12 created, 3 updated, 40 unchanged`."""
        return [
            f"{name}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            for name, c in self.counts.items()
        ]


class _Rollback(Exception):
    pass


def import_program(
    *,
    program: Program,
    tables: list[RawTable],
    by: AbstractUser | None = None,
    read_errors: list[RowError] | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    dates: str | None = None,
) -> ImportResult:
    """Validate every file, then write everything into `program` in one transaction (none on
    any error). `program` is the authorised object itself (the upload's own program, never
    one looked up by name); `by` is the importing user (None: the operator's command), whose
    roles bound what staff.csv may grant (_check_staff). `dates` ("MDY", "DMY" or None)
    is the order of dates written like 04/09/2026 (spec/interchange.md, "Reading the
    cells"). Tables without a data row between them are refused: "nothing to import".
    ValueError for any other `dates` (the command and the form offer only these)."""
    if dates not in (None, *DATE_ORDERS):
        raise ValueError(f"dates must be one of {', '.join(DATE_ORDERS)} or None, not {dates!r}")
    result = ImportResult(program=program.name, dry_run=dry_run)
    result.errors.extend(read_errors or ())
    files: dict[str, ParsedFile] = {}
    for table in tables:
        reading = Reading(decimal_comma=table.decimal_comma, dates=dates, country=program.country)
        spec = SPECS[table.stem]
        parsed, errors = parse_table(spec, table.filename, table.header, table.rows, reading)
        files[table.stem] = parsed
        result.errors.extend(errors)
        result.preview[table.filename] = _preview(parsed, len(table.rows))
    if not result.errors and not any(table.rows for table in tables):
        result.errors.append(_nothing_to_import(tables))
    try:
        with transaction.atomic():
            ctx = ImportContext(program=program, files=files, errors=result.errors, by=by)
            check_all(ctx)
            result.notes = ctx.notes
            if result.errors:
                raise _Rollback
            stems = [spec.stem for spec in FILES if spec.stem in files]
            for done, stem in enumerate(stems):
                if progress:
                    progress(done, len(stems))
                counted = WRITERS[stem](ctx)
                result.counts[files[stem].filename] = dict(zip(COUNT_KINDS, counted, strict=True))
            if dry_run:
                transaction.set_rollback(True)
    except _Rollback:
        pass
    result.errors.sort(key=lambda e: (_file_order(e.file), e.line, e.column))
    return result


def _nothing_to_import(tables: list[RawTable]) -> RowError:
    if tables:
        names = ", ".join(table.filename for table in tables)
        reason = (
            f"Nothing to import: {names} hold{'s' if len(tables) == 1 else ''} a header but"
            " no data rows. Put the rows under the header row and upload again."
        )
    else:
        reason = (
            "Nothing to import: no file is named after what it holds ("
            + ", ".join(f"{stem}.csv" for stem in SPECS)
            + ", or .xlsx). Rename the files (or use the template) and try again."
        )
    return RowError("", 0, "", reason)


def _shown(value: Any) -> str:
    """A read value as the preview shows it: dates ISO, yes/no, lists joined by '; '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return str(value)


def _preview(parsed: ParsedFile, count: int) -> dict[str, Any]:
    columns = parsed.columns
    rows = [
        [row.line, *(_shown(row.get(name)) for name in columns)]
        for row in parsed.rows[:PREVIEW_ROWS]
    ]
    return {"columns": columns, "rows": rows, "count": count}


def _file_order(filename: str) -> int:
    stem = filename.rsplit(".", 1)[0]
    return [s.stem for s in FILES].index(stem) if stem in SPECS else -1


# ---------------------------------------------------------------- checks
