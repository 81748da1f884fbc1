"""Follow-along input: the quick support log, the job support plan, a week of hours."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format

from coaching import schedule
from coaching.models import JobSupportPlan, SupportContact
from ips.forms import EventFormMixin, ScopedAdminModelForm, VersionedFormMixin
from ips.models import StaffMember, TimeEntry
from ips.validators import DomainForm, DomainModelForm, validate_contact_date
from jobseekers.forms import offer_coaches
from jobseekers.models import CareerProfile, Job, JobSeeker
from jobseekers.selectors import coach_choices

STILL_EMPLOYED_CHOICES = [
    ("", "Not asked this time"),
    ("yes", "Yes, still working there"),
    ("no", "No, not working there now"),
]


class JobSelect(forms.Select):
    """A job select whose options carry their person (data-seeker): the support log's
    script (static/ips/job_filter.js) offers only the chosen person's jobs, and picks the
    person when a job is chosen first. Without the script every job stays listed."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        job = getattr(value, "instance", None)
        if job is not None:
            option["attrs"]["data-seeker"] = str(job.seeker_id)
        return option


class JobChoiceField(forms.ModelChoiceField):
    widget = JobSelect

    def label_from_instance(self, obj: Job) -> str:
        started = date_format(obj.start_date)
        ended = f" to {date_format(obj.end_date)}" if obj.end_date else ""
        return f"{obj.seeker.name}: {obj.title} at {obj.employer.name} (from {started}{ended})"


def seeker_choices(seekers, user) -> list:
    """The support log's "Who was supported": the user's own people first (their caseload,
    the people they coach in a current job), then everyone else, each group by name, as
    the employer quick log puts the user's own people first (issue 17). Still one select:
    the page works offline. One query, when the select is drawn."""
    coached = Job.objects.filter(
        seeker=OuterRef("pk"), end_date__isnull=True, support_plan__coach__user=user
    )
    own_flag = ExpressionWrapper(
        Q(specialist__user=user) | Exists(coached), output_field=BooleanField()
    )
    rows = seekers.annotate(own=own_flag).order_by("name", "pk")
    own, others = [], []
    for seeker in rows.values_list("pk", "name", "own"):
        (own if seeker[2] else others).append((seeker[0], seeker[1]))
    groups = [("Your people", own), ("Everyone else", others)] if own else [("", others)]
    choices: list = [("", "Choose the person")]
    for label, members in groups:
        if label and members:
            choices.append((label, members))
        else:
            choices.extend(members)
    return choices


