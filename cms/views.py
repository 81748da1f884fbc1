"""The job seeker portal (under /portal/) and the workspace's portal invitations screen."""

from __future__ import annotations

from functools import wraps
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cms import selectors, services
from cms.forms import PreferencesForm, SignInForm, SignInLinkForm
from cms.languages import same_page_in
from cms.middleware import supported_language
from cms.models import PortalPreference
from cms.tokens import SIGN_IN_LINK_MINUTES, sign_in_link_tokens
from employers.models import JobOpening
from ips.audit import client_ip, record_event, record_rows_shown, rows_by_program
from ips.models import AuditEvent
from ips.permissions import requires
from ips.roles import has_role
from ips.versioning import StaleCopyError
from jobseekers.models import CASEWORK_ROLES, JobSeeker
from jobseekers.selectors import current_profile_version

BACKEND = "django.contrib.auth.backends.ModelBackend"
PORTAL_CONFLICT_MESSAGE = _(
    "Your profile was changed by your specialist while you were making your choices, so "
    "your choices were not saved yet. Check them below, then save again."
)


def seeker_required(view):
    """Signed-in job seekers only; anyone else is sent to sign in or told plainly. Pages
    about a person are never kept by a browser or proxy cache (never_cache)."""

    @never_cache
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            target = quote(request.get_full_path(), safe="/")
            return redirect(f"{reverse('portal:sign_in')}?next={target}")
        seeker = selectors.portal_seeker(request.user)
        if seeker is None:
            return render(request, "cms/portal/not_for_you.html", status=403)
        request.seeker = seeker
        return view(request, *args, **kwargs)

    return wrapper


