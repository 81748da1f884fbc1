"""The panels of the seeker record, in the order shown: plain calls within this app."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from jobseekers.checkins import views as checkins_views
from jobseekers.matching import views as matching_views

# fn(request, seeker) -> HTML (a plain string is escaped) or None when not for this user.
Panel = Callable[..., "str | None"]
PANELS: tuple[Panel, ...] = (matching_views.seeker_panel, checkins_views.seeker_panel)


def record_panels(request, seeker, panels: Iterable[Panel] = PANELS) -> list[SafeString]:
    """The HTML of each panel with something to show; unsafe strings are escaped."""
    shown = []
    for panel in panels:
        html = panel(request, seeker)
        if html:
            shown.append(conditional_escape(html))
    return shown
