"""Fidelity reviews: a reviewer's 25 ratings with notes and evidence, and the action plan."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from ips.fidelity.rubric import ITEM_KEYS, SCALE_VERSION, review_total
from ips.models import Program
from ips.querysets import ProgramScopedQuerySet
from ips.roles import LEADERSHIP, program_ids
from ips.versioning import Versioned

ITEM_CHOICES = [(key, key) for key in ITEM_KEYS]


class LeadershipQuerySet(ProgramScopedQuerySet):
    def for_user(self, user):
        """Fidelity reviews are for the program's supervisors and directors."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(program_id__in=program_ids(user, LEADERSHIP))

    def completed(self):
        return self.filter(status=FidelityReview.Status.COMPLETED)


class FidelityReview(Versioned):
    """One fidelity review of a program against one version of the 25-item scale."""

    class Status(models.TextChoices):
        DRAFT = "draft", "In progress"
        COMPLETED = "completed", "Completed"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="reviews")
    scale_version = models.CharField(max_length=40, default=SCALE_VERSION)
    review_date = models.DateField(help_text="The day the review was carried out.")
    period_start = models.DateField(help_text="First day of the period reviewed.")
    period_end = models.DateField(help_text="Last day of the period reviewed.")
    reviewers = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    total = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LeadershipQuerySet.as_manager()

    class Meta:
        ordering = ["-review_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="review_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | (Q(total__gte=25) & Q(total__lte=125)),
                name="review_total_25_to_125",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(total__isnull=False),
                name="review_completed_has_total",
            ),
        ]

    def __str__(self) -> str:
        return f"Fidelity review of {self.program} on {self.review_date}"

    def ratings_by_key(self) -> dict[str, int | None]:
        return {r.item_key: r.rating for r in self.ratings.all()}

    def compute_total(self) -> int | None:
        return review_total(self.ratings_by_key())


class ItemRating(models.Model):
    """The reviewer's rating of one scale item, with a note and the evidence used."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    review = models.ForeignKey(FidelityReview, on_delete=models.CASCADE, related_name="ratings")
    item_key = models.CharField(max_length=4, choices=ITEM_CHOICES)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    computed_value = models.FloatField(
        null=True, blank=True, help_text="The computed figure shown beside the rating."
    )
    computed_rating = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = LeadershipQuerySet.as_manager()

    class Meta:
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item_key"], name="one_rating_per_item"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | (Q(rating__gte=1) & Q(rating__lte=5)),
                name="item_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_key}: {self.rating or '-'}"


class ActionItem(models.Model):
    """One step of the action plan after a review; open steps carry into the next review."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    review = models.ForeignKey(FidelityReview, on_delete=models.CASCADE, related_name="actions")
    item_key = models.CharField(max_length=4, choices=ITEM_CHOICES)
    action = models.TextField()
    owner = models.CharField(max_length=200)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_into"
    )

    objects = LeadershipQuerySet.as_manager()

    class Meta:
        ordering = ["review", "due_date", "id"]

    def __str__(self) -> str:
        return f"{self.item_key}: {self.action[:60]}"


class ImportUpload(models.Model):
    """Files uploaded in the workspace for `import_program`: previewed, then confirmed."""

    class Status(models.TextChoices):
        CHECKING = "checking", "Checking the files"
        PREVIEW = "preview", "Ready to confirm"
        REJECTED = "rejected", "Problems found; nothing imported"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Stopped by an error; nothing imported"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    files = models.JSONField(default=dict, help_text="File name -> base64 content.")

    class DateOrder(models.TextChoices):
        ISO = "", "Only YYYY-MM-DD (2026-04-09)"
        MDY = "MDY", "Month first (04/09/2026 is April 9)"
        DMY = "DMY", "Day first (04/09/2026 is 4 September)"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    dates = models.CharField(
        "Dates written",
        max_length=3,
        choices=DateOrder.choices,
        blank=True,
        default="",
        help_text="How the files write dates other than YYYY-MM-DD.",
    )
    preview = models.JSONField(
        default=dict, blank=True, help_text="File name -> the first rows as read, and counts."
    )
    rows = models.PositiveIntegerField(default=0)
    progress_done = models.PositiveSmallIntegerField(default=0)
    progress_total = models.PositiveSmallIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LeadershipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import into {self.program} ({self.get_status_display()})"

    @property
    def running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)
