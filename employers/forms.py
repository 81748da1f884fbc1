"""Forms of the employer CRM: the quick log, employer create with duplicate check, merge."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from employers.models import Employer, EmployerContact
from employers.selectors import casework_programs, find_duplicate_employers, loggable_seekers
from ips.domain import shown_date
from ips.forms import EventFormMixin, ScopedAdminModelForm, settle_only_choice
from ips.models import Program, StaffMember
from ips.validators import DomainForm, query_id, validate_contact_date


def check_not_future(value: dt.date | None) -> dt.date | None:
    """A contact date may be today or earlier (tomorrow at most, for time zones)."""
    validate_contact_date(value)
    return value


class QuickLogForm(EventFormMixin, DomainForm):
    """One screen, one tap: who, how, for whom, why, and what next."""

    duplicate_hint_beside_box = True  # its page includes ips/_event_fields.html

    employer = forms.ModelChoiceField(
        queryset=Employer.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That employer is not in your program."},
    )
    new_employer_name = forms.CharField(label="New employer's name", max_length=200, required=False)
    new_employer_zip = forms.CharField(label="Its ZIP code", max_length=10, required=False)
    not_a_duplicate = forms.BooleanField(
        label="It is a different business: add it anyway", required=False
    )
    program = forms.ModelChoiceField(queryset=Program.objects.none(), required=False)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    mode = forms.ChoiceField(
        choices=EmployerContact.Mode.choices,
        initial=EmployerContact.Mode.FACE_TO_FACE,
        widget=forms.RadioSelect,
        label="How",
    )
    client_present = forms.BooleanField(label="The job seeker came along", required=False)
    seekers = forms.ModelMultipleChoiceField(
        queryset=EmployerContact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="For which job seekers",
        error_messages={"invalid_choice": "A job seeker you picked is not in your program."},
    )
    purpose = forms.ChoiceField(
        choices=[("", "Choose…"), *EmployerContact.Purpose.choices], required=False
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    next_step = forms.CharField(max_length=300, required=False, label="Next step")
    next_step_due = forms.DateField(
        required=False, label="By", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.duplicates: list[Employer] = []
        programs = casework_programs(user)
        self.programs = Program.objects.filter(id__in=programs)
        self.fields["employer"].queryset = Employer.objects.for_user(user).filter(
            program_id__in=programs
        )
        self.fields["program"].queryset = self.programs
        settle_only_choice(self, "program")
        self.fields["seekers"].queryset = loggable_seekers(user).order_by("name")
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        return check_not_future(self.cleaned_data["date"])

    def clean(self):
        cleaned = super().clean()
        employer = cleaned.get("employer")
        name = (cleaned.get("new_employer_name") or "").strip()
        if employer is None and not name and "employer" not in self.errors:
            self.add_error("employer", "Pick an employer, or add a new one by name and ZIP.")
        program = employer.program if employer else cleaned.get("program")
        if employer is None and name:
            program = program or (self.programs[0] if len(self.programs) == 1 else None)
            if program is None:
                self.add_error("program", "Choose the program this employer belongs to.")
            elif not cleaned.get("not_a_duplicate"):
                self.duplicates = find_duplicate_employers(
                    program, name, cleaned.get("new_employer_zip", "")
                )
                if self.duplicates:
                    self.add_error(
                        "new_employer_name",
                        "This employer is already here: pick it from the list, "
                        "or tick “different business”.",
                    )
        cleaned["program"] = program
        if program is not None:
            cleaned["specialist"] = StaffMember.objects.filter(
                user=self.user, program=program, active=True
            ).first()
            if cleaned["specialist"] is None:
                self.add_error(None, "You are not staff of this employer's program.")
            bad = [s for s in cleaned.get("seekers") or [] if s.program_id != program.pk]
            if bad:
                self.add_error("seekers", "A job seeker you picked is in another program.")
        due = cleaned.get("next_step_due")
        if due and cleaned.get("date") and due < cleaned["date"]:
            self.add_error("next_step_due", "The next step cannot be due before the contact.")
        return cleaned


class EmployerForm(ScopedAdminModelForm):
    """The workspace employer form: a new employer with a known name and ZIP is refused."""

    not_a_duplicate = forms.BooleanField(
        label="It is a different business with the same name and ZIP", required=False
    )

    def clean(self):
        cleaned = super().clean()
        program, name = cleaned.get("program"), cleaned.get("name")
        if program and name and not cleaned.get("not_a_duplicate"):
            found = [
                e
                for e in find_duplicate_employers(program, name, cleaned.get("zip", ""))
                if e.pk != self.instance.pk
            ]
            if found:
                names = "; ".join(str(e) for e in found)
                self.add_error("name", f"This employer may already exist: {names}.")
        return cleaned


class EmployerContactForm(ScopedAdminModelForm):
    def clean_date(self):
        return check_not_future(self.cleaned_data.get("date"))

    def clean(self):
        """The person must work at the contact's employer (the rule log_employer_contact
        keeps for a new contact), and a contact an opening was noted at keeps its employer
        (employers.services.save_opening's rule, seen from the other side): red-team
        findings, an edit saved both silently, and the opening could then not be saved."""
        cleaned = super().clean()
        employer, person = cleaned.get("employer"), cleaned.get("person")
        if employer is not None and person is not None and person.employer_id != employer.pk:
            self.add_error(
                "person", f"{person.name} works at {person.employer.name}, not {employer.name}."
            )
        before = self.instance.employer_id if self.instance.pk else None
        if employer is not None and before is not None and employer.pk != before:
            noted = list(self.instance.openings.values_list("title", flat=True)[:3])
            if noted:
                titles = ", ".join(f"“{title}”" for title in noted)
                self.add_error(
                    "employer",
                    f"Openings were noted at this contact ({titles}), with"
                    f" {self.instance.employer.name}, so the contact stays with"
                    f" {self.instance.employer.name}. If they are at another employer, add"
                    " them there as new openings and close these.",
                )
        return cleaned


class JobOpeningForm(ScopedAdminModelForm):
    """Openings: the contact they were learned at is carried, never picked from a long list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "source_contact" in self.fields:
            self.fields["source_contact"].widget = forms.HiddenInput()

    def clean(self):
        """An opening learned at a contact stays with that contact's employer (the rule
        employers.services.save_opening enforces), said at the employer field: the contact
        is a hidden field the user cannot change (a red-team finding: choosing another
        employer was a server error)."""
        cleaned = super().clean()
        if self.has_error("source_contact"):  # a hidden field: said at the top instead
            self.errors.pop("source_contact")
            noted = (
                EmployerContact.objects.for_user(self.for_user)
                .filter(pk=query_id(self.data.get(self.add_prefix("source_contact"))))
                .select_related("program")
            )
            contact = noted.first()
            self.add_error(
                None,
                "The employer contact this opening was noted at is no longer there (it was"
                " deleted after this page was opened). Open the opening again to save it."
                if contact is None
                else "This opening was noted at an employer contact of"
                f" {contact.program.name}, so it stays in {contact.program.name}.",
            )
        contact, employer = cleaned.get("source_contact"), cleaned.get("employer")
        if contact is not None and employer is not None and contact.employer_id != employer.pk:
            self.add_error(
                "employer",
                f"This opening was noted at a contact with {contact.employer.name} on"
                f" {shown_date(contact.date)}, so it stays with {contact.employer.name}."
                " For a job at another employer, add a new opening.",
            )
        return cleaned


class MergeForm(DomainForm):
    duplicate = forms.ModelChoiceField(
        queryset=Employer.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": "Pick another employer of the same program.",
            "required": "Pick the employer to merge into this one.",
        },
    )

    def __init__(self, *args, keep: Employer, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = (
            Employer.objects.for_user(user).filter(program=keep.program).exclude(pk=keep.pk)
        )
