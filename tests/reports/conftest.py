"""A small program as CSV files, with every figure of its report worked out by hand."""

from __future__ import annotations

import pytest

from tests.importer.conftest import write_folder

PERIOD = ("2026-07-06", "2026-08-02")  # 28 days: exactly 4 weeks

FOLDER = {
    "staff": [
        ["email", "name", "role", "fte"],
        ["ana@example.org", "Ana Lopez", "specialist", "1"],
        ["ben@example.org", "Ben Okafor", "specialist", "0.5"],
        ["dee@example.org", "Dee Smith", "director", "1"],
    ],
    "employers": [
        ["ref", "name", "zip"],
        ["E1", "Corner Cafe", "48226"],
        ["E2", "Hardware Hub", "48201"],
        ["E3", "Shop Right", "48202"],
    ],
    "seekers": [
        ["ref", "name", "entry_date", "specialist_email", "mh_team", "referral_date",
         "employed_at_referral", "closed_date", "close_reason"],
        ["S1", "Sam", "2026-07-06", "ana@example.org", "Team A", "2026-07-01", "no", "", ""],
        ["S2", "Sue", "2026-06-01", "ana@example.org", "Team A", "2026-05-20", "yes", "", ""],
        ["S3", "Sid", "2026-01-10", "ben@example.org", "Team B", "", "no", "", ""],
        ["S4", "Sal", "2026-01-10", "ben@example.org", "Team C", "", "no", "2026-07-20", "moved"],
        ["S5", "Sky", "2026-07-20", "ana@example.org", "Team B", "2026-07-15", "no", "", ""],
        ["S6", "Sol", "2026-08-10", "ana@example.org", "Team A", "2026-07-30", "no", "", ""],
    ],
    "employer_contacts": [
        ["date", "specialist_email", "employer_ref", "mode", "seeker_refs"],
        ["2026-07-07", "ana@example.org", "E1", "face_to_face", "S1"],
        ["2026-07-07", "ana@example.org", "E1", "face_to_face", ""],
        ["2026-07-10", "ana@example.org", "E3", "phone", "S1"],
        ["2026-07-21", "ana@example.org", "E3", "face_to_face", ""],
        ["2026-07-30", "ana@example.org", "E2", "face_to_face", "S5"],
        ["2026-07-05", "ben@example.org", "E1", "face_to_face", ""],
        ["2026-07-08", "ben@example.org", "E2", "face_to_face", ""],
        ["2026-07-09", "ben@example.org", "E2", "email", ""],
        ["2026-08-03", "ben@example.org", "E2", "face_to_face", ""],
    ],
    "jobs": [
        ["ref", "seeker_ref", "employer_ref", "title", "start_date", "occupation_code",
         "end_date", "hours_per_week", "hourly_wage", "paid_hours_to_date", "competitive"],
        ["J1", "S2", "E1", "Cook", "2026-06-15", "35-2014.00", "", "20", "12.50", "100", "yes"],
        ["J2", "S3", "E2", "Stock", "2026-07-13", "53-7062.00", "", "10", "11", "3", "yes"],
        ["J3", "S1", "E1", "Barista", "2026-07-27", "35-2014.00", "", "21", "", "", "yes"],
        ["J4", "S4", "E3", "Mop", "2026-07-01", "37-2011.00", "2026-07-10", "15", "8", "30", "no"],
    ],
    "support_contacts": [
        ["date", "staff_email", "seeker_ref", "job_ref", "mode", "location"],
        ["2026-07-13", "ana@example.org", "S3", "J2", "face_to_face", "workplace"],
        ["2026-07-20", "ana@example.org", "S3", "J2", "face_to_face", "workplace"],
        ["2026-07-27", "ana@example.org", "S3", "J2", "face_to_face", "community"],
        ["2026-08-03", "ana@example.org", "S3", "J2", "face_to_face", "workplace"],
        ["2026-07-27", "ana@example.org", "S1", "J3", "face_to_face", "workplace"],
        ["2026-08-04", "ana@example.org", "S1", "J3", "phone", ""],
    ],
    "time_entries": [
        ["date", "staff_email", "hours", "activity", "location"],
        ["2026-07-07", "ana@example.org", "6", "employment_services", "community"],
        ["2026-07-07", "ana@example.org", "2", "other", "office"],
        ["2026-07-08", "ben@example.org", "4", "employment_services", "office"],
        ["2026-07-01", "ana@example.org", "8", "employment_services", "community"],
        ["2026-07-07", "dee@example.org", "8", "other", "office"],
    ],
}  # fmt: skip

