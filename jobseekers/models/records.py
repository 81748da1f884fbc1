"""The job seeker's record and career profile, and the querysets that scope every row
about a job seeker to the user's programs (DESIGN.md, "Who may see what")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q

from employers.models import Employer, EmployerContact
from ips.models import GeoPoint, MentalHealthTeam, Occupation, Program, StaffMember
from ips.querysets import ProgramScopedQuerySet
from ips.roles import CASEWORK_ROLES, Role, program_ids
from ips.search import FoldedSearchField, Searchable
from ips.validators import validate_postal_code
from ips.versioning import Versioned


class SeekerRowQuerySet(ProgramScopedQuerySet):
    """Rows about a job seeker (DESIGN.md, "Who may see what"): casework roles see their
    programs' rows; coaches only those of seekers who have or had a job."""

    seeker_path = "seeker"  # the lookup from a row to its job seeker

    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        visible = Q(program_id__in=program_ids(user, CASEWORK_ROLES))
        coached = program_ids(user, {Role.COACH})
        if coached:
            from jobseekers.models.jobs import Job  # jobs.py imports this module

            hired = Job.objects.filter(program_id__in=coached).values("seeker_id")
            visible |= Q(program_id__in=coached, **{f"{self.seeker_path}__in": hired})
        return self.filter(visible)


class AssessmentRowQuerySet(SeekerRowQuerySet):
    seeker_path = "assessment__seeker"


class GoalRowQuerySet(SeekerRowQuerySet):
    seeker_path = "goal__seeker"


class JobSeekerQuerySet(SeekerRowQuerySet):
    seeker_path = "pk"

    def active_on(self, day):
        """Active on a day: entry_date <= day and not closed by then (spec/metrics.md, Terms)."""
        return self.filter(entry_date__lte=day).filter(
            Q(closed_date__isnull=True) | Q(closed_date__gt=day)
        )

    def served_between(self, start, end):
        """Active on at least one day from `start` to `end` (dates, both included): opened by
        `end` and closed after both `start` and the entry date, so a record opened and
        closed on the same day is never served (spec/metrics.md, "Edge cases, settled")."""
        return self.filter(entry_date__lte=end).filter(
            Q(closed_date__isnull=True)
            | (Q(closed_date__gt=start) & Q(closed_date__gt=F("entry_date")))
        )

    def not_in_a_job(self):
        """People without a job going on now (no job with no end date): those a new match
        or an opening's count of people it might suit is for (red-team finding, issue 17).
        A subquery, never a query of its own."""
        jobs = self.model._meta.get_field("jobs").related_model
        return self.exclude(Exists(jobs.objects.filter(seeker_id=OuterRef("pk"), end_date=None)))


class JobSeeker(Searchable, Versioned, GeoPoint):
    """A person on (or referred to) the IPS caseload. No diagnosis is stored: IPS needs none."""

    class Stage(models.TextChoices):
        REFERRED = "referred", "Referred"
        ENGAGED = "engaged", "Engaged"
        JOB_SEARCH = "job_search", "Job search"
        WORKING = "working", "Working"
        FOLLOW_ALONG = "follow_along", "Follow-along"
        CLOSED = "closed", "Closed"

    class CloseReason(models.TextChoices):
        # IPS is zero-exclusion: "not ready" is deliberately not a reason.
        OWN_CHOICE = "own_choice", "The person's own choice"
        MOVED = "moved", "Moved away"
        STEPPED_DOWN = "stepped_down", "Job stable, stepped down from support"
        LOST_CONTACT = "lost_contact", "Lost contact after documented outreach"
        OTHER = "other", "Other"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="seekers")
    ref = models.CharField("agency reference", max_length=64, blank=True)
    name = models.CharField(max_length=200)
    preferred_name = models.CharField(max_length=100, blank=True)
    search_text = FoldedSearchField(sources=["name", "preferred_name", "ref"])
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    specialist = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="caseload"
    )
    mh_team = models.ForeignKey(
        MentalHealthTeam,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seekers",
        verbose_name="mental-health team",
    )
    referral_date = models.DateField(null=True, blank=True)
    referral_source = models.CharField(max_length=200, blank=True)
    entry_date = models.DateField(
        null=True, blank=True, help_text="The day the person joined the IPS caseload."
    )
    closed_date = models.DateField(null=True, blank=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    close_note = models.TextField(blank=True)
    employed_at_referral = models.BooleanField(default=False)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.REFERRED)
    zip = models.CharField("home ZIP code", max_length=10, blank=True)
    portal_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_seeker",
    )
    employer_contacts = models.ManyToManyField(EmployerContact, blank=True, related_name="seekers")
    stage_changed_on = models.DateField(null=True, blank=True)
    profile_update_requested_on = models.DateField(
        "career profile update asked for on",
        null=True,
        blank=True,
        help_text="Set when a job ends; cleared by the next career-profile update.",
    )
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="Personal data removed on the person's request."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobSeekerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "job seeker"
        constraints = [
            models.UniqueConstraint(
                fields=["program", "ref"],
                condition=~Q(ref=""),
                name="seeker_ref_unique_per_program",
            ),
            models.CheckConstraint(
                condition=Q(entry_date__isnull=True)
                | Q(referral_date__isnull=True)
                | Q(entry_date__gte=F("referral_date")),
                name="seeker_entry_not_before_referral",
            ),
            models.CheckConstraint(
                condition=Q(closed_date__isnull=True)
                | Q(entry_date__isnull=True)
                | Q(closed_date__gte=F("entry_date")),
                name="seeker_closed_not_before_entry",
            ),
            models.CheckConstraint(
                condition=Q(
                    stage__in=[
                        "referred",
                        "engaged",
                        "job_search",
                        "working",
                        "follow_along",
                        "closed",
                    ]
                ),
                name="seeker_stage_known",
            ),
        ]
        indexes = [models.Index(fields=["program", "entry_date", "closed_date"])]

    def __str__(self) -> str:
        return self.name


