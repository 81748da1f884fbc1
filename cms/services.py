"""Writes for the public site and the job seeker portal."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_encode
from django.utils.translation import gettext
from wagtail.models import Locale, Page, Site

from cms.content import (
    HOME_BODY,
    HOME_BODY_ES,
    HOME_INTRO,
    HOME_INTRO_ES,
    HOME_TITLE_ES,
    OPENINGS_INTRO,
    OPENINGS_INTRO_ES,
    OPENINGS_TITLE_ES,
    PAGES,
    PAGES_ES,
)
from cms.languages import language_of_path
from cms.models import HomePage, OpeningsIndexPage, PortalPreference, StandardPage
from cms.selectors import (
    current_job,
    is_portal_account,
    new_matches_since,
    portal_user_by_email,
    weekly_email_recipients,
)
from cms.tokens import SIGN_IN_LINK_MINUTES, sign_in_link_tokens
from coaching.tasks import notify_specialist_of_interest_task, notify_specialist_of_withdrawal_task
from employers.models import JobOpening
from ips.mail import send_templated_email
from ips.throttle import within_limit
from jobseekers.models import CareerProfile, JobSeeker, MatchOutcome
from jobseekers.services import record_interest_withdrawal, update_career_profile


@transaction.atomic
def ensure_site(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    """Make sure the root, the English and Spanish locales, the English home page, standard
    pages and openings index, their Spanish translations, and the site exist; returns the
    English home page.

    Idempotent: an existing page (by slug under its home, or a translation of the English
    page) is left as editors made it. Wagtail creates the root in data migrations, but a
    flushed test database (live_server) loses it; seed_demo, `manage.py ensure_site` and the
    browser tests call this.
    """
    english = _locale("en")
    spanish = _locale("es")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=english)
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title=HOME_TITLE,
                slug="home",
                locale=english,
                intro=HOME_INTRO,
                body=HOME_BODY,
            )
        )
    elif not home.body or _placeholder_title(home):
        home.body = home.body or HOME_BODY
        home.intro = home.intro or HOME_INTRO
        if _placeholder_title(home):
            home.title = home.draft_title = HOME_TITLE
        home.save_revision().publish()
    _ensure_children(home, english)
    _ensure_spanish(home, spanish)
    ensure_editor_group(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


def _locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


HOME_TITLE = "Find work you want"


def _placeholder_title(home: HomePage) -> bool:
    """The "Home" that migration cms.0002 gave the page, which no person has saved since: a
    heading that says nothing to a visitor (issue 20). An editor's own title is kept."""
    return home.title == "Home" and not home.revisions.exclude(user=None).exists()


EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")


