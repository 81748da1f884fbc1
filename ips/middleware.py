"""Request-level protections: sessions expire when idle; the workspace's own
content security policy; two-step verification for staff who turned it on."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from ips.roles import is_staff_member

WORKSPACE_PREFIXES = ("/admin/", "/django-admin/")
# Wagtail's admin relies on inline styles and a few inline scripts; the public site and
# the portal get the strict policy from django-csp (CONTENT_SECURITY_POLICY).
WORKSPACE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",  # the field forms' service worker (ips.field_app)
        "manifest-src 'self'",
        "frame-src 'self'",
        "frame-ancestors 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)


# Requests a page makes by itself, not the person: they must not keep an idle session open.
BACKGROUND_URL_NAMES = frozenset(
    {
        "wagtailadmin_editing_sessions:ping",
        "workspace:editing_session_ping",  # the same ping, its id checked first (ips/urls.py)
        "wagtailadmin_editing_sessions:release",
        "importer:status",
    }
)
PORTAL_PREFIX = "/portal/"


class IdleTimeoutMiddleware:
    """Sign people out after a stretch without requests of their own: staff after
    STAFF_IDLE_TIMEOUT_MINUTES, everyone else (the portal) after PORTAL_IDLE_TIMEOUT_MINUTES.
    Background requests (BACKGROUND_URL_NAMES) are signed out too, but never count as use."""

    session_key = "ips_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            staff = is_staff_member(user) or user.is_staff
            minutes = (
                settings.STAFF_IDLE_TIMEOUT_MINUTES
                if staff
                else settings.PORTAL_IDLE_TIMEOUT_MINUTES
            )
            now = int(time.time())
            last_seen = request.session.get(self.session_key)
            if last_seen is not None and now - int(last_seen) > minutes * 60:
                logout(request)
                if request.path_info.startswith(WORKSPACE_PREFIXES):
                    return redirect(_with_next(settings.LOGIN_URL, request))
                if request.path_info.startswith(PORTAL_PREFIX):
                    return redirect(_with_next(reverse("portal:sign_in"), request))
                # A public page: shown as to anyone, now signed out.
                return self.get_response(request)
            # Write at most once a minute: a session save on every request is wasted work.
            if (last_seen is None or now - int(last_seen) >= 60) and not _is_background(request):
                request.session[self.session_key] = now
        return self.get_response(request)


def _with_next(sign_in_url: str, request) -> str:
    return f"{sign_in_url}?{urlencode({'next': request.path, 'timeout': 1})}"


def _is_background(request) -> bool:
    """Known by the URL it asks for (a header could lie; here a lie only signs out sooner)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in BACKGROUND_URL_NAMES


class WorkspaceContentSecurityPolicyMiddleware:
    """Give workspace pages their own policy (set before django-csp's, which then keeps it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(WORKSPACE_PREFIXES):
            response.setdefault("Content-Security-Policy", WORKSPACE_POLICY)
        return response


class StaffTwoStepMiddleware:
    """Staff who set up a TOTP device must enter a code before using the workspace."""

    exempt_names = ("two_step:verify", "wagtailadmin_login", "wagtailadmin_logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path_info.startswith(WORKSPACE_PREFIXES)
            and not user.is_verified()
            and request.session.get(TWO_STEP_SESSION_KEY, True)
            and user_has_confirmed_device(user)
        ):
            exempt = [reverse(name) for name in self.exempt_names]
            if request.path_info not in exempt:
                return redirect(f"{reverse('two_step:verify')}?next={request.get_full_path()}")
        return self.get_response(request)


TWO_STEP_SESSION_KEY = "ips_two_step_on"


def user_has_confirmed_device(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def remember_sign_in(sender, request, user, **kwargs) -> None:
    """At sign-in, note the time and whether two-step is on, so that ordinary requests
    need no extra query (connected to Django's user_logged_in in IpsConfig.ready)."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[IdleTimeoutMiddleware.session_key] = int(time.time())
    request.session[TWO_STEP_SESSION_KEY] = user_has_confirmed_device(user)


# Wagtail's reports list log entries of every program (record titles included) filtered
# only by model permission, not by program: superusers only.
SUPERUSER_ONLY_PREFIXES = ("/admin/reports/",)


class SuperuserOnlySectionsMiddleware:
    """Turn staff away from workspace sections that are not scoped by program."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith(SUPERUSER_ONLY_PREFIXES)
            and user is not None
            and not user.is_superuser
            and is_staff_member(user)
        ):
            from django.contrib import messages

            messages.error(request, "Sorry, you do not have permission to access this area.")
            return redirect("wagtailadmin_home")
        return self.get_response(request)
