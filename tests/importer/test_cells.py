"""The cell readers on their own: pure, no database (importer/cells.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from importer.cells import (
    CellError,
    Reading,
    displayed_number,
    header_key,
    number_text,
    parse_number,
)
from importer.schema import FILES, Option

AMOUNTS = st.decimals(
    min_value=Decimal("-999999999999.99"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(AMOUNTS)
def test_any_number_with_thousands_separators_and_a_point_reads_back_exactly(amount):
    assert parse_number(f"{amount:,.2f}") == amount
    assert parse_number(f"{amount:.2f}") == amount


@given(AMOUNTS)
def test_in_a_semicolon_file_dots_group_thousands_and_the_comma_is_the_point(amount):
    written = f"{amount:,.2f}".translate(str.maketrans(",.", ".,"))
    assert parse_number(written, Reading(decimal_comma=True)) == amount


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e14, max_value=1e14))
def test_a_workbook_number_reads_as_its_exact_value(value):
    assert Decimal(number_text(value)) == Decimal(repr(value))


@pytest.mark.parametrize("raw", ["7,5", "12,50", "1,25", "1,2345", "1,250,5", "1.250,50"])
def test_a_comma_not_before_exactly_three_digits_is_refused(raw):
    with pytest.raises(CellError, match="point|not a number"):
        parse_number(raw)


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (2139, "00000", "02139"),
        (2139.0, "00000", "02139"),
        (21391234, "00000-0000", "02139-1234"),
        (48226, "General", "48226"),
        (2139, "@", "2139"),
        (12.5, "0.00", "12.50"),
    ],
)
def test_a_number_in_a_text_column_is_shown_with_its_zero_padding_format(
    value, number_format, shown
):
    assert displayed_number(value, number_format) == shown


@pytest.mark.parametrize("written", ["Entry Date", "entry-date", " ENTRY_DATE ", "entry  date"])
def test_headers_are_matched_ignoring_case_spaces_hyphens_and_underscores(written):
    assert header_key(written) == "entry_date"


def test_no_synonym_or_label_means_two_values_in_one_column():
    for spec in FILES:
        for column in spec.columns:
            options: tuple[Option, ...] = getattr(column.parse, "options", ())
            seen: dict[str, str] = {}
            for option in options:
                for word in option.words:
                    key = " ".join(word.casefold().replace("_", " ").replace("-", " ").split())
                    assert seen.setdefault(key, option.value) == option.value, (column, word)
