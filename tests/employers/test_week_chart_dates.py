"""My week's chart speaks the workspace's one date format (issue 17 red team): the axis
under each bar is the short "12 Oct" (day before month, as in "Mon 12 Oct 2026"), and the
chart's accessible title and the screen-reader table give every week's full date."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from employers.compute import last_weeks
from ips.domain import shown_date
from ips.roles import Role
from tests.employers.conftest import make_contact, make_employer

pytestmark = pytest.mark.django_db
MONTH_FIRST = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}\b")


def test_my_week_chart_labels_weeks_day_first_with_the_full_date_in_its_title(
    client, users, program, staff, frozen_today
):
    make_contact(staff[Role.SPECIALIST], make_employer(program), date=timezone.localdate())
    client.force_login(users[Role.SPECIALIST])
    html = client.get("/admin/crm/week/").content.decode()

    mondays = last_weeks(timezone.localdate())
    title = re.search(r"<title id=\"mine-title\">(.*?)</title>", html, re.S).group(1)
    for monday in mondays:
        assert f"week of {shown_date(monday)}:" in title
        short = " ".join(shown_date(monday).split()[1:3])  # "12 Oct"
        assert f">{short}</text>" in html
        assert f"<td>{shown_date(monday)}</td>" in html  # the screen-reader table
    assert not MONTH_FIRST.search(re.sub(r"<script.*?</script>", "", html, flags=re.S))
    assert not re.search(r"<td>20\d\d-\d\d-\d\d</td>", html)
