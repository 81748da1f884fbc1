"""Reference data shipped with the product: O*NET occupations and the role groups.

Loaded by migrations and re-loadable at any time (idempotent), e.g. after a test
database flush.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from ips.search import fold

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
    """O*NET codes whose plain title, in English or Spanish, contains `word` (folded: any
    case, accents ignored, ips.search.fold): "housekeeper" gives 37-2012.00 ("Maids and
    Housekeeping Cleaners"); "limpieza" and "límpieza" alike."""
    word = fold(word)
    return [code for code, titles in _folded_plain_titles() if any(word in t for t in titles)]


@cache
def _folded_plain_titles() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(code, folded plain titles) pairs, folded once per process."""
    return tuple(
        (code, tuple(fold(title) for title in titles.values()))
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
