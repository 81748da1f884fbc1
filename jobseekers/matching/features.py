"""Match features: plain arrays in, a (candidates x features) matrix out. No Django."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

EARTH_RADIUS_MILES = 3958.7613
FEATURE_NAMES = ("text", "occupation", "distance", "wage", "hours", "employer")
UNKNOWN = 0.5  # a neutral value when one side did not say (hours, wage)
UNKNOWN_DISTANCE = 0.3  # an opening not located yet: possible, but not preferred
SCHEDULES = ("", "daytime", "evenings", "nights", "weekends", "flexible", "mixed")
# O*NET-SOC levels as in ips.models.Occupation: detailed code[:7], broad [:6],
# minor [:5], major [:2]; on the integer 352014 ("35-2014.00") they are // 1, 10, 100, 10000.
OCCUPATION_LEVELS = ((1, 1.0), (10, 0.75), (100, 0.5), (10_000, 0.25))


def occupation_number(code: str | None) -> int:
    """ "35-2014.00" -> 352014 (the detailed SOC occupation); -1 when absent or malformed."""
    if not code or len(code) < 7 or code[2] != "-":
        return -1
    digits = code[:2] + code[3:7]
    return int(digits) if digits.isdigit() else -1


def schedule_number(schedule: str | None) -> int:
    """The index of an opening schedule in SCHEDULES (0 = not given)."""
    return SCHEDULES.index(schedule) if schedule in SCHEDULES else 0


@dataclass(frozen=True)
class OpeningTable:
    """Openings as parallel arrays (row i = one opening)."""

    ids: np.ndarray  # int64
    program_ids: np.ndarray  # int64
    employer_ids: np.ndarray  # int64
    latitude: np.ndarray  # float64, nan = not located
    longitude: np.ndarray
    hours: np.ndarray  # float64, nan = not given
    wage: np.ndarray  # float64, nan = not given
    schedule: np.ndarray  # int8 index into SCHEDULES
    occupation: np.ndarray  # int64 occupation_number, -1 = none
    is_open: np.ndarray  # bool
    shareable: np.ndarray  # bool
    employer_contacts: np.ndarray  # recent face-to-face contacts with the employer
    texts: list[str]  # title, occupation title and description, for TF-IDF
    titles: list[str]
    kinds: list[str]  # title and occupation title: the kind of work (for reasons)
    employer_names: list[str]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class SeekerProfile:
    """What a job seeker asked for (the current career profile), as plain values."""

    seeker_id: int
    program_id: int
    latitude: float | None = None
    longitude: float | None = None
    travel_mode: str = ""
    max_commute_miles: float | None = None
    min_hours: float | None = None
    max_hours: float | None = None
    schedules: tuple[str, ...] = ()
    wanted_wage: float | None = None
    preferred_occupations: tuple[str, ...] = ()
    ruled_out_occupations: tuple[str, ...] = ()
    ruled_out_employers: tuple[int, ...] = ()
    wanted_job_titles: str = ""
    interests: str = ""
    strengths: str = ""
    skills: str = ""
    past_job_titles: tuple[str, ...] = field(default_factory=tuple)

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def text(self) -> str:
        """The words TF-IDF compares with openings."""
        parts = (
            self.wanted_job_titles,
            self.interests,
            self.strengths,
            self.skills,
            *self.past_job_titles,
        )
        return "\n".join(p for p in parts if p)


def occupation_match(opening_codes: np.ndarray, preferred: tuple[str, ...]) -> np.ndarray:
    """1 same detailed occupation, .75 broad, .5 minor group, .25 major group, else 0."""
    out = np.zeros(len(opening_codes), dtype=float)
    wanted = np.array([n for n in map(occupation_number, preferred) if n >= 0], dtype=np.int64)
    if wanted.size == 0:
        return out
    known = opening_codes >= 0
    for divisor, value in reversed(OCCUPATION_LEVELS):
        level = opening_codes // divisor
        hit = np.zeros(len(opening_codes), dtype=bool)
        for code in np.unique(wanted // divisor):  # a handful of wanted codes, not pairs
            hit |= level == code
        out[hit & known] = value
    return out


def distance_decay(miles: np.ndarray, limit_miles: float) -> np.ndarray:
    """Halves every half of the commute limit: 1 on the doorstep, .25 at the limit."""
    half = max(limit_miles / 2.0, 0.5)
    out = np.power(0.5, np.asarray(miles, dtype=float) / half)
    return np.where(np.isnan(out), UNKNOWN_DISTANCE, out)


def wage_fit(wage: np.ndarray, wanted: float | None) -> np.ndarray:
    """1 at or above the wanted wage, falling with the square of the shortfall."""
    wage = np.asarray(wage, dtype=float)
    if not wanted or wanted <= 0:
        return np.full(len(wage), UNKNOWN)
    out = np.clip(wage / wanted, 0.0, 1.0) ** 2
    return np.where(np.isnan(out), UNKNOWN, out)


def wanted_hours_midpoint(min_hours: float | None, max_hours: float | None) -> float | None:
    """The middle of the hours the person wants, or the one bound they gave."""
    if min_hours is not None and max_hours is not None:
        return (min_hours + max_hours) / 2.0
    return min_hours if min_hours is not None else max_hours


def hours_fit(hours: np.ndarray, min_hours: float | None, max_hours: float | None) -> np.ndarray:
    """1 at the middle of the wanted hours, 0 twenty hours a week away from it."""
    hours = np.asarray(hours, dtype=float)
    mid = wanted_hours_midpoint(min_hours, max_hours)
    if mid is None:
        return np.full(len(hours), UNKNOWN)
    out = np.clip(1.0 - np.abs(hours - mid) / 20.0, 0.0, 1.0)
    return np.where(np.isnan(out), UNKNOWN, out)


def employer_relationship(face_to_face_contacts: np.ndarray) -> np.ndarray:
    """0 with no recent face-to-face contact; 0.63 at three; towards 1 with more."""
    return 1.0 - np.exp(-np.asarray(face_to_face_contacts, dtype=float) / 3.0)


def feature_matrix(
    seeker: SeekerProfile,
    openings: OpeningTable,
    rows: np.ndarray,
    miles: np.ndarray,
    text_similarity: np.ndarray,
    limit_miles: float,
) -> np.ndarray:
    """Features (columns in FEATURE_NAMES order) of the openings at `rows` for one seeker."""
    return np.column_stack(
        (
            np.clip(np.asarray(text_similarity, dtype=float), 0.0, 1.0),
            occupation_match(openings.occupation[rows], seeker.preferred_occupations),
            distance_decay(miles, limit_miles),
            wage_fit(openings.wage[rows], seeker.wanted_wage),
            hours_fit(openings.hours[rows], seeker.min_hours, seeker.max_hours),
            employer_relationship(openings.employer_contacts[rows]),
        )
    )


def haversine_miles(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle miles from one point to many (nan where a point is unknown)."""
    p1, p2 = np.radians(lat), np.radians(np.asarray(lats, dtype=float))
    dp, dl = p2 - p1, np.radians(np.asarray(lons, dtype=float) - lon)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    miles: np.ndarray = 2 * EARTH_RADIUS_MILES * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return miles
