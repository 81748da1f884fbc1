"""The workspace page where staff make and revoke API tokens (/admin/api/tokens/).

Every staff member makes personal access tokens for themselves; a director also makes
read-only service tokens for the programs they direct. A new token's secret is shown on
the answer to the POST that made it, once, and never again (only its hash is kept)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from api import tokens
from api.models import ApiToken
from ips.forms import settle_only_choice
from ips.models import Program
from ips.permissions import WORKSPACE, requires
from ips.roles import Role, program_ids
from ips.validators import DomainForm

DAYS_HELP = f"From 1 to {tokens.MAX_DAYS} days; the token stops working after that."


class PersonalTokenForm(DomainForm):
    name = forms.CharField(
        max_length=100, help_text="What the token is for, e.g. \u201cfield app on my phone\u201d."
    )
    days = forms.IntegerField(
        label="Expires after (days)", min_value=1, max_value=tokens.MAX_DAYS, initial=90,
        help_text=DAYS_HELP,
    )  # fmt: skip
    see_sensitive = forms.BooleanField(
        label="Also read sensitive fields", required=False,
        help_text="Contact details, disclosure, benefits and PSR check-in answers of job "
        "seekers, where your role shows them. Leave off unless the software needs them.",
    )  # fmt: skip


class ServiceTokenForm(PersonalTokenForm):
    """A program's token for a reporting system: always read-only (every write of the API
    names the staff member who made it, so a program's token has none to make)."""

    program = forms.ModelChoiceField(queryset=Program.objects.none())

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        settle_only_choice(self, "program")
        self.fields["days"].initial = 365


def directed_programs(user):
    """Programs whose service tokens the user makes: those they direct (all: superuser)."""
    if user.is_superuser:
        return Program.objects.all()
    return Program.objects.filter(pk__in=program_ids(user, {Role.DIRECTOR}))


@never_cache
@require_http_methods(["GET", "POST"])
@requires(WORKSPACE)
def token_list(request):
    """List the caller's tokens; POST `make=personal|service` makes one, `revoke=<id>`
    revokes one the caller may see (another id changes nothing and says so)."""
    programs = directed_programs(request.user)
    personal = PersonalTokenForm(prefix="personal")
    service = ServiceTokenForm(prefix="service", programs=programs) if programs.exists() else None
    made = secret = None
    if request.method == "POST":
        if "revoke" in request.POST:
            return _revoke(request)
        kind = request.POST.get("make")
        if kind == "service" and service is not None:
            service = ServiceTokenForm(request.POST, prefix="service", programs=programs)
            form = service
        else:
            personal = PersonalTokenForm(request.POST, prefix="personal")
            form = personal
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is service:
                    made, secret = tokens.create_service_token(
                        by=request.user, program=data["program"], name=data["name"],
                        days=data["days"],
                        see_sensitive=data["see_sensitive"],
                    )  # fmt: skip
                else:
                    made, secret = tokens.create_personal_token(
                        user=request.user, name=data["name"], days=data["days"],
                        see_sensitive=data["see_sensitive"],
                    )  # fmt: skip
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
    context = {
        "tokens": tokens.tokens_for(request.user),
        "personal_form": personal,
        "service_form": service,
        "made": made,
        "secret": secret,
    }
    status = 400 if request.method == "POST" and made is None else 200
    return render(request, "api/tokens.html", context, status=status)


def _revoke(request):
    try:
        token_id = int(request.POST.get("revoke", ""))
        token = tokens.revoke_token(by=request.user, token_id=token_id)
    except (ValueError, ApiToken.DoesNotExist):
        messages.error(request, "No such token of yours: nothing was revoked.")
    else:
        messages.success(request, f"Revoked \u201c{token.name}\u201d: it no longer works.")
    return redirect("api_tokens:index")
