"""Form bases for the staff workspace: every choice is limited to the user's programs."""

from __future__ import annotations

import re
import uuid

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import registry as form_field_overrides
from wagtail.admin.widgets.chooser import BaseChooser

from ips.audit import is_about_seekers
from ips.date_input import DATE_MESSAGE, HumanDateInput
from ips.domain import tidy_program_name
from ips.idempotency import KEY_FIELD, LikelyDuplicate, duplicate_message, parse_key
from ips.models import Program, StaffMember
from ips.roles import CASEWORK_ROLES, ROLE_PERMISSIONS, Role, program_roles
from ips.services import name_taken_message
from ips.validators import InputDomainMixin
from ips.versioning import MISSING_VERSION_MESSAGE, VERSION_FIELD, parse_version


def programs_allowing(user, model, action: str):
    """The programs (queryset) where the user's role allows `action` on `model`, after
    ROLE_PERMISSIONS; every program the user sees for a superuser."""
    programs = Program.objects.for_user(user)
    if user.is_superuser:
        return programs
    label = model._meta.label_lower
    allowed = [
        program_id
        for program_id, role in program_roles(user).items()
        if action in ROLE_PERMISSIONS.get(role, {}).get(label, ())
    ]
    return programs.filter(pk__in=allowed)


def scope_choices(form: forms.BaseForm, user) -> None:
    """Limit every model choice on `form` to rows the user may see (their programs)."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        if hasattr(queryset, "for_user"):
            field.queryset = queryset.for_user(user)


# Which staff a staff pick offers, by the field's name (issue 17): the roles whose work the
# field names. A field not named here (a time entry's "staff", "recorded by") offers every
# role. Coaches of a saved plan are offered by coaching's form (`offer_coaches`: fewest
# people first).
STAFF_FIELD_ROLES: dict[str, frozenset[str]] = {
    "specialist": frozenset({Role.SPECIALIST}),
    "coach": frozenset({Role.COACH}),
    "assessed_by": CASEWORK_ROLES,
    "assigned_to": frozenset({Role.SPECIALIST, Role.COACH}),
    "handled_by": CASEWORK_ROLES,
}
# A support contact's "staff" is who gave the support: a specialist or a coach.
STAFF_FIELD_ROLES_BY_MODEL: dict[tuple[str, str], frozenset[str]] = {
    ("coaching.supportcontact", "staff"): frozenset({Role.SPECIALIST, Role.COACH}),
}


def staff_name(staff) -> str:
    """A staff pick's option: the person's name ("Maria Lopez"), not the membership's
    label with role and program."""
    return staff.display_name


def offer_staff(form: forms.BaseForm, name: str, roles=None) -> None:
    """Offer on the staff choice `name` only the active staff (already scoped to the
    user's programs) whose role fits the field, by name; the row's current value stays
    offered even when that person's role or activity changed, so an unchanged form saves."""
    field = form.fields[name]
    current = form.initial.get(name)
    current = getattr(current, "pk", current)
    fits = Q(active=True)
    if roles is not None:
        fits &= Q(role__in=sorted(roles))
    if current not in (None, ""):
        fits |= Q(pk=current)
    field.queryset = (
        field.queryset.filter(fits)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )
    field.label_from_instance = staff_name


def offer_fitting_staff(form: forms.BaseForm) -> None:
    """Every staff pick of a model form, after `offer_staff` and STAFF_FIELD_ROLES."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    label = model._meta.label_lower if model is not None else ""
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or queryset.model is not StaffMember:
            continue
        roles = STAFF_FIELD_ROLES_BY_MODEL.get((label, name), STAFF_FIELD_ROLES.get(name))
        offer_staff(form, name, roles)


def use_choosers(form: forms.BaseForm) -> None:
    """A single pick of a row whose model has a registered chooser (an employer, a person
    at an employer, a job seeker: jobseekers.choosers, employers.choosers) is made with
    that chooser, searchable and scoped to what the user may choose, instead of a select of
    every row (issue 17: 181 employers, 238 people on a phone). A field whose form set its
    own widget (a hidden input, radio buttons) keeps it. Before `scope_choices`, which gives
    the chooser the field's scoped rows."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None:
        return
    for name, field in form.fields.items():
        if type(field) is not forms.ModelChoiceField or type(field.widget) is not forms.Select:
            continue
        try:
            db_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        widget = (form_field_overrides.get(db_field) or {}).get("widget")
        if isinstance(widget, type) and issubclass(widget, BaseChooser):
            widget = widget()
        if isinstance(widget, BaseChooser):
            widget.is_required = field.required
            widget.attrs.update(field.widget.attrs)
            field.widget = widget
            field.queryset = field.queryset  # the widget's choices: the offered rows


def use_human_dates(form: forms.BaseForm) -> None:
    """Every plain date box shows and reads "Mon 23 Nov 2026" (ips.date_input), ISO still
    read, numbers in any other order refused; a date it cannot read is refused with a
    message saying how to write one. A box
    the form made itself (the browser's own date picker, a hidden input) is kept."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField) and type(field.widget) is forms.DateInput:
            if field.widget.input_type != "text":
                continue
            widget = HumanDateInput(attrs=field.widget.attrs)
            widget.is_required = field.required
            field.widget = widget
        if isinstance(field, forms.DateField) and isinstance(field.widget, HumanDateInput):
            field.error_messages = {**field.error_messages, "invalid": DATE_MESSAGE}
            # Numbers alone only as ISO: "05/12/2026" is 5 December to some and 12 May to
            # others, so it is refused, never guessed (red team: "12/31/2026" was read
            # month first and "31/12/2026" refused).
            field.input_formats = ["%Y-%m-%d"]


class SettledChoiceInput(forms.HiddenInput):
    """The one row a choice offers, named in words beside its hidden value: a field with
    its label and no control to work."""

    def __init__(self, text: str, attrs=None):
        super().__init__(attrs)
        self.text = text

    @property
    def is_hidden(self) -> bool:
        return False  # shown, with its label, among the visible fields

    def render(self, name, value, attrs=None, renderer=None):
        hidden = super().render(name, value, attrs, renderer)
        return format_html('{}<p class="ips-settled-choice">{}</p>', hidden, self.text)


def settle_only_choice(form: forms.BaseForm, name: str, *, show: bool = False) -> bool:
    """When the choice `name` on `form` offers exactly one row, stop asking (issue 17,
    item 5: no one-option selects): the field becomes a hidden input holding that row, set
    by the server. A sending without it gets that row; one naming any other row (a changed
    hidden input) is refused with a message, as a select would refuse it, and nothing is
    saved; the refusal names the field ("Program: You can only choose …") and is a form-wide
    error, so it is shown at the top of the form even though the field is not. An existing
    row's own value is kept. `show`: the row stays named in words under the field's label
    (an employer, a person), else nothing is shown (the program of someone of one program).
    Returns True when the field was settled;
    False (nothing changed) when it is missing, a multiple choice, or offers none or
    several rows."""
    field = form.fields.get(name)
    queryset = getattr(field, "queryset", None)
    if queryset is None or isinstance(field, forms.ModelMultipleChoiceField):
        return False
    rows = list(queryset[:2])
    if len(rows) != 1:
        return False
    only = rows[0]
    text = getattr(only, "display_name", None) or str(only)  # a person's name, not a role
    field.widget = SettledChoiceInput(text) if show else forms.HiddenInput()
    field.initial = only.pk
    if form.initial.get(name) in (None, ""):
        form.initial[name] = only.pk
    field.error_messages = {
        **field.error_messages,
        "invalid_choice": f"You can only choose {text} here.",
    }
    choose = field.clean
    field.clean = lambda value: only if value in field.empty_values else choose(value)
    form_clean = form.clean
    refused: list[str] = []

    def clean_naming_the_field():
        # A refusal on a field no one sees moves to the top of the form, under its name.
        refused.extend(form.errors.pop(name, []) if name in form.errors else [])
        for error in refused:
            form.add_error(None, f"{form[name].label}: {error}")
        return form_clean()

    form.clean = clean_naming_the_field  # type: ignore[method-assign]
    exclusions = getattr(form, "_get_validation_exclusions", None)
    if exclusions is not None:  # a model form: the refused field is not checked again
        form._get_validation_exclusions = lambda: exclusions() | ({name} if refused else set())  # type: ignore[attr-defined]
    return True


# A database rule broken by a form's values, said in words (Django's own message names
# the constraint: "Constraint “follow_up_due_not_before_created” is violated.").
CONSTRAINT_MESSAGES = {
    "follow_up_due_not_before_created": "The due date cannot be before the day the task was made.",
    "seeker_entry_not_before_referral": "The entry date cannot be before the referral date.",
    "seeker_closed_not_before_entry": "The closing date cannot be before the entry date.",
    "profile_hours_range_ordered": "The fewest hours a week cannot be more than the most.",
    "job_end_not_before_start": "The job cannot end before it started.",
    "assessment_next_due_after_date": "The next assessment must be due after this one.",
    "assessment_completed_on_or_after_date": "It cannot be completed before it was started.",
    "intervention_review_on_or_after_start": "The review date cannot be before the start.",
    "intervention_stopped_on_or_after_start": "It cannot stop before it started.",
    "student_exclusion_caps_ordered": "The student earned income exclusion caps are out of order.",
    "family_consent_withdrawn_on_or_after_given": "Consent cannot be withdrawn before given.",
    "opening_closed_not_before_posted": "The opening cannot close before it was posted.",
    "review_period_ordered": "The period cannot end before it starts.",
}
CONSTRAINT_SAID = re.compile(r"^Constraint “(?P<name>[\w]+)” is violated\.$")


def constraint_in_words(message: str) -> str:
    """Django's message for a broken database rule, in words a user can act on: the rule's
    own sentence (CONSTRAINT_MESSAGES), else a plain one naming it for support staff."""
    found = CONSTRAINT_SAID.match(str(message))
    if not found:
        return str(message)
    name = found["name"]
    return CONSTRAINT_MESSAGES.get(
        name,
        f"These values cannot be saved together: check the dates and numbers (rule {name}).",
    )


class ScopedAdminModelForm(InputDomainMixin, WagtailAdminModelForm):
    """A workspace form whose program and related rows come only from the user's programs,
    and whose related rows all belong to the row's own program."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        use_choosers(self)
        use_human_dates(self)
        if user is not None:
            scope_choices(self, user)
            offer_fitting_staff(self)
            program_field = self.fields.get("program")
            if program_field is not None:
                # Only programs where the user's role there may add (a new row) or change
                # (an existing one) this kind of row: a coach here who supervises elsewhere
                # cannot put a row into this program.
                action = "change" if self.instance.pk else "add"
                programs = programs_allowing(user, self._meta.model, action)
                program_field.queryset = programs
                settle_only_choice(self, "program")
            for name, field in self.fields.items():
                # Any other required pick from a list of one: named, not asked. Not a
                # job seeker (or a row about one): naming a person outside a form's choices
                # is a read the audit trail records (ips.audit), so that pick stays a list.
                if (
                    name != "program"
                    and field.required
                    and (
                        type(field.widget) is forms.Select or isinstance(field.widget, BaseChooser)
                    )
                    and isinstance(field, forms.ModelChoiceField)
                    and not is_about_seekers(field.queryset.model)
                ):
                    settle_only_choice(self, name, show=True)

    def _update_errors(self, errors):
        """Broken database rules said in words (constraint_in_words), the rest as given."""
        if hasattr(errors, "error_dict"):
            errors = ValidationError(
                {
                    field: [constraint_in_words(m) for e in found for m in e.messages]
                    for field, found in errors.error_dict.items()
                }
            )
        super()._update_errors(errors)

    def clean(self):
        cleaned = super().clean()
        program = cleaned.get("program") or getattr(self.instance, "program", None)
        if program is None:
            return cleaned
        for name, value in list(cleaned.items()):  # add_error drops the field from cleaned
            related = (
                list(value)
                if hasattr(value, "__iter__") and not isinstance(value, str)
                else [value]
            )
            for obj in related:
                other = getattr(obj, "program_id", None)
                if other is not None and obj is not program and other != program.pk:
                    self.add_error(name, ValidationError("This belongs to another program."))
                    break
        return cleaned


class ProgramAdminForm(InputDomainMixin, WagtailAdminModelForm):
    """Programs themselves: no program field to scope; a name no other program has."""

    def clean_name(self):
        name = tidy_program_name(self.cleaned_data["name"])
        problem = name_taken_message(name, exclude_pk=self.instance.pk)
        if problem:
            raise ValidationError(problem)
        return name


class VersionField(forms.CharField):
    """The hidden version a form was loaded with; never counts as a change."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data) -> bool:
        return False


class VersionedFormMixin:
    """A form about one saved row: carries the row's version (a hidden field) and gives it
    back as `expected_version` for the service's stale-copy check (ips.versioning)."""

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD] = VersionField(required=False, initial=version)
        self.expected_version: int | None = None

    def clean(self):
        cleaned = super().clean()
        self.expected_version = parse_version(cleaned.pop(VERSION_FIELD, ""))
        if self.expected_version is None:
            raise ValidationError(MISSING_VERSION_MESSAGE, code="version")
        return cleaned

    def refuse_stale(self, error: ValidationError, latest_version: int) -> None:
        """Show the conflict and carry the latest version, so saving again builds on it."""
        self.add_error(None, error)
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = str(latest_version)


