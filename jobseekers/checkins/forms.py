"""The check-in form: quick to fill in with the person; everything but the date optional."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from ips.forms import EventFormMixin
from ips.validators import DomainModelForm
from jobseekers.models import StatusCheckIn

YES_NO = [("", "Not asked"), ("true", "Yes"), ("false", "No")]


class CheckInForm(EventFormMixin, DomainModelForm):
    class Meta:
        model = StatusCheckIn
        fields = [
            "date", "housing", "housing_moves", "education_enrolled", "education_completed",
            "justice", "inpatient_admissions", "inpatient_days", "er_visits", "social_supports",
            "quality_of_life", "service_rating", "notes",
        ]  # fmt: skip
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "housing": forms.RadioSelect,
            "justice": forms.RadioSelect,
            "education_enrolled": forms.Select(choices=YES_NO),
            "education_completed": forms.Select(choices=YES_NO),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, seeker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.seeker = seeker
        self.fields["date"].initial = timezone.localdate()
        self.fields["housing"].choices = [("", "Not asked"), *StatusCheckIn.Housing.choices]
        self.fields["justice"].choices = [("", "Not asked"), *StatusCheckIn.Justice.choices]
        for name in ("quality_of_life", "service_rating"):
            self.fields[name].widget = forms.Select(
                choices=[("", "Not asked"), *[(n, str(n)) for n in range(1, 6)]]
            )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("A check-in cannot be dated in the future.")
        earliest = self.seeker and (self.seeker.referral_date or self.seeker.entry_date)
        if earliest and date < earliest:
            raise forms.ValidationError(
                f"This is before the person was referred ({date_format(earliest)})."
            )
        return date

    def clean(self):
        cleaned = super().clean()
        days, admissions = cleaned.get("inpatient_days"), cleaned.get("inpatient_admissions")
        if days and admissions == 0:
            self.add_error("inpatient_days", "Days in hospital need at least one admission.")
        return cleaned
