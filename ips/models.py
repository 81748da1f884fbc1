"""The program layer: programs, staff, mental-health teams, staff time, occupations."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.formats import date_format
from django.utils.translation import get_language

from ips.domain import postal_code_problem, program_name_key
from ips.idempotency import key_constraint, key_field
from ips.querysets import ProgramScopedQuerySet
from ips.roles import LEADERSHIP, Role, program_ids
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
        return [p for p in self.only("id", "name", "slug") if program_name_key(p.name) == key]


class Program(Versioned):
    """One IPS team or site. Every operational record belongs to exactly one program."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    zip = models.CharField("ZIP code", max_length=10, blank=True)
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
        return f"{self.display_name} ({self.get_role_display()}, {self.program})"

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


class TimeEntryQuerySet(ProgramScopedQuerySet):
    def for_user(self, user):
        """Leadership sees the program's entries; other staff only their own."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            Q(program_id__in=program_ids(user, LEADERSHIP))
            | Q(program_id__in=program_ids(user), staff__user=user)
        )


class TimeEntry(Versioned):
    """Hours a staff member spent on one day, by activity and place (items S2, V13)."""

    class Activity(models.TextChoices):
        EMPLOYMENT_SERVICES = "employment_services", "Employment services"
        OTHER = "other", "Other work"

    class Location(models.TextChoices):
        COMMUNITY = "community", "In the community"
        OFFICE = "office", "In the office"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="time_entries")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="time_entries")
    date = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    activity = models.CharField(max_length=30, choices=Activity.choices)
    location = models.CharField(max_length=20, choices=Location.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    idempotency_key = key_field()

    # An identical entry made minutes ago is a double submission (ips.idempotency).
    DUPLICATE_FIELDS = ("staff", "date", "activity", "location", "hours")

    objects = TimeEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "staff"]
        verbose_name_plural = "time entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=24), name="time_entry_hours_0_to_24"
            ),
            models.CheckConstraint(
                condition=Q(activity__in=["employment_services", "other"]),
                name="time_entry_activity_known",
            ),
            models.CheckConstraint(
                condition=Q(location__in=["community", "office"]),
                name="time_entry_location_known",
            ),
            key_constraint("time_entry"),
        ]

    def __str__(self) -> str:
        return f"{date_format(self.date)} {self.staff.display_name}: {self.hours} h"


class WeekOfHoursSave(models.Model):
    """One saving of a staff member's week of hours (the "Week of hours" screen,
    `coaching.services.record_week_of_time`). Its submission key answers a replayed
    sending with "Already saved", even for a week of zeros (no entries are stored for
    those); the latest saving of a week, with the week's entries, is the week's version
    (`coaching.services.week_version`), so a copy of the screen opened before a later save
    is refused instead of overwriting the correction (issue 14)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="week_saves")
    monday = models.DateField(help_text="The Monday of the ISO week saved.")
    created_at = models.DateTimeField(auto_now_add=True)
    idempotency_key = key_field()

    objects = TimeEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [key_constraint("week_of_hours")]

    def __str__(self) -> str:
        return f"Week of {self.monday} for {self.staff.display_name}, saved {self.created_at:%H:%M}"


class OccupationQuerySet(models.QuerySet):
    def search(self, text: str):
        """The occupations whose names hold every word of `text` as the start of a word, in
        any order, case, accents and apostrophes ignored (ips.reference.rank_occupations:
        plain titles in English and Spanish, "Also called" names, the O*NET title, a code
        start such as "37-20"). Those found by an everyday name come first, then those
        found only by their O*NET title, each as `plain_first` orders them. One query to
        read the (code, title) pairs, then a queryset."""
        from ips.reference import rank_occupations

        everyday, onet_only = rank_occupations(text, self.values_list("code", "title"))
        found_by_name = models.Case(
            models.When(code__in=everyday, then=models.Value(0)), default=models.Value(1)
        )
        return self.filter(code__in=everyday + onet_only).order_by(
            found_by_name, *self._by_title_shown()
        )

    def plain_first(self):
        """Those with a plain title (the jobs people ask for, issue 20) first, in the order
        of that title, then the rest by O*NET title: each by the name staff see."""
        return self.order_by(*self._by_title_shown())

    @staticmethod
    def _by_title_shown() -> list:
        from ips.reference import plain_order

        codes = plain_order()
        shown = models.Case(
            *(models.When(code=code, then=models.Value(i)) for i, code in enumerate(codes)),
            default=models.Value(len(codes)),
        )
        return [shown, "title"]


