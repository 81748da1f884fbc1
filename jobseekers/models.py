"""Job seekers: referral to job, the career profile, PSR assessment and goals,
benefits, job starts, and the recommender's stored matches."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format

from employers.models import Employer, EmployerContact, JobOpening
from ips.idempotency import key_constraint, key_field
from ips.models import GeoPoint, MentalHealthTeam, Occupation, Program, StaffMember
from ips.querysets import ProgramScopedQuerySet
from ips.roles import CASEWORK_ROLES, Role, program_ids
from ips.search import FoldedSearchField, Searchable
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
    home_zip = models.CharField(max_length=10, blank=True)
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


class Domain(models.TextChoices):
    """The eleven life domains of a psychosocial rehabilitation assessment."""

    DAILY_LIVING = "daily_living", "Daily living skills"
    SYMPTOM_MANAGEMENT = "symptom_management", "Symptom management"
    SOCIAL_SUPPORTS = "social_supports", "Social supports"
    INTERPERSONAL = "interpersonal", "Interpersonal skills"
    FINANCES = "finances", "Finances and benefits"
    RESOURCES = "resources", "Resource management"
    HOUSING = "housing", "Housing"
    EDUCATION = "education", "Education"
    EMPLOYMENT = "employment", "Employment"
    JUSTICE = "justice", "Justice involvement"
    TRANSPORTATION = "transportation", "Transportation"


class DomainAssessment(Versioned):
    """A strengths-first PSR assessment across the eleven domains, made with the person."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="assessments")
    date = models.DateField()
    assessed_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    next_due = models.DateField(null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        "the person's satisfaction with services (1-5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    notes = models.TextField(blank=True)
    completed_on = models.DateField(
        null=True,
        blank=True,
        help_text="Set when every domain is assessed or marked 'person chose not to discuss'.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "-date"]
        verbose_name = "PSR domain assessment"
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | (Q(satisfaction__gte=1) & Q(satisfaction__lte=5)),
                name="assessment_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(next_due__isnull=True) | Q(next_due__gte=F("date")),
                name="assessment_next_due_after_date",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("date")),
                name="assessment_completed_on_or_after_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment of {self.seeker} on {date_format(self.date)}"

    def uncovered_domains(self) -> list[str]:
        """The domain values neither assessed nor marked "chose not to discuss", in the
        order of `Domain` (PSR practice parameters: a PSR assessment covers all eleven)."""
        covered = {r.domain for r in self.ratings.all() if r.is_covered}
        return [value for value in Domain.values if value not in covered]

    def uncovered_domain_labels(self) -> list[str]:
        return [Domain(value).label for value in self.uncovered_domains()]


class DomainRating(models.Model):
    """One domain of an assessment, as the PSR practice parameters ask: strengths and
    abilities first, then needs; the environmental setting (where the person lives, works,
    learns or socialises in this domain, its barriers and supports); the skills the person
    has and the skills they want to build. In the person's words where they are theirs.
    Or: the person chose not to discuss this domain (then no words are kept)."""

    WORD_FIELDS = (
        "strengths",
        "needs",
        "setting",
        "barriers",
        "supports",
        "current_skills",
        "skills_to_build",
    )

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(
        DomainAssessment, on_delete=models.CASCADE, related_name="ratings"
    )
    domain = models.CharField(max_length=30, choices=Domain.choices)
    strengths = models.TextField("strengths and abilities", blank=True)
    needs = models.TextField(blank=True)
    setting = models.TextField(
        "the setting (where the person lives, works, learns or spends time)", blank=True
    )
    barriers = models.TextField("barriers in that setting", blank=True)
    supports = models.TextField("supports in that setting", blank=True)
    current_skills = models.TextField("skills the person has", blank=True)
    skills_to_build = models.TextField("skills the person wants to build", blank=True)
    not_discussed = models.BooleanField("the person chose not to discuss this", default=False)
    rating = models.PositiveSmallIntegerField(
        "how things are going (1-5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    objects = AssessmentRowQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "domain"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "domain"], name="one_rating_per_domain_per_assessment"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | (Q(rating__gte=1) & Q(rating__lte=5)),
                name="domain_rating_1_to_5",
            ),
            # A domain the person chose not to discuss keeps no words and no rating.
            models.CheckConstraint(
                condition=Q(not_discussed=False)
                | Q(
                    rating__isnull=True,
                    strengths="",
                    needs="",
                    setting="",
                    barriers="",
                    supports="",
                    current_skills="",
                    skills_to_build="",
                ),
                name="domain_not_discussed_keeps_no_words",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.rating or '-'}"

    @property
    def has_words(self) -> bool:
        return any((getattr(self, name) or "").strip() for name in self.WORD_FIELDS)

    @property
    def is_covered(self) -> bool:
        """Assessed (some words written) or the person chose not to discuss it."""
        return self.not_discussed or self.has_words


class Goal(Versioned):
    """A goal in the person's own words, with steps and a target date."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Working on it"
        ACHIEVED = "achieved", "Achieved"
        PARTLY = "partly", "Partly achieved"
        CHANGED = "changed", "Changed or dropped by the person"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="goals")
    assessment = models.ForeignKey(
        DomainAssessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals"
    )
    domain = models.CharField(max_length=30, choices=Domain.choices)
    description = models.TextField("the goal, in the person's words")
    target_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "status", "target_date"]

    def __str__(self) -> str:
        return self.description[:80]


class GoalStep(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    description = models.CharField(max_length=300)
    due_date = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    objects = GoalRowQuerySet.as_manager()

    class Meta:
        ordering = ["goal", "due_date", "id"]

    def __str__(self) -> str:
        return self.description


class GoalReview(models.Model):
    """Goal attainment recorded at a re-assessment."""

    class Attainment(models.IntegerChoices):
        MUCH_LESS = -2, "Much less than expected"
        LESS = -1, "Somewhat less than expected"
        EXPECTED = 0, "As expected"
        MORE = 1, "Somewhat more than expected"
        MUCH_MORE = 2, "Much more than expected"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(
        DomainAssessment, on_delete=models.CASCADE, related_name="goal_reviews"
    )
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews")
    attainment = models.SmallIntegerField(choices=Attainment.choices)
    note = models.TextField(blank=True)

    objects = GoalRowQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "goal"], name="one_review_per_goal"),
            models.CheckConstraint(
                condition=Q(attainment__gte=-2) & Q(attainment__lte=2),
                name="goal_attainment_minus2_to_2",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_attainment_display()}"


class BasicNeed(models.Model):
    """One basic need checked at an assessment (intake or a re-assessment): met or not,
    and where the person was referred when it is not (PSR practice parameters: services
    meet basic needs; housing, finances, food, clothing and transportation)."""

    class Need(models.TextChoices):
        HOUSING = "housing", "Housing"
        FINANCES = "finances", "Finances"
        FOOD = "food", "Food"
        CLOTHING = "clothing", "Clothing"
        TRANSPORTATION = "transportation", "Transportation"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(
        DomainAssessment, on_delete=models.CASCADE, related_name="basic_needs"
    )
    need = models.CharField(max_length=20, choices=Need.choices)
    met = models.BooleanField()
    referral = models.CharField(
        "referred to (or: the person declined a referral)", max_length=300, blank=True
    )

    objects = AssessmentRowQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "need"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "need"], name="one_check_per_basic_need_per_assessment"
            ),
            models.CheckConstraint(
                condition=Q(met=True) | ~Q(referral=""),
                name="basic_need_unmet_has_referral",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_need_display()}: {'met' if self.met else 'not met'}"


class InterventionRowQuerySet(SeekerRowQuerySet):
    seeker_path = "intervention__seeker"


class Intervention(Versioned):
    """A PSR intervention in the person's plan, serving one of their goals: which one
    (the short list of the PSR practice parameters), who provides it, where, how often,
    and when it is next reviewed. Re-evaluated at each re-assessment (InterventionReview)."""

    class Kind(models.TextChoices):
        # PSR practice parameters: interventions to build skills and supports.
        SKILLS_TRAINING = "skills_training", "Skills training (taught, modelled, rehearsed)"
        RESOURCE_IDENTIFICATION = "resource_identification", "Resource identification"
        TUTORING = "tutoring", "Tutoring"
        JOB_COACHING = "job_coaching", "Job coaching"
        JOB_SKILL_DEVELOPMENT = "job_skill_development", "Job-skill development"
        ADVOCACY = "advocacy", "Advocacy"
        COMMUNITY_EDUCATION = "community_education", "Community education"

    class Place(models.TextChoices):
        OFFICE = "office", "Office"
        COMMUNITY = "community", "Community"
        HOME = "home", "Home"
        WORKPLACE = "workplace", "Workplace"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="interventions")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="interventions")
    kind = models.CharField("intervention", max_length=30, choices=Kind.choices)
    details = models.TextField(
        "what it covers (for skills training: the skills taught, modelled and rehearsed)",
        blank=True,
    )
    provider = models.CharField("who provides it", max_length=200)
    place = models.CharField("where", max_length=20, choices=Place.choices)
    frequency = models.CharField("how often", max_length=100)
    started_on = models.DateField()
    review_date = models.DateField()
    stopped_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "goal", "started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_date__gte=F("started_on")),
                name="intervention_review_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=Q(stopped_on__isnull=True) | Q(stopped_on__gte=F("started_on")),
                name="intervention_stopped_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.frequency}, {self.get_place_display()})"


class InterventionReview(models.Model):
    """An intervention re-evaluated at a re-assessment (PSR practice parameters: goals,
    abilities and interventions are re-evaluated routinely): continue, change or stop,
    with the person's view."""

    class Decision(models.TextChoices):
        CONTINUE = "continue", "Continue"
        CHANGE = "change", "Change"
        STOP = "stop", "Stop"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(
        DomainAssessment, on_delete=models.CASCADE, related_name="intervention_reviews"
    )
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    person_view = models.TextField("the person's view", blank=True)
    change = models.TextField("what changes", blank=True)

    objects = InterventionRowQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "intervention"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "intervention"], name="one_review_per_intervention"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention}: {self.get_decision_display()}"


