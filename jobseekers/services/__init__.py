"""Writes for job seekers, by what they are about (each module's docstring says more):

- `records`: referral, entry to the caseload, stage moves, closing, the record's details;
- `profile`: the career profile and its work history;
- `psr`: PSR assessments, basic needs, interventions, goals;
- `involvement`: cultural preferences, family consent, coordination with other services;
- `benefits`: benefits counselling and wage reports to SSA;
- `jobs`: job starts and ends;
- `interest`: "I'm interested" and the match actions;
- `common`: what they share (the acting user, the audit entry, the checks).

Every service is keyword-only, validates its input and raises
`django.core.exceptions.ValidationError` with a plain message keyed by field, so a
form, a command or an importer can report it; nothing is written when it raises.
`by` is the acting user (None for an import or the person's own portal change).
Callers import from `jobseekers.services` as before; the names below are the public ones."""

from jobseekers.profile_fields import PROFILE_FIELDS, PROFILE_M2M_FIELDS
from jobseekers.services.benefits import log_benefits_counselling, record_wage_report
from jobseekers.services.common import Actor
from jobseekers.services.interest import (
    clean_text,
    handle_interest,
    interest_introduced,
    mark_match_unsuitable,
    record_interest_withdrawal,
    record_match_told,
)
from jobseekers.services.involvement import (
    log_coordination_contact,
    record_cultural_preferences,
    record_family_consent,
    withdraw_family_consent,
)
from jobseekers.services.jobs import (
    check_coach,
    check_competitive_wage,
    job_start_problems,
    opening_filled_problem,
    record_job_end,
    record_job_start,
    update_job,
)
from jobseekers.services.profile import (
    WORK_HISTORY_KEYS,
    add_work_history_entry,
    career_profile_unchanged,
    clean_work_history,
    confirm_career_profile,
    update_career_profile,
)
from jobseekers.services.psr import (
    REASSESSMENT_DAYS,
    add_intervention,
    complete_goal_step,
    record_assessment,
    set_goal,
    update_goal_status,
)
from jobseekers.services.records import (
    SEEKER_DETAIL_FIELDS,
    close_seeker,
    enter_caseload,
    move_seeker_stage,
    refer_seeker,
    update_seeker_details,
)

__all__ = [
    "Actor",
    "PROFILE_FIELDS",
    "PROFILE_M2M_FIELDS",
    "REASSESSMENT_DAYS",
    "SEEKER_DETAIL_FIELDS",
    "WORK_HISTORY_KEYS",
    "add_intervention",
    "add_work_history_entry",
    "career_profile_unchanged",
    "check_coach",
    "check_competitive_wage",
    "clean_text",
    "clean_work_history",
    "close_seeker",
    "complete_goal_step",
    "confirm_career_profile",
    "enter_caseload",
    "handle_interest",
    "interest_introduced",
    "job_start_problems",
    "log_benefits_counselling",
    "log_coordination_contact",
    "mark_match_unsuitable",
    "move_seeker_stage",
    "opening_filled_problem",
    "record_assessment",
    "record_cultural_preferences",
    "record_family_consent",
    "record_interest_withdrawal",
    "record_job_end",
    "record_job_start",
    "record_match_told",
    "record_wage_report",
    "refer_seeker",
    "set_goal",
    "update_career_profile",
    "update_goal_status",
    "update_job",
    "update_seeker_details",
    "withdraw_family_consent",
]
