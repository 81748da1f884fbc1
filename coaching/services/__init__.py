"""The coaching app's writes, by what they are about (each module's docstring says more):

- `followalong`: support plans, re-engagement tasks, the support log, retention answers,
  follow-up tasks;
- `hours`: staff time entries, one or a week at once;
- `email`: the morning digest and the "I'm interested" notice (sent at most once).

Callers import from `coaching.services` as before; the names below are the public ones.
"""

from coaching.services.email import (
    notify_specialist_of_interest,
    notify_specialist_of_withdrawal,
    send_digest,
    set_digest_opt_in,
    staff_for_morning_digest,
    workspace_url,
)
from coaching.services.followalong import (
    INTRODUCTION_WITHIN_DAYS,
    REENGAGE_WITHIN_DAYS,
    complete_follow_up,
    confirm_retention_check,
    correct_retention_answer,
    log_support_contact,
    open_reengagement_task,
    open_support_plan,
    open_support_plans,
    plan_introduction,
    save_support_plan,
)
from coaching.services.hours import StaleWeek, record_time_entry, record_week_of_time, week_version

__all__ = [
    "INTRODUCTION_WITHIN_DAYS",
    "REENGAGE_WITHIN_DAYS",
    "StaleWeek",
    "complete_follow_up",
    "confirm_retention_check",
    "correct_retention_answer",
    "log_support_contact",
    "notify_specialist_of_interest",
    "notify_specialist_of_withdrawal",
    "open_reengagement_task",
    "open_support_plan",
    "open_support_plans",
    "plan_introduction",
    "record_time_entry",
    "record_week_of_time",
    "save_support_plan",
    "send_digest",
    "set_digest_opt_in",
    "staff_for_morning_digest",
    "week_version",
    "workspace_url",
]
