"""Portal accounts: the staff's invitation to the portal, the sign-in link by email, and the
limits on asking for one."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from cms.languages import language_of_path
from cms.models import PortalPreference
from cms.selectors import is_portal_account, portal_user_by_email
from cms.services.common import PortalError, local_path, portal_url, saved_language, seeker_language
from cms.tokens import SIGN_IN_LINK_MINUTES, sign_in_link_tokens
from ips.mail import send_templated_email
from ips.throttle import within_limit
from jobseekers.models import JobSeeker


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


def send_sign_in_link(*, email: str, next_path: str = "", base_url: str = "") -> None:
    """Email a one-time sign-in link (valid SIGN_IN_LINK_MINUTES) if `email` is a portal
    account's; nothing otherwise. Runs in a task, so the asker cannot time the difference.
    With a local `next_path` the link carries it (`?next=`), so signing in lands back on
    the page the person asked from (issue 20, item 4); any other value is left out. The
    email is in the language kept in the person's portal settings, else in the language of
    the page they asked from (a Spanish page's link is emailed in Spanish). The link is on
    `base_url` (the site address the person asked from) when given, else on the configured
    one."""
    user = portal_user_by_email(email)
    if user is None or not user.email:
        return
    token = sign_in_link_tokens.make_token(user)
    link = portal_url(_link_path("portal:link", user, token), base_url)
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


# At most one link a minute to one address, so the form cannot flood someone's inbox, and a
# bounded number from one caller.
SIGN_IN_LINK_PER_EMAIL = {"limit": 1, "seconds": 60}


SIGN_IN_LINK_PER_ADDRESS = {"limit": 20, "seconds": 60 * 60}


def request_sign_in_link(
    *, email: str, address: str | None, next_path: str = "", base_url: str = ""
) -> bool:
    """Queue the sign-in-link task for any address within the limits, known or not (True
    when queued): the request does the same work (no query) either way; the page says the same.
    `next_path` is the page to land on after signing in by the link (a local path such as
    "/es/openings/12/"; anything else is dropped, see local_path); `base_url` the site
    address the link goes to ("" for the configured one). A failure to queue or, with
    eager tasks, to send the email is raised to the caller."""
    email = email.strip().lower()
    next_path = local_path(next_path)
    by_address = within_limit(
        "sign-in-link-address", address or "unknown", **SIGN_IN_LINK_PER_ADDRESS
    )
    if by_address and within_limit("sign-in-link-email", email, **SIGN_IN_LINK_PER_EMAIL):
        from cms.tasks import send_sign_in_link_task

        transaction.on_commit(lambda: send_sign_in_link_task.delay(email, next_path, base_url))
        return True
    return False
