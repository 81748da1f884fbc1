"""Every URL of the site, the workspace and the portal x every kind of visitor.

The URLs come from the URL conf, so a new view without a rule here fails
`test_every_url_has_an_access_rule`. Object URLs are requested with an id that exists
nowhere, which checks the gate in front of the view; row-level scoping (another
program's rows answer 404) is proved per view in each app's tests and in
tests/ips/test_workspace_views.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

MISSING_ID = "987654321"

# (route regex, rule). First match wins. Rules:
#   public      anyone may load it
#   signin      sign-in and password pages: anyone
#   workspace   staff of any role (and superusers); nobody else
#   leadership  supervisors, directors and superusers
#   editors     page, image and document editing: Wagtail's editor role and superusers
#   superuser   the site's own settings (users, groups, sites, workflows, Django admin)
#   portal      job seekers with an account (their own data only)
#   api         the REST API: a staff session or a bearer token (401 without); row and
#               token kinds are checked per endpoint in tests/api/test_access.py
RULES: list[tuple[str, str]] = [
    (r"^admin/login/$", "signin"),
    (r"^admin/(jsi18n|sprite)/$", "public"),  # the admin's translations and icons
    (r"^admin/(failwhale|test404)/$", "diagnostic"),  # Wagtail's deliberate error pages
    (r"^admin/password_reset/", "signin"),
    (r"^admin/logout/$", "workspace"),
    (r"^admin/(audit|privacy|life-outcomes)/", "leadership"),
    (r"^admin/workflows/task_chooser/", "editors"),  # used when editing pages
    (r"^admin/(users|groups|sites|workflows|locales|settings|redirects|collections|forms"
     r"|reports|editing-sessions)/", "superuser"),
    (r"^admin/(pages|images|documents|choose-page|embeds|tag-autocomplete|snippets|bulk"
     r"|choose-document|choose-image|sharing|searchpicks|workflow)", "editors"),
    (r"^admin/", "workspace"),
    (r"^django-admin/login/$", "signin"),
    (r"^django-admin/autocomplete/$", "diagnostic"),  # 403 without its query, by design
    (r"^django-admin/$", "superuser"),
    (r"^django-admin/", "django-admin"),
    (r"^portal/language/$", "public"),  # the language switch on every page (POST only)
    (r"^portal/(login|sign-in|signin|link|welcome|set-password|invite|password)", "signin"),
    (r"^portal/", "portal"),
    (r"^api/v1/docs", "workspace"),  # the interactive docs: signed-in staff
    (r"^api/v1/openapi\.json$", "api"),  # the schema: a token or a staff session (issue 22)
    (r"^api/", "api"),
    (r"^(documents|sitemap\.xml|_util|robots|static|media)", "public"),
    (r"^(\^|)", "public"),  # Wagtail's page serving: every other path is a public page
]  # fmt: skip


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.name


def concrete_path(route: str) -> str:
    """A requestable path for a route: converters and regex groups filled with a missing id."""
    path = re.sub(r"\(\?P<\w+>[^)]*\)", MISSING_ID, route)
    path = re.sub(r"<(?:\w+:)?\w+>", MISSING_ID, path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + path


def rule_for(route: str) -> str | None:
    return next((rule for pattern, rule in RULES if re.search(pattern, route)), None)


def all_routes() -> list[tuple[str, str | None]]:
    return sorted(set(_walk(get_resolver().url_patterns)))


@dataclass
class Outcome:
    path: str
    status: int
    location: str

    @property
    def to_login(self) -> bool:
        return self.status == 302 and ("login" in self.location or "sign-in" in self.location)

    @property
    def refused(self) -> bool:
        # Wagtail answers a missing permission with a redirect to its dashboard.
        return (
            self.to_login
            or self.status in (401, 403, 404)
            or (self.status == 302 and self.location in ("/admin/", "/"))
        )

    @property
    def entered(self) -> bool:
        return not self.to_login and self.status != 403


def test_every_url_has_an_access_rule():
    missing = [route for route, _ in all_routes() if rule_for(route) is None]
    assert missing == []


def visit(client, route: str) -> Outcome:
    path = concrete_path(route)
    response = client.get(path)
    return Outcome(path, response.status_code, response.get("Location", ""))


VISITORS = (
    "anonymous", "seeker", "specialist", "coach", "supervisor", "director", "outsider", "superuser",
)  # fmt: skip
# One letter per visitor, in VISITORS order: E enters, L is sent to sign in,
# R is refused (403/404 or Wagtail's redirect to its dashboard), . not checked.
TABLE = {
    "public":       "E E E E E E E E",
    "signin":       "E . . . . . . .",
    "diagnostic":   "L L . . . . . .",
    # Django's own admin: only superusers pass its sign-in (staff have is_staff off).
    "django-admin": "L L L L L L L .",
    "workspace":    "L L E E E E E E",
    "leadership":   "L L R R E E R E",
    "editors":      "L L . . . . . E",
    "superuser":    "L L R R R R R E",
    "portal":       "L E R R R R R .",
    "api":          "R R E E E E E E",
}  # fmt: skip
WORDS = {"E": "enter", "L": "login", "R": "refused", ".": "any"}
EXPECTED = {
    rule: dict(zip(VISITORS, (WORDS[c] for c in letters.split()), strict=True))
    for rule, letters in TABLE.items()
}

# Wagtail's and Django's own sections grant the same to every staff role (none holds
# their permissions), so there one specialist and the superuser stand for all staff; the
# product's own URLs are visited by every role.
SAMPLED_VISITORS = ("coach", "supervisor", "director", "outsider")
OUR_PREFIXES = ("admin/privacy", "admin/audit", "admin/life-outcomes", "admin/two-step", "portal/")


OUR_APPS = ("ips", "employers", "jobseekers", "coaching", "cms", "api")


def ours(route: str) -> bool:
    """A URL of the product itself (not of Wagtail's or Django's own sections)."""
    if route.startswith(OUR_PREFIXES) or not route.startswith(("admin/", "django-admin/")):
        return True
    return route.startswith("admin/") and route.split("/")[1] in our_admin_prefixes()


def our_admin_prefixes() -> set[str]:
    from django.urls import get_resolver
    from wagtail.admin.viewsets import viewsets

    prefixes = {
        v.url_prefix.strip("/").split("/")[0]
        for v in viewsets.viewsets
        if type(v).__module__.split(".")[0] in OUR_APPS
    }
    # Custom screens registered by our apps' wagtail_hooks (register_admin_urls).
    for route, _ in _walk(get_resolver().url_patterns):
        parts = route.split("/")
        if route.startswith("admin/") and len(parts) > 2 and parts[1] in OUR_APPS:
            prefixes.add(parts[1])
    return prefixes | {"seekers", "life-outcomes"}


@pytest.fixture
def visitor_user(request, users, outsider, seeker_user, superuser):
    special = {
        "anonymous": None,
        "seeker": seeker_user,
        "outsider": outsider,
        "superuser": superuser,
    }
    return special[request.param] if request.param in special else users[request.param]


def _check(outcome: Outcome, expected: str) -> bool:
    if expected == "login":
        return outcome.to_login
    if expected == "refused":
        return outcome.refused and outcome.status != 200
    if expected == "enter":
        return outcome.entered
    return True


@pytest.mark.parametrize("visitor_user", VISITORS, indirect=True)
def test_each_visitor_reaches_exactly_what_its_rule_allows(client, visitor_user, request):
    name = request.node.callspec.params["visitor_user"]
    if visitor_user is not None:
        client.force_login(visitor_user)
    client.raise_request_exception = False
    wrong = []
    for route, url_name in all_routes():
        rule = rule_for(route)
        if name in SAMPLED_VISITORS and not ours(route):
            continue
        expected = EXPECTED[rule].get(name, "any")
        if expected == "any":
            continue
        if url_name in ("wagtailadmin_logout", "logout") or route.endswith("logout/"):
            continue  # signing out ends the session for the rest of the loop
        outcome = visit(client, route)
        if outcome.status == 405:  # POST-only actions: the gate is the same view's
            continue
        if outcome.status >= 500 or not _check(outcome, expected):
            wrong.append(f"{name} {outcome.path} [{rule}] -> {outcome.status} {outcome.location}")
    assert wrong == []
