"""A folder of import files written by the test itself."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

GOOD = {
    "staff": [
        ["email", "name", "role", "fte"],
        ["ana@example.org", "Ana Lopez", "specialist", "1"],
        ["ben@example.org", "Ben Okafor", "specialist", "0.5"],
        ["dee@example.org", "Dee Smith", "director", ""],
    ],
    "employers": [
        ["ref", "name", "industry", "zip", "address"],
        ["E1", "Corner Cafe", "Food", "48226", "1 Main St"],
        ["E2", "Hardware Hub", "Retail", "48201", ""],
    ],
    "seekers": [
        ["ref", "name", "entry_date", "specialist_email", "mh_team", "referral_date",
         "employed_at_referral", "zip", "preferred_occupations", "max_commute_miles",
         "closed_date", "close_reason"],
        ["S1", "Sam One", "2026-01-10", "ana@example.org", "Team A", "2026-01-05", "no",
         "48226", "35-2014.00;41-2031.00", "10", "", ""],
        ["S2", "Sue Two", "2026-02-01", "ben@example.org", "Team B", "", "yes", "", "", "", "",
         ""],
        ["S3", "Sid Three", "2025-11-01", "ana@example.org", "Team A", "", "0", "", "", "",
         "2026-03-01", "moved"],
    ],
    "employer_contacts": [
        ["date", "specialist_email", "employer_ref", "mode", "client_present", "seeker_refs",
         "purpose", "notes"],
        ["2026-02-02", "ana@example.org", "E1", "face_to_face", "true", "S1;S2", "follow_up", ""],
        ["2026-02-02", "ana@example.org", "E1", "face_to_face", "true", "S1;S2", "follow_up", ""],
        ["2026-02-03", "ben@example.org", "E2", "phone", "", "", "", "asked about shifts"],
    ],
    "jobs": [
        ["ref", "seeker_ref", "employer_ref", "title", "start_date", "occupation_code",
         "end_date", "hours_per_week", "hourly_wage", "paid_hours_to_date", "competitive",
         "permanent", "end_reason"],
        ["J1", "S1", "E1", "Line cook", "2026-03-02", "35-2014.00", "", "20", "12.50", "40",
         "", "", ""],
        ["J2", "S2", "E2", "Stock", "2026-02-10", "", "2026-02-20", "10", "", "", "no", "no",
         "temporary_ended"],
    ],
    "support_contacts": [
        ["date", "staff_email", "seeker_ref", "job_ref", "mode", "location", "minutes",
         "support_types", "notes"],
        ["2026-03-03", "ana@example.org", "S1", "J1", "face_to_face", "workplace", "30",
         "coaching;problem_solving", ""],
    ],
    "time_entries": [
        ["date", "staff_email", "hours", "activity", "location"],
        ["2026-03-02", "ana@example.org", "6", "employment_services", "community"],
        ["2026-03-02", "ana@example.org", "2", "other", "office"],
    ],
}  # fmt: skip


def write_folder(folder: Path, files: dict[str, list[list[str]]]) -> Path:
    """Write each table as `<stem>.csv` in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, rows in files.items():
        with (folder / f"{stem}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    return folder


@pytest.fixture
def good_folder(tmp_path) -> Path:
    return write_folder(tmp_path / "good", GOOD)