class Occupation(Versioned):
    """An O*NET-SOC occupation (O*NET 29.2, CC BY 4.0, USDOL/ETA). Reference data."""

    code = models.CharField("O*NET-SOC code", max_length=10, primary_key=True)
    title = models.CharField(max_length=200, db_index=True)
    description = models.TextField(blank=True)

    objects = OccupationQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        """Where a screen names it without choosing how (inspect pages, history, selects):
        the plain title first, "Production helper (Helpers--Production Workers, 51-9198.00)";
        "Chief Executives (11-1011.00)" where no plain title is written."""
        plain = self.staff_plain_title
        if plain == self.title:
            return f"{self.title} ({self.code})"
        return f"{plain} ({self.title}, {self.code})"

    @property
    def plain_title(self) -> str:
        """The short everyday name job seekers see, in the active language (English or
        Spanish), from data/onet_plain_titles.tsv; the O*NET title where none is written."""
        from ips.reference import plain_titles

        titles = plain_titles().get(self.code)
        if not titles:
            return self.title
        language = (get_language() or "en")[:2]
        return titles.get(language) or titles["en"]

    @property
    def staff_plain_title(self) -> str:
        """The plain English title staff see first ("Housekeeper"), whatever the language;
        the O*NET title where none is written."""
        from ips.reference import plain_titles

        return plain_titles().get(self.code, {}).get("en") or self.title

    @property
    def staff_label(self) -> str:
        """How staff screens name it (issue 17, item 5): the plain English title with the
        O*NET title after it, "Housekeeper (Maids and Housekeeping Cleaners)"; the O*NET
        title alone where no plain title is written or it is the same."""
        plain = self.staff_plain_title
        return f"{plain} ({self.title})" if plain != self.title else self.title

    @property
    def major_group(self) -> str:
        return self.code[:2]

    @property
    def minor_group(self) -> str:
        return self.code[:5]

    @property
    def broad_occupation(self) -> str:
        return self.code[:6]

    @property
    def detailed_occupation(self) -> str:
        return self.code[:7]


class GeocodeSource(models.TextChoices):
    NONE = "", "Not located"
    ZIP_CENTROID = "zip_centroid", "ZIP code centre (offline)"
    NOMINATIM = "nominatim", "Street address (Nominatim)"
    MANUAL = "manual", "Entered by hand"


class GeoPoint(models.Model):
    """Coordinates cached on a row with where they came from (geocoding runs in a task)."""

    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    geocode_source = models.CharField(
        max_length=20, choices=GeocodeSource.choices, blank=True, default=""
    )
    geocoded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        """A ZIP code or postcode must be one of the program's country (`ips.domain.
        postal_code_problem`): a malformed one could never be located."""
        super().clean()
        zip_code = getattr(self, "zip", "") or ""
        program_id = getattr(self, "program_id", None)
        if not zip_code.strip() or program_id is None:
            return
        country = Program.objects.filter(pk=program_id).values_list("country", flat=True).first()
        problem = postal_code_problem(zip_code, country or Program.Country.US)
        if problem:
            raise ValidationError({"zip": problem})


class AuditEventQuerySet(models.QuerySet):
    def for_user(self, user):
        """Supervisors and directors read their programs' trail."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(program_id__in=program_ids(user, LEADERSHIP))

    def for_seeker(self, seeker_id: int):
        return self.filter(seeker_id=seeker_id)


class AuditEvent(Versioned):
    """Who viewed or changed a job seeker's record, when and from where.

    `seeker_id` is a plain number, not a foreign key, so the trail outlives an erasure;
    `summary` never holds the record's content (field names at most).
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"
        EXPORT = "export", "Exported"
        ERASE = "erase", "Erased"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField("who", max_length=200)
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    seeker_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    summary = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit event"

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M}" if self.at else ""
        return f"{when} {self.user_label}: {self.get_action_display()} {self.object_type}"
