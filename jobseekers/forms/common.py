"""What the job seeker forms share: the date widget, choices, service errors, today."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

DATE = forms.DateInput(attrs={"type": "date"})
BENEFITS_CHOICES = [
    ("ssi", "SSI"),
    ("ssdi", "SSDI"),
    ("medicaid", "Medicaid"),
    ("medicare", "Medicare"),
    ("snap", "SNAP (food help)"),
    ("housing", "Housing help"),
    ("other", "Other"),
]
SOURCE_CHOICES = [
    ("person", "The person"),
    ("team", "Mental-health team"),
    ("record", "Records"),
    ("family", "Family (with the person's consent)"),
]


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form (on the field when it has one)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            # A hidden field's error would not be shown: it goes above the form.
            shown = name in form.fields and not form.fields[name].widget.is_hidden
            form.add_error(name if shown else None, messages)
    else:
        form.add_error(None, error.messages)


def today() -> dt.date:
    return timezone.localdate()
