"""The date box of the workspace's edit forms (issue 17): shows a date as every page does,
"Mon 23 Nov 2026" (in Spanish "lun 23 Nov 2026"), and reads it back, as well as ISO
("2026-11-23"), day-first dates with the month as a word in English or Spanish ("23 Nov
2026", "23 de noviembre de 2026") and the weekday left out or out of date. What it cannot
read is passed on as typed, so the date field refuses it with DATE_MESSAGE and nothing is
saved. The API and imports keep ISO dates (they never use this widget)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.utils.formats import date_format
from wagtail.admin.widgets import AdminDateInput

# Django's and the date picker's format (PHP-style letters): "Mon 23 Nov 2026".
SHOWN_FORMAT = "D j M Y"
DATE_MESSAGE = "Enter a date as day, month and year, like Mon 23 Nov 2026 or 2026-11-23."

# The first three letters of each month's name, English and Spanish (no clash: "mar" and
# "may" are the same month in both).
MONTHS = {
    name: n
    for names in (
        "jan feb mar apr may jun jul aug sep oct nov dec",
        "ene feb mar abr may jun jul ago sep oct nov dic",
    )
    for n, name in enumerate(names.split(), 1)
}
# Weekday names (first three letters): read past, never used to work out the date.
WEEKDAYS = set("mon tue wed thu fri sat sun lun mar mie jue vie sab dom".split())
FILLER = {"de", "del", "the", "of"}
FULL_MONTHS = set(
    "january february march april may june july august september october november december "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre "
    "noviembre diciembre sept".split()
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_human_date(text: str) -> dt.date | None:
    """The date in `text` written with its month as a word, day before or after it, the
    year in four digits, any weekday name ignored; None for anything else (ISO and other
    numeric dates are left to the date field's own input formats)."""
    words = re.findall(r"[^\W\d_]+", _fold(text))
    numbers = re.findall(r"\d+", text)
    if not words or len(numbers) != 2 or re.search(r"[^\w\s.,/-]", _fold(text)):
        return None
    words = [w for w in words if w not in FILLER]
    month_words = [w for w in words if w[:3] in MONTHS]
    if not month_words:
        return None
    month_word = month_words[-1]  # "mar 3 mar 2026": Tuesday 3 March
    at = len(words) - 1 - words[::-1].index(month_word)
    others = words[:at] + words[at + 1 :]
    if not _month_name_ok(month_word) or any(w[:3] not in WEEKDAYS for w in others):
        return None
    day, year = numbers
    if len(day) > 2 or len(year) != 4:
        return None
    try:
        return dt.date(int(year), MONTHS[month_word[:3]], int(day))
    except ValueError:
        return None


def _month_name_ok(word: str) -> bool:
    """A month's three letters or its whole name, not any word starting like one."""
    return len(word) == 3 or word in FULL_MONTHS


class HumanDateInput(AdminDateInput):
    """Wagtail's date box and picker, writing and reading "Mon 23 Nov 2026"."""

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or "%Y-%m-%d")
        self.js_format = SHOWN_FORMAT

    def get_config(self):
        """The picker leaves a typed date as it is when the box loses focus: by default it
        put today's date in place of anything it could not read in its own format (a typed
        "31/12/2026" or "20 Dec 2026" became today, then saved: red team, issue 17). The
        form reads what was typed, or refuses it with DATE_MESSAGE."""
        return {**super().get_config(), "validateOnBlur": False}

    def format_value(self, value):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return date_format(value, SHOWN_FORMAT)
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if isinstance(value, str):
            parsed = parse_human_date(value)
            if parsed is not None:
                return parsed.isoformat()
        return value
