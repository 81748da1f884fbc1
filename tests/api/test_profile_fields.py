"""The API's career-profile schemas against the one list of profile fields
(jobseekers.profile_fields, issue 15): a field added to the profile must be decided for the
API, either carried (read and change) or named here as kept out, with the reason."""

from __future__ import annotations

from api.profiles import ProfileChanges, ProfileOut, ProfileSensitive
from jobseekers.profile_fields import PROFILE_ORDER

# Profile fields the API does not carry, and why.
KEPT_OUT = {
    # Names and phone numbers of the person's family: shown only on the record, to their
    # own staff (the person chose to share them with the team, not with other systems).
    "family_contacts": "family members' names and phone numbers stay on the record",
}
# The read schema names a few fields differently (ids, not rows).
READ_NAMES = {"ruled_out_employers": "ruled_out_employer_ids"}


def test_every_profile_field_is_carried_or_kept_out_on_purpose():
    changed = set(ProfileChanges.model_fields) - {"version"}
    read = set(ProfileOut.model_fields) | set(ProfileSensitive.model_fields)
    for name in PROFILE_ORDER:
        if name in KEPT_OUT:
            assert name not in changed, name
            assert READ_NAMES.get(name, name) not in read, name
            continue
        assert name in changed, f"{name}: the API cannot change this profile field"
        assert READ_NAMES.get(name, name) in read, f"{name}: the API does not show it"


def test_the_api_offers_nothing_that_is_not_a_profile_field():
    profile = set(PROFILE_ORDER)
    assert set(ProfileChanges.model_fields) - {"version"} <= profile
    bookkeeping = {"id", "program_id", "seeker_id", "version", "is_current", "created_at"}
    shown = {
        next((k for k, v in READ_NAMES.items() if v == name), name)
        for name in set(ProfileOut.model_fields) - bookkeeping - {"sensitive"}
    }
    assert shown | set(ProfileSensitive.model_fields) <= profile
