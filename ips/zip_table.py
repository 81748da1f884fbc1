"""ZIP code centres from a compact table (issue 21: a lean web worker).

The `zipcodes` package loads all 42,789 US ZIP records with every field on its first
lookup: about 40 MB in each web worker that answers one ZIP search. The centres alone are
kept in ips/data/zip_centroids.txt, one fixed-width line per ZIP in ZIP order
(`ZIP` + latitude + longitude, each right-aligned in FIELD characters, as `zipcodes`
writes them), read once into one bytes object (1.3 MB) and searched by bisection.
`python -m ips.zip_table` writes the file again from the installed `zipcodes`
(tests/test_zip_table.py checks the two agree).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "zip_centroids.txt"
FIELD = 12
LINE = 5 + 2 * FIELD + 1


@cache
def _table() -> bytes:
    data = TABLE.read_bytes()
    if len(data) % LINE:
        raise ValueError(f"{TABLE} is not made of {LINE}-byte lines")
    return data


def centroid(code: str) -> tuple[float, float] | None:
    """(latitude, longitude) of the 5-digit ZIP `code`, or None when it is not a US ZIP.
    `code` must already be normalised to 5 digits (ips.geo.normalise_zip)."""
    data = _table()
    key = code.encode("ascii")
    low, high = 0, len(data) // LINE
    while low < high:
        middle = (low + high) // 2
        at = middle * LINE
        found = data[at : at + 5]
        if found == key:
            return float(data[at + 5 : at + 5 + FIELD]), float(data[at + 5 + FIELD : at + LINE])
        if found < key:
            low = middle + 1
        else:
            high = middle
    return None


def lines() -> list[str]:
    """The table's lines from the installed `zipcodes` package (loads all its records)."""
    import zipcodes

    rows = sorted(zipcodes.list_all(), key=lambda row: row["zip_code"])
    return [f"{r['zip_code']}{r['lat']:>{FIELD}}{r['long']:>{FIELD}}\n" for r in rows]


if __name__ == "__main__":
    TABLE.write_text("".join(lines()), encoding="ascii")
    print(f"wrote {TABLE}")
