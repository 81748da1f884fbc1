"""What one import carries from the checks to the writers: the program, the parsed
files, the rows already found (by email or ref), the errors and notes so far."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractUser

from employers.models import Employer
from importer.schema import ParsedFile, Row, RowError
from ips.models import Program, StaffMember
from jobseekers.models import Job, JobSeeker

BATCH = 1000  # rows per bulk write

RowT = TypeVar("RowT")


def written(rows: Mapping[str, RowT | None], key: str) -> RowT:
    """The row stored for `key` (an email or ref) in one of the context's maps. The checks
    reserve each key with None and the writers fill it in file order, so a writer finds
    the rows of the files before its own; None there is a bug: LookupError."""
    row = rows[key]
    if row is None:
        raise LookupError(f"No row written yet for {key!r}")
    return row


@dataclass
class ImportContext:
    program: Program
    files: dict[str, ParsedFile]
    errors: list[RowError]
    staff: dict[str, StaffMember | None] = field(default_factory=dict)  # email -> row
    employers: dict[str, Employer | None] = field(default_factory=dict)  # ref -> row
    seekers: dict[str, JobSeeker | None] = field(default_factory=dict)
    jobs: dict[str, Job | None] = field(default_factory=dict)
    job_seeker_ref: dict[str, str] = field(default_factory=dict)
    occupations: set[str] = field(default_factory=set)
    by: AbstractUser | None = None
    accounts: dict[str, Any] = field(default_factory=dict)  # email -> existing user or None
    renamable: set[str] = field(default_factory=set)  # emails whose account the file may rename
    notes: list[str] = field(default_factory=list)

    def rows(self, stem: str) -> list[Row]:
        parsed = self.files.get(stem)
        return parsed.rows if parsed else []

    def error(self, stem: str, line: int, column: str, reason: str) -> None:
        self.errors.append(RowError(self.files[stem].filename, line, column, reason))
