"""One date format on staff screens, "Mon 23 Nov 2026" (issue 17, item 5; red-team
findings): the support log's job choices, report headings, a fidelity review's period, the
job follow-along page and the week of hours. Machine formats (input values, exports) stay
ISO."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from coaching.models import JobSupportPlan
from employers.models import Employer
from ips.domain import shown_date
from ips.fidelity.services import start_review
from ips.roles import Role
from jobseekers.services import record_job_start

pytestmark = pytest.mark.django_db
ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")
# A date without its year: "Mon 2 Feb" not followed by a year.
NO_YEAR = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"(?! \d{4})"
)


def _text(html: str) -> str:
    """What people read: the page without attributes, scripts and form values."""
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return re.sub(r"<[^>]*>", " ", html)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(dt.date(2026, 11, 23), "Mon 23 Nov 2026"), ("2026-02-01", "Sun 1 Feb 2026")],
)
def test_shown_date_writes_the_workspace_format(value, shown):
    assert shown_date(value) == shown


@pytest.fixture
def job(program, seeker, staff):
    employer = Employer.objects.create(program=program, name="Corner Bakery")
    started = record_job_start(
        seeker=seeker, employer=employer, title="Baker", start_date=dt.date(2026, 2, 2)
    )
    JobSupportPlan.objects.filter(job=started).update(coach=staff[Role.COACH])
    return started


def test_support_log_job_choices_show_the_start_in_the_one_format(client, users, job):
    client.force_login(users[Role.COACH])
    html = client.get(reverse("coaching:log")).content.decode()
    assert "Baker at Corner Bakery (from Mon 2 Feb 2026)" in html
    assert "(from 2026-02-02)" not in html


def test_job_follow_along_and_week_of_hours_show_years(client, users, job):
    client.force_login(users[Role.COACH])
    page = _text(client.get(reverse("coaching:job", args=[job.pk])).content.decode())
    assert "Mon 2 Feb 2026 to Sun 8 Feb 2026" in page
    assert not NO_YEAR.search(page), NO_YEAR.search(page)
    hours = _text(client.get(reverse("coaching:hours")).content.decode())
    assert not NO_YEAR.search(hours), NO_YEAR.search(hours)


def test_report_heading_and_fidelity_review_period_are_not_iso(client, users, program):
    client.force_login(users[Role.DIRECTOR])
    query = f"?program={program.pk}&start=2026-07-01&end=2026-09-30"
    for url in (reverse("reports:dashboard"), reverse("reports:report", args=["html"])):
        html = client.get(url + query).content.decode()
        assert "Wed 1 Jul 2026 to Wed 30 Sep 2026" in html, url
        heading = html.split('id="report-title">')[1].split("</h2>")[0]
        assert not ISO.search(heading)
    review = start_review(
        program=program,
        review_date=dt.date(2026, 10, 5),
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 9, 30),
    )
    page = client.get(reverse("fidelity:review", args=[review.pk])).content.decode()
    assert "Period reviewed: Wed 1 Jul 2026 to Wed 30 Sep 2026" in page
    printable = client.get(reverse("fidelity:review_export", args=[review.pk, "html"]))
    assert "Fidelity review: " in printable.content.decode()
    assert not ISO.search(_text(printable.content.decode()))
