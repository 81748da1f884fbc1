"""Inspect pages show values as people read them (issue 17 red-team): times in the
program's time zone, not UTC (Wagtail's template formats an aware datetime before the
template converts it), Yes/No, and a dash for nothing recorded."""

import datetime as dt
import re

from jobseekers.models import JobSeeker


def _values(html: str) -> dict[str, str]:
    pairs = re.findall(r"<dt>\s*(.*?)\s*</dt>\s*<dd>\s*(.*?)\s*</dd>", html, re.S)
    return {label: re.sub(r"\s+", " ", value) for label, value in pairs}


def test_a_seekers_inspect_page_shows_local_times_yes_no_and_dashes(client, users, seeker):
    # 00:48 UTC on 1 Dec is 19:48 on Mon 30 Nov in Detroit (the program's time zone).
    evening = dt.datetime(2026, 12, 1, 0, 48, tzinfo=dt.UTC)
    JobSeeker.objects.filter(pk=seeker.pk).update(created_at=evening, employed_at_referral=False)
    client.force_login(users["specialist"])
    response = client.get(f"/admin/seekers/inspect/{seeker.pk}/")
    assert response.status_code == 200
    shown = _values(response.content.decode())
    assert shown["Created at"] == "Mon 30 Nov 2026, 19:48"
    assert shown["Employed at referral"] == "No"
    assert "None" not in shown.values()
    assert "False" not in shown.values()