def safe_next(request, value: str | None) -> str:
    """`value` if it is a path on this site (same host and scheme), else "": sign-in and
    "I'm interested" return there, never to another site (an open redirect)."""
    value = (value or "").strip()
    if not value or not url_has_allowed_host_and_scheme(
        value, {request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return value


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
    services.request_sign_in_link(
        email=form.cleaned_data["email"], address=client_ip(request), next_path=target
    )
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


FIRST_CARDS = 5  # issue 20, item 3: five cards, then "show more"


@seeker_required
def home(request):
    """Openings for you: a count, five cards (all with ?more=1), three reasons each; after a
    job start, the question whether to keep or pause suggestions."""
    seeker = request.seeker
    preference = PortalPreference.objects.filter(seeker=seeker).first()
    paused = bool(preference and preference.suggestions_paused)
    job = selectors.current_job(seeker)
    ask_about_job = job is not None and not (preference and preference.answered_job_id == job.pk)
    cards = (
        [] if paused else [selectors.match_card(m) for m in selectors.matches_for_seeker(seeker)]
    )
    show_all = request.GET.get("more") == "1"
    context = {
        "seeker": seeker,
        "cards": cards if show_all else cards[:FIRST_CARDS],
        "count": len(cards),
        "hidden": 0 if show_all else max(len(cards) - FIRST_CARDS, 0),
        "paused": paused,
        "job": job,
        "ask_about_job": ask_about_job and not paused,
        "openings_path": services.public_openings_path(),
    }
    return render(request, "cms/portal/home.html", context)


@require_POST
@seeker_required
def withdraw_interest(request, opening_id: int):
    """Take back "I'm interested" (services.withdraw_interest)."""
    opening = get_object_or_404(JobOpening, pk=opening_id)
    try:
        withdrawn = services.withdraw_interest(seeker=request.seeker, opening=opening)
    except services.PortalError as error:
        messages.error(request, str(error))
    else:
        if withdrawn:
            messages.success(
                request,
                gettext("Done. You are no longer marked interested in “%(title)s”.")
                % {"title": opening.title},
            )
    return redirect(safe_next(request, request.POST.get("next")) or "portal:home")


@require_POST
@seeker_required
def suggestions(request):
    """Keep or pause job suggestions (services.choose_job_suggestions)."""
    choice = request.POST.get("choice")
    if choice not in ("keep", "pause"):
        messages.error(request, gettext("Please choose to keep or pause job suggestions."))
        return redirect("portal:home")
    services.choose_job_suggestions(seeker=request.seeker, keep=choice == "keep")
    if choice == "keep":
        messages.success(request, gettext("We will keep showing you jobs that may suit you."))
    else:
        messages.success(
            request,
            gettext("Job suggestions are paused. You can start them again here any time."),
        )
    return redirect("portal:home")


@require_POST
@seeker_required
def interested(request, opening_id: int):
    opening = get_object_or_404(JobOpening.objects.public(), pk=opening_id)
    services.record_interest(seeker=request.seeker, opening=opening)
    messages.success(
        request,
        gettext(
            "Thank you. We told your specialist you are interested in “%(title)s”. "
            "They will get in touch."
        )
        % {"title": opening.title},
    )
    return redirect(safe_next(request, request.POST.get("next")) or "portal:home")


@seeker_required
def profile(request):
    current = selectors.current_profile(request.seeker)
    labels = dict(JobOpening.Schedule.choices)
    context = {
        "seeker": request.seeker,
        "profile": current,
        "schedules": ", ".join(
            gettext(labels.get(s, s)) for s in (current.preferred_schedules or [])
        )
        if current
        else "",
        "preference": PortalPreference.objects.filter(seeker=request.seeker).first(),
    }
    return render(request, "cms/portal/profile.html", context)


@seeker_required
def preferences(request):
    seeker = request.seeker
    current = selectors.current_profile(seeker)
    preference = PortalPreference.objects.filter(seeker=seeker).first()
    form = PreferencesForm(
        _posted(request),
        initial=_preference_initial(current, preference),
        occupations=selectors.preference_occupations(current),
        version=current.version if current else 0,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_portal_preferences(
                seeker=seeker,
                changes=form.profile_changes(),
                weekly_email=form.cleaned_data["weekly_email"],
                expected_version=form.expected_version,
            )
        except StaleCopyError:
            latest = current_profile_version(seeker)
            form.refuse_stale(StaleCopyError(PORTAL_CONFLICT_MESSAGE), latest)
            return render(request, "cms/portal/preferences.html", {"form": form}, status=409)
        messages.success(
            request, gettext("Your choices are saved. Your specialist can see them too.")
        )
        return redirect("portal:profile")
    status = 400 if form.errors else 200
    return render(request, "cms/portal/preferences.html", {"form": form}, status=status)


def _preference_initial(current, preference) -> dict:
    initial = {"weekly_email": bool(preference and preference.weekly_email)}
    if current is not None:
        initial.update(
            min_hours_per_week=current.min_hours_per_week,
            max_hours_per_week=current.max_hours_per_week,
            preferred_schedules=current.preferred_schedules,
            travel_mode=current.travel_mode,
            max_commute_miles=current.max_commute_miles,
            preferred_occupations=list(current.preferred_occupations.all()),
        )
    return initial


# --- Workspace: portal invitations (staff of the seeker's program) -------------


@requires("jobseekers.change_jobseeker")
def invitations(request):
    """The caseload's portal status, with an invite button per job seeker."""
    if not has_role(request.user, CASEWORK_ROLES):
        raise PermissionDenied
    seekers = (
        JobSeeker.objects.for_user(request.user)
        .filter(program_id__in=_casework_programs(request.user), closed_date__isnull=True)
        .select_related("portal_user", "portal_preference")
        .order_by("name")
    )
    mine = request.GET.get("mine", "1") == "1"
    if mine and not request.user.is_superuser:
        seekers = seekers.filter(specialist__user=request.user)
    page = Paginator(seekers, 50).get_page(request.GET.get("p"))
    counts = rows_by_program(page.object_list)
    record_rows_shown(request=request, what="portal invitations", counts=counts)
    return render(request, "cms/workspace/invitations.html", {"page_obj": page, "mine": mine})


@requires("jobseekers.change_jobseeker")
def invite(request, seeker_id: int):
    """Confirm, then create the account if needed and email a set-password link."""
    seeker = get_object_or_404(JobSeeker.objects.for_user(request.user), pk=seeker_id)
    if not has_role(request.user, CASEWORK_ROLES, program_id=seeker.program_id):
        raise Http404
    if request.method == "POST":
        try:
            services.invite_seeker_to_portal(seeker=seeker, by=request.user)
        except services.PortalError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"We emailed {seeker.name} a link to choose a password.")
        return redirect("portal_invitations:index")
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary="invite")
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    return render(request, "cms/workspace/invite.html", {"seeker": seeker, "days": days})


def _casework_programs(user) -> list[int] | object:
    from ips.roles import program_ids

    if user.is_superuser:
        return JobSeeker.objects.values("program_id")
    return program_ids(user, CASEWORK_ROLES)


def _posted(request):
    """The submitted data on a POST (even an empty one), else None: an unbound form."""
    return request.POST if request.method == "POST" else None
