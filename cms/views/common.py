"""What the portal's views share: the seeker_required guard, the safe `next` address and
the posted data."""

from __future__ import annotations

from functools import wraps
from urllib.parse import quote

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from cms import selectors


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


def _posted(request):
    """The submitted data on a POST (even an empty one), else None: an unbound form."""
    return request.POST if request.method == "POST" else None
