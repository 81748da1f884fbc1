"""Optional two-step sign-in (TOTP) for staff: set up, verify, turn off."""

from __future__ import annotations

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from ips.middleware import TWO_STEP_SESSION_KEY
from ips.permissions import WORKSPACE, requires
from ips.validators import DomainForm


class CodeForm(DomainForm):
    code = forms.RegexField(
        label="The 6-digit code from your authenticator app",
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": "Enter the 6 digits shown in your app, without spaces."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


def _safe_next(request, default: str = "/admin/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if allowed else default


PENDING_KEY_SESSION_KEY = "ips_two_step_pending_key"


@require_http_methods(["GET", "POST"])
@requires(WORKSPACE)
def setup(request):
    """Show a QR code for a new TOTP key; confirm it with one code. The key waits in the
    session until then: a GET writes no device (only the POST with a code saves one)."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if confirmed is not None:
        return render(request, "ips/two_step_on.html", {"form": CodeForm()})
    key = request.session.get(PENDING_KEY_SESSION_KEY)
    if not key:
        key = default_key()
        request.session[PENDING_KEY_SESSION_KEY] = key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # One unconfirmed device per user, so wrong codes are throttled across attempts.
        device, _ = TOTPDevice.objects.update_or_create(
            user=request.user, confirmed=False, defaults={"key": key, "name": "Authenticator app"}
        )
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            del request.session[PENDING_KEY_SESSION_KEY]
            request.session[TWO_STEP_SESSION_KEY] = True
            otp_login(request, device)
            messages.success(request, "Two-step sign-in is on.")
            return redirect("wagtailadmin_home")
        form.add_error(
            "code", "That code did not match. Check the time on your phone and try again."
        )
    device = TOTPDevice(user=request.user, key=key, name="Authenticator app")
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, title="QR code to scan")
    return render(
        request,
        "ips/two_step_setup.html",
        {"form": form, "qr_svg": mark_safe(qr_svg), "secret": _base32(device.bin_key)},
    )


@require_http_methods(["POST"])
@requires(WORKSPACE)
def turn_off(request):
    """Remove the user's TOTP devices after a correct current code."""
    form = CodeForm(request.POST)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is not None and form.is_valid() and device.verify_token(form.cleaned_data["code"]):
        TOTPDevice.objects.filter(user=request.user).delete()
        request.session[TWO_STEP_SESSION_KEY] = False
        messages.success(request, "Two-step sign-in is off.")
        return redirect("wagtailadmin_home")
    messages.error(request, "That code did not match, so two-step sign-in is still on.")
    return redirect("two_step:setup")


@require_http_methods(["GET", "POST"])
@requires(WORKSPACE)
def verify(request):
    """Ask for the current code before the workspace opens."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
        if devices and not any(device.verify_is_allowed()[0] for device in devices):
            form.add_error("code", "Too many wrong codes. Wait a minute, then try the newest one.")
        else:
            for device in devices:
                if device.verify_token(form.cleaned_data["code"]):
                    otp_login(request, device)
                    return redirect(_safe_next(request))
            form.add_error("code", "That code did not match. Try the newest code in your app.")
    return render(request, "ips/two_step_verify.html", {"form": form, "next": _safe_next(request)})


def _base32(key: bytes) -> str:
    from base64 import b32encode

    return b32encode(key).decode("ascii").rstrip("=")
