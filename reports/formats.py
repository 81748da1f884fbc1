"""The program report as JSON text and as key,value CSV rows (spec/interchange.md). Pure."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ips.spreadsheets import neutralise_formula


def to_json(report: dict[str, Any]) -> str:
    """Exactly one JSON object, keys in the contract's order."""
    return json.dumps(report, ensure_ascii=False, indent=2)


def flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Dotted keys for every figure: `fidelity.items.V6.per_specialist.ana@example.org`."""
    rows: list[tuple[str, Any]] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(flatten(value, f"{name}."))
        else:
            rows.append((name, value))
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _safe(text: str) -> str:
    # A lone carriage return is not quoted by a "\n" writer and would split the row.
    safe: str = neutralise_formula(text.replace("\r\n", "\n").replace("\r", "\n"))
    return safe


def to_csv(report: dict[str, Any]) -> str:
    """One `key,value` row per figure, after a `key,value` header; a text cell a spreadsheet
    would run as a formula (a program or staff name starting with =, +, -, @) is quoted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["key", "value"])
    writer.writerows((_safe(key), _safe(_cell(value))) for key, value in flatten(report))
    return out.getvalue()
