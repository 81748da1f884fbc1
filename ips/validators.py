"""The input domain (ips.domain) as Django validators, applied once at the base of every
form, filter and hand-parsed query string: a date outside 1900-2100 or text holding a
control character is a form error (or a 400), never a stored value or a 500."""

from __future__ import annotations

import datetime as dt
import types

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone

from ips.domain import contact_date_problem, date_problem, postal_code_problem, text_problem


def validate_date_in_range(value: dt.date | None) -> None:
    """Refuse a date (or datetime) outside 1900-01-01..2100-12-31 (ips.domain)."""
    problem = None if value is None else date_problem(value)
    if problem:
        raise ValidationError(f"{problem}.", code="date_out_of_range")


def validate_contact_date(value: dt.date | None) -> None:
    """Refuse a contact or visit dated past tomorrow in the program's time zone
    (ips.domain.contact_date_problem: the forms' half of the services' rule)."""
    problem = None if value is None else contact_date_problem(value, timezone.localdate())
    if problem:
        raise ValidationError(problem, code="future")


def validate_postal_code(value: str | None) -> None:
    """A model field validator: `value` is blank, a US ZIP code or a UK postcode (the
    countries a program may be in; ASCII digits only, ips.domain.postal_code_problem). For
    the fields whose row cannot say its country by itself (a program's ZIP, a career
    profile's home ZIP). Raises ValidationError."""
    text = (value or "").strip()
    if postal_code_problem(text, "US") and postal_code_problem(text, "UK"):
        raise ValidationError(
            "%(value)s is not a ZIP code (5 digits, or ZIP+4: 48226 or 48226-1234) or a UK"
            " postcode (written like SW1A 1AA).",
            params={"value": repr(text)},
            code="postal_code",
        )


def validate_text(value: str | None) -> None:
    """Refuse text holding a C0 control character other than tab, newline and CR."""
    problem = text_problem(value) if isinstance(value, str) else None
    if problem:
        raise ValidationError(f"This text {problem}; remove it.", code="control_character")


def _apply(field: forms.Field) -> None:
    for sub in getattr(field, "fields", ()):  # MultiValueField: date ranges, split datetimes
        _apply(sub)
    if isinstance(field, forms.DateField | forms.DateTimeField):
        wanted = validate_date_in_range
    elif isinstance(field, forms.CharField):
        wanted = validate_text
        # Django's own NUL check says the same thing less precisely: one message is enough.
        field.validators = [
            v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
    else:
        return
    if wanted not in field.validators:
        field.validators.append(wanted)


def apply_input_domain(form: forms.BaseForm) -> None:
    """Add the date and text checks to every date, datetime and text field of `form`
    (idempotent; the fields are the form instance's own copies)."""
    for field in form.fields.values():
        _apply(field)


class InputDomainMixin:
    """A form whose every DateField and CharField, including those added in `__init__`,
    keeps to the input domain. Put it first among the bases."""

    def full_clean(self):
        apply_input_domain(self)
        super().full_clean()


class DomainForm(InputDomainMixin, forms.Form):
    """The base of the project's plain forms."""


class DomainModelForm(InputDomainMixin, forms.ModelForm):
    """The base of the project's model forms outside the Wagtail viewsets."""


def with_input_domain(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    """`form_class` with InputDomainMixin in front (itself when it has it already)."""
    if issubclass(form_class, InputDomainMixin):
        return form_class
    return types.new_class(form_class.__name__, (InputDomainMixin, form_class))


class InputDomainFilterMixin:
    """A django-filter FilterSet whose form keeps to the input domain (whatever Meta.form)."""

    def get_form_class(self):
        return with_input_domain(super().get_form_class())


class DomainFilterSet(InputDomainFilterMixin, django_filters.FilterSet):
    """The base of the project's FilterSets that are not Wagtail listing filters."""


def parse_query_date(value: str) -> dt.date:
    """A YYYY-MM-DD date from a query string; ValueError when malformed or out of range."""
    day = dt.date.fromisoformat(value)
    problem = date_problem(day)
    if problem:
        raise ValueError(problem)
    return day


def query_text(value: str, *, max_length: int) -> str:
    """Search text from a query string, cut to `max_length`; ValueError on control characters."""
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value[:max_length]


def query_id(value: str | None) -> int | None:
    """A row id from a query string: ASCII digits that fit a database integer, else None
    ("²" passes str.isdigit() but not int(); 10**30 overflows the column)."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return int(value)