class CareerProfileQuerySet(SeekerRowQuerySet):
    def current(self):
        return self.filter(is_current=True)


class CareerProfile(models.Model):
    """The IPS vocational profile, built with the person. Versioned: an update adds a
    new row and keeps the earlier one (only one row per seeker is current)."""

    class TravelMode(models.TextChoices):
        WALK = "walk", "Walking"
        BIKE = "bike", "Bicycle"
        BUS = "bus", "Bus or train"
        CAR = "car", "Car"
        RIDE = "ride", "Lift from family or friends"

    class Disclosure(models.TextChoices):
        UNDECIDED = "", "Not decided yet"
        NONE = "none", "Do not tell employers"
        SPECIALIST_MAY = "specialist_may", "My specialist may tell employers"
        SELF = "self", "I will tell employers myself"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="profiles")
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    dream_job = models.CharField(max_length=300, blank=True)
    short_term_goal = models.CharField(max_length=300, blank=True)
    preferred_occupations = models.ManyToManyField(
        Occupation, blank=True, related_name="+", verbose_name="kinds of work wanted"
    )
    ruled_out_occupations = models.ManyToManyField(
        Occupation, blank=True, related_name="+", verbose_name="kinds of work ruled out"
    )
    ruled_out_employers = models.ManyToManyField(
        Employer, blank=True, related_name="+", verbose_name="employers ruled out"
    )
    wanted_job_titles = models.TextField(blank=True)
    min_hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    max_hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    preferred_schedules = models.JSONField(
        default=list, blank=True, help_text="Opening schedules the person can work."
    )
    wanted_hourly_wage = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    home_zip = models.CharField(max_length=10, blank=True, validators=[validate_postal_code])
    travel_mode = models.CharField(max_length=10, choices=TravelMode.choices, blank=True)
    max_commute_miles = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    strengths = models.TextField(blank=True)
    interests = models.TextField(blank=True)
    skills = models.TextField(blank=True)
    education = models.TextField(blank=True)
    licences = models.TextField(blank=True)
    work_history = models.JSONField(
        default=list,
        blank=True,
        help_text=(
            "Jobs before: employer, title, dates, what went well, what was hard, why it ended."
        ),
    )
    supports_that_help = models.TextField(blank=True)
    # Sensitive: program staff only, never on the portal's public parts.
    disclosure_preference = models.CharField(max_length=20, choices=Disclosure.choices, blank=True)
    benefits_received = models.JSONField(default=list, blank=True)
    information_sources = models.JSONField(
        default=list, blank=True, help_text="person, team, record, family (with consent)."
    )
    family_contacts = models.TextField(blank=True)
    created_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CareerProfileQuerySet.as_manager()

    SENSITIVE_FIELDS = ("disclosure_preference", "benefits_received", "family_contacts")

    class Meta:
        ordering = ["seeker", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["seeker"],
                condition=Q(is_current=True),
                name="one_current_profile_per_seeker",
            ),
            models.UniqueConstraint(fields=["seeker", "version"], name="profile_version_unique"),
            models.CheckConstraint(
                condition=Q(max_commute_miles__isnull=True) | Q(max_commute_miles__gte=0),
                name="profile_commute_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(min_hours_per_week__isnull=True)
                | Q(max_hours_per_week__isnull=True)
                | Q(max_hours_per_week__gte=F("min_hours_per_week")),
                name="profile_hours_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(min_hours_per_week__isnull=True) | Q(min_hours_per_week__gte=0),
                name="profile_min_hours_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Career profile of {self.seeker} (version {self.version})"
