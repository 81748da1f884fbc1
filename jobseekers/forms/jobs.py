"""Forms for a job start and a job end (and the coaches a start may name)."""

from __future__ import annotations

from django import forms
from django.db.models import Case, Value, When

from employers.models import Employer, JobOpening
from ips.forms import (
    EventFormMixin,
    VersionedFormMixin,
)
from ips.models import Occupation, StaffMember
from ips.validators import DomainForm
from jobseekers.forms.common import DATE, today
from jobseekers.models import (
    Job,
    JobSeeker,
)
from jobseekers.services.jobs import opening_filled_problem


def offer_coaches(field: forms.ModelChoiceField, coaches, current: int | None = None) -> None:
    """Offer `coaches` (selectors.coach_choices: fewest people first) on the choice `field`
    in that order, each with their count, "Sam Lee — 4 people" (", North Team" added when
    the coaches come from several programs), and "No coach yet" for none: one list
    wherever a coach is chosen (a job start, a support plan). `current`: the pk of a row's
    coach kept as a last option when no longer among them (named only), so an unchanged
    form still saves. No query until the field is rendered or cleaned."""
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
    several = len({c.staff.program_id for c in coaches}) > 1
    labels = {
        c.staff.pk: f"{c.staff.display_name} — {c.people} {'person' if c.people == 1 else 'people'}"
        + (f", {c.staff.program}" if several else "")
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
    # No reason chosen for the user (red team: "Left by choice" came ready-picked, so a quick
    # Save recorded a reason nobody gave).
    reason = forms.ChoiceField(
        choices=[("", "Choose the reason"), *Job.EndReason.choices],
        error_messages={"required": "Choose why the job ended."},
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
