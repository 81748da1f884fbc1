"""Anchors of the computed fidelity items and the outcome benchmarks, as data
(spec/metrics.md). Pure: no django."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

# A figure as the computations hold it: counts, exact fractions, hours as decimals.
Number = int | float | Decimal | Fraction


@dataclass(frozen=True)
class Anchors:
    """Thresholds for ratings 5, 4, 3, 2 (anything else is 1).

    `at_most=True`: a value at or under the threshold earns the rating (S1, V4);
    otherwise a value at or over it does.
    """

    thresholds: tuple[float, float, float, float] | None
    at_most: bool = False
    provisional: bool = False

    def rate(self, value: Number | None) -> int | None:
        """The 1-5 rating of a value, or None without a value or without anchors."""
        if value is None or self.thresholds is None:
            return None
        for rating, threshold in zip((5, 4, 3, 2), self.thresholds, strict=True):
            if (value <= threshold) if self.at_most else (value >= threshold):
                return rating
        return 1


@dataclass(frozen=True)
class ComputedItem:
    key: str
    title: str
    unit: str  # "ratio", "percent" or "days"
    anchors: Anchors
    measures: str


# Items marked *(verify)* in spec/metrics.md carry provisional=True and are shown
# as "provisional" wherever a rating appears.
COMPUTED_ITEMS: tuple[ComputedItem, ...] = (
    ComputedItem(
        "S1",
        "Caseload size",
        "ratio",
        Anchors((20, 25, 30, 40), at_most=True),
        "active job seekers on the last day ÷ specialist FTE",
    ),
    ComputedItem(
        "S2",
        "Employment services staff",
        "percent",
        Anchors((96, 90, 75, 60)),
        "% of specialists' logged hours spent on employment services",
    ),
    ComputedItem(
        "O1",
        "Integration through team assignment",
        "percent",
        # 5 needs every specialist at <= 2 teams and >= 90 % (see compute.o1_rating);
        # the lower anchors are ours, pending the official scale.
        Anchors((90, 80, 60, 40), provisional=True),
        "mean share of each specialist's caseload from their 2 largest mental-health teams",
    ),
    ComputedItem(
        "V4",
        "Rapid job search",
        "days",
        Anchors((30, 60, 150, 270), at_most=True, provisional=True),
        "mean days from entry to the first face-to-face employer contact naming the person",
    ),
    ComputedItem(
        "V6",
        "Frequent employer contact",
        "ratio",
        Anchors((6, 5, 3, 2), provisional=True),
        "face-to-face employer contacts per specialist per week",
    ),
    ComputedItem(
        "V8",
        "Diversity of job types",
        "percent",
        Anchors((85, 70, 60, 50), provisional=True),
        "distinct occupations ÷ jobs held (%)",
    ),
    ComputedItem(
        "V9",
        "Diversity of employers",
        "percent",
        Anchors((85, 70, 60, 50), provisional=True),
        "distinct employers ÷ jobs held (%)",
    ),
    ComputedItem(
        "V10",
        "Competitive jobs",
        "percent",
        Anchors((95, 85, 75, 64), provisional=True),
        "competitive jobs ÷ jobs held (%)",
    ),
    ComputedItem(
        "V12",
        "Time-unlimited follow-along supports",
        "percent",
        Anchors(None),
        "% of jobs started with face-to-face support in each of the first 4 weeks",
    ),
    ComputedItem(
        "V13",
        "Community-based services",
        "percent",
        Anchors((65, 50, 40, 10), provisional=True),
        "% of specialists' logged hours spent in the community",
    ),
)
ITEMS_BY_KEY = {item.key: item for item in COMPUTED_ITEMS}
ITEM_KEYS = tuple(item.key for item in COMPUTED_ITEMS)

# US outcome tiers (IPS Learning Community), best first.
TIERS: tuple[tuple[float, str], ...] = ((0.50, "excellent"), (0.41, "average"), (0.31, "minimal"))
BELOW_MINIMAL = "below_minimal"
UK_EMPLOYMENT_BENCHMARK = 0.40
UK_RETENTION_WARNING = 0.15
MAX_EMPLOYER_SHARE_WARNING = 15.0  # V9: percent of jobs at one employer
WEEKLY_CONTACT_GOAL = 6
UK_PAID_HOURS = 4  # a UK job start counts once the person has had 4 paid hours

# Fidelity review bands over the 25-item total (spec/metrics.md; 115 is *(verify)*).
BANDS: tuple[tuple[int, str], ...] = ((115, "exemplary"), (100, "good"), (74, "fair"))
NOT_IPS = "not_ips"
BAND_LABELS = {
    "exemplary": "Exemplary fidelity",
    "good": "Good fidelity",
    "fair": "Fair fidelity",
    "not_ips": "Not IPS",
}
BAND_PROVISIONAL = {"exemplary": True, "good": False, "fair": False, "not_ips": False}
TIER_LABELS = {
    "excellent": "Excellent (50 % or more)",
    "average": "Average (41 % or more)",
    "minimal": "Minimal (31 % or more)",
    "below_minimal": "Below the minimal standard (under 31 %)",
}
# The same tiers in a word or two, for table cells (the column heading gives the limits).
TIER_SHORT_LABELS = {
    "excellent": "Excellent",
    "average": "Average",
    "minimal": "Minimal",
    "below_minimal": "Below minimal",
}


def tier(rate: Number) -> str:
    """US employment-rate tier (spec/metrics.md, Outcomes)."""
    for threshold, name in TIERS:
        if rate >= threshold:
            return name
    return BELOW_MINIMAL


def band(total: int | None) -> str | None:
    """Band of a 25-item total: >= 115 exemplary, 100-114 good, 74-99 fair, <= 73 not IPS."""
    if total is None:
        return None
    for threshold, name in BANDS:
        if total >= threshold:
            return name
    return NOT_IPS
