"""The workspace home at /admin/, in place of Wagtail's dashboard (whose page search
answers "no permission" for every staff role)."""

from __future__ import annotations

import datetime as dt

from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access

from employers.selectors import ticked_next_step
from ips.audit import record_rows_shown, rows_by_program
from ips.home.selectors import Home, home_for


def _seeker_rows(home: Home) -> list:
    """Every row shown that names a job seeker (each has a `program_id`), for the trail."""
    rows: list = []
    if home.specialist:
        part = home.specialist
        rows += [
            *part.waiting,
            *part.interest,
            *part.withdrawn,
            *part.new_matches,
            *part.benefits_referrals,
        ]
        rows += [row.seeker for row in part.wage_reporting]
    if home.coach:
        part = home.coach
        rows += [*part.today, *part.this_week, *part.late, *part.without_coach]
    if home.leadership:
        rows += home.leadership.late_checks
    return rows


@never_cache
@require_admin_access
def home(request):
    """What to do now, by role: see ips.home.selectors."""
    today = timezone.localdate()
    found = home_for(request.user, today=today)
    shown = _seeker_rows(found)
    if shown:
        record_rows_shown(request=request, what="workspace home", counts=rows_by_program(shown))
    return TemplateResponse(
        request,
        "ips/home/home.html",
        {
            "home": found,
            "today": today,
            "here": request.path,
            "ticked": ticked_next_step(request.user, request.GET.get("ticked")),
            # IPS: answer an interested person within 3 days (the interest email's advice).
            "late_interest": today - dt.timedelta(days=3),
        },
    )