SAVE_ANYWAY_FIELD = "save_anyway"
DUPLICATE_HINT_ID = "save-anyway-hint"  # the refusal beside the box (ips/_event_fields.html)
DAMAGED_KEY_MESSAGE = (
    "This form's submission key is damaged, so nothing was saved. Reload the page."
)


class EventFormMixin:
    """A form that records an event (ips.idempotency): it carries a submission key, a fresh
    uuid4 rendered on every GET and posted back, and after a near-duplicate refusal shows a
    "save anyway" box. `submission_key` is readable before validation (a replay is answered
    before the form's own checks); `allow_duplicate` is the box's answer."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[KEY_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=lambda: str(uuid.uuid4())
        )
        self.fields[SAVE_ANYWAY_FIELD] = forms.BooleanField(
            required=False,
            widget=forms.HiddenInput,
            label="It really is a second one: save it anyway",
        )
        if self.is_bound and self.data.get(self.add_prefix(SAVE_ANYWAY_FIELD)) in ("on", "true"):
            self.show_save_anyway()

    @property
    def submission_key(self) -> uuid.UUID | None:
        """The posted key (None when missing or damaged), read without validating."""
        return parse_key(self.data.get(self.add_prefix(KEY_FIELD))) if self.is_bound else None

    allow_duplicate = False  # the "save anyway" answer, once cleaned
    # A form whose page includes ips/_event_fields.html shows a near-duplicate refusal
    # beside the "save anyway" box it is about (issue 17), with a pointer at the top.
    duplicate_hint_beside_box = False
    duplicate_hint = ""

    def clean(self):
        # Both fields leave cleaned_data, which views pass on to services as it is.
        cleaned = super().clean()
        self.allow_duplicate = bool(cleaned.pop(SAVE_ANYWAY_FIELD, False))
        raw = cleaned.pop(KEY_FIELD, "") or ""
        if raw.strip() and parse_key(raw) is None:
            raise ValidationError(DAMAGED_KEY_MESSAGE, code="key")
        return cleaned

    def show_save_anyway(self) -> None:
        attrs = {"aria-describedby": DUPLICATE_HINT_ID} if self.duplicate_hint else {}
        self.fields[SAVE_ANYWAY_FIELD].widget = forms.CheckboxInput(attrs=attrs)

    def refuse_duplicate(self, error: LikelyDuplicate, url: str) -> None:
        """Show the refusal with a link to the first row, and the "save anyway" box: the
        refusal beside the box (described by it) when the page shows it there."""
        message = duplicate_message(error, url)
        if self.duplicate_hint_beside_box:
            self.duplicate_hint = message
            self.add_error(
                None,
                format_html(
                    'This may be a second copy of one saved minutes ago. <a href="#{}">'
                    "See why, next to the Save button</a>.",
                    DUPLICATE_HINT_ID,
                ),
            )
        else:
            self.add_error(None, message)
        self.show_save_anyway()


class OccupationChecklist(forms.ModelMultipleChoiceField):
    """Ticked kinds of work (O*NET occupations) named as staff know them: the plain title,
    then the O*NET title and code in small print, "Production helper <small>Helpers--
    Production Workers, 51-9198.00</small>" (issue 17). The value is still the code."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        plain = obj.staff_plain_title
        detail = obj.code if plain == obj.title else f"{obj.title}, {obj.code}"
        return format_html("{} <small>{}</small>", plain, detail)
