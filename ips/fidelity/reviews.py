"""Rows for showing a fidelity review: the scale item, the reviewer's rating, and the
computed figure beside it as evidence (never substituted)."""

from __future__ import annotations

from django.utils.formats import date_format

from ips.fidelity.anchors import BAND_LABELS, BAND_PROVISIONAL, ITEMS_BY_KEY, band
from ips.fidelity.models import FidelityReview
from ips.fidelity.rubric import ITEMS


def _computed(key: str, value, rating) -> str:
    if key not in ITEMS_BY_KEY:
        return ""
    if value is None:
        return "no data"
    spec = ITEMS_BY_KEY[key]
    unit = {"percent": " %", "days": " days"}.get(spec.unit, "")
    shown = f"{value}{unit}"
    if rating:
        shown += f" (would rate {rating}{', provisional' if spec.anchors.provisional else ''})"
    return shown


def review_rows(review: FidelityReview | None = None) -> list[dict]:
    """One row per scale item, in scale order, with the review's rating when given."""
    saved = {r.item_key: r for r in review.ratings.all()} if review else {}
    rows = []
    for item in ITEMS:
        rating = saved.get(item.key)
        note = rating.note if rating else ""
        evidence = rating.evidence if rating else ""
        rows.append(
            {
                "key": item.key,
                "title": item.title,
                "label": f"{item.key} {item.title}",
                "section": item.section,
                "criterion": item.criterion,
                "anchors": list(enumerate(item.anchors, start=1)),
                "rating": rating.rating if rating else None,
                "computed_rating": rating.computed_rating if rating else None,
                "note_only": note,
                "evidence": evidence,
                "note": " / ".join(x for x in (note, evidence) if x),
                "computed": _computed(
                    item.key,
                    rating.computed_value if rating else None,
                    rating.computed_rating if rating else None,
                ),
            }
        )
    return rows


def review_summary(review: FidelityReview) -> list[str]:
    """Lines for the head of a review: period, reviewers, total and band."""
    lines = [
        f"Period reviewed: {date_format(review.period_start)} to {date_format(review.period_end)}",
        f"Reviewers: {review.reviewers or '-'}",
        f"Scale: {review.scale_version}",
    ]
    rated = sum(1 for r in review.ratings.all() if r.rating)
    total = review.total if review.total is not None else review.compute_total()
    if total is None:
        lines.append(f"Total: not yet ({rated} of 25 items rated)")
    else:
        name = band(total)
        flag = " (provisional threshold)" if BAND_PROVISIONAL[name] else ""
        lines.append(f"Total: {total} of 125, {BAND_LABELS[name]}{flag}")
    if review.summary:
        lines.append(review.summary)
    return lines
