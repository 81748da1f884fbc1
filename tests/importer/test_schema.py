"""The cell parsers and header checks: pure, no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from importer.schema import SPECS, CellError, parse_bool, parse_date, parse_list, parse_table


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("YES", True), ("1", True), ("false", False), ("No", False), ("0", False)],
)
def test_booleans_accept_true_false_yes_no_1_0(raw, expected):
    assert parse_bool(raw) is expected


@pytest.mark.parametrize("raw", ["y", "2", "oui", "t"])
def test_other_boolean_words_are_refused(raw):
    with pytest.raises(CellError):
        parse_bool(raw)


@pytest.mark.parametrize("raw", ["2026-2-1", "01/02/2026", "2026-02-30", "tomorrow"])
def test_dates_must_be_real_and_written_yyyy_mm_dd(raw):
    with pytest.raises(CellError):
        parse_date(raw)


def test_a_date_written_yyyy_mm_dd_is_read():
    assert parse_date("2026-02-28") == dt.date(2026, 2, 28)


def test_lists_are_split_on_semicolons_and_trimmed():
    assert parse_list(" a; b ;;a") == ["a", "b"]


def test_unknown_column_is_reported_by_name_on_line_1():
    _, errors = parse_table(SPECS["time_entries"], "t.csv", ["date", "staff_email", "hours",
                            "activity", "location", "mood"], [])  # fmt: skip
    assert [str(e) for e in errors] == [
        "t.csv:1: mood: unknown column (the columns of time_entries are date, staff_email,"
        " hours, activity, location)"
    ]


def test_missing_required_column_is_reported():
    _, errors = parse_table(SPECS["staff"], "staff.csv", ["email", "name"], [])
    assert [str(e) for e in errors] == [
        "staff.csv:1: role: required column is missing; add it to the header row (line 1)"
    ]


def test_every_bad_cell_of_every_row_is_reported_with_its_line():
    header = ["email", "name", "role", "fte"]
    rows = [(2, ["a@example.org", "A", "boss", "1"]), (3, ["nope", "", "coach", "1.5"])]
    _, errors = parse_table(SPECS["staff"], "staff.csv", header, rows)
    assert [str(e) for e in errors] == [
        "staff.csv:2: role: 'boss' is not one of specialist, coach, supervisor, director,"
        " nor their labels or synonyms (docs/import-format.md)",
        "staff.csv:3: email: 'nope' is not an email address (name@example.org)",
        "staff.csv:3: name: required, but empty; fill it in",
        "staff.csv:3: fte: must be at most 1 (got 1.5)",
    ]


def test_defaults_fill_missing_optional_columns():
    parsed, errors = parse_table(
        SPECS["staff"], "staff.csv", ["role", "name", "email"], [(2, ["coach", "C", "c@x.org"])]
    )
    assert errors == []
    assert parsed.rows[0]["fte"] == Decimal(1)