class SupportContactForm(EventFormMixin, DomainForm):
    """The phone-friendly support log: a few taps, one screen."""

    duplicate_hint_beside_box = True  # its page includes ips/_event_fields.html

    seeker = forms.ModelChoiceField(queryset=JobSeeker.objects.none(), label="Who was supported")
    job = JobChoiceField(
        queryset=Job.objects.none(), required=False, label="Job", empty_label="No particular job"
    )
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    mode = forms.ChoiceField(
        choices=SupportContact.Mode.choices,
        widget=forms.RadioSelect,
        initial=SupportContact.Mode.FACE_TO_FACE,
        label="How",
    )
    location = forms.ChoiceField(
        choices=SupportContact.Location.choices,
        widget=forms.RadioSelect,
        required=False,
        label="Where",
    )
    with_whom = forms.MultipleChoiceField(
        choices=SupportContact.WithWhom.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=[SupportContact.WithWhom.WORKER],
        label="With whom",
    )
    minutes = forms.IntegerField(
        min_value=1,
        max_value=24 * 60,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"),
            "Give the minutes as a whole number from 1 to 1440 (one day).",
        ),
    )
    support_types = forms.MultipleChoiceField(
        choices=SupportContact.SupportType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="What support",
    )
    still_employed = forms.ChoiceField(
        choices=STILL_EMPLOYED_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        label="Still in this job?",
        help_text="The answer confirms the job's next retention check.",
    )
    check = forms.TypedChoiceField(
        choices=[("", "")] + [(days, days) for days in schedule.MILESTONE_DAYS],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.HiddenInput,
    )
    # The job the named check is about (?job= with ?check=): a check is never moved onto
    # another job when the person or job is changed on the form (red team, issue 17).
    check_job = forms.IntegerField(required=False, widget=forms.HiddenInput)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.staff: StaffMember | None = None
        self.fields["seeker"].queryset = JobSeeker.objects.for_user(user).filter(
            closed_date__isnull=True
        )
        self.fields["seeker"].choices = lambda: seeker_choices(self.fields["seeker"].queryset, user)
        # Current jobs first (the ones support is usually about), then ended ones, latest first.
        self.fields["job"].queryset = (
            Job.objects.for_user(user)
            .select_related("seeker", "employer")
            .order_by(F("end_date").desc(nulls_first=True), "-start_date", "pk")
        )
        self.fields["date"].initial = timezone.localdate()
        if self.named_check() is not None:
            # Opened for a retention check: not asking is still a choice, said plainly
            # (red team: it read "Not asked this time", then the save was refused).
            self.fields["still_employed"].choices = [
                ("", "Not asked this time: the check stays due"),
                *STILL_EMPLOYED_CHOICES[1:],
            ]

    def clean_date(self):
        date = self.cleaned_data.get("date")
        validate_contact_date(date)  # the service's rule, shown beside the field
        return date

    def clean_still_employed(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("still_employed") or "")

    def named_check(self) -> dict | None:
        """The retention check this log was opened for (?job=…&check=30 from What's due or
        the job's follow-along), to name at the top of the form: {"days": 30, "job": Job,
        "due_date": date}. None when no check, or no job the user may see, is named.
        Worked out once (the page, the form's checks and the saved message ask it)."""
        if not hasattr(self, "_named_check"):
            self._named_check = self._find_named_check()
        return self._named_check

    def _find_named_check(self) -> dict | None:
        days = self["check"].value()
        job_id = self["check_job"].value() or self["job"].value()
        try:
            days, job_id = int(days), int(job_id)
        except (TypeError, ValueError):
            return None
        if days not in schedule.MILESTONE_DAYS:
            return None
        job = self.fields["job"].queryset.filter(pk=job_id).first()
        if job is None:
            return None
        return {
            "days": days,
            "job": job,
            "due_date": dict(schedule.milestone_due_dates(job.start_date))[days],
        }

    def clean(self):
        cleaned = super().clean()
        named, job = cleaned.get("check_job"), cleaned.get("job")
        if (
            cleaned.get("check") is not None
            and named is not None
            and getattr(job, "pk", None) != named
        ):
            asked = self.named_check()
            about = (
                f"{asked['job'].seeker.name}’s job as {asked['job'].title}"
                if asked
                else "another job"
            )
            raise ValidationError(
                {
                    "job": f"The {cleaned['check']}-day check named above is about {about}: "
                    "choose that job, or open Log support again for this person."
                }
            )
        if cleaned.get("check") is not None and cleaned.get("still_employed") is None:
            # "Not asked this time: the check stays due" (see __init__): the contact is
            # logged and the check left open, as that choice says.
            cleaned["check"] = None
        seeker = cleaned.get("seeker")
        if seeker is not None:
            self.staff = StaffMember.objects.filter(
                user=self.user, program_id=seeker.program_id, active=True
            ).first()
            if self.staff is None:
                raise ValidationError("You need a staff role in this person's program to log.")
        return cleaned


def disclosure_blocks_employer_notes(job: Job) -> tuple[bool, str]:
    """(True, why) when the person chose that this employer is not told about support:
    the job's disclosure, or else the current career profile's choice."""
    if job.disclosure:
        return job.disclosure == Job.Disclosure.NONE, job.get_disclosure_display()
    profile = CareerProfile.objects.filter(seeker_id=job.seeker_id, is_current=True).first()
    if profile is None or not profile.disclosure_preference:
        return False, "Not decided yet"
    blocked = profile.disclosure_preference == CareerProfile.Disclosure.NONE
    return blocked, profile.get_disclosure_preference_display()


def check_employer_knows(job: Job | None, employer_knows: str) -> None:
    """Refuse notes on what the employer knows when the person chose no disclosure."""
    if job is None or not employer_knows.strip():
        return
    blocked, choice = disclosure_blocks_employer_notes(job)
    if blocked:
        raise ValidationError(
            f"{job.seeker.name} chose not to tell this employer ({choice}). Leave this empty, "
            "or first change the disclosure choice with them.",
            code="disclosure",
        )


