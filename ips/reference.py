"""Reference data shipped with the product: O*NET occupations and the role groups.

Loaded by migrations and re-loadable at any time (idempotent), e.g. after a test
database flush.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ips.search import fold, query_words

ONET_TSV = Path(__file__).resolve().parent.parent / "data" / "onet_occupations.tsv"
PLAIN_TITLES_TSV = ONET_TSV.with_name("onet_plain_titles.tsv")
ROLE_GROUPS = ("Employment specialists", "Job coaches", "Supervisors", "Directors")


def read_occupations() -> list[dict[str, str]]:
    """Rows of the O*NET 29.2 occupation list (USDOL/ETA, CC BY 4.0)."""
    with ONET_TSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            {"code": r["O*NET-SOC Code"], "title": r["Title"], "description": r["Description"]}
            for r in reader
        ]


@cache
def plain_titles() -> dict[str, dict[str, str]]:
    """{O*NET-SOC code: {"en": plain title, "es": Spanish plain title}} from
    data/onet_plain_titles.tsv: short everyday names job seekers see ("Housekeeper" for
    37-2012.00 "Maids and Housekeeping Cleaners"). Reviewed by people, kept beside the O*NET
    list; the code stays the key for matching. Read once per process."""
    with PLAIN_TITLES_TSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {
            r["O*NET-SOC Code"]: {"en": r["Plain title"], "es": r["Plain title (Spanish)"]}
            for r in reader
        }


def plain_title_codes(word: str) -> list[str]:
    """O*NET codes whose plain title, in English or Spanish, or one of whose "Also called"
    names has a word starting with `word` (folded: any case, accents ignored,
    ips.search.fold), as a typed word finds the start of a word of an opening's text:
    "housekeeper" gives 37-2012.00 ("Maids and Housekeeping Cleaners"); "limpieza" and
    "límpieza" alike; "line" gives 35-2014.00 ("Cooks, Restaurant", also called "Line
    cook"), so the public keyword search finds that kind of work by any everyday name.
    The middle of a word finds nothing ("eeper", "er": a red-team finding, "er" found
    every opening)."""
    word = fold(word)
    if not word:
        return []
    return [
        code
        for code, titles in _folded_plain_titles()
        if any(part.startswith(word) for title in titles for part in title.split())
    ]


@cache
def also_called() -> dict[str, tuple[str, ...]]:
    """{O*NET-SOC code: other everyday English names} from the "Also called" column of
    data/onet_plain_titles.tsv ("Line cook" for 35-2014.00 "Restaurant cook"); found by the
    staff occupation chooser, never shown. Codes without any are left out."""
    with PLAIN_TITLES_TSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {
            r["O*NET-SOC Code"]: tuple(n.strip() for n in r["Also called"].split(";") if n.strip())
            for r in reader
            if (r.get("Also called") or "").strip()
        }


@cache
def plain_order() -> tuple[str, ...]:
    """The codes that have a plain title, in the alphabetical order of the English plain
    title (the order staff see them in the chooser)."""
    names = plain_titles()
    return tuple(sorted(names, key=lambda code: (fold(names[code]["en"]), code)))


# A typed O*NET-SOC code or the start of one: "37", "37-20", "37-2012.00".
_CODE_PREFIX = re.compile(r"^\d{2}(-[\d.]*)?$")


def _word_found(word: str, words: Iterable[str]) -> bool:
    """Whether `word` (folded) begins one of `words`; a final "s" may be left off
    ("cashiers" begins "cashier"), so plurals and "cashier's" find the singular."""
    stem = word[:-1] if len(word) > 3 and word.endswith("s") else word
    return any(w.startswith(word) or w.startswith(stem) for w in words)


def rank_occupations(text: str, rows: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """The occupations a staff search finds, as two lists of O*NET codes: (found by their
    everyday names, found only by their O*NET title), each in the order of `rows`.

    `rows` are (code, O*NET title) pairs. Every typed word must begin a word of the
    occupation's names, in any order and anywhere ("cook line" finds "Line cook"); the
    words are folded (ips.search.fold: case, accents and apostrophes ignored, so
    "cashier's" finds Cashier and "cafe" finds Cafetería). Everyday names are the plain
    title in English and Spanish and the "Also called" names; a row is in the first list
    when they alone hold every word. A typed code or code start ("37-20") matches codes
    that begin with it. Nothing typed: ([], [])."""
    codes = [w for w in text.split() if _CODE_PREFIX.match(w)]
    words = query_words(" ".join(w for w in text.split() if not _CODE_PREFIX.match(w)))
    if not (codes or words):
        return [], []
    everyday_words = _everyday_words()
    everyday: list[str] = []
    onet_only: list[str] = []
    for code, title in rows:
        if not all(code.startswith(c) for c in codes):
            continue
        plain = everyday_words.get(code, frozenset())
        if all(_word_found(w, plain) for w in words):
            everyday.append(code)
        elif all(_word_found(w, plain | set(fold(title).split())) for w in words):
            onet_only.append(code)
    return everyday, onet_only


@cache
def _everyday_words() -> dict[str, frozenset[str]]:
    """{code: the folded words of its plain titles and "Also called" names}, once a process."""
    also = also_called()
    return {
        code: frozenset(
            word for name in (*titles.values(), *also.get(code, ())) for word in fold(name).split()
        )
        for code, titles in plain_titles().items()
    }


@cache
def _folded_plain_titles() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(code, folded plain titles and "Also called" names) pairs, folded once per process."""
    also = also_called()
    return tuple(
        (code, tuple(fold(name) for name in (*titles.values(), *also.get(code, ()))))
        for code, titles in plain_titles().items()
    )


def load_occupations(occupation_model) -> int:
    """Insert the occupations that are missing; returns how many there are now."""
    occupation_model.objects.bulk_create(
        [occupation_model(**row) for row in read_occupations()],
        ignore_conflicts=True,
        batch_size=500,
    )
    return occupation_model.objects.count()


def ensure_role_groups(group_model, permission_model, content_type_model) -> None:
    """One group per staff role, each with access to the workspace."""
    admin_ct, _ = content_type_model.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = permission_model.objects.get_or_create(
        content_type=admin_ct,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    for name in ROLE_GROUPS:
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(access)
