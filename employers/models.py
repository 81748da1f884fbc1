"""The employer CRM: employers, people there, the job-development log, openings."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.formats import date_format

from ips.idempotency import key_constraint, key_field
from ips.models import GeoPoint, Occupation, Program, StaffMember
from ips.querysets import ProgramScopedQuerySet
from ips.roles import CASEWORK_ROLES, program_ids
from ips.search import FoldedSearchField, Searchable
from ips.versioning import Versioned


class Employer(Searchable, Versioned, GeoPoint):
    """A business the program develops jobs with."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="employers")
    ref = models.CharField(
        "agency reference", max_length=64, blank=True, help_text="The agency's own identifier."
    )
    name = models.CharField(max_length=200)
    industry = models.CharField(max_length=120, blank=True)
    search_text = FoldedSearchField(sources=["name", "industry", "ref"])
    # The public openings search looks for words in the employer's name only: the industry
    # and the agency's reference are not on the public pages (employers 0011).
    folded_name = FoldedSearchField(
        sources=["name"], help_text="The name folded for the public search."
    )
    address = models.CharField(max_length=300, blank=True)
    zip = models.CharField("ZIP code", max_length=10, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    notes = models.TextField("business needs and notes", blank=True)
    created_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgramScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "ref"],
                condition=~Q(ref=""),
                name="employer_ref_unique_per_program",
            ),
        ]
        indexes = [models.Index(fields=["program", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.zip})" if self.zip else self.name


class EmployerPerson(Versioned):
    """Someone at the business: a hiring manager, a supervisor, an owner."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    consent_notes = models.TextField(
        blank=True,
        help_text="What this person agreed to: being contacted, hearing about job seekers.",
    )
    notes = models.TextField(blank=True)

    objects = ProgramScopedQuerySet.as_manager()

    class Meta:
        ordering = ["employer__name", "name"]
        verbose_name = "person at an employer"
        verbose_name_plural = "people at employers"

    def __str__(self) -> str:
        return f"{self.name}, {self.employer.name}"


class EmployerContactQuerySet(ProgramScopedQuerySet):
    def for_user(self, user):
        """The job-development log: specialists and leadership of the program."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(program_id__in=program_ids(user, CASEWORK_ROLES))

    def face_to_face(self):
        return self.filter(mode=EmployerContact.Mode.FACE_TO_FACE)

    def between(self, start, end):
        """Contacts dated from `start` to `end`, both days included."""
        return self.filter(date__gte=start, date__lte=end)


class EmployerContact(Versioned):
    """One entry of the job-development log. Seekers named are on `seekers`
    (declared on JobSeeker.employer_contacts so this layer does not import job seekers)."""

    class Mode(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face to face"
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        VIDEO = "video", "Video call"

    class Purpose(models.TextChoices):
        LEARN_NEEDS = "learn_needs", "Learn about the business's needs"
        FOLLOW_UP = "follow_up", "Follow up"
        INTRODUCE_SEEKER = "introduce_seeker", "Introduce a job seeker"
        ASK_INTERVIEW = "ask_interview", "Ask for an interview"
        DROP_APPLICATION = "drop_application", "Drop in an application"
        OTHER = "other", "Other"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    specialist = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="employer_contacts"
    )
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        EmployerPerson, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.FACE_TO_FACE)
    client_present = models.BooleanField("job seeker came along", default=False)
    purpose = models.CharField(max_length=30, choices=Purpose.choices, blank=True)
    notes = models.TextField(blank=True)
    next_step = models.CharField(max_length=300, blank=True)
    next_step_due = models.DateField(null=True, blank=True)
    next_step_done = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    idempotency_key = key_field()

    # The same specialist, employer, day and way minutes apart is a double submission.
    DUPLICATE_FIELDS = ("specialist", "employer", "date", "mode")

    objects = EmployerContactQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mode__in=["face_to_face", "phone", "email", "video"]),
                name="employer_contact_mode_known",
            ),
            key_constraint("employer_contact"),
        ]
        indexes = [
            models.Index(fields=["program", "date"]),
            models.Index(fields=["specialist", "date"]),
            models.Index(fields=["employer", "date"]),
            # Covers the face-to-face counts and filtered contact lists (mode + dates + ZIP).
            models.Index(
                fields=["program", "mode", "date", "employer"], name="contact_program_mode_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{date_format(self.date)} {self.get_mode_display()} with {self.employer.name}"


class JobOpeningQuerySet(ProgramScopedQuerySet):
    def open(self):
        return self.filter(status=JobOpening.Status.OPEN)

    def public(self):
        """What the public site may show: open and marked shareable by a specialist."""
        return self.open().filter(shareable=True)


class JobOpening(Searchable, Versioned, GeoPoint):
    """A job an employer has or will have. Shown publicly only when marked shareable."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        FILLED = "filled", "Filled"
        CLOSED = "closed", "Closed"

    class Schedule(models.TextChoices):
        DAYTIME = "daytime", "Weekday daytime"
        EVENINGS = "evenings", "Evenings"
        NIGHTS = "nights", "Nights"
        WEEKENDS = "weekends", "Weekends"
        FLEXIBLE = "flexible", "Flexible"
        MIXED = "mixed", "Mixed shifts"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="openings")
    ref = models.CharField("agency reference", max_length=64, blank=True)
    title = models.CharField(max_length=200)
    occupation = models.ForeignKey(
        Occupation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.TextField(blank=True)
    search_text = FoldedSearchField(sources=["title", "description"])
    # The title alone, folded: the public search's title matches (employers 0011).
    folded_title = FoldedSearchField(
        sources=["title"], help_text="The title folded, for the public search's title matches."
    )
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    schedule = models.CharField(max_length=20, choices=Schedule.choices, blank=True)
    hourly_wage = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    zip = models.CharField("ZIP code", max_length=10, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    shareable = models.BooleanField(
        "show on the public site",
        default=False,
        help_text="Only when the employer is happy for it to be listed publicly.",
    )
    internal_notes = models.TextField(blank=True)
    source_contact = models.ForeignKey(
        EmployerContact, null=True, blank=True, on_delete=models.SET_NULL, related_name="openings"
    )
    created_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    posted_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobOpeningQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | (Q(hours_per_week__gte=0) & Q(hours_per_week__lte=80)),
                name="opening_hours_0_to_80",
            ),
            models.CheckConstraint(
                condition=Q(hourly_wage__isnull=True) | Q(hourly_wage__gte=0),
                name="opening_wage_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "filled", "closed"]),
                name="opening_status_known",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(posted_on__isnull=True)
                | Q(closed_on__gte=models.F("posted_on")),
                name="opening_closed_not_before_posted",
            ),
        ]
        indexes = [
            models.Index(fields=["program", "status", "shareable"]),
            # The public listing's order (cms.selectors.LISTING_ORDER) over public openings
            # only: a page is read from the index instead of sorting every opening.
            models.Index(
                fields=["-posted_on", "-created_at", "-id"],
                condition=Q(status="open", shareable=True),
                name="public_opening_listing",
            ),
            # The radius search's bounding box over public openings (cms.selectors), read
            # from the index alone: Django binds `status = 'open'` as a parameter, which
            # SQLite checks per row, hence status and shareable in the index too (a count
            # of the 10,000 within 10 miles of 48226 at state scale: 13 -> 4 ms).
            models.Index(
                fields=["latitude", "longitude", "status", "shareable"],
                condition=Q(status="open", shareable=True),
                name="public_opening_location",
            ),
            # The sitemap's version of the public openings (cms.sitemaps): their latest
            # change read from the index's first entry, not from every row (83 -> 0.1 ms
            # at state scale, on every sitemap request); status and shareable in it for
            # the reason above (without them SQLite sorts the location index instead).
            models.Index(
                fields=["-updated_at", "status", "shareable"],
                condition=Q(status="open", shareable=True),
                name="public_opening_updated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.employer.name}"