class JobSupportPlanForm(VersionedFormMixin, DomainModelForm):
    """The support plan of one job, on the job's follow-along page."""

    class Meta:
        model = JobSupportPlan
        fields = [
            "coach",
            "what_helps",
            "natural_supports_work",
            "natural_supports_home",
            "employer_knows",
            "fading_plan",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "what_helps",
                "natural_supports_work",
                "natural_supports_home",
                "employer_knows",
                "fading_plan",
            )
        }

    def __init__(self, *args, job: Job, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        # The job start's list: the program's coaches, fewest people first, with counts.
        offer_coaches(
            self.fields["coach"], coach_choices(job.program), current=self.instance.coach_id
        )
        blocked, choice = disclosure_blocks_employer_notes(job)
        self.fields["employer_knows"].help_text = f"The person's choice: {choice}." + (
            " Nothing may be written here." if blocked else " Only what they agreed to share."
        )

    def clean_employer_knows(self) -> str:
        value = self.cleaned_data.get("employer_knows", "")
        check_employer_knows(self.job, value)
        return value


class JobSupportPlanAdminForm(ScopedAdminModelForm):
    """The workspace CRUD form of a plan, with the same disclosure rule and the same coach
    list as a job start: a saved plan's program's coaches; for a new plan (its job not yet
    chosen) the coaches of the programs offered, fewest people first (red team, issue 17)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "coach" not in self.fields:
            return
        if self.instance.pk:
            offer_coaches(
                self.fields["coach"],
                coach_choices(self.instance.program),
                current=self.instance.coach_id,
            )
        elif "program" in self.fields and self.for_user is not None:
            offer_coaches(self.fields["coach"], coach_choices(self.fields["program"].queryset))

    def clean(self):
        cleaned = super().clean()
        job = cleaned.get("job") or getattr(self.instance, "job", None)
        try:
            check_employer_knows(job, cleaned.get("employer_knows") or "")
        except ValidationError as error:
            self.add_error("employer_knows", error)
        return cleaned


class SupportContactAdminForm(ScopedAdminModelForm):
    """The workspace edit form of a support contact: choices as tick boxes, and the
    same refusals as the quick log."""

    with_whom = forms.MultipleChoiceField(
        choices=SupportContact.WithWhom.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    support_types = forms.MultipleChoiceField(
        choices=SupportContact.SupportType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        job, seeker, date = cleaned.get("job"), cleaned.get("seeker"), cleaned.get("date")
        if job is not None and seeker is not None and job.seeker_id != seeker.pk:
            self.add_error("job", "This job is not one of this person's jobs.")
        try:
            validate_contact_date(date)
        except ValidationError as error:
            self.add_error("date", error)
        minutes = cleaned.get("minutes")
        if minutes is not None and not 1 <= minutes <= 24 * 60:
            self.add_error("minutes", "Minutes must be between 1 and 1440 (one day).")
        return cleaned


VERSION_FIELD = "week_version"

HOUR_SLOTS = [
    (activity, location, f"{activity_label}, {location_label.lower()}")
    for activity, activity_label in TimeEntry.Activity.choices
    for location, location_label in TimeEntry.Location.choices
]


class WeekOfHoursForm(EventFormMixin, DomainForm):
    """Hours by activity and place for each day of one week, on one screen."""

    def __init__(self, *args, monday: dt.date, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.monday = monday
        self.days = schedule.week_days(monday)
        # The week's version this copy was made from (coaching.services.week_version).
        self.fields[VERSION_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=version
        )
        for index, day in enumerate(self.days):
            for activity, location, label in HOUR_SLOTS:
                self.fields[self.field_name(index, activity, location)] = forms.DecimalField(
                    label=f"{day:%A}: {label}",
                    required=False,
                    min_value=Decimal(0),
                    max_value=Decimal(24),
                    decimal_places=2,
                    widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
                )

    @staticmethod
    def field_name(index: int, activity: str, location: str) -> str:
        return f"d{index}_{activity}_{location}"

    def rows(self) -> list[tuple[dt.date, list]]:
        """(day, [bound fields]) for the template's table."""
        return [
            (day, [self[self.field_name(i, a, loc)] for a, loc, _ in HOUR_SLOTS])
            for i, day in enumerate(self.days)
        ]

    def hours(self) -> dict[tuple[dt.date, str, str], Decimal]:
        """The entered hours by (day, activity, location); blanks are zero."""
        return {
            (day, a, loc): self.cleaned_data.get(self.field_name(i, a, loc)) or Decimal(0)
            for i, day in enumerate(self.days)
            for a, loc, _ in HOUR_SLOTS
        }

    @property
    def based_on(self) -> str | None:
        """The posted week version (None when the copy carries none)."""
        return self.cleaned_data.get(VERSION_FIELD) or None

    def clean_week_version(self) -> str:
        value = (self.cleaned_data.get(VERSION_FIELD) or "").strip()
        if value and not re.fullmatch(r"[0-9a-f]{40}", value):
            raise ValidationError(
                "This page was damaged in sending (its week version is not readable). "
                "Nothing was saved: open the week again and re-enter the hours."
            )
        return value

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            for day in schedule.days_over_limit(self.hours()):
                self.add_error(None, f"{date_format(day)}: more than 24 hours in one day.")
        return cleaned


class IntroductionForm(DomainForm):
    """A match's "Plan an introduction" (services.plan_introduction)."""

    due_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        label="Introduce them by",
        initial=lambda: timezone.localdate() + dt.timedelta(days=7),
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        help_text="For example: who to ask for, what to bring.",
    )
