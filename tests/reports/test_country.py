"""The program's country chooses which outcome set leads; the other is one click away."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

QUERY = "?program={pk}&start=2026-07-01&end=2026-09-30"


@pytest.mark.parametrize(
    ("country", "leading", "other", "chart_rate"),
    [("US", "US (IPS Learning Community)", "UK (IPS Grow)", "US rate"),
     ("UK", "UK (IPS Grow)", "US (IPS Learning Community)", "UK rate")],
)  # fmt: skip
def test_country_chooses_the_leading_outcome_set(
    client, program, users, country, leading, other, chart_rate
):
    program.country = country
    program.save()
    client.force_login(users["director"])
    response = client.get(reverse("reports:dashboard") + QUERY.format(pk=program.pk))
    page = response.content.decode()
    assert f"<h3>Outcomes: {leading}</h3>" in page
    assert f"<summary>Show the {other} outcomes too</summary>" in page
    assert page.index(f"Outcomes: {leading}") < page.index(f"Show the {other}")
    charts = response.context["charts"]["rates"]
    assert chart_rate in charts
    assert ("UK rate" if country == "US" else "US rate") not in charts  # no side-by-side
    trend = response.context["charts"]["trend"]
    assert f"{chart_rate[:2]} employment rate by quarter" in trend  # the trend follows suit
    assert ("UK 40" in trend) == (country == "UK")
    printable = client.get(
        reverse("reports:report", args=["html"]) + QUERY.format(pk=program.pk)
    ).content.decode()
    assert f"<h3>Outcomes: {leading}</h3>" in printable


def test_a_new_program_is_us_and_its_country_is_set_on_the_programs_screen(
    client, program, superuser
):
    assert program.country == "US"
    client.force_login(superuser)
    page = client.get(reverse("programs:edit", args=[program.pk])).content.decode()
    assert 'name="country"' in page
