"""Forms of the fidelity review screens: a review and its action plan."""

from __future__ import annotations

from django import forms

from ips.fidelity.models import ActionItem, FidelityReview
from ips.validators import DomainModelForm


class ReviewForm(DomainModelForm):
    class Meta:
        model = FidelityReview
        fields = ["review_date", "period_start", "period_end", "reviewers", "summary"]
        widgets = {
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end"):
            if data["period_end"] < data["period_start"]:
                self.add_error("period_end", "The last day must not be before the first day.")
        return data


class ActionItemForm(DomainModelForm):
    class Meta:
        model = ActionItem
        fields = ["item_key", "action", "owner", "due_date", "status"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "action": forms.Textarea(attrs={"rows": 2}),
        }
