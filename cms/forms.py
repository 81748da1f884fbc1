"""Portal forms, in plain words: sign in, ask for a link, change preferences."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from hashlib import sha256

from django import forms
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from employers.models import JobOpening
from ips.forms import VersionedFormMixin
from ips.models import Occupation
from ips.validators import DomainForm
from jobseekers.models import CareerProfile

WRONG_SIGN_IN = _("That email address and password do not match. Please try again.")


class SignInForm(DomainForm):
    email = forms.EmailField(
        label=_("Your email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def clean(self):
        from cms.selectors import portal_user_by_email

        data = super().clean()
        if self.errors:
            return data
        account = portal_user_by_email(data["email"])
        # Known or not, the same work: one authenticate() that hashes the password once
        # (Django's ModelBackend hashes it for a name it does not know) and that django-axes
        # counts under one name per address, so unknown addresses pause like known ones.
        username = account.get_username() if account is not None else unknown_username(data)
        user = authenticate(self.request, username=username, password=data["password"])
        if user is None or account is None or user.pk != account.pk:
            raise forms.ValidationError(WRONG_SIGN_IN)
        self.user = user
        return data


def unknown_username(data: dict) -> str:
    """A name no account has (a colon is not allowed in usernames), one per email address,
    hashed so the sign-in log keeps no address of someone who is not a client."""
    return f"portal:{sha256(data['email'].strip().lower().encode()).hexdigest()[:32]}"


class SignInLinkForm(DomainForm):
    email = forms.EmailField(
        label=_("Your email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class PlainNumberField(forms.DecimalField):
    """A number box for a person, not a clerk: one plain error whatever is wrong ("Choose a
    number from 0 to 80 hours a week.", never Django's digit counts, never two for one
    box); a number with more decimals is rounded to one ("7.25" → 7.3); whole numbers shown
    as "10", not "10.0"."""

    def __init__(self, *, low: int, high: int, message, **kwargs):
        super().__init__(
            min_value=Decimal(low), max_value=Decimal(high), decimal_places=1, **kwargs
        )
        self.low, self.high, self.plain_message = low, high, message

    def to_python(self, value):
        number = super().to_python(value.strip() if isinstance(value, str) else value)
        if number is None:
            return None
        try:
            return number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        except InvalidOperation:  # too many digits to round: out of range anyway
            return number

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError as error:
            message = str(self.plain_message) % {"low": self.low, "high": self.high}
            raise ValidationError(message, code="range") from error

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return str(value.to_integral_value())
        return super().prepare_value(value)


HOURS_MESSAGE = _("Choose a number from %(low)s to %(high)s hours a week.")


class _ByLabel(ModelChoiceIterator):
    def __iter__(self):
        yield from sorted(super().__iter__(), key=lambda choice: str(choice[1]).casefold())


class PlainOccupationChoices(forms.ModelMultipleChoiceField):
    """Kinds of work by their plain titles ("Housekeeper"), in that alphabetical order;
    never the O*NET code or title (issue 20, item 1). The value is still the O*NET code."""

    iterator = _ByLabel

    def label_from_instance(self, obj) -> str:
        return obj.plain_title


class PreferencesForm(VersionedFormMixin, DomainForm):
    """The few career-profile choices a job seeker may change themselves."""

    min_hours_per_week = PlainNumberField(
        label=_("Fewest hours a week I want"),
        required=False,
        low=0,
        high=80,
        message=HOURS_MESSAGE,
    )
    max_hours_per_week = PlainNumberField(
        label=_("Most hours a week I want"),
        required=False,
        low=0,
        high=80,
        message=HOURS_MESSAGE,
    )
    preferred_schedules = forms.MultipleChoiceField(
        label=_("When I can work"),
        required=False,
        choices=[(value, _(label)) for value, label in JobOpening.Schedule.choices],
        widget=forms.CheckboxSelectMultiple,
    )
    travel_mode = forms.ChoiceField(
        label=_("How I get to work"),
        required=False,
        choices=[("", _("Not decided"))]
        + [(value, _(label)) for value, label in CareerProfile.TravelMode.choices if value],
    )
    max_commute_miles = PlainNumberField(
        label=_("Farthest I want to travel, in miles"),
        required=False,
        low=0,
        high=100,
        message=_("Choose a number from %(low)s to %(high)s miles."),
    )
    preferred_occupations = PlainOccupationChoices(
        label=_("Kinds of work I want"),
        required=False,
        queryset=Occupation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    weekly_email = forms.BooleanField(
        label=_("Send me an email once a week when there are new openings for me"), required=False
    )

    def __init__(self, *args, occupations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if occupations is not None:
            self.fields["preferred_occupations"].queryset = occupations

    def clean(self):
        data = super().clean()
        low, high = data.get("min_hours_per_week"), data.get("max_hours_per_week")
        if low is not None and high is not None and high < low:
            self.add_error(
                "max_hours_per_week",
                gettext("The most hours must be the same as or more than the fewest."),
            )
        return data

    def profile_changes(self) -> dict:
        """The career-profile fields to change (weekly_email is a portal setting)."""
        data = dict(self.cleaned_data)
        data.pop("weekly_email", None)
        data["preferred_occupations"] = [o.pk for o in data["preferred_occupations"]]
        return data