class CulturalPreference(models.Model):
    """The person's cultural values and preferences, in their words, as recorded on a day
    (PSR practice parameters: services are culturally sensitive). The latest is current;
    earlier ones are kept."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="cultural_preferences"
    )
    recorded_on = models.DateField()
    values_and_preferences = models.TextField(
        "values and preferences, in the person's words (language, faith, customs, how and "
        "by whom they want to be helped)"
    )
    recorded_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "-recorded_on", "-pk"]

    def __str__(self) -> str:
        return f"Cultural values and preferences of {self.seeker} ({self.recorded_on})"


class FamilyConsentQuerySet(SeekerRowQuerySet):
    def in_force(self, on):
        """Consent given by `on` and not withdrawn by then: whom staff may contact."""
        return self.filter(given_on__lte=on).filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)
        )


class FamilyConsent(Versioned):
    """The person's consent to involve a family member or friend: who, what may be shared,
    from when, and when it was withdrawn (PSR practice parameters: family involvement with
    the person's consent). Only consent in force makes the contact one staff may reach."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="family_consents")
    contact_name = models.CharField("who", max_length=200)
    relationship = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    scope = models.TextField("what may be shared, in the person's words")
    given_on = models.DateField("consent given on")
    withdrawn_on = models.DateField("consent withdrawn on", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FamilyConsentQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "contact_name", "-given_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="family_consent_withdrawn_on_or_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact_name} ({self.relationship or 'family'})"

    def is_withdrawn_by(self, day) -> bool:
        return self.withdrawn_on is not None and self.withdrawn_on <= day


class CoordinationContact(models.Model):
    """A contact with another service about the person: which service, the contact
    person there, the date and what was agreed (PSR practice parameters: services are
    coordinated; IPS fidelity: integration with the mental-health team and other services)."""

    class Service(models.TextChoices):
        PSYCHIATRY = "psychiatry", "Psychiatry"
        PRIMARY_CARE = "primary_care", "Primary care"
        SUBSTANCE_USE = "substance_use", "Substance use services"
        SUPPORTED_HOUSING = "supported_housing", "Supported housing"
        VOCATIONAL_REHABILITATION = "vocational_rehabilitation", "Vocational rehabilitation"
        MENTAL_HEALTH_TEAM = "mental_health_team", "Mental-health treatment team"
        OTHER = "other", "Other service"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="coordination_contacts"
    )
    service = models.CharField(max_length=30, choices=Service.choices)
    service_name = models.CharField("which one (agency or office)", max_length=200, blank=True)
    contact_person = models.CharField("contact person", max_length=200)
    date = models.DateField()
    agreed = models.TextField("what was agreed")
    logged_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_service_display()} ({self.contact_person}) on {date_format(self.date)}"


