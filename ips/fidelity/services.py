"""Writes of the fidelity review: start (with computed evidence and the carried action
plan), rate, complete."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from ips.fidelity.compute import fidelity_items
from ips.fidelity.models import ActionItem, FidelityReview, ItemRating
from ips.fidelity.rubric import ITEM_KEYS, review_total
from ips.fidelity.selectors import program_facts
from ips.models import Program
from ips.versioning import StaleCopyError, bumped, save_if_unchanged


@transaction.atomic
def start_review(
    *,
    program: Program,
    review_date: dt.date,
    period_start: dt.date,
    period_end: dt.date,
    reviewers: str = "",
    summary: str = "",
) -> FidelityReview:
    """A new review: 25 unrated items with the computed figures beside them as evidence,
    and every open action of the previous review carried into it."""
    review = FidelityReview.objects.create(
        program=program,
        review_date=review_date,
        period_start=period_start,
        period_end=period_end,
        reviewers=reviewers,
        summary=summary,
    )
    computed = fidelity_items(program_facts(program, period_start, period_end))
    ItemRating.objects.bulk_create(
        [
            ItemRating(
                program=program,
                review=review,
                item_key=key,
                computed_value=computed[key].value if key in computed else None,
                computed_rating=computed[key].rating if key in computed else None,
            )
            for key in ITEM_KEYS
        ]
    )
    previous = (
        FidelityReview.objects.filter(program=program, review_date__lte=review_date)
        .exclude(pk=review.pk)
        .order_by("-review_date", "-id")
        .first()
    )
    if previous is not None:
        ActionItem.objects.bulk_create(
            [
                ActionItem(
                    program=program,
                    review=review,
                    item_key=action.item_key,
                    action=action.action,
                    owner=action.owner,
                    due_date=action.due_date,
                    carried_from=action,
                )
                for action in previous.actions.filter(status=ActionItem.Status.OPEN)
            ]
        )
    return review


@transaction.atomic
def rate_items(
    *,
    review: FidelityReview,
    ratings: dict[str, tuple[int | None, str, str]],
    expected_version: int | None = None,
) -> FidelityReview:
    """Save the reviewer's rating, note and evidence per item (a draft can be saved
    half-done). A screen passes the review version it showed: StaleCopyError, nothing
    saved, when someone saved the review since."""
    if review.status == FidelityReview.Status.COMPLETED:
        raise ValidationError("A completed review cannot be changed.")
    # One conditional UPDATE of the review row gates (and locks) the ratings written below.
    drafts = FidelityReview.objects.filter(pk=review.pk, status=FidelityReview.Status.DRAFT)
    if expected_version is None:
        drafts.update(**bumped())
        review.__dict__.pop("version", None)  # read again when next asked for
    elif drafts.filter(version=expected_version).update(**bumped()):
        review.version = expected_version + 1
    else:
        raise StaleCopyError
    rows = {r.item_key: r for r in review.ratings.all()}
    for key, (rating, note, evidence) in ratings.items():
        row = rows[key]
        row.rating, row.note, row.evidence = rating, note, evidence
    ItemRating.objects.bulk_update(rows.values(), ["rating", "note", "evidence"])
    return review


@transaction.atomic
def complete_review(
    *, review: FidelityReview, expected_version: int | None = None
) -> FidelityReview:
    """Close the review with its total; refused until all 25 items are rated, and
    (StaleCopyError) when the review changed since `expected_version`."""
    total = review_total(review.ratings_by_key())
    if total is None:
        missing = [k for k, v in review.ratings_by_key().items() if v is None]
        raise ValidationError(f"Rate every item first (not rated: {', '.join(missing)}).")
    review.total, review.status = total, FidelityReview.Status.COMPLETED
    save_if_unchanged(
        review, expected_version=expected_version, update_fields=["total", "status", "updated_at"]
    )
    return review


def add_action_item(
    *,
    review: FidelityReview,
    item_key: str,
    action: str,
    owner: str,
    due_date=None,
    status: str = ActionItem.Status.OPEN,
) -> ActionItem:
    """Add an item to the review's action plan, before or after the review is completed
    (the plan is worked on for months after the visit)."""
    return ActionItem.objects.create(
        program=review.program, review=review, item_key=item_key, action=action,
        owner=owner, due_date=due_date, status=status,
    )  # fmt: skip


def set_action_status(*, review: FidelityReview, action_id: int, status: str) -> ActionItem:
    """Mark one of the review's action items open, done or dropped.

    Raises ActionItem.DoesNotExist for an item of another review, ValidationError for an
    unknown status."""
    if status not in ActionItem.Status.values:
        raise ValidationError(f"{status!r} is not an action status.")
    item = review.actions.get(pk=action_id)
    item.status = status
    item.save(update_fields=["status"])
    return item
