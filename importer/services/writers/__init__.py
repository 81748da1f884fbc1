"""The writers of an import, one per file, in FILES order: each upserts its rows into the
program (by ref, email or natural key) and returns (created, updated, unchanged), a row
counting as updated only when one of its values changed (issue 16). By subject:

- `staff`: staff members and their time entries;
- `seekers`: job seekers, their career profiles and jobs;
- `employers`: employers and employer contacts;
- `follow_along`: support contacts on job seekers' support plans;
- `rows`: what they share (matching rows to existing ones, upserting, geocoding)."""

from importer.services.writers.employers import _write_contacts, _write_employers
from importer.services.writers.follow_along import _write_support
from importer.services.writers.seekers import _write_jobs, _write_seekers
from importer.services.writers.staff import _write_staff, _write_time

WRITERS = {
    "staff": _write_staff,
    "employers": _write_employers,
    "seekers": _write_seekers,
    "employer_contacts": _write_contacts,
    "jobs": _write_jobs,
    "support_contacts": _write_support,
    "time_entries": _write_time,
}


__all__ = [
    "WRITERS",
]
