"""Writes for the public site and the job seeker portal, by what they are about:

- `site`: the public site's pages (home, its children, the Spanish copies) and the editors' group;
- `accounts`: portal accounts: the staff's invitation, the sign-in link by email and its limits;
- `preferences`: the person's choices on the portal (suggestions, language, profile fields);
- `interest`: "I'm interested" and taking it back;
- `weekly_matches`: the weekly email of new matches;
- `common`: what they share (PortalError, portal URLs, the safe local path, the language).

Callers import from `cms.services` as before; the names below are the public ones."""

from cms.services.accounts import (
    SIGN_IN_LINK_PER_ADDRESS,
    SIGN_IN_LINK_PER_EMAIL,
    invite_seeker_to_portal,
    request_sign_in_link,
    send_portal_invite,
    send_sign_in_link,
)
from cms.services.common import PortalError, local_path, portal_url, saved_language, seeker_language
from cms.services.interest import notify_specialist_of_interest, record_interest, withdraw_interest
from cms.services.preferences import (
    PORTAL_LANGUAGES,
    PORTAL_PROFILE_FIELDS,
    change_portal_preferences,
    choose_job_suggestions,
    choose_portal_language,
)
from cms.services.site import EDITOR_PAGE_PERMISSIONS, HOME_TITLE, ensure_editor_group, ensure_site
from cms.services.weekly_matches import (
    public_openings_path,
    send_weekly_matches,
    send_weekly_matches_to,
    week_start,
)

__all__ = [
    "EDITOR_PAGE_PERMISSIONS",
    "HOME_TITLE",
    "PORTAL_LANGUAGES",
    "PORTAL_PROFILE_FIELDS",
    "PortalError",
    "SIGN_IN_LINK_PER_ADDRESS",
    "SIGN_IN_LINK_PER_EMAIL",
    "change_portal_preferences",
    "choose_job_suggestions",
    "choose_portal_language",
    "ensure_editor_group",
    "ensure_site",
    "invite_seeker_to_portal",
    "local_path",
    "notify_specialist_of_interest",
    "portal_url",
    "public_openings_path",
    "record_interest",
    "request_sign_in_link",
    "saved_language",
    "seeker_language",
    "send_portal_invite",
    "send_sign_in_link",
    "send_weekly_matches",
    "send_weekly_matches_to",
    "week_start",
    "withdraw_interest",
]