def ensure_editor_group(home: HomePage) -> None:
    """Wagtail's Editors group may enter the workspace and edit and publish the site's pages,
    in English and in Spanish (each language's home page and everything under it)."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import GroupPagePermission

    from ips.roles import EDITOR_GROUP

    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group.permissions.add(access)
    page_type = ContentType.objects.get_for_model(Page)
    for action in EDITOR_PAGE_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=page_type,
            codename=f"{action}_page",
            defaults={"name": f"Can {action} page"},
        )
        for page in home.get_translations(inclusive=True):
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _ensure_children(home: HomePage, locale: Locale) -> None:
    existing = set(home.get_children().values_list("slug", flat=True))
    if "openings" not in existing and not OpeningsIndexPage.objects.filter(locale=locale).exists():
        home.add_child(
            instance=OpeningsIndexPage(
                title="Job openings",
                slug="openings",
                locale=locale,
                show_in_menus=True,
                intro=OPENINGS_INTRO,
            )
        )
    for spec in PAGES:
        if spec["slug"] not in existing:
            home.add_child(instance=StandardPage(locale=locale, show_in_menus=True, **spec))


def _ensure_spanish(home: HomePage, spanish: Locale) -> None:
    """The Spanish page tree: a translation of the English home (at /es/) and of each page
    under it that has Spanish words in cms.content, created live and left alone after.
    Spanish pages keep the English slugs (the header links rely on it), so /es/openings/
    is the Spanish openings page."""
    spanish_home = home.get_translation_or_none(spanish)
    if spanish_home is None:
        spanish_home = Page.get_first_root_node().add_child(
            instance=HomePage(
                title=HOME_TITLE_ES,
                slug="inicio",
                locale=spanish,
                translation_key=home.translation_key,
                intro=HOME_INTRO_ES,
                body=HOME_BODY_ES,
            )
        )
    for page in home.get_children().specific():
        if page.get_translation_or_none(spanish) is not None:
            continue
        words = _spanish_words(page)
        if words is None:
            continue  # a page editors added: they translate it themselves
        spanish_home.add_child(
            instance=type(page)(
                slug=page.slug,
                locale=spanish,
                translation_key=page.translation_key,
                show_in_menus=page.show_in_menus,
                **words,
            )
        )


def _spanish_words(page: Page) -> dict | None:
    if isinstance(page, OpeningsIndexPage):
        return {"title": OPENINGS_TITLE_ES, "intro": OPENINGS_INTRO_ES}
    return PAGES_ES.get(page.slug)


# --- The job seeker portal ----------------------------------------------------


class PortalError(ValueError):
    """A portal action refused, with a message in plain words for the person asking."""


def portal_url(path: str) -> str:
    """An absolute link for an email (the site's base URL comes from the environment)."""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def local_path(value: str | None) -> str:
    """`value` if it is a path on this site with no host or scheme ("/openings/12/?page=2"),
    else "": "https://evil.example/", "//evil.example/" and "javascript:..." all give ""
    (Django's url_has_allowed_host_and_scheme with no host allowed)."""
    value = (value or "").strip()
    if not value.startswith("/") or not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return ""
    return value


def _link_path(name: str, user, token: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(name, kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def invite_seeker_to_portal(*, seeker: JobSeeker, by) -> object:
    """Give a job seeker a portal account (created if needed) and email a set-password link."""
    email = (seeker.email or "").strip().lower()
    if not email:
        raise PortalError("Add an email address for this job seeker first.")
    User = get_user_model()
    user = seeker.portal_user
    if user is None:
        user = User.objects.filter(email__iexact=email).first()
        if user is not None and not is_portal_account(user):
            raise PortalError("This email address belongs to a staff account. Use another one.")
        if user is not None and JobSeeker.objects.filter(portal_user=user).exists():
            raise PortalError("This email address is already used by another job seeker.")
        if user is None:
            user = User.objects.create_user(
                username=_free_username(email),
                email=email,
                first_name=(seeker.preferred_name or seeker.name.split()[0])[:150],
            )
        seeker.portal_user = user
        seeker.save(update_fields=["portal_user", "updated_at"])
    elif user.email.lower() != email:
        user.email = email
        user.save(update_fields=["email"])
    preference, _ = PortalPreference.objects.get_or_create(seeker=seeker)
    preference.invited_at = timezone.now()
    preference.save(update_fields=["invited_at", "updated_at"])
    from cms.tasks import send_portal_invite_task

    transaction.on_commit(lambda: send_portal_invite_task.delay(seeker.pk))
    return user


def _free_username(email: str) -> str:
    User = get_user_model()
    base = email[:140]
    name, n = base, 1
    while User.objects.filter(username__iexact=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def send_portal_invite(*, seeker_id: int) -> None:
    """Email the invitation with a link to choose a password (valid PASSWORD_RESET_TIMEOUT)."""
    seeker = JobSeeker.objects.select_related("portal_user", "specialist__user", "program").get(
        pk=seeker_id
    )
    user = seeker.portal_user
    if user is None or not user.email:
        return
    link = portal_url(_link_path("portal:welcome", user, default_token_generator.make_token(user)))
    with translation.override(seeker_language(seeker)):
        _send_invite(seeker, user, link)


def _send_invite(seeker: JobSeeker, user, link: str) -> None:
    send_templated_email(
        to=[user.email],
        template="portal_invite",
        context={
            "name": seeker.preferred_name or seeker.name.split()[0],
            "link": link,
            "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            "specialist": seeker.specialist.display_name if seeker.specialist else "",
            "program": seeker.program.name,
        },
        tags=["portal-invite"],
    )


def send_sign_in_link(*, email: str, next_path: str = "") -> None:
    """Email a one-time sign-in link (valid SIGN_IN_LINK_MINUTES) if `email` is a portal
    account's; nothing otherwise. Runs in a task, so the asker cannot time the difference.
    With a local `next_path` the link carries it (`?next=`), so signing in lands back on
    the page the person asked from (issue 20, item 4); any other value is left out. The
    email is in the language kept in the person's portal settings, else in the language of
    the page they asked from (a Spanish page's link is emailed in Spanish)."""
    user = portal_user_by_email(email)
    if user is None or not user.email:
        return
    link = portal_url(_link_path("portal:link", user, sign_in_link_tokens.make_token(user)))
    next_path = local_path(next_path)
    if next_path:
        link = f"{link}?{urlencode({'next': next_path})}"
    seeker = getattr(user, "job_seeker", None)
    language = saved_language(seeker) or language_of_path(next_path or "") or "en"
    with translation.override(language):
        send_templated_email(
            to=[user.email],
            template="portal_sign_in_link",
            context={"name": user.first_name, "link": link, "minutes": SIGN_IN_LINK_MINUTES},
            tags=["portal-sign-in"],
        )


def saved_language(seeker: JobSeeker | None) -> str | None:
    """The language kept in the seeker's portal settings ("en" or "es"), or None."""
    if seeker is None:
        return None
    language = (
        PortalPreference.objects.filter(seeker=seeker).values_list("language", flat=True).first()
    )
    return language or None


def seeker_language(seeker: JobSeeker | None) -> str:
    """The language kept in the seeker's portal settings ("en" or "es"); "en" if none."""
    return saved_language(seeker) or "en"


# At most one link a minute to one address, so the form cannot flood someone's inbox, and a
# bounded number from one caller.
SIGN_IN_LINK_PER_EMAIL = {"limit": 1, "seconds": 60}
SIGN_IN_LINK_PER_ADDRESS = {"limit": 20, "seconds": 60 * 60}


def request_sign_in_link(*, email: str, address: str | None, next_path: str = "") -> bool:
    """Queue the sign-in-link task for any address within the limits, known or not (True
    when queued): the request does the same work (no query) either way; the page says the same.
    `next_path` is the page to land on after signing in by the link (a local path such as
    "/es/openings/12/"; anything else is dropped, see local_path)."""
    email = email.strip().lower()
    next_path = local_path(next_path)
    by_address = within_limit(
        "sign-in-link-address", address or "unknown", **SIGN_IN_LINK_PER_ADDRESS
    )
    if by_address and within_limit("sign-in-link-email", email, **SIGN_IN_LINK_PER_EMAIL):
        from cms.tasks import send_sign_in_link_task

        transaction.on_commit(lambda: send_sign_in_link_task.delay(email, next_path))
        return True
    return False


def notify_specialist_of_interest(outcome_id: int) -> None:
    """Enqueue the coaching app's email telling the specialist (once per outcome)."""
    notify_specialist_of_interest_task.delay(outcome_id)


@transaction.atomic
def record_interest(*, seeker: JobSeeker, opening: JobOpening) -> MatchOutcome:
    """ "I'm interested": one outcome per seeker and opening; the specialist hears once."""
    if not JobOpening.objects.public().filter(pk=opening.pk).exists():
        raise PortalError("This opening is no longer listed.")
    outcome, created = MatchOutcome.objects.get_or_create(
        seeker=seeker,
        opening=opening,
        kind=MatchOutcome.Kind.INTEREST,
        defaults={"program": seeker.program, "date": timezone.localdate(), "source": "portal"},
    )
    if created:
        transaction.on_commit(lambda: notify_specialist_of_interest(outcome.pk))
    return outcome


@transaction.atomic
def withdraw_interest(*, seeker: JobSeeker, opening: JobOpening) -> bool:
    """Take back "I'm interested": removes the seeker's own portal interest in `opening`
    and its open task, and tells the specialist (their home, and an email after commit:
    jobseekers.services.record_interest_withdrawal). True if there was one. An interest
    the specialist wrote down (source "staff") stays: PortalError, so the person is told
    to speak to them. Opening status does not matter: a person may take back interest in
    a job that has since closed."""
    outcomes = MatchOutcome.objects.filter(
        seeker=seeker, opening=opening, kind=MatchOutcome.Kind.INTEREST
    )
    if outcomes.exclude(source="portal").exists():
        raise PortalError(
            gettext(
                "Your specialist wrote this down with you. Please tell them you changed your mind."
            )
        )
    withdrawal = record_interest_withdrawal(seeker=seeker, opening=opening)
    if withdrawal is None:
        return False
    transaction.on_commit(lambda: notify_specialist_of_withdrawal_task.delay(withdrawal.pk))
    return True


@transaction.atomic
def choose_job_suggestions(*, seeker: JobSeeker, keep: bool) -> PortalPreference:
    """Keep (`keep=True`) or pause the openings picked for the seeker, e.g. after a job start;
    remembers the current job start as answered so the question is not asked again for it.
    Paused: no matches on the portal page and no weekly email until they choose again."""
    preference, _ = PortalPreference.objects.select_for_update().get_or_create(seeker=seeker)
    preference.suggestions_paused = not keep
    preference.answered_job = current_job(seeker)
    preference.save(update_fields=["suggestions_paused", "answered_job", "updated_at"])
    return preference


PORTAL_LANGUAGES = ("en", "es")


@transaction.atomic
def choose_portal_language(*, seeker: JobSeeker, language: str) -> PortalPreference:
    """Keep the seeker's language ("en" or "es") in their portal settings: the portal and
    the public site use it from their next sign-in. PortalError for any other code."""
    if language not in PORTAL_LANGUAGES:
        raise PortalError(gettext("Please choose English or Spanish."))
    preference, _ = PortalPreference.objects.get_or_create(seeker=seeker)
    if preference.language != language:
        preference.language = language
        preference.save(update_fields=["language", "updated_at"])
    return preference


PORTAL_PROFILE_FIELDS = frozenset(
    {
        "min_hours_per_week",
        "max_hours_per_week",
        "preferred_schedules",
        "travel_mode",
        "max_commute_miles",
        "preferred_occupations",
    }
)


@transaction.atomic
def change_portal_preferences(
    *, seeker: JobSeeker, changes: dict, weekly_email: bool, expected_version: int | None = None
) -> CareerProfile:
    """Save the seeker's own changes: a new career-profile version, and the email opt-in.
    `expected_version` is the profile version the form showed (StaleCopyError if superseded)."""
    unknown = set(changes) - PORTAL_PROFILE_FIELDS
    if unknown:
        raise PortalError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    profile = update_career_profile(
        seeker=seeker, changes=changes, by=None, expected_version=expected_version
    )
    PortalPreference.objects.update_or_create(
        seeker=seeker, defaults={"weekly_email": weekly_email}
    )
    return profile


def week_start(day: dt.date) -> dt.date:
    """Monday of the week `day` is in: the weekly email's marker."""
    return day - dt.timedelta(days=day.weekday())


def send_weekly_matches_to(*, seeker_id: int, today: dt.date | None = None) -> bool:
    """Send one seeker this week's email of new matches; never twice in one week, never
    once they paused suggestions (checked here, as the email goes: a task queued before
    the pause, or retried after it, sends nothing)."""
    week = week_start(today or timezone.localdate())
    with transaction.atomic():
        preference = (
            PortalPreference.objects.select_for_update(of=("self",))
            .select_related("seeker__portal_user", "seeker__specialist__user")
            .filter(seeker_id=seeker_id, weekly_email=True, suggestions_paused=False)
            .first()
        )
        if preference is None or (preference.last_weekly_week or dt.date.min) >= week:
            return False
        seeker, user = preference.seeker, preference.seeker.portal_user
        if user is None or not is_portal_account(user) or not user.email:
            return False
        since = preference.last_weekly_sent_at or timezone.now() - dt.timedelta(days=7)
        matches = new_matches_since(seeker, since)
        if not matches:
            return False
        with translation.override(preference.language):  # the seeker's own language
            _send_weekly(user, seeker, matches)
        preference.last_weekly_week = week
        preference.last_weekly_sent_at = timezone.now()
        preference.save(update_fields=["last_weekly_week", "last_weekly_sent_at", "updated_at"])
    return True


def _send_weekly(user, seeker: JobSeeker, matches: list) -> None:
    send_templated_email(
        to=[user.email],
        template="weekly_matches",
        context={
            "name": seeker.preferred_name or seeker.name.split()[0],
            "matches": matches,
            "portal_link": portal_url(reverse("portal:home")),
            "preferences_link": portal_url(reverse("portal:preferences")),
            "openings_base": portal_url(public_openings_path()),
        },
        tags=["weekly-matches"],
    )


def public_openings_path(language: str | None = None) -> str:
    """The openings index page's path in `language` ("en" or "es"; the active language by
    default), e.g. /openings/ or /es/openings/; the English one when that language has no
    live openings page."""
    language = language or translation.get_language() or "en"
    pages = OpeningsIndexPage.objects.live()
    page = (
        pages.filter(locale__language_code=language).first()
        or pages.filter(locale__language_code="en").first()
    )
    return page.url if page is not None and page.url else "/openings/"


def send_weekly_matches(*, today: dt.date | None = None) -> list[int]:
    """Enqueue this week's email for every opted-in seeker not yet sent one."""
    from cms.tasks import send_weekly_matches_to_task

    week = week_start(today or timezone.localdate())
    seeker_ids = weekly_email_recipients(week)
    for seeker_id in seeker_ids:
        send_weekly_matches_to_task.delay(seeker_id, week.isoformat())
    return seeker_ids