class BenefitsParameters(Versioned):
    """SSA work-incentive figures for one year (spec/metrics.md, Benefits). Reference data."""

    year = models.PositiveSmallIntegerField(unique=True)
    sga_non_blind = models.DecimalField(max_digits=8, decimal_places=2)
    sga_blind = models.DecimalField(max_digits=8, decimal_places=2)
    trial_work_month_above = models.DecimalField(max_digits=8, decimal_places=2)
    ssi_fbr_individual = models.DecimalField(max_digits=8, decimal_places=2)
    ssi_fbr_couple = models.DecimalField(max_digits=8, decimal_places=2)
    general_exclusion = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("20"))
    earned_income_exclusion = models.DecimalField(
        max_digits=6, decimal_places=2, default=Decimal("65")
    )
    student_exclusion_monthly = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        help_text="Student earned income exclusion, most a month (POMS SI 00820.510).",
    )
    student_exclusion_yearly = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        help_text="Student earned income exclusion, most in the calendar year.",
    )
    source = models.TextField(
        blank=True, help_text="Where each figure comes from (SSA page or POMS section)."
    )

    class Meta:
        ordering = ["-year"]
        verbose_name_plural = "benefits parameters"
        constraints = [
            models.CheckConstraint(
                condition=Q(student_exclusion_monthly__gte=0)
                & Q(student_exclusion_yearly__gte=F("student_exclusion_monthly")),
                name="student_exclusion_caps_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Benefits parameters {self.year}"


class Medicaid1619bThreshold(Versioned):
    """A state's 1619(b) threshold for a year: yearly gross earnings up to which
    Medicaid continues when SSI cash stops (spec/metrics.md, Benefits estimate).
    Reference data with its source; a superuser edits it."""

    parameters = models.ForeignKey(
        BenefitsParameters, on_delete=models.CASCADE, related_name="medicaid_thresholds"
    )
    state = models.CharField(max_length=2, help_text="Two-letter US state code, e.g. MI.")
    threshold = models.DecimalField(
        max_digits=9, decimal_places=2, help_text="Yearly gross earnings, dollars."
    )
    source = models.TextField(help_text="Where the figure comes from.")

    class Meta:
        ordering = ["parameters", "state"]
        verbose_name = "1619(b) threshold"
        constraints = [
            models.UniqueConstraint(
                fields=["parameters", "state"], name="one_1619b_threshold_per_state_year"
            ),
            models.CheckConstraint(condition=Q(threshold__gt=0), name="threshold_1619b_positive"),
        ]

    def __str__(self) -> str:
        return f"1619(b) threshold {self.state} {self.parameters.year}"


class BenefitsCounselling(Versioned):
    """That benefits (work-incentives) counselling happened, and when. Sensitive."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="benefits_counselling"
    )

    class Planner(models.TextChoices):
        WIPA = "wipa", "WIPA (Work Incentives Planning and Assistance) project"
        CWIC = "cwic", "CWIC (Community Work Incentives Coordinator)"
        OTHER = "other", "Other certified benefits planner"

    class Outcome(models.TextChoices):
        REFERRED = "referred", "Referred, waiting"
        SEEN = "seen", "Seen: a benefits plan was made"
        DECLINED = "declined", "The person declined"
        NOT_REACHED = "not_reached", "Could not be reached"

    date = models.DateField(help_text="The day of the referral or the counselling.")
    counsellor = models.CharField(max_length=200, blank=True)
    planner = models.CharField(
        max_length=10, choices=Planner.choices, blank=True, help_text="Certified benefits planner"
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    bpqy_received_on = models.DateField(
        null=True, blank=True, help_text="When SSA's Benefits Planning Query (BPQY) came back."
    )
    twp_months_used = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(9)],
        help_text="SSDI trial work months used so far (from the BPQY or the planner).",
    )
    notes = models.TextField(blank=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name_plural = "benefits counselling"
        constraints = [
            models.CheckConstraint(
                condition=Q(twp_months_used__isnull=True) | Q(twp_months_used__lte=9),
                name="counselling_twp_months_0_to_9",
            ),
        ]

    def __str__(self) -> str:
        return f"Benefits counselling for {self.seeker} on {date_format(self.date)}"


class WageReport(models.Model):
    """That a working person's pay for one month was reported to SSA. SSI: gross wages each
    month, in the first days of the next month and by its 10th at the latest (POMS
    SI 00820.143 monthly wage reporting, SI 02301.005 reporting responsibilities; 20 CFR
    416.714); SSDI: work and pay changes (20 CFR 404.1588). One row per person and month of
    pay; the specialist's home lists the months worked and not yet reported."""

    class How(models.TextChoices):
        APP = "app", "SSA Mobile Wage Reporting app"
        ONLINE = "online", "my Social Security or myWageReport (online)"
        PHONE = "phone", "SSI Telephone Wage Reporting"
        OFFICE = "office", "At or to the local Social Security office"
        PLANNER = "planner", "By the benefits planner or representative payee"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="wage_reports")
    month = models.DateField(help_text="The first day of the month whose pay was reported.")
    reported_on = models.DateField(help_text="The day the pay was reported to SSA.")
    how = models.CharField(max_length=10, choices=How.choices, blank=True)
    recorded_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["seeker", "month"], name="one_wage_report_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%B %Y} pay reported to SSA on {self.reported_on}"


class JobQuerySet(ProgramScopedQuerySet):
    def held_between(self, start, end):
        """Worked in a period: started by its end and not ended before its start."""
        return self.filter(start_date__lte=end).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start)
        )

    def started_between(self, start, end):
        return self.filter(start_date__gte=start, start_date__lte=end)

    def current(self):
        return self.filter(end_date__isnull=True)


