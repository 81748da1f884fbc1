"""Fidelity reviews: a reviewer's 25 ratings with notes and evidence, and the action plan."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format

from ips.fidelity.rubric import ITEM_KEYS, SCALE_VERSION, review_total
from ips.models import Program
from ips.querysets import LeadershipQuerySet
from ips.versioning import Versioned

ITEM_CHOICES = [(key, key) for key in ITEM_KEYS]


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
        return f"Fidelity review of {self.program} on {date_format(self.review_date)}"

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
