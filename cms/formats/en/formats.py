"""English dates as the workspace writes them everywhere: "Mon 23 Nov 2026" (issue 17,
item 5: one date format on every staff screen). `{{ a_date }}` and `{{ a_date|date }}`
use these; form inputs keep ISO dates (DATE_INPUT_FORMATS is not changed)."""

DATE_FORMAT = "D j M Y"
SHORT_DATE_FORMAT = "D j M Y"
DATETIME_FORMAT = "D j M Y, H:i"
SHORT_DATETIME_FORMAT = "D j M Y, H:i"
MONTH_DAY_FORMAT = "D j M"
YEAR_MONTH_FORMAT = "F Y"
# The US week, as Django's English default.
FIRST_DAY_OF_WEEK = 0
