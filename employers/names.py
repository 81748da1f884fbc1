"""Employer-name normalisation for catching duplicates (same name and ZIP). Pure."""

from __future__ import annotations

import re
import unicodedata

# Words that do not distinguish one business from another.
_NOISE = {
    "the",
    "inc",
    "incorporated",
    "llc",
    "l.l.c",
    "ltd",
    "co",
    "corp",
    "corporation",
    "company",
}
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise_employer_name(name: str) -> str:
    """A comparison key: case, accents, punctuation, "The", "Inc", "LLC" and "&"/"and" ignored.

    >>> normalise_employer_name("The Coffee Co., LLC") == normalise_employer_name("coffee")
    True
    """
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ").replace("'", "")
    words = [w for w in _NON_WORD.split(text) if w and w not in _NOISE and w != "and"]
    return " ".join(words)


def duplicate_key(name: str, zip_code: str) -> tuple[str, str]:
    """(normalised name, 5-digit ZIP): two employers with the same key are duplicates."""
    return normalise_employer_name(name), (zip_code or "").strip()[:5]
