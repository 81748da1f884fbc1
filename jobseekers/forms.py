"""Workspace forms for job seekers. Forms validate and normalise; services write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, Value, When
from django.utils import timezone

from employers.models import Employer, JobOpening
from ips.forms import (
    EventFormMixin,
    OccupationChecklist,
    VersionedFormMixin,
    settle_only_choice,
)
from ips.models import MentalHealthTeam, Occupation, Program, StaffMember
from ips.roles import Role
from ips.validators import DomainForm, DomainModelForm
from jobseekers import benefits, stages
from jobseekers.models import (
    BasicNeed,
    BenefitsCounselling,
    CareerProfile,
    CoordinationContact,
    Domain,
    Goal,
    GoalReview,
    Intervention,
    InterventionReview,
    Job,
    JobSeeker,
    MatchOutcome,
    WageReport,
)
from jobseekers.profile_fields import PROFILE_FORM_FIELDS, PROFILE_M2M_FIELDS
from jobseekers.services.jobs import opening_filled_problem

DATE = forms.DateInput(attrs={"type": "date"})
PROFILE_M2M = PROFILE_M2M_FIELDS
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


def _money(label: str, **kw) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, min_value=0, max_value=1_000_000, decimal_places=2, required=False, **kw
    )


STATE_CHOICES = [("", "Not given"), *((s, s) for s in sorted(benefits.US_STATES))]


class BenefitsEstimateForm(DomainForm):
    """What the person gets and earns now, and the job they might take: the same question
    `manage.py benefits_estimate` reads (jobseekers.benefits.question). Money is monthly."""

    year = forms.IntegerField(min_value=1900, max_value=2100)
    state = forms.ChoiceField(choices=STATE_CHOICES, required=False, label="State (for 1619(b))")
    # what the person gets and earns now
    ssi_eligible = forms.BooleanField(
        required=False, initial=True, label="Gets SSI (or is eligible)"
    )
    ssdi = _money("SSDI each month ($)")
    other_unearned = _money("Other income each month, not from work ($)")
    earnings_now = _money("Pay from work each month now, before tax ($)")
    # the job
    job = forms.ChoiceField(required=False, label="Pick the job")
    hours_per_week = forms.DecimalField(
        min_value=0, max_value=80, decimal_places=1, required=False, label="or hours per week"
    )
    hourly_wage = forms.DecimalField(
        min_value=0, max_value=500, decimal_places=2, required=False, label="and hourly wage ($)"
    )
    # work incentives
    student_under_22 = forms.BooleanField(required=False, label="Under 22 and regularly in school")
    student_exclusion_used = _money("Student exclusion already used this year ($)")
    irwe = _money("Impairment-related work expenses (IRWE) each month ($)")
    blind = forms.BooleanField(required=False, label="Blind (SSA's definition)")
    bwe = _money("Blind work expenses each month ($)")
    subsidy = _money("Employer subsidy or special conditions each month ($)")
    twp_months_used = forms.IntegerField(
        min_value=0, max_value=9, required=False, label="SSDI trial work months used (0-9)"
    )
    epe = forms.BooleanField(required=False, label="In the SSDI extended period of eligibility")
    grace_months_used = forms.IntegerField(
        min_value=0, max_value=3, required=False, label="SSDI grace months used (0-3)"
    )
    # the spouse, for an eligible couple
    couple = forms.BooleanField(required=False, label="Married, and the spouse gets SSI too")
    spouse_earnings = _money("Spouse's pay from work each month ($)")
    spouse_ssdi = _money("Spouse's SSDI each month ($)")
    spouse_other_unearned = _money("Spouse's other income each month ($)")
    spouse_irwe = _money("Spouse's IRWE each month ($)")

    PERSON_FIELDS = (
        "ssi_eligible", "ssdi", "other_unearned", "student_under_22", "student_exclusion_used",
        "irwe", "blind", "bwe", "subsidy", "twp_months_used", "epe", "grace_months_used",
    )  # fmt: skip

    FIELDSETS = (
        ("Now", ("year", "state", "ssi_eligible", "ssdi", "other_unearned", "earnings_now")),
        ("The job", ("job", "hours_per_week", "hourly_wage")),
        ("Work incentives", (
            "student_under_22", "student_exclusion_used", "irwe", "blind", "bwe", "subsidy",
        )),
        ("SSDI work history", ("twp_months_used", "epe", "grace_months_used")),
        ("Spouse", (
            "couple", "spouse_earnings", "spouse_ssdi", "spouse_other_unearned", "spouse_irwe",
        )),
    )  # fmt: skip

    def fieldsets(self) -> list[tuple[str, list]]:
        """(legend, bound fields) in screen order; the first two are always shown."""
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def __init__(self, *args, jobs=(), openings=(), **kw):
        super().__init__(*args, **kw)
        self.job_earnings: dict[str, tuple[str, Decimal]] = {}
        for prefix, rows in (("job", jobs), ("opening", openings)):
            for row in rows:
                if row.hours_per_week is None or row.hourly_wage is None:
                    continue
                label = f"{row.title} ({row.hours_per_week} h a week at ${row.hourly_wage})"
                earnings = benefits.monthly_earnings(row.hours_per_week, row.hourly_wage)
                self.job_earnings[f"{prefix}-{row.pk}"] = (label, earnings)
        self.fields["job"].choices = [("", "Enter hours and wage")] + [
            (key, label) for key, (label, _) in self.job_earnings.items()
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("job"):
            return cleaned
        if cleaned.get("hours_per_week") is None or cleaned.get("hourly_wage") is None:
            if "hours_per_week" not in self.errors and "hourly_wage" not in self.errors:
                self.add_error("job", "Pick the job, or enter its hours per week and wage.")
        return cleaned

    def job_monthly_earnings(self) -> Decimal:
        """Gross monthly pay of the picked job, or of the hours and wage entered."""
        if self.cleaned_data.get("job"):
            return self.job_earnings[self.cleaned_data["job"]][1]
        return benefits.monthly_earnings(
            self.cleaned_data["hours_per_week"], self.cleaned_data["hourly_wage"]
        )

    def question(self, earnings: Decimal) -> dict:
        """The interchange.md question for the person earning `earnings` a month."""
        data = self.cleaned_data
        person = {name: data[name] for name in self.PERSON_FIELDS if data.get(name) is not None}
        people = [{**person, "gross_earnings": earnings}]
        if data["couple"]:
            spouse = {
                "gross_earnings": data.get("spouse_earnings") or Decimal(0),
                "ssdi": data.get("spouse_ssdi") or Decimal(0),
                "other_unearned": data.get("spouse_other_unearned") or Decimal(0),
                "irwe": data.get("spouse_irwe") or Decimal(0),
                "ssi_eligible": data["ssi_eligible"],
            }
            people.append(spouse)
        return {
            "year": data["year"],
            "state": data.get("state") or None,
            "couple": data["couple"],
            "people": people,
        }

    def refuse(self, error: benefits.InputError) -> None:
        """Show the question's refusal on the field it names."""
        where, _, name = error.field.partition(".")
        if where == "people[1]":
            name = {"gross_earnings": "spouse_earnings"}.get(name, f"spouse_{name}")
        elif where == "people[0]" and name == "gross_earnings":
            name = "earnings_now"
        self.add_error(name if name in self.fields else None, error.message)