# Worked by hand from FOLDER (see the comments in test_ips_report.py).
EXPECTED = {
    "program": "North Team",
    "period": {"start": "2026-07-06", "end": "2026-08-02", "partial": False},
    "fidelity": {
        "items": {
            "S1": {"value": 2.67, "rating": 5, "provisional": False},
            "S2": {
                "value": 83.3,
                "rating": 3,
                "provisional": False,
                "per_specialist": {"ana@example.org": 75.0, "ben@example.org": 100.0},
            },
            "O1": {
                "value": 100.0,
                "rating": 5,
                "provisional": True,
                "per_specialist": {"ana@example.org": 100.0, "ben@example.org": 100.0},
            },
            "V4": {"value": 5.5, "rating": 5, "provisional": True},
            "V6": {
                "value": 0.63,
                "rating": 1,
                "provisional": True,
                "per_specialist": {"ana@example.org": 1.0, "ben@example.org": 0.25},
            },
            "V8": {"value": 75.0, "rating": 4, "provisional": True},
            "V9": {
                "value": 75.0,
                "rating": 4,
                "provisional": True,
                "max_employer_share": 50.0,
                "warning": True,
            },
            "V10": {"value": 75.0, "rating": 3, "provisional": True},
            "V12": {"value": 50.0, "rating": None, "provisional": False},
            "V13": {
                "value": 50.0,
                "rating": 4,
                "provisional": True,
                "per_specialist": {"ana@example.org": 75.0, "ben@example.org": 0.0},
            },
        },
        "review": {"total": 96, "band": "fair"},
    },
    "outcomes": {
        "served": 5,
        "worked_competitive": 3,
        "employment_rate": 0.6,
        "tier": "excellent",
        "job_starts": 2,
        "days_to_first_job": 102.5,
        "referrals": 2,
        "supported_into_work": 1,
        "job_starts_uk": 1,
        "employment_rate_uk": 0.25,
        "job_retention_share": 0.2,
        "warnings": {"uk_below_benchmark": True, "in_work_referrals_high": True},
        "closed": 1,  # S4, closed on 20 July
    },
    # No status check-ins in the imported folder (interchange.md has no file for them).
    "psr": {
        "people": 0,
        "stable_housing_share": None,
        "education_share": None,
        "no_new_justice_share": None,
        "compared_people": 0,
        "inpatient_days": 0,
        "inpatient_days_previous": 0,
        "inpatient_days_change": 0,
        "er_visits": 0,
        "er_visits_previous": 0,
        "er_visits_change": 0,
    },
    # Worked by hand from FOLDER (docs/figures.md).
    "retention": {
        "marks": {
            # J1 (15 June + 30 = 15 July, still in the job) and J4 (1 July + 30 = 31 July,
            # ended 10 July) reached 30 days in the period; J2 and J3 reach it in August.
            "30": {"reached": 2, "still_employed": 1, "share": 0.5},
            "90": {"reached": 0, "still_employed": 0, "share": None},
            "180": {"reached": 0, "still_employed": 0, "share": None},
            "365": {"reached": 0, "still_employed": 0, "share": None},
        },
        # J4 ended on 10 July with no reason recorded; S4 has no next job.
        "job_endings": {
            "ended": 1,
            "by_reason": {"": 1},
            "next_job_by_period_end": 0,
            "median_days_to_next_job": None,
        },
    },
    "earnings": {
        "jobs_held": 4,  # J1-J4
        "median_hours_per_week": 17.5,  # 10, 15, 20, 21
        "median_hourly_wage": 11.0,  # 8, 11, 12.50 (J3 has none)
        "median_tenure_days": 14.5,  # 6 (J3), 9 (J4), 20 (J2), 48 (J1) to 2 August
    },
    "education": {"in_education": 0, "working_and_in_education": 0, "in_education_share": 0.0},
    # No assessments or check-ins in the imported folder.
    "psr_outcomes": {
        "goal_attainment": {
            "reviewed": 0,
            "by_level": {"-2": 0, "-1": 0, "0": 0, "1": 0, "2": 0},
            "met_or_better": 0,
            "mean": None,
        },
        "satisfaction": {"people": 0, "mean": None},
        "service_rating": {"people": 0, "mean": None},
        "quality_of_life": {"people": 0, "mean": None},
        "social_supports": {"people": 0, "mean": None},
        "domain_change": {"people": 0, "by_domain": {}},
    },
}


@pytest.fixture
def report_folder(tmp_path):
    return write_folder(tmp_path / "north", FOLDER)