class Job(Versioned):
    """A job start (and its end). Competitive: open to anyone, at least minimum wage,
    the same pay as co-workers, not set aside for people with disabilities."""

    class Disclosure(models.TextChoices):
        NONE = "none", "Employer not told"
        PARTIAL = "partial", "Employer told some things"
        FULL = "full", "Employer knows about the support"

    class EndReason(models.TextChoices):
        QUIT = "quit", "Left by choice"
        QUIT_BETTER_JOB = "better_job", "Left for a better job"
        FIRED = "fired", "Let go"
        LAID_OFF = "laid_off", "Laid off"
        TEMPORARY_ENDED = "temporary_ended", "Temporary job ended"
        HEALTH = "health", "Health reasons"
        OTHER = "other", "Other"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    ref = models.CharField("agency reference", max_length=64, blank=True)
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="jobs")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="jobs")
    opening = models.ForeignKey(
        JobOpening, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    title = models.CharField(max_length=200)
    occupation = models.ForeignKey(
        Occupation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    hourly_wage = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    paid_hours_to_date = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    competitive = models.BooleanField(default=True)
    permanent = models.BooleanField(default=True)
    disclosure = models.CharField(max_length=10, choices=Disclosure.choices, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    end_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    idempotency_key = key_field()

    # The same person starting at the same employer on the same day, minutes apart.
    DUPLICATE_FIELDS = ("seeker", "employer", "start_date")

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "ref"], condition=~Q(ref=""), name="job_ref_unique_per_program"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="job_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | (Q(hours_per_week__gte=0) & Q(hours_per_week__lte=80)),
                name="job_hours_0_to_80",
            ),
            models.CheckConstraint(
                condition=Q(hourly_wage__isnull=True) | Q(hourly_wage__gte=0),
                name="job_wage_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(paid_hours_to_date__isnull=True) | Q(paid_hours_to_date__gte=0),
                name="job_paid_hours_not_negative",
            ),
            key_constraint("job"),
        ]
        indexes = [models.Index(fields=["program", "start_date", "end_date"])]

    def __str__(self) -> str:
        return f"{self.title} at {self.employer.name} ({self.seeker})"


