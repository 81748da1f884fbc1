"""The basic-needs check (issue 24, item 4): housing, finances, food, clothing and
transportation at intake and each re-assessment, with a referral when a need is unmet."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jobseekers import services
from jobseekers.models import BasicNeed

D = dt.date
WORDS = {"housing": {"setting": "Flat"}}


def test_an_unmet_need_is_recorded_with_its_referral(seeker):
    assessment = services.record_assessment(
        seeker=seeker,
        date=D(2026, 2, 1),
        domains=WORDS,
        basic_needs={
            "food": {"met": False, "referral": "Gleaners food bank"},
            "clothing": {"met": True},
        },
        by=None,
    )
    rows = {n.need: n for n in assessment.basic_needs.all()}
    assert (rows["food"].met, rows["food"].referral) == (False, "Gleaners food bank")
    assert rows["clothing"].met


def test_an_unmet_need_without_a_referral_is_refused(seeker):
    with pytest.raises(ValidationError, match="Food is not met"):
        services.record_assessment(
            seeker=seeker,
            date=D(2026, 2, 1),
            domains=WORDS,
            basic_needs={"food": {"met": False, "referral": " "}},
            by=None,
        )
    assert not seeker.assessments.exists()
    assert not BasicNeed.objects.exists()


def test_the_form_checks_needs_prefills_them_and_the_record_shows_referrals(client, seeker, users):
    client.force_login(users["specialist"])
    url = reverse("jobseekers:assessment", args=[seeker.pk])
    response = client.post(
        url,
        {
            "date": "2026-02-01",
            "housing__setting": "Flat",
            "need_food__status": "unmet",
            "need_food__referral": "Gleaners food bank",
            "need_housing__status": "met",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert "Food: <strong>not met</strong>; referral: Gleaners food bank" in page
    form = client.get(url).content.decode()  # the re-assessment starts from these answers
    assert 'value="Gleaners food bank"' in form
    assert '<option value="unmet" selected>' in form


def test_the_form_refuses_an_unmet_need_without_a_referral(client, seeker, users):
    client.force_login(users["specialist"])
    response = client.post(
        reverse("jobseekers:assessment", args=[seeker.pk]),
        {"date": "2026-02-01", "housing__setting": "Flat", "need_clothing__status": "unmet"},
    )
    assert response.status_code == 200
    assert "Clothing is not met" in response.content.decode()
    assert not seeker.assessments.exists()
