"""Forms for a job seeker's record: referral, entry, stage moves, closing."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from ips.forms import (
    VersionedFormMixin,
    settle_only_choice,
    staff_name,
)
from ips.models import MentalHealthTeam, Program, StaffMember
from ips.roles import Role
from ips.validators import DomainForm
from jobseekers import stages
from jobseekers.forms.common import DATE, today
from jobseekers.models import (
    JobSeeker,
)


class ReferralForm(DomainForm):
    program = forms.ModelChoiceField(queryset=Program.objects.none())
    name = forms.CharField(max_length=200)
    referral_date = forms.DateField(widget=DATE, initial=today)
    referral_source = forms.CharField(max_length=200, required=False, label="Referred by")
    mh_team = forms.ModelChoiceField(
        queryset=MentalHealthTeam.objects.none(), required=False, label="Mental-health team"
    )
    specialist = forms.ModelChoiceField(queryset=StaffMember.objects.none(), required=False)
    employed_at_referral = forms.BooleanField(required=False, label="Has a job already")
    ref = forms.CharField(max_length=64, required=False, label="Agency reference")
    zip_code = forms.CharField(max_length=10, required=False, label="Home ZIP code")
    phone = forms.CharField(max_length=40, required=False)
    email = forms.EmailField(required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        programs = Program.objects.for_user(user)
        self.fields["program"].queryset = programs
        settle_only_choice(self, "program")
        self.fields["mh_team"].queryset = MentalHealthTeam.objects.for_user(user)
        self.fields["specialist"].queryset = specialists_for(user)
        self.fields["specialist"].label_from_instance = staff_name  # "Aisha Khan", no role

    def clean_referral_date(self):
        value = self.cleaned_data["referral_date"]
        if value > today():
            raise ValidationError("A referral date cannot be in the future.")
        return value


def specialists_for(user):
    return (
        StaffMember.objects.for_user(user)
        .filter(role=Role.SPECIALIST, active=True)
        .select_related("user", "program")
    )


class EntryForm(VersionedFormMixin, DomainForm):
    entry_date = forms.DateField(widget=DATE, initial=today, label="Joined the caseload on")
    specialist = forms.ModelChoiceField(queryset=StaffMember.objects.none(), required=False)

    def __init__(self, *args, user, seeker: JobSeeker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialist"].queryset = specialists_for(user).filter(program=seeker.program)
        self.fields["specialist"].initial = seeker.specialist_id
        self.fields["specialist"].label_from_instance = staff_name

    def clean_entry_date(self):
        value = self.cleaned_data["entry_date"]
        if value > today():
            raise ValidationError("An entry date cannot be in the future.")
        return value


class StageForm(VersionedFormMixin, DomainForm):
    stage = forms.ChoiceField(choices=())
    on = forms.DateField(widget=DATE, initial=today, label="Since")

    def __init__(self, *args, seeker: JobSeeker, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(JobSeeker.Stage.choices)
        moves = [
            s
            for s in stages.allowed_moves(seeker.stage)
            if s not in (stages.CLOSED, stages.REFERRED, stages.WORKING)
        ]
        self.fields["stage"].choices = [(s, labels[s]) for s in moves]


class CloseForm(VersionedFormMixin, DomainForm):
    closed_date = forms.DateField(widget=DATE, initial=today)
    reason = forms.ChoiceField(
        choices=JobSeeker.CloseReason.choices, widget=forms.RadioSelect, label="Why"
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
