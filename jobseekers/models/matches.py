"""The recommender's stored results: weight versions, matches with their reasons, what
came of them (interest, told, unsuitable) and withdrawals of interest."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from employers.models import JobOpening
from ips.models import Program, StaffMember
from ips.querysets import ProgramScopedQuerySet
from ips.roles import CASEWORK_ROLES, program_ids
from ips.versioning import Versioned
from jobseekers.models.records import JobSeeker, SeekerRowQuerySet


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
        return f"{self.opening} for {self.seeker}"

    def get_distance_miles_display(self) -> str:
        """The distance as every page says it (reasons.miles_words), e.g. on the match's
        own page: "12 miles away", not "12.34"."""
        from jobseekers.matching.reasons import miles_words  # numpy: only when shown

        if self.distance_miles is None:
            return "not known"
        return f"{miles_words(self.distance_miles)} away"


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
