"""Reads for job seekers: the caseload dashboard, the seeker record, benefits figures.
Each selector runs a fixed number of queries whatever the number of rows.

One module per subject (issue 15):

- `caseload`: the caseload dashboard and the caseload ratios;
- `record`: the seeker record and what it shows (casework access, assessments, goals,
  interventions, family contacts, coordination evidence);
- `benefits`: benefits figures, trial work months, wage reports due, benefits referrals;
- `coaches`: the job coaches a job start may name;
- `interest`: the person's "I'm interested" signals and take-backs.

Callers import from `jobseekers.selectors` as before; the names below are the public ones."""

from jobseekers.selectors.benefits import (
    WAGE_REPORT_MONTHS_SHOWN,
    WAGE_REPORTING_BENEFITS,
    WageReportDue,
    benefits_estimate,
    benefits_referral_due,
    counselling_relative_to_start,
    parameters_for,
    twp_months_from_jobs,
    twp_months_recorded,
    wage_reporting_due,
)
from jobseekers.selectors.caseload import (
    CLOSED_SHOWN_DAYS,
    UNASSIGNED,
    Caseload,
    CaseloadRow,
    ProgramRatio,
    SpecialistCaseload,
    caseload_for,
    caseload_ratios,
)
from jobseekers.selectors.coaches import CoachChoice, coach_choices
from jobseekers.selectors.interest import InterestSignals, interest_signals, latest_withdrawals
from jobseekers.selectors.record import (
    CoordinationEvidence,
    SeekerRecord,
    assessment_timeline,
    coordination_evidence,
    current_profile_version,
    family_contacts,
    latest_assessment,
    may_do_casework,
    prefetch_goals,
    running_interventions,
    seeker_record,
)

__all__ = [
    "CLOSED_SHOWN_DAYS",
    "Caseload",
    "CaseloadRow",
    "CoachChoice",
    "CoordinationEvidence",
    "InterestSignals",
    "ProgramRatio",
    "SeekerRecord",
    "SpecialistCaseload",
    "UNASSIGNED",
    "WAGE_REPORTING_BENEFITS",
    "WAGE_REPORT_MONTHS_SHOWN",
    "WageReportDue",
    "assessment_timeline",
    "benefits_estimate",
    "benefits_referral_due",
    "caseload_for",
    "caseload_ratios",
    "coach_choices",
    "coordination_evidence",
    "counselling_relative_to_start",
    "current_profile_version",
    "family_contacts",
    "interest_signals",
    "latest_assessment",
    "latest_withdrawals",
    "may_do_casework",
    "parameters_for",
    "prefetch_goals",
    "running_interventions",
    "seeker_record",
    "twp_months_from_jobs",
    "twp_months_recorded",
    "wage_reporting_due",
]
