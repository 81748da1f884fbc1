"""Reasons in plain words for one match ("12 miles away, by bus"). No Django."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobseekers.matching.features import SeekerProfile

TRAVEL_WORDS = {
    "walk": "walking",
    "bike": "by bike",
    "bus": "by bus",
    "car": "by car",
    "ride": "with a lift",
}
SCHEDULE_WORDS = {
    "daytime": "weekday daytime hours",
    "evenings": "evening hours",
    "nights": "night hours",
    "weekends": "weekend hours",
    "flexible": "flexible hours",
    "mixed": "mixed shifts",
}
OCCUPATION_WORDS = {
    1.0: "the kind of work you asked for",
    0.75: "very close to the kind of work you asked for",
    0.5: "similar to the kind of work you asked for",
    0.25: "in the same line of work you asked for",
}
STRONG_RELATIONSHIP = 0.6  # about three face-to-face visits recently
_WORD = re.compile(r"[a-z][a-z']+")
_SPLIT = re.compile(r"[,;\n/]+|\band\b")
_STOP = frozenset(
    "a an the to of in on at for with and or i im i'm my me like love good work working job jobs "
    "being doing people things".split()
)


def words(text: str) -> set[str]:
    """Lower-case content words, crudely stemmed (cooking -> cook, dishes -> dish)."""
    out = set()
    for word in _WORD.findall(text.lower()):
        if word in _STOP or len(word) < 3:
            continue
        for suffix in ("ing", "ers", "er", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        out.add(word)
    return out


def phrases(text: str) -> list[str]:
    """The person's own phrases, split at commas, semicolons, new lines and "and"."""
    return [p.strip(" .") for p in _SPLIT.split(text or "") if p and p.strip(" .")]


# A stored distance reason, as distance_words writes it: pages that show the distance
# once (a card's figure, a Distance column) leave it out of the reasons.
DISTANCE_REASON = re.compile(r"\bmiles? away\b|\bless than a mile\b")


def miles_figure(miles: float) -> str:
    """The one rounding rule for a distance shown to people: one decimal under 10 miles
    ("3.5", "4"), whole miles from 10 ("12"). Not meant for under a mile (miles_words)."""
    if miles < 10:
        return f"{miles:.1f}".removesuffix(".0")
    return f"{round(miles)}"


def miles_words(miles: float) -> str:
    """ "12 miles"; "3.5 miles"; "1 mile"; "less than a mile"."""
    if miles < 1:
        return "less than a mile"
    if miles < 1.5:
        return "1 mile"
    return f"{miles_figure(miles)} miles"


def distance_words(miles: float, travel_mode: str) -> str:
    """ "12 miles away, by bus"; "less than a mile away, walking"."""
    text = f"{miles_words(miles)} away"
    how = TRAVEL_WORDS.get(travel_mode)
    return f"{text}, {how}" if how else text


def is_distance_reason(reason: str) -> bool:
    """Whether a stored reason is the distance ("12 miles away, by bus")."""
    return bool(DISTANCE_REASON.search(reason))


# Words that say little about the kind of work on their own: "line cook" is not matched by
# any opening whose text says "bus line", nor by a "Production line worker".
GENERIC_JOB_WORDS = frozenset(
    words(
        "line assistant helper worker aide crew member team associate attendant clerk staff "
        "general entry level part full time position shift lead senior junior trainee"
    )
)


def _names_this_kind(title: str, kind_words: set[str]) -> bool:
    """Whether a wanted or past job ("line cook") is the kind of work of an opening whose
    title and occupation title give `kind_words`: every telling word of it is there."""
    title_words = words(title)
    telling = title_words - GENERIC_JOB_WORDS or title_words
    return bool(telling) and telling <= kind_words


def _phrase_reasons(
    seeker: SeekerProfile, opening_words: set[str], kind_words: set[str]
) -> list[str]:
    """The person's own words found in the opening: a wanted or past job only when it is
    the opening's kind of work (its title or occupation), interests, strengths and skills
    anywhere in its text."""
    found = []
    for phrase in phrases(seeker.wanted_job_titles):
        if _names_this_kind(phrase, kind_words):
            found.append(f"you asked for jobs like {phrase.lower()}")
            break
    sources = (
        (seeker.interests, "you said you like {}"),
        (seeker.strengths, "you said you are good at {}"),
        (seeker.skills, "it uses your skill: {}"),
    )
    for text, template in sources:
        for phrase in phrases(text):
            if words(phrase) & opening_words:
                found.append(template.format(phrase.lower()))
                break
    for title in seeker.past_job_titles:
        if title and _names_this_kind(title, kind_words):
            found.append(f"like your past job as {title.lower()}")
            break
    return found


