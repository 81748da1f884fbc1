"""Sign-in protection around django-axes and Wagtail's password reset: a pause counted per
account, per address and per both, each with its own limit; a limited, silent reset."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_lockout_parameters
from axes.models import AccessAttempt
from axes.utils import reset as reset_lockout
from django.conf import settings
from django.db.models import Sum
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views import account

from ips.audit import client_ip
from ips.throttle import within_limit
from ips.validators import InputDomainMixin

# Reset emails: a person who got none may ask again; a flood of them is refused silently.
RESET_PER_EMAIL = (3, 60 * 60)
RESET_PER_ADDRESS = (20, 60 * 60)


def failure_limit_of(parameter: str | list[str]) -> int:
    """The limit of one AXES_LOCKOUT_PARAMETERS entry (settings name the three)."""
    names = {parameter} if isinstance(parameter, str) else set(parameter)
    if names == {"username"}:
        return settings.AXES_ACCOUNT_FAILURE_LIMIT
    if names == {"ip_address"}:
        return settings.AXES_ADDRESS_FAILURE_LIMIT
    return settings.AXES_FAILURE_LIMIT


class TieredLockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler with a limit for each lockout parameter set."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Failures on AXES_FAILURE_LIMIT's scale: at or over it once any set reached its own
        limit (axes compares this one number with AXES_FAILURE_LIMIT)."""
        base = settings.AXES_FAILURE_LIMIT
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        worst = 0
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            worst = max(worst, failures * base // failure_limit_of(parameter))
        return worst

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """After a successful sign-in, forget only this account's tries from this address:
        an insider signing in to their own account must not wipe the count of their guesses
        at others, nor the owner's sign-in the count of guesses from elsewhere."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count


class ThrottledPasswordResetForm(InputDomainMixin, PasswordResetForm):
    """Wagtail's reset form: the same answer always, at most RESET_PER_EMAIL emails to one
    address and RESET_PER_ADDRESS requests from one caller
    (WAGTAILADMIN_USER_PASSWORD_RESET_FORM)."""

    def save(self, *args, **kwargs) -> None:
        request = kwargs.get("request")
        email = self.cleaned_data["email"].strip().lower()
        address = (client_ip(request) if request is not None else None) or "unknown"
        by_address = within_limit("password-reset-address", address, **_window(RESET_PER_ADDRESS))
        by_email = within_limit("password-reset-email", email, **_window(RESET_PER_EMAIL))
        if by_address and by_email:
            super().save(*args, **kwargs)


def _window(rule: tuple[int, int]) -> dict[str, int]:
    limit, seconds = rule
    return {"limit": limit, "seconds": seconds}


class PasswordResetConfirmView(account.PasswordResetConfirmView):
    """Wagtail's choose-a-new-password page; the emailed link proves the person, so the new
    password also lifts the account's sign-in pause."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_lockout(username=form.user.get_username())
        return response
