"""How an API request proves who it is: a bearer token or the app's own session.

- `Authorization: Bearer ips_<prefix>_<secret>`: a personal token acts as its staff
  member; a service token as `ServicePrincipal` (api.principal). No CSRF (no cookie).
- The session cookie of a signed-in staff member (the app's own pages), with Django's
  CSRF check on every unsafe method (ninja's `SessionAuth`); a session still waiting for
  its two-step code is not accepted.

Either sets `request.user` to the actor (so `for_user` and `ips.audit.record_event`
read it) and returns an `api.principal.Caller` as `request.auth`. Anything else: 401.
"""

from __future__ import annotations

from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import AuthRateThrottle

from api.models import ApiToken
from api.principal import Caller, ServicePrincipal
from api.tokens import token_for_secret
from ips.middleware import TWO_STEP_SESSION_KEY, user_has_confirmed_device
from ips.roles import is_staff_member


def two_step_pending(request) -> bool:
    """The session's staff member set up two-step sign-in but has not entered a code in
    this session (ips.middleware.StaffTwoStepMiddleware's rule for the workspace)."""
    user = request.user
    return (
        not user.is_verified()
        and request.session.get(TWO_STEP_SESSION_KEY, True)
        and user_has_confirmed_device(user)
    )


class BearerToken(HttpBearer):
    """A personal or service token in the Authorization header."""

    def authenticate(self, request, token: str) -> Caller | None:
        found = token_for_secret(token)
        if found is None:
            return None
        if found.kind == ApiToken.Kind.SERVICE:
            actor = ServicePrincipal(
                token_id=found.pk, name=found.name, program_id=found.program_id
            )
            caller = Caller(
                actor, "service", found.pk, can_write=found.can_write,
                see_sensitive=found.see_sensitive,
            )  # fmt: skip
        else:
            if not is_staff_member(found.user):
                return None  # no longer staff anywhere
            actor = found.user
            caller = Caller(actor, "personal", found.pk, see_sensitive=found.see_sensitive)
        request.user = actor
        return caller


class StaffSession(SessionAuth):
    """The signed-in staff member's session (CSRF checked on unsafe methods)."""

    def authenticate(self, request, key) -> Caller | None:
        user = request.user
        if not (user.is_authenticated and user.is_active and is_staff_member(user)):
            return None
        if two_step_pending(request):
            return None  # signed in with a password, the code not yet entered
        return Caller(user, "session")


class PerCallerThrottle(AuthRateThrottle):
    """Requests per token (or per session's user): `str(Caller)` keys the count."""

    scope = "api"


AUTH = [BearerToken(), StaffSession()]
