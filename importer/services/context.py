"""What one import carries from the checks to the writers: the program, the parsed
files, the rows already found (by email or ref), the errors and notes so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from employers.models import Employer
from importer.schema import ParsedFile, Row, RowError
from ips.models import Program, StaffMember
from jobseekers.models import Job, JobSeeker

BATCH = 1000  # rows per bulk write


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
    by: AbstractBaseUser | None = None
    accounts: dict[str, Any] = field(default_factory=dict)  # email -> existing user or None
    renamable: set[str] = field(default_factory=set)  # emails whose account the file may rename
    notes: list[str] = field(default_factory=list)

    def rows(self, stem: str) -> list[Row]:
        parsed = self.files.get(stem)
        return parsed.rows if parsed else []

    def error(self, stem: str, line: int, column: str, reason: str) -> None:
        self.errors.append(RowError(self.files[stem].filename, line, column, reason))
