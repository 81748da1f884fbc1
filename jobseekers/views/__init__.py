"""Workspace screens for job seekers: caseload, seeker record and the casework forms.
Each view: parse -> selector/service -> render. Rows come from `for_user`.

One module per subject (issue 15):

- `common`: what the screens share (the seeker in scope, the form screen, posted data);
- `records`: caseload, referral, the seeker record, entry, stage moves, closing;
- `profile`: the career profile and work history;
- `assessment`: the domain assessment;
- `plans`: goals, steps, interventions, cultural preferences, family consent, coordination;
- `benefits`: the benefits estimate, counselling, wage reports;
- `jobs`: job starts and ends;
- `matches`: handling an interest, an unsuitable match, a match the person was told of.

`jobseekers.urls` imports from `jobseekers.views` as before; the names below are the public ones."""

from jobseekers.views.assessment import assess, continue_assessment
from jobseekers.views.benefits import benefits_estimate, log_counselling, wage_report
from jobseekers.views.common import JOB_END_ROLES
from jobseekers.views.jobs import end_job, start_job
from jobseekers.views.matches import interest_handled, match_told, match_unsuitable
from jobseekers.views.plans import (
    add_goal,
    add_intervention,
    cultural_preferences,
    family_consent,
    goal_status,
    log_coordination,
    step_done,
    withdraw_consent,
)
from jobseekers.views.profile import add_work_history, edit_profile
from jobseekers.views.records import caseload, close, enter, move_stage, record, refer

__all__ = [
    "JOB_END_ROLES",
    "add_goal",
    "add_intervention",
    "add_work_history",
    "assess",
    "benefits_estimate",
    "caseload",
    "close",
    "continue_assessment",
    "cultural_preferences",
    "edit_profile",
    "end_job",
    "enter",
    "family_consent",
    "goal_status",
    "interest_handled",
    "log_coordination",
    "log_counselling",
    "match_told",
    "match_unsuitable",
    "move_stage",
    "record",
    "refer",
    "start_job",
    "step_done",
    "wage_report",
    "withdraw_consent",
]
