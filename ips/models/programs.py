"""Programs, their staff and the mental-health teams they work with."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from decimal import Decimal
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from ips.domain import postal_code_problem, program_name_key
from ips.querysets import ProgramScopedQuerySet
from ips.roles import LEADERSHIP, Role, program_ids
from ips.validators import validate_postal_code
from ips.versioning import Versioned


class ProgramQuerySet(models.QuerySet):
    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(id__in=program_ids(user))

    def named(self, name: str) -> list[Program]:
        """Programs whose name is `name` ignoring case and spacing (more than one is an
        ambiguity the caller must refuse). Loads every name: programs are few."""
        key = program_name_key(name)
        rows = cast("Iterable[Program]", self.only("id", "name", "slug"))
        return [p for p in rows if program_name_key(p.name) == key]


class Program(Versioned):
    """One IPS team or site. Every operational record belongs to exactly one program."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    zip = models.CharField("ZIP code", max_length=10, blank=True, validators=[validate_postal_code])
    minimum_wage = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal("7.25"),
        help_text="Hourly minimum wage where the program works (state or local if higher).",
    )
    caseload_standard = models.PositiveSmallIntegerField(default=20)

    class Country(models.TextChoices):
        US = "US", "United States (IPS Learning Community outcomes lead)"
        UK = "UK", "United Kingdom (IPS Grow outcomes lead)"

    country = models.CharField(
        max_length=2,
        choices=Country.choices,
        default=Country.US,
        help_text="Chooses which outcome set the reports show first; the other is one click away.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_wage__gte=0), name="program_minimum_wage_not_negative"
            ),
            # "North Team" and "north team" are one name to the people who read it.
            models.UniqueConstraint(
                Lower("name"),
                name="program_name_unique_ci",
                violation_error_message="Another program already has this name "
                "(names are compared ignoring capitals).",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        """The field checks, then the ZIP against the program's own country (`ips.domain.
        postal_code_problem`): a UK program's postcode, a US program's ZIP code, whichever
        country the same form chose. Skipped when the ZIP itself was refused or is not
        being checked (in `exclude`). Raises ValidationError."""
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "zip" not in (exclude or ()) and "zip" not in errors:
            problem = postal_code_problem(self.zip or "", self.country or self.Country.US)
            if problem:
                errors.setdefault("zip", []).append(problem)
        if "country" not in (exclude or ()) and "country" not in errors:
            problem = self._records_of_another_country()
            if problem:
                errors.setdefault("country", []).append(problem)
        if errors:
            raise ValidationError(errors)

    def _records_of_another_country(self) -> str | None:
        """Why the country cannot change: the program's employers, openings or job seekers
        whose ZIP codes are not of the new country (they could no longer be saved:
        GeoPoint.clean), named with their codes, or None. A red-team finding: a program
        switched to the UK left every record with a US ZIP code stuck."""
        if self.pk is None:
            return None
        before = type(self).objects.filter(pk=self.pk).values_list("country", flat=True).first()
        if before is None or before == self.country:
            return None
        from django.apps import apps  # the apps above: ips is the lower layer

        found = []
        for (one, many), model, name in (
            (("employer", "employers"), apps.get_model("employers", "Employer"), "name"),
            (("opening", "openings"), apps.get_model("employers", "JobOpening"), "title"),
            (("job seeker", "job seekers"), apps.get_model("jobseekers", "JobSeeker"), "name"),
        ):
            rows = model.objects.filter(program=self).exclude(zip="").order_by(name, "pk")
            wrong = [
                f"{shown} ({code})"
                for shown, code in rows.values_list(name, "zip").iterator()
                if postal_code_problem(code, self.country)
            ]
            if wrong:
                more = f" and {len(wrong) - 3} more" if len(wrong) > 3 else ""
                label = one if len(wrong) == 1 else many
                found.append(f"{len(wrong)} {label}: {', '.join(wrong[:3])}{more}")
        if not found:
            return None
        return (
            "These records have codes of another country: "
            + "; ".join(found)
            + ". Correct them first: every record's code must be one of the program's country."
        )


class StaffMemberQuerySet(ProgramScopedQuerySet):
    def active(self):
        return self.filter(active=True)

    def specialists(self):
        return self.filter(role=Role.SPECIALIST)

    def for_user(self, user):
        # Everyone on staff sees the program's team (to pick a colleague on a form).
        # A staff row prints its user and program, so choice lists and filters load
        # them in the same query rather than two more per row.
        return super().for_user(user).select_related("user", "program")


class StaffMember(Versioned):
    """A user's job in one program. A director of two programs has two rows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_memberships"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="staff")
    role = models.CharField(max_length=20, choices=Role.choices)
    fte = models.DecimalField(
        "FTE",
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        help_text="Share of a full-time post, more than 0 and at most 1.",
    )
    active = models.BooleanField(default=True)
    digest_opt_in = models.BooleanField("morning email of what is due", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        ordering = ["program__name", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "program"], name="staff_one_row_per_program"),
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1), name="staff_fte_between_0_and_1"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["specialist", "coach", "supervisor", "director"]),
                name="staff_role_known",
            ),
        ]

    def __str__(self) -> str:
        """The plain name ("Maria Lopez"), as it reads in history, messages and audit
        lines; the forms label choices where two programs' staff could be confused."""
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def is_leadership(self) -> bool:
        return self.role in LEADERSHIP


class MentalHealthTeam(Versioned):
    """A clinical team that IPS specialists are integrated with (fidelity item O1)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="mh_teams")
    name = models.CharField(max_length=200)

    objects = ProgramScopedQuerySet.as_manager()

    class Meta:
        ordering = ["program__name", "name"]
        verbose_name = "mental-health team"
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="mh_team_unique_per_program"),
        ]

    def __str__(self) -> str:
        return self.name
