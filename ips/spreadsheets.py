"""Spreadsheet safety. Pure: no Django import."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with a quote (OWASP).

    Numbers are left alone, so -3 stays a number; only text such as "=HYPERLINK(...)"
    or "-1+1" changes.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value
