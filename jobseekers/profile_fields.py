"""The career profile's fields, named once (issue 15): what a caller may change
(jobseekers.services.update_career_profile), what the profile screen shows and in which
order (jobseekers.forms), what the workspace's profile editor lists. Pure: no django.

The order is the screen's: what the person wants first, then what they bring, then what
helps. Work history and family contacts have editors of their own on the record.
"""

from __future__ import annotations

PROFILE_ORDER: tuple[str, ...] = (
    "dream_job",
    "short_term_goal",
    "preferred_occupations",
    "ruled_out_occupations",
    "wanted_job_titles",
    "min_hours_per_week",  # hours a week
    "max_hours_per_week",  # hours a week
    "preferred_schedules",
    "wanted_hourly_wage",  # dollars an hour
    "home_zip",
    "travel_mode",
    "max_commute_miles",  # miles
    "strengths",
    "interests",
    "skills",
    "education",
    "licences",
    "work_history",
    "supports_that_help",
    "ruled_out_employers",
    "disclosure_preference",
    "benefits_received",
    "information_sources",
    "family_contacts",
)
# Many-to-many fields (O*NET occupations, employers): saved after the row, not as columns.
PROFILE_M2M_FIELDS: tuple[str, ...] = (
    "preferred_occupations",
    "ruled_out_occupations",
    "ruled_out_employers",
)
# Fields with an editor of their own on the record, not on the profile screen.
OWN_EDITORS: tuple[str, ...] = ("work_history", "family_contacts")

PROFILE_FIELDS: tuple[str, ...] = tuple(f for f in PROFILE_ORDER if f not in PROFILE_M2M_FIELDS)
PROFILE_FORM_FIELDS: tuple[str, ...] = tuple(f for f in PROFILE_ORDER if f not in OWN_EDITORS)
