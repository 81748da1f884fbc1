"""Hard filters: an opening that fails one is never shown to the person. No Django."""

from __future__ import annotations

import numpy as np

from jobseekers.matching.features import (
    SCHEDULES,
    OpeningTable,
    SeekerProfile,
    occupation_number,
)

# Miles a person can reasonably travel each way when they did not give a limit.
DEFAULT_COMMUTE_MILES = {"walk": 1.5, "bike": 5.0, "bus": 10.0, "ride": 15.0, "car": 25.0}
FALLBACK_COMMUTE_MILES = 10.0
ALWAYS_COMPATIBLE_SCHEDULES = ("", "flexible")


def commute_limit(travel_mode: str, max_commute_miles: float | None) -> float:
    """The person's own limit, else the default for how they travel."""
    if max_commute_miles is not None and max_commute_miles >= 0:
        return float(max_commute_miles)
    return DEFAULT_COMMUTE_MILES.get(travel_mode, FALLBACK_COMMUTE_MILES)


def is_open(openings: OpeningTable, rows: np.ndarray) -> np.ndarray:
    """Only open openings."""
    mask: np.ndarray = openings.is_open[rows]  # indexing is typed Any by numpy's stubs
    return mask


def visible_to_program(openings: OpeningTable, rows: np.ndarray, program_id: int) -> np.ndarray:
    """The person's own program's openings, and any program's public (shareable) ones."""
    mask: np.ndarray = (openings.program_ids[rows] == program_id) | openings.shareable[rows]
    return mask


def within_commute(miles: np.ndarray, limit_miles: float) -> np.ndarray:
    """Within the commute limit; an opening not yet located is kept (distance unknown)."""
    miles = np.asarray(miles, dtype=float)
    mask: np.ndarray = np.isnan(miles) | (miles <= limit_miles)
    return mask


def hours_compatible(
    hours: np.ndarray, min_hours: float | None, max_hours: float | None
) -> np.ndarray:
    """Weekly hours inside the wanted range (either bound may be open; unknown hours pass)."""
    hours = np.asarray(hours, dtype=float)
    ok = np.ones(len(hours), dtype=bool)
    if min_hours is not None:
        ok &= ~(hours < min_hours)
    if max_hours is not None:
        ok &= ~(hours > max_hours)
    return ok


def schedule_compatible(schedule_codes: np.ndarray, preferred: tuple[str, ...]) -> np.ndarray:
    """A schedule the person can work; flexible or unstated schedules always pass."""
    if not preferred:
        return np.ones(len(schedule_codes), dtype=bool)
    allowed = np.array(
        [s in preferred or s in ALWAYS_COMPATIBLE_SCHEDULES for s in SCHEDULES], dtype=bool
    )
    mask: np.ndarray = allowed[schedule_codes]
    return mask


def not_ruled_out(
    employer_ids: np.ndarray,
    occupation_codes: np.ndarray,
    ruled_out_employers: tuple[int, ...],
    ruled_out_occupations: tuple[str, ...],
) -> np.ndarray:
    """Not at an employer, nor in a kind of work (detailed occupation), the person ruled out."""
    ok = ~np.isin(employer_ids, np.asarray(ruled_out_employers, dtype=np.int64))
    codes = [n for n in map(occupation_number, ruled_out_occupations) if n >= 0]
    if codes:
        ok &= ~np.isin(occupation_codes, np.asarray(codes, dtype=np.int64))
    return ok


def passes_hard_filters(
    seeker: SeekerProfile,
    openings: OpeningTable,
    rows: np.ndarray,
    miles: np.ndarray,
    limit_miles: float,
) -> np.ndarray:
    """All hard filters at once, for the openings at `rows` (a boolean mask over `rows`)."""
    mask: np.ndarray = (
        is_open(openings, rows)
        & visible_to_program(openings, rows, seeker.program_id)
        & within_commute(miles, limit_miles)
        & hours_compatible(openings.hours[rows], seeker.min_hours, seeker.max_hours)
        & schedule_compatible(openings.schedule[rows], seeker.schedules)
        & not_ruled_out(
            openings.employer_ids[rows],
            openings.occupation[rows],
            seeker.ruled_out_employers,
            seeker.ruled_out_occupations,
        )
    )
    return mask
