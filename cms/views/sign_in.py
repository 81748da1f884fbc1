"""Signing in to the portal (password, emailed link, the invitation's welcome link), signing
out, and choosing the language."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cms import selectors, services
from cms.forms import SignInForm, SignInLinkForm
from cms.languages import same_page_in
from cms.middleware import supported_language
from cms.models import PortalPreference
from cms.tokens import SIGN_IN_LINK_MINUTES, sign_in_link_tokens
from cms.views.common import _posted, safe_next
from ips.audit import client_ip

BACKEND = "django.contrib.auth.backends.ModelBackend"
LINK_NOT_SENT = _(
    "We could not send the email just now. Please try again in a few minutes, "
    "or ask your employment specialist."
)
logger = logging.getLogger(__name__)


@never_cache
def sign_in(request):
    """Email and password; afterwards back to the page the person came from (safe `next`)."""
    target = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if selectors.portal_seeker(request.user) is not None:
        return redirect(target or "portal:home")
    form = SignInForm(_posted(request), request=request)
    if request.method == "POST" and form.is_valid():
        return _signed_in(request, form.user, target or "portal:home")
    context = {
        "form": form,
        "link_form": SignInLinkForm(),
        "next": target,
        "timed_out": request.GET.get("timeout") == "1",
        "idle_minutes": settings.PORTAL_IDLE_TIMEOUT_MINUTES,
    }
    return render(request, "cms/portal/sign_in.html", context, status=400 if form.errors else 200)


@never_cache
@require_POST
def choose_language(request):
    """The language switch on every public and portal page: English or Spanish, kept in a
    cookie, and in the seeker's portal settings when a seeker is signed in. From a public
    page it lands on the same page in the chosen language (its translation, under /es/ in
    Spanish: cms.languages.same_page_in); from the portal, on the same portal page."""
    target = safe_next(request, request.POST.get("next")) or "/"
    language = supported_language(request.POST.get("language"))
    if language is None:
        messages.error(request, gettext("Please choose English or Spanish."))
        return redirect(target)
    target = same_page_in(request, target, language)
    seeker = selectors.portal_seeker(request.user)
    if seeker is not None:
        services.choose_portal_language(seeker=seeker, language=language)
    response = redirect(target)
    _set_language_cookie(response, language)
    return response


def _set_language_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )


def _signed_in(request, user, target):
    """Sign `user` in and send them to `target`, in the language kept in their portal
    settings (or, with none kept yet, keep the one they chose before signing in)."""
    login(request, user, backend=BACKEND)
    response = redirect(target)
    seeker = selectors.portal_seeker(user)
    preference = PortalPreference.objects.filter(seeker=seeker).first() if seeker else None
    if preference is not None:
        _set_language_cookie(response, preference.language)
    elif seeker is not None and getattr(request, "LANGUAGE_CODE", "en") != "en":
        services.choose_portal_language(seeker=seeker, language=request.LANGUAGE_CODE)
        # The portal follows the cookie: without it the kept language would show only in
        # emails, and the portal itself in English (red-team finding).
        _set_language_cookie(response, request.LANGUAGE_CODE)
    return response


@never_cache
@require_POST
def send_link(request):
    """Email a sign-in link; the link brings the person back to the page they came from
    (the sign-in page's safe `next`, carried in the link and checked again when used)."""
    target = safe_next(request, request.POST.get("next"))
    form = SignInLinkForm(request.POST)
    if not form.is_valid():
        context = {"form": SignInForm(request=request), "link_form": form, "next": target}
        return render(request, "cms/portal/sign_in.html", context, status=400)
    try:
        services.request_sign_in_link(
            email=form.cleaned_data["email"],
            address=client_ip(request),
            next_path=target,
            base_url=_site_address(request),
        )
    except Exception:
        # SMTP down, the mail provider's error, the task queue out of reach: a calm page,
        # not a 500 (red-team finding); the details go to the log.
        logger.exception("The sign-in link email could not be sent")
        context = {
            "form": SignInForm(request=request),
            "link_form": form,
            "next": target,
            "link_not_sent": LINK_NOT_SENT,
        }
        return render(request, "cms/portal/sign_in.html", context, status=503)
    messages.success(
        request,
        gettext(
            "If this email address has a page with us, we have sent it a sign-in link. "
            "The link works once, for %(minutes)s minutes."
        )
        % {"minutes": SIGN_IN_LINK_MINUTES},
    )
    return redirect(
        f"{reverse('portal:sign_in')}?{urlencode({'next': target})}" if target else "portal:sign_in"
    )


def _site_address(request) -> str:
    """This site's address as the person reached it ("http://host:port/"), for the link in
    the email; "" (the configured WAGTAILADMIN_BASE_URL) where any host is allowed, so a
    forged Host header cannot aim someone's sign-in link at another site."""
    if "*" in settings.ALLOWED_HOSTS:
        return ""
    return request.build_absolute_uri("/")


def _user_from_link(uidb64: str, token: str, checker):
    try:
        user = get_user_model().objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        return None
    if not selectors.is_portal_account(user) or not checker.check_token(user, token):
        return None
    return user


@never_cache
def link(request, uidb64: str, token: str):
    """The emailed sign-in link: a button to press, so mail scanners cannot spend it. It
    lands on the link's `next` page when that is a safe path on this site (a hostile one is
    ignored: the portal home), else on the portal home."""
    user = _user_from_link(uidb64, token, sign_in_link_tokens)
    if user is None:
        return render(request, "cms/portal/link_expired.html", status=400)
    target = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        return _signed_in(request, user, target or "portal:home")
    return render(request, "cms/portal/link_confirm.html", {"next": target})


@never_cache
def welcome(request, uidb64: str, token: str):
    """The invitation link: choose a password, then you are signed in."""
    user = _user_from_link(uidb64, token, default_token_generator)
    if user is None:
        return render(request, "cms/portal/link_expired.html", {"invite": True}, status=400)
    form = SetPasswordForm(user, _posted(request))
    form.fields["new_password1"].label = gettext("Choose a password")
    form.fields["new_password2"].label = gettext("Type the same password again")
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend=BACKEND)
        messages.success(request, gettext("Your password is saved. Welcome!"))
        return redirect("portal:home")
    status = 400 if form.errors else 200
    return render(request, "cms/portal/welcome.html", {"form": form}, status=status)


@never_cache
@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, gettext("You have signed out."))
    return redirect("portal:sign_in")
