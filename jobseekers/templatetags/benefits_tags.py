"""Money in the benefits screen's words: $994, $1,556.50, − $65."""

from decimal import Decimal

from django import template

from jobseekers.benefits.words import dollars as _dollars

register = template.Library()


@register.filter
def dollars(amount: Decimal) -> str:
    """A dollar amount as the screen says it; a negative one as a subtraction."""
    if amount is None:
        return ""
    if amount < 0:
        return f"− {_dollars(-amount)}"
    return _dollars(amount)
