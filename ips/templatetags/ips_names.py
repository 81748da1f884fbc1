"""People's names as staff read them."""

from django import template

from ips.search import fold

register = template.Library()


@register.filter
def goes_by(name: str | None, preferred: str | None) -> str:
    """The name a person goes by when it says something the name does not, else "":
    "Al" for Alberto Ruiz, but nothing for "maria" or "María" when she is Maria Lopez
    (issue 17 red-team: "Maria Lopez (goes by Maria)"). Compared folded (case, accents)."""
    wanted = fold(preferred)
    if not wanted or f"{fold(name)} ".startswith(f"{wanted} "):
        return ""
    return (preferred or "").strip()
