"""The job seeker portal (under /portal/) and the workspace's portal invitations screen:

- `sign_in`: signing in (password, emailed link, welcome link), out, and the language;
- `seeker_pages`: the signed-in person's pages (home, interest, suggestions, profile,
  preferences);
- `invitations`: the workspace screen where staff invite job seekers to the portal;
- `common`: what they share (the seeker_required guard, the safe next address).

The URL confs import `cms.views` as before."""

from cms.views.common import safe_next, seeker_required
from cms.views.invitations import invitations, invite
from cms.views.seeker_pages import (
    FIRST_CARDS,
    PORTAL_CONFLICT_MESSAGE,
    home,
    interested,
    preferences,
    profile,
    suggestions,
    withdraw_interest,
)
from cms.views.sign_in import BACKEND, choose_language, link, send_link, sign_in, sign_out, welcome

__all__ = [
    "BACKEND",
    "FIRST_CARDS",
    "PORTAL_CONFLICT_MESSAGE",
    "choose_language",
    "home",
    "interested",
    "invitations",
    "invite",
    "link",
    "preferences",
    "profile",
    "safe_next",
    "seeker_required",
    "send_link",
    "sign_in",
    "sign_out",
    "suggestions",
    "welcome",
    "withdraw_interest",
]
