"""Forms for the domain assessment (start and continue)."""

from __future__ import annotations

from django import forms

from ips.forms import (
    VersionedFormMixin,
)
from ips.validators import DomainForm
from jobseekers.forms.common import DATE, today
from jobseekers.models import (
    BasicNeed,
    Domain,
    GoalReview,
    InterventionReview,
)

RATING_CHOICES = [("", "Not rated"), *[(str(n), str(n)) for n in range(1, 6)]]


# Per domain: the parts of a PSR assessment (DomainRating), in the order they are asked.
DOMAIN_TEXT_PARTS = (
    ("strengths", "strengths and abilities, in the person's words"),
    ("setting", "the setting: where the person lives, works, learns or spends time"),
    ("barriers", "barriers there"),
    ("supports", "supports there"),
    ("current_skills", "skills the person has"),
    ("skills_to_build", "skills the person wants to build"),
    ("needs", "needs, in the person's words"),
)
DOMAIN_PARTS = (*(name for name, _ in DOMAIN_TEXT_PARTS), "rating", "not_discussed")


class AssessmentForm(DomainForm):
    """The eleven PSR domains (strengths first; setting, barriers and supports; skills had
    and wanted; needs; or "chose not to discuss") and, at a re-assessment, how far each
    active goal was reached and the person's satisfaction. Prefilled from `previous` (the
    person's last assessment) so nothing is typed twice; `complete` asks the service to
    mark it complete (refused while a domain is not covered)."""

    date = forms.DateField(widget=DATE, initial=today)
    satisfaction = forms.TypedChoiceField(
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        label="How satisfied is the person with our services? (1-5)",
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    complete = forms.BooleanField(
        required=False,
        label="Mark this assessment complete (every domain assessed or not discussed)",
    )

    class Media:
        css = {"all": ["css/psr.css"]}

    def __init__(self, *args, goals=(), previous=None, interventions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Domain.choices:
            for part, words in DOMAIN_TEXT_PARTS:
                self.fields[f"{value}__{part}"] = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 2}),
                    required=False,
                    label=f"{label}: {words}",
                )
            self.fields[f"{value}__rating"] = forms.TypedChoiceField(
                choices=RATING_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                label=f"{label}: how things are going (1-5)",
            )
            self.fields[f"{value}__not_discussed"] = forms.BooleanField(
                required=False, label=f"{label}: the person chose not to discuss this"
            )
        self.previous = previous
        if previous is not None and not self.is_bound:
            for rating in previous.ratings.all():
                for part in DOMAIN_PARTS:
                    self.initial[f"{rating.domain}__{part}"] = getattr(rating, part)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = forms.TypedChoiceField(
                choices=[("", "Not reviewed"), *GoalReview.Attainment.choices],
                coerce=int,
                empty_value=None,
                required=False,
                label=f"Goal: {goal.description[:80]}",
            )

        self._add_basic_needs(previous)
        self.interventions = list(interventions)
        for iv in self.interventions:
            name = f'{iv.get_kind_display()} for "{iv.goal.description[:50]}"'
            self.fields[f"iv_{iv.pk}__decision"] = forms.ChoiceField(
                choices=[("", "Not reviewed"), *InterventionReview.Decision.choices],
                required=False,
                label=f"{name}: continue, change or stop?",
            )
            self.fields[f"iv_{iv.pk}__person_view"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                label=f"{name}: the person's view",
            )
            self.fields[f"iv_{iv.pk}__change"] = forms.CharField(
                max_length=500, required=False, label=f"{name}: what changes"
            )

    def _add_basic_needs(self, previous) -> None:
        """Per basic need: met or not this time, and the referral when not."""
        for value, label in BasicNeed.Need.choices:
            self.fields[f"need_{value}__status"] = forms.ChoiceField(
                choices=[("", "Not asked this time"), ("met", "Met"), ("unmet", "Not met")],
                required=False,
                label=f"{label}: is this need met?",
            )
            self.fields[f"need_{value}__referral"] = forms.CharField(
                max_length=300,
                required=False,
                label=f"{label}: if not, referred to (or: declined a referral)",
            )
        if previous is not None and not self.is_bound:
            for row in previous.basic_needs.all():
                self.initial[f"need_{row.need}__status"] = "met" if row.met else "unmet"
                self.initial[f"need_{row.need}__referral"] = row.referral

    def basic_need_groups(self):
        return [
            (label, [self[f"need_{value}__{p}"] for p in ("status", "referral")])
            for value, label in BasicNeed.Need.choices
        ]

    def basic_needs(self) -> dict[str, dict]:
        """{need: {met, referral}} for each need asked about this time."""
        return {
            value: {
                "met": self.cleaned_data[f"need_{value}__status"] == "met",
                "referral": self.cleaned_data[f"need_{value}__referral"],
            }
            for value in BasicNeed.Need.values
            if self.cleaned_data.get(f"need_{value}__status")
        }

    def intervention_groups(self):
        """(intervention, its three review fields) for the template."""
        return [
            (iv, [self[f"iv_{iv.pk}__{p}"] for p in ("decision", "person_view", "change")])
            for iv in self.interventions
        ]

    def intervention_reviews(self) -> dict[int, dict[str, str]]:
        """{intervention id: {decision, person_view, change}} for each one reviewed."""
        return {
            iv.pk: {
                p: self.cleaned_data[f"iv_{iv.pk}__{p}"]
                for p in ("decision", "person_view", "change")
            }
            for iv in self.interventions
            if self.cleaned_data.get(f"iv_{iv.pk}__decision")
        }

    def domain_groups(self):
        """(value, label, bound fields, covered) per domain, for the template."""
        groups = []
        for value, label in Domain.choices:
            fields = [self[f"{value}__{part}"] for part in DOMAIN_PARTS]
            covered = any(
                str(f.value() or "").strip() and f.value() not in (False, "False")
                for f in fields
                if not f.name.endswith("__rating")
            )
            groups.append((value, label, fields, covered))
        return groups

    def goal_fields(self):
        return [self[f"goal_{goal.pk}"] for goal in self.goals]

    def domains(self) -> dict:
        """{domain value: {part: value}} for each domain with anything written or marked."""
        result = {}
        for value in Domain.values:
            entry = {part: self.cleaned_data.get(f"{value}__{part}") for part in DOMAIN_PARTS}
            if any(entry.values()):
                result[value] = entry
        return result

    def goal_attainment(self) -> dict[int, int]:
        return {
            goal.pk: self.cleaned_data[f"goal_{goal.pk}"]
            for goal in self.goals
            if self.cleaned_data.get(f"goal_{goal.pk}") is not None
        }


class ContinueAssessmentForm(VersionedFormMixin, AssessmentForm):
    """An incomplete assessment, continued: the same form, carrying the row's version."""
