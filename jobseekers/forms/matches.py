"""Forms for what staff record about a seeker's interest or a match."""

from __future__ import annotations

from django import forms

from ips.validators import DomainForm
from jobseekers.models import (
    MatchOutcome,
)


class InterestHandledForm(DomainForm):
    """What came of a person's "I'm interested" (services.handle_interest)."""

    handling = forms.ChoiceField(
        choices=[
            (value, label)
            for value, label in MatchOutcome.Handling.choices
            if value not in ("job_start", "introduction")
        ],
        widget=forms.RadioSelect,
        label="What came of it?",
        help_text="A job start or a planned introduction marks it handled by itself.",
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=1000
    )
    # Where to return after saving (the home's link passes ?next=/admin/); checked by the view.
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=300)


class MatchUnsuitableForm(DomainForm):
    """Why an opening does not suit the person (services.mark_match_unsuitable)."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        label="Why is it not suitable?",
        help_text="For example: too far by bus, evening hours clash with treatment. "
        "The suggestions learn from this.",
    )
