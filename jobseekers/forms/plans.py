"""Forms for goals, interventions, cultural preferences, family consent and coordination."""

from __future__ import annotations

import datetime as dt

from django import forms

from ips.forms import (
    VersionedFormMixin,
)
from ips.validators import DomainForm
from jobseekers.forms.common import DATE, today
from jobseekers.models import (
    CoordinationContact,
    Domain,
    Goal,
    Intervention,
)


class GoalForm(DomainForm):
    domain = forms.ChoiceField(choices=Domain.choices)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label="The goal, in the person's words"
    )
    target_date = forms.DateField(widget=DATE, required=False)
    step_1 = forms.CharField(max_length=300, required=False, label="First step")
    step_1_due = forms.DateField(widget=DATE, required=False, label="First step by")
    step_2 = forms.CharField(max_length=300, required=False, label="Second step")
    step_2_due = forms.DateField(widget=DATE, required=False, label="Second step by")
    step_3 = forms.CharField(max_length=300, required=False, label="Third step")
    step_3_due = forms.DateField(widget=DATE, required=False, label="Third step by")

    def steps(self) -> list[tuple[str, dt.date | None]]:
        return [
            (self.cleaned_data[f"step_{n}"], self.cleaned_data[f"step_{n}_due"])
            for n in (1, 2, 3)
            if self.cleaned_data.get(f"step_{n}")
        ]


class InterventionForm(DomainForm):
    """A PSR intervention for one of the person's active goals (services.add_intervention)."""

    goal = forms.ModelChoiceField(queryset=Goal.objects.none(), label="For the goal")
    kind = forms.ChoiceField(choices=Intervention.Kind.choices, label="Intervention")
    details = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="What it covers (for skills training: the skills taught, modelled and rehearsed)",
    )
    provider = forms.CharField(max_length=200, label="Who provides it")
    place = forms.ChoiceField(choices=Intervention.Place.choices, label="Where")
    frequency = forms.CharField(max_length=100, label="How often (for example: weekly)")
    started_on = forms.DateField(widget=DATE, initial=today, label="Starts")
    review_date = forms.DateField(
        widget=DATE, required=False, label="Review by (empty: at the next re-assessment)"
    )

    def __init__(self, *args, seeker, **kwargs):
        super().__init__(*args, **kwargs)
        goals = seeker.goals.filter(status=Goal.Status.ACTIVE)
        self.fields["goal"].queryset = goals
        if "goal" not in self.initial:
            only = list(goals.values_list("pk", flat=True)[:2])
            if len(only) == 1:  # the one goal: nothing to choose
                self.initial["goal"] = only[0]


class CulturalPreferenceForm(DomainForm):
    """Cultural values and preferences, dated (services.record_cultural_preferences)."""

    recorded_on = forms.DateField(widget=DATE, initial=today, label="Recorded on")
    values_and_preferences = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Values and preferences, in the person's words (language, faith, customs, "
        "how and by whom they want to be helped)",
    )


class FamilyConsentForm(DomainForm):
    """The person's consent to involve someone (services.record_family_consent)."""

    contact_name = forms.CharField(max_length=200, label="Who")
    relationship = forms.CharField(max_length=100, required=False)
    phone = forms.CharField(max_length=40, required=False)
    scope = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label="What may be shared, in the person's words",
    )
    given_on = forms.DateField(widget=DATE, initial=today, label="Consent given on")


class WithdrawConsentForm(VersionedFormMixin, DomainForm):
    withdrawn_on = forms.DateField(widget=DATE, initial=today, label="Consent withdrawn on")


class CoordinationContactForm(DomainForm):
    """A contact with another service (services.log_coordination_contact)."""

    service = forms.ChoiceField(choices=CoordinationContact.Service.choices)
    service_name = forms.CharField(
        max_length=200, required=False, label="Which one (agency or office)"
    )
    contact_person = forms.CharField(max_length=200, label="Contact person")
    date = forms.DateField(widget=DATE, initial=today)
    agreed = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What was agreed")


class GoalStatusForm(VersionedFormMixin, DomainForm):
    status = forms.ChoiceField(choices=Goal.Status.choices)
