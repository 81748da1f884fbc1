"""Reads of the recommender: plain arrays for the engine (recommender), stored matches
for the workspace (staff) and public-safe matches for the portal (portal)."""

from jobseekers.matching.selectors.portal import PortalMatch, matches_for_seeker
from jobseekers.matching.selectors.recommender import (
    RELATIONSHIP_DAYS,
    active_weights,
    labelled_pairs,
    matchable_seekers,
    opening_table,
    recent_face_to_face_contacts,
    refresh_load_per_program,
    seeker_profiles,
    seekers_affected_by_opening,
)
from jobseekers.matching.selectors.staff import (
    MatchCard,
    match_cards,
    match_place,
    people_for_opening,
    planned_introductions,
    staff_matches_for_seeker,
)

__all__ = [
    "RELATIONSHIP_DAYS",
    "MatchCard",
    "PortalMatch",
    "active_weights",
    "labelled_pairs",
    "match_cards",
    "match_place",
    "matchable_seekers",
    "matches_for_seeker",
    "opening_table",
    "people_for_opening",
    "planned_introductions",
    "recent_face_to_face_contacts",
    "refresh_load_per_program",
    "seeker_profiles",
    "seekers_affected_by_opening",
    "staff_matches_for_seeker",
]