class CounsellingForm(DomainForm):
    date = forms.DateField(widget=DATE, initial=today, label="Date of the referral or meeting")
    planner = forms.ChoiceField(
        choices=[("", "Not known"), *BenefitsCounselling.Planner.choices],
        required=False,
        label="Certified benefits planner",
    )
    counsellor = forms.CharField(max_length=200, required=False, label="Who gave it")
    outcome = forms.ChoiceField(
        choices=[("", "Not known"), *BenefitsCounselling.Outcome.choices], required=False
    )
    bpqy_received_on = forms.DateField(
        widget=DATE, required=False, label="BPQY (Benefits Planning Query) received on"
    )
    twp_months_used = forms.IntegerField(
        min_value=0, max_value=9, required=False, label="SSDI trial work months used so far"
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class WageReportForm(DomainForm):
    """That one month's pay was reported to SSA (the choice: the last 12 whole months)."""

    month = forms.ChoiceField(label="Month of pay")
    reported_on = forms.DateField(widget=DATE, initial=today, label="Reported to SSA on")
    how = forms.ChoiceField(
        choices=[("", "Not known"), *WageReport.How.choices], required=False, label="How"
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        months = []
        first = today.replace(day=1)
        for _ in range(12):
            first = (first - dt.timedelta(days=1)).replace(day=1)
            months.append((f"{first:%Y-%m}", f"{first:%B %Y}"))
        self.fields["month"].choices = months

    def clean_month(self) -> dt.date:
        year, month = self.cleaned_data["month"].split("-")  # a choice: always YYYY-MM
        return dt.date(int(year), int(month), 1)


def offer_coaches(field: forms.ModelChoiceField, coaches, current: int | None = None) -> None:
    """Offer `coaches` (selectors.coach_choices: fewest people first) on the choice `field`
    in that order, each with their count, "Sam Lee — 4 people", and "No coach yet" for
    none: one list wherever a coach is chosen (a job start, a support plan). `current`: the
    pk of a row's coach kept as a last option when no longer among them (named only), so an
    unchanged form still saves. No query until the field is rendered or cleaned."""
    coaches = list(coaches)
    # In the selector's order, fewest people first (red-team finding: the options came
    # in the model's order).
    order = Case(
        *(When(pk=c.staff.pk, then=Value(n)) for n, c in enumerate(coaches)),
        default=Value(len(coaches)),
    )
    offered = [c.staff.pk for c in coaches] + ([current] if current is not None else [])
    field.queryset = (
        StaffMember.objects.filter(pk__in=offered).select_related("user").order_by(order, "pk")
    )
    labels = {
        c.staff.pk: f"{c.staff.display_name} — {c.people} {'person' if c.people == 1 else 'people'}"
        for c in coaches
    }
    field.label_from_instance = lambda staff: labels.get(staff.pk, staff.display_name)
    field.empty_label = "No coach yet"


class JobStartForm(EventFormMixin, DomainForm):
    employer = forms.ModelChoiceField(
        queryset=Employer.objects.none(), label="Employer (from the CRM)"
    )
    title = forms.CharField(max_length=200, label="Job title")
    occupation = forms.ModelChoiceField(queryset=Occupation.objects.all(), required=False)
    start_date = forms.DateField(widget=DATE, initial=today)
    hours_per_week = forms.DecimalField(min_value=0, max_value=80, decimal_places=1, required=False)
    hourly_wage = forms.DecimalField(min_value=0, decimal_places=2, required=False)
    competitive = forms.BooleanField(
        required=False,
        initial=True,
        help_text="Open to anyone, at least minimum wage, same pay as co-workers.",
    )
    permanent = forms.BooleanField(required=False, initial=True)
    disclosure = forms.ChoiceField(
        choices=[("", "Not known"), *Job.Disclosure.choices], required=False
    )

    coach = forms.ModelChoiceField(
        queryset=StaffMember.objects.none(),
        required=False,
        label="Who is the job coach?",
        help_text="The coach sees the week-1 visit on their home. "
        "Suggested: the coach following the fewest people.",
    )
    opening = forms.ModelChoiceField(
        queryset=JobOpening.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(
        self,
        *args,
        user,
        seeker: JobSeeker,
        occupation_widget=None,
        employer_widget=None,
        opening: JobOpening | None = None,
        coaches=(),
        **kw,
    ):
        """`opening`: the opening (or a match's opening) the job start is made from: its
        employer, title, hours and wage fill the form. `coaches`: the program's
        selectors.CoachChoice list, the suggested coach first."""
        initial = kw.pop("initial", None) or {}
        # A filled opening is not offered (red-team, issue 17): the form starts empty and
        # says who filled it; a job start at its employer is still possible without it.
        self.filled_notice = opening_filled_problem(opening) if opening is not None else None
        if self.filled_notice:
            self.filled_notice = f"{opening}: {self.filled_notice}"
            opening = None
        if opening is not None:
            initial = {
                "opening": opening.pk,
                "employer": opening.employer_id,
                "title": opening.title,
                "occupation": opening.occupation_id,
                "hours_per_week": opening.hours_per_week,
                "hourly_wage": opening.hourly_wage,
                **initial,
            }
        coaches = list(coaches)
        if coaches:
            initial.setdefault("coach", coaches[0].staff.pk)
        super().__init__(*args, initial=initial, **kw)
        self.seeker = seeker
        self.from_opening = opening
        if occupation_widget is not None:
            self.fields["occupation"].widget = occupation_widget
        if employer_widget is not None:
            self.fields["employer"].widget = employer_widget
        # After the widget: setting the queryset hands it to the widget too, so a chooser
        # redisplaying a posted id shows only an employer this form offers.
        self.fields["employer"].queryset = Employer.objects.for_user(user).filter(
            program=seeker.program
        )
        self.fields["opening"].queryset = JobOpening.objects.for_user(user).filter(
            program=seeker.program
        )
        offer_coaches(self.fields["coach"], coaches)
        if not coaches:
            self.fields["coach"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        opening, employer = cleaned.get("opening"), cleaned.get("employer")
        filled = opening_filled_problem(opening) if opening is not None else None
        if filled:
            # The opening travels in a hidden field: shown above the form.
            self.add_error(None, filled)
        if opening is not None and employer is not None and employer.pk != opening.employer_id:
            # The opening travels in a hidden field: its error is shown on the employer,
            # where the person can act on it (services.record_job_start refuses it too).
            self.add_error(
                "employer",
                f"This job start is made from the opening “{opening.title}” at "
                f"{opening.employer.name}, so the employer must be {opening.employer.name}. "
                "For a job at another employer, record the job start from the person's "
                "record instead.",
            )
        wage = cleaned.get("hourly_wage")
        minimum = self.seeker.program.minimum_wage
        if cleaned.get("competitive") and wage is not None and wage < minimum:
            self.add_error(
                "competitive",
                f"A wage under the minimum wage (${minimum}/hour) is not a competitive job.",
            )
        return cleaned


class JobEndForm(VersionedFormMixin, DomainForm):
    end_date = forms.DateField(widget=DATE, initial=today)
    reason = forms.ChoiceField(choices=Job.EndReason.choices)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


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
