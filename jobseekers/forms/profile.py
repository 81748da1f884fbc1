"""Forms for the career profile and the work history."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from employers.models import Employer, JobOpening
from ips.forms import (
    OccupationChecklist,
    VersionedFormMixin,
)
from ips.models import Occupation
from ips.validators import DomainForm, DomainModelForm
from jobseekers.forms.common import BENEFITS_CHOICES, SOURCE_CHOICES
from jobseekers.models import (
    CareerProfile,
    JobSeeker,
)
from jobseekers.profile_fields import PROFILE_FORM_FIELDS, PROFILE_M2M_FIELDS

PROFILE_M2M = PROFILE_M2M_FIELDS


class CareerProfileForm(VersionedFormMixin, DomainModelForm):
    """Edits a copy of the current profile; only the changed fields go to the service."""

    preferred_schedules = forms.MultipleChoiceField(
        choices=JobOpening.Schedule.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Schedules and shifts the person can work",
    )
    benefits_received = forms.MultipleChoiceField(
        choices=BENEFITS_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    information_sources = forms.MultipleChoiceField(
        choices=SOURCE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    preferred_occupations = OccupationChecklist(
        queryset=Occupation.objects.none(),
        required=False,
        label="Kinds of work wanted (untick to remove)",
    )
    add_occupation = forms.ModelChoiceField(
        queryset=Occupation.objects.all(),
        required=False,
        label="Add a kind of work (search by job title)",
    )
    ruled_out_occupations = OccupationChecklist(
        queryset=Occupation.objects.none(),
        required=False,
        label="Kinds of work ruled out (untick to remove)",
    )
    rule_out_occupation = forms.ModelChoiceField(
        queryset=Occupation.objects.all(),
        required=False,
        label="Rule out a kind of work (search by job title)",
    )

    class Meta:
        model = CareerProfile
        fields = list(PROFILE_FORM_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "wanted_job_titles",
                "strengths",
                "interests",
                "skills",
                "education",
                "licences",
                "supports_that_help",
            )
        }

    def __init__(self, *args, user, seeker: JobSeeker, occupation_widget=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("preferred_occupations", "ruled_out_occupations"):
            chosen = getattr(self.instance, name).all() if self.instance.pk else []
            self.fields[name].queryset = Occupation.objects.filter(pk__in=[o.pk for o in chosen])
        if occupation_widget is not None:
            self.fields["add_occupation"].widget = occupation_widget()
            self.fields["rule_out_occupation"].widget = occupation_widget()
        self.fields["ruled_out_employers"].queryset = Employer.objects.for_user(user).filter(
            program=seeker.program
        )
        self.fields["ruled_out_employers"].required = False

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_hours_per_week"), cleaned.get("max_hours_per_week")
        if low is not None and high is not None and high < low:
            self.add_error(
                "max_hours_per_week", "The most hours a week cannot be fewer than the least."
            )
        return cleaned

    def changes(self) -> dict:
        """The changed fields, as the service wants them."""
        data = {name: self.cleaned_data[name] for name in self.changed_data if name in self.fields}
        for adder, name in (
            ("add_occupation", "preferred_occupations"),
            ("rule_out_occupation", "ruled_out_occupations"),
        ):
            added = data.pop(adder, None)
            if added is not None:
                current = list(self.cleaned_data.get(name) or [])
                data[name] = current if added in current else [*current, added]
        for name in PROFILE_M2M:
            if name in data:
                data[name] = list(data[name])
        return data


class WorkHistoryForm(DomainForm):
    employer = forms.CharField(max_length=200, required=False)
    title = forms.CharField(max_length=200, required=False, label="Job title")
    start = forms.CharField(max_length=40, required=False, label="From (month and year)")
    end = forms.CharField(max_length=40, required=False, label="To")
    went_well = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    was_hard = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    why_ended = forms.CharField(max_length=300, required=False, label="Why it ended")

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("employer") or cleaned.get("title")):
            raise ValidationError("Give at least the employer or the job title.")
        return cleaned
