"""PSR assessment and plan: the eleven life domains and their ratings, basic needs, goals
with their steps and reviews, interventions with their reviews."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format

from ips.models import Program, StaffMember
from ips.versioning import Versioned
from jobseekers.models.records import (
    AssessmentRowQuerySet,
    GoalRowQuerySet,
    JobSeeker,
    SeekerRowQuerySet,
)


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