def reasons_for(
    seeker: SeekerProfile,
    features: dict[str, float],
    *,
    miles: float | None,
    opening_text: str,
    opening_kind: str,
    hours: float | None,
    wage: float | None,
    schedule: int,
) -> list[str]:
    """Plain-language reasons for one match, most telling first. `opening_text` is all of
    the opening's words; `opening_kind` its title and occupation title, the only place a
    wanted or past job is looked for (a description's "bus line" is not "line cook")."""
    # features (and numpy) load here, not with the module: the staff screens' words
    # (fit_words, about_person) load at start-up and need neither (tests/test_startup.py).
    from jobseekers.matching.features import SCHEDULES

    reasons: list[str] = []
    occupation = features.get("occupation", 0.0)
    if occupation in OCCUPATION_WORDS:
        reasons.append(OCCUPATION_WORDS[occupation])
    reasons.extend(_phrase_reasons(seeker, words(opening_text), words(opening_kind)))
    if miles is not None and not math.isnan(miles):
        reasons.append(distance_words(miles, seeker.travel_mode))
    if wage is not None and not math.isnan(wage) and seeker.wanted_wage:
        if wage >= seeker.wanted_wage:
            reasons.append(f"pays ${wage:.2f} an hour, what you asked for or more")
    if hours is not None and not math.isnan(hours) and features.get("hours", 0) >= 0.75:
        reasons.append(f"{hours:g} hours a week, about what you want")
    name = SCHEDULES[schedule] if 0 <= schedule < len(SCHEDULES) else ""
    if seeker.schedules and name in seeker.schedules:
        reasons.append(f"{SCHEDULE_WORDS[name]}, as you wanted")
    if features.get("employer", 0.0) >= STRONG_RELATIONSHIP:
        reasons.append("your employment specialist knows this employer well")
    return reasons


# Staff screens speak about the person, not to them (issue 17, item 4: "you said you are
# good at works hard" on a staff screen). The person's own words are quoted as written.
_ABOUT_PERSON = (
    (re.compile(r"^you asked for jobs like (.+)$"), "they asked for jobs like “{}”"),
    (re.compile(r"^you said you like (.+)$"), "their interests include “{}”"),
    (re.compile(r"^you said you are good at (.+)$"), "their strengths include “{}”"),
    (re.compile(r"^it uses your skill: (.+)$"), "it uses their skill “{}”"),
    (re.compile(r"^like your past job as (.+)$"), "like their past job as {}"),
)
_PRONOUNS = (
    ("you asked for", "they asked for"),
    ("what you want", "what they want"),
    ("as you wanted", "as they wanted"),
    ("your employment specialist", "their employment specialist"),
)


def about_person(reason: str) -> str:
    """A stored match reason (written to the person, `reasons_for`) as staff read it:
    third person, starting with a capital ("you said you are good at works hard" ->
    "Their strengths include “works hard”"). A reason not known here is shown as stored."""
    text = reason
    for pattern, template in _ABOUT_PERSON:
        found = pattern.match(reason)
        if found:
            text = template.format(found.group(1))
            break
    else:
        for mine, theirs in _PRONOUNS:
            text = text.replace(mine, theirs)
    return text[:1].upper() + text[1:]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def fit_words(rank: int) -> str:
    """A stored match's place among the person's openings as staff read it, never the raw
    score (red-team finding, issue 17: "1.473632"): 1 -> "Best fit for the person",
    3 -> "3rd best fit for the person"; 0 (not ranked yet) -> "Not ranked yet". The other
    match screens list matches "best first" in this order."""
    if rank < 1:
        return "Not ranked yet"
    if rank == 1:
        return "Best fit for the person"
    return f"{_ordinal(rank)} best fit for the person"


def place_words(place: int, count: int) -> str:
    """A match's place among the person's current openings, in words and counted: (1, 7) ->
    "Best fit (1st of 7 openings for this person)", (3, 7) -> "3rd best fit (of 7 openings
    for this person)", (1, 1) -> "Best fit (the only opening for this person)"."""
    if count <= 1:
        return "Best fit (the only opening for this person)"
    if place == 1:
        return f"Best fit (1st of {count} openings for this person)"
    return f"{_ordinal(place)} best fit (of {count} openings for this person)"