class MatchModel(models.Model):
    """A version of the recommender's weights, with its held-out quality."""

    version = models.CharField(max_length=40, unique=True)
    weights = models.JSONField(default=dict)
    metrics = models.JSONField(default=dict, blank=True)
    default_metrics = models.JSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=False)
    trained_on = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="one_active_match_model"
            ),
        ]

    def __str__(self) -> str:
        return f"Match model {self.version}"


class MatchQuerySet(ProgramScopedQuerySet):
    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(program_id__in=program_ids(user, CASEWORK_ROLES))

    def not_declined(self):
        """Matches whose opening staff have not marked not suitable for the person
        (jobseekers.services.mark_match_unsuitable): kept out of staff's lists and of what
        is pushed to the person (portal "Openings for you", weekly email); the public
        openings list is not filtered by it."""
        declined = MatchOutcome.objects.filter(
            seeker_id=models.OuterRef("seeker_id"),
            opening_id=models.OuterRef("opening_id"),
            kind=MatchOutcome.Kind.DECLINED,
        )
        return self.exclude(models.Exists(declined))


class Match(Versioned):
    """A stored recommendation: an opening for a seeker, its score and reasons."""

    # Recomputed in bulk every night: keep these rows out of Wagtail's reference index.
    wagtail_reference_index_ignore = True

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="matches")
    opening = models.ForeignKey(JobOpening, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField()
    rank = models.PositiveSmallIntegerField(default=0)
    features = models.JSONField(default=dict, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    distance_miles = models.FloatField(null=True, blank=True)
    model_version = models.CharField(max_length=40, default="default")
    computed_at = models.DateTimeField(auto_now=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "rank"]
        verbose_name_plural = "matches"
        constraints = [
            models.UniqueConstraint(fields=["seeker", "opening"], name="one_match_per_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.opening} for {self.seeker} ({self.score:.2f})"


class MatchOutcome(models.Model):
    """A labelled outcome the recommender learns from (matching.fit.GRADES), and, for an
    "I'm interested", the specialist's task until it is handled (issue 17, item 4): open
    while `handled_on` is empty; handled when the specialist records what came of it, or
    a job start or a planned introduction is made from it. A "not suitable" from staff
    (kind DECLINED, source "staff") carries the specialist's `reason`; "told" records that
    the specialist told the person about the opening (no grade: not evidence either way)."""

    class Kind(models.TextChoices):
        INTEREST = "interest", "Said they were interested"
        INTERVIEW = "interview", "Interview"
        HIRE = "hire", "Hired"
        RETAINED_90 = "retained_90", "Still employed at 90 days"
        DECLINED = "declined", "Not interested"
        TOLD = "told", "Specialist told the person about it"

    class Handling(models.TextChoices):
        TALKED = "talked", "Talked it over with the person"
        INTRODUCTION = "introduction", "Introduction to the employer planned"
        APPLIED = "applied", "Helped the person apply"
        JOB_START = "job_start", "Started the job"
        NOT_GOING_AHEAD = "not_going_ahead", "Not going ahead"
        NOT_REACHED = "not_reached", "Could not reach the person"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="match_outcomes")
    opening = models.ForeignKey(JobOpening, on_delete=models.CASCADE, related_name="match_outcomes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()
    source = models.CharField(max_length=20, default="staff")
    created_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(
        blank=True, help_text="Why staff judged the opening not suitable (kind DECLINED)."
    )
    recorded_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_on = models.DateField(null=True, blank=True)
    handling = models.CharField(max_length=20, choices=Handling.choices, blank=True)
    handled_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handling_note = models.TextField(blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["seeker", "opening", "kind"], name="one_outcome_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.seeker} / {self.opening}"


class InterestWithdrawal(models.Model):
    """A job seeker took back "I'm interested" on the portal (cms.services.withdraw_interest):
    the interest's open task is gone, so this row tells the specialist (their home for
    ips.home.selectors.WITHDRAWAL_SHOWN_DAYS, and one email: coaching.WithdrawalNotice)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="interest_withdrawals"
    )
    opening = models.ForeignKey(JobOpening, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    was_handled = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.seeker} no longer interested in {self.opening}"


class StatusCheckIn(models.Model):
    """A PSR status check-in: housing, education, justice, hospital use, supports and the
    person's own ratings, since the last check-in. Every field but the date is optional."""

    class Housing(models.TextChoices):
        OWN_OR_FAMILY = "own_or_family", "Own home or family home"
        SUPPORTED = "supported", "Supported housing"
        SHELTER = "shelter", "Shelter"
        HOMELESS = "homeless", "Homeless"
        INSTITUTION = "institution", "Hospital, prison or other institution"

    class Justice(models.TextChoices):
        NONE = "none", "None"
        NEW_CONTACT = "new_contact", "New contact with police or courts"
        NEW_CHARGE = "new_charge", "New charge"
        INCARCERATION = "incarceration", "Time in jail or prison"

    STABLE_HOUSING = ("own_or_family", "supported")
    NEW_JUSTICE = ("new_contact", "new_charge", "incarceration")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="check_ins")
    date = models.DateField()
    housing = models.CharField(max_length=20, choices=Housing.choices, blank=True)
    housing_moves = models.PositiveSmallIntegerField(
        "moves since the last check-in", null=True, blank=True
    )
    education_enrolled = models.BooleanField("enrolled in a course", null=True, blank=True)
    education_completed = models.BooleanField(
        "completed a course or credential", null=True, blank=True
    )
    justice = models.CharField(
        "justice involvement since the last check-in",
        max_length=20,
        choices=Justice.choices,
        blank=True,
    )
    inpatient_admissions = models.PositiveSmallIntegerField(
        "psychiatric hospital admissions", null=True, blank=True
    )
    inpatient_days = models.PositiveSmallIntegerField("days in hospital", null=True, blank=True)
    er_visits = models.PositiveSmallIntegerField("emergency-room visits", null=True, blank=True)
    social_supports = models.PositiveSmallIntegerField(
        "people the person can count on", null=True, blank=True
    )
    quality_of_life = models.PositiveSmallIntegerField(
        "the person's rating of their life (1-5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    service_rating = models.PositiveSmallIntegerField(
        "the person's rating of our services (1-5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    entered_by_person = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    idempotency_key = key_field()

    # One check-in per person and day, minutes apart, is a double submission.
    DUPLICATE_FIELDS = ("seeker", "date")

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "-date", "-id"]
        verbose_name = "status check-in"
        constraints = [
            models.CheckConstraint(
                condition=Q(quality_of_life__isnull=True)
                | (Q(quality_of_life__gte=1) & Q(quality_of_life__lte=5)),
                name="checkin_quality_of_life_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(service_rating__isnull=True)
                | (Q(service_rating__gte=1) & Q(service_rating__lte=5)),
                name="checkin_service_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(inpatient_days__isnull=True) | Q(inpatient_days__lte=366),
                name="checkin_inpatient_days_at_most_a_year",
            ),
            models.CheckConstraint(
                condition=Q(
                    housing__in=[
                        "",
                        "own_or_family",
                        "supported",
                        "shelter",
                        "homeless",
                        "institution",
                    ]
                ),
                name="checkin_housing_known",
            ),
            models.CheckConstraint(
                condition=Q(justice__in=["", "none", "new_contact", "new_charge", "incarceration"]),
                name="checkin_justice_known",
            ),
            key_constraint("status_checkin"),
        ]
        indexes = [models.Index(fields=["program", "date"])]

    def __str__(self) -> str:
        return f"Check-in for {self.seeker} on {date_format(self.date)}"
