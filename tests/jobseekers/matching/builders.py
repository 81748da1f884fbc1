"""Plain-value builders for the pure matching modules (no database)."""

from __future__ import annotations

import numpy as np

from jobseekers.matching.features import OpeningTable, occupation_number, schedule_number

DETROIT = (42.3314, -83.0458)


def table(rows: list[dict]) -> OpeningTable:
    """An OpeningTable from a list of small dicts; unspecified fields take neutral values."""

    def col(key, default, dtype):
        return np.array([r.get(key, default) for r in rows], dtype=dtype)

    nan = float("nan")
    return OpeningTable(
        ids=np.arange(1, len(rows) + 1, dtype=np.int64),
        program_ids=col("program", 1, np.int64),
        employer_ids=col("employer", 100, np.int64),
        latitude=np.array([r.get("at", DETROIT)[0] if r.get("at", DETROIT) else nan for r in rows]),
        longitude=np.array(
            [r.get("at", DETROIT)[1] if r.get("at", DETROIT) else nan for r in rows]
        ),
        hours=np.array([nan if r.get("hours") is None else r["hours"] for r in rows], dtype=float),
        wage=np.array([nan if r.get("wage") is None else r["wage"] for r in rows], dtype=float),
        schedule=np.array([schedule_number(r.get("schedule", "")) for r in rows], dtype=np.int8),
        occupation=np.array([occupation_number(r.get("code")) for r in rows], dtype=np.int64),
        is_open=col("open", True, bool),
        shareable=col("shareable", False, bool),
        employer_contacts=col("contacts", 0, float),
        texts=[r.get("text", r.get("title", "")) for r in rows],
        titles=[r.get("title", "") for r in rows],
        kinds=[r.get("kind", r.get("title", "")) for r in rows],
        employer_names=[r.get("employer_name", "") for r in rows],
    )
