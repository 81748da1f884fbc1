"""A program's ZIP and a career profile's home ZIP are postal codes (a red-team finding:
both staff forms stored "٤٨٢٢٦" and "abcde", which no distance could then use and the
API handed out although it refuses them on the way in)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ips.models import Program
from jobseekers.models import CareerProfile
from tests.support.html_forms import form_data

pytestmark = pytest.mark.django_db

BAD = ["٤٨٢٢٦", "４８２２６", "abcde", "4822", "SW١A ١AA"]


@pytest.mark.parametrize("typed", BAD)
def test_the_programs_screen_refuses_a_zip_that_is_no_postal_code(
    client, program, superuser, typed
):
    client.force_login(superuser)
    url = reverse("programs:edit", args=[program.pk])
    data = form_data(client.get(url).content.decode(), having="zip")
    data["zip"] = typed
    response = client.post(url, data)
    assert response.status_code == 200
    assert "is not a ZIP code" in response.content.decode()
    assert Program.objects.get(pk=program.pk).zip == program.zip


@pytest.mark.parametrize(
    ("country", "typed"),
    [("US", "48226"), ("US", "48226-1234"), ("US", ""), ("UK", "SW1A 1AA"), ("UK", "")],
)
def test_the_programs_screen_keeps_a_code_of_the_programs_country(
    client, program, superuser, country, typed
):
    client.force_login(superuser)
    url = reverse("programs:edit", args=[program.pk])
    data = form_data(client.get(url).content.decode(), having="zip")
    data["zip"], data["country"] = typed, country
    response = client.post(url, data)
    assert response.status_code == 302
    saved = Program.objects.get(pk=program.pk)
    assert (saved.zip, saved.country) == (typed, country)


@pytest.mark.parametrize(
    ("country", "typed", "message"),
    [
        ("US", "SW1A 1AA", "is not a US ZIP code"),
        ("UK", "48226", "is not a UK postcode"),
    ],
)
def test_the_programs_screen_refuses_a_code_of_the_other_country(
    client, program, superuser, country, typed, message
):
    """The ZIP is checked against the country chosen on the same form: a UK program's
    postcode, a US program's ZIP code (a US ZIP on a UK program could never be placed)."""
    client.force_login(superuser)
    url = reverse("programs:edit", args=[program.pk])
    before = Program.objects.get(pk=program.pk)
    data = form_data(client.get(url).content.decode(), having="zip")
    data["zip"], data["country"] = typed, country
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    after = Program.objects.get(pk=program.pk)
    assert (after.zip, after.country, after.version) == (before.zip, before.country, before.version)


@pytest.mark.parametrize("typed", BAD)
def test_the_career_profile_form_refuses_a_home_zip_that_is_no_postal_code(
    client, seeker, users, typed
):
    client.force_login(users["specialist"])
    url = reverse("jobseekers:profile", args=[seeker.pk])
    data = form_data(client.get(url).content.decode(), having="home_zip")
    data["home_zip"] = typed
    data["dream_job"] = "Baker"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "is not a ZIP code" in response.content.decode()
    assert not CareerProfile.objects.filter(seeker=seeker, dream_job="Baker").exists()


def test_a_home_zip_stored_before_the_check_does_not_block_a_later_change(seeker):
    from jobseekers.services import update_career_profile

    first = update_career_profile(seeker=seeker, changes={"dream_job": "Chef"}, by=None)
    CareerProfile.objects.filter(pk=first.pk).update(home_zip="abcde")  # as stored before
    later = update_career_profile(seeker=seeker, changes={"dream_job": "Baker"}, by=None)
    assert (later.dream_job, later.home_zip) == ("Baker", "abcde")
    with pytest.raises(ValidationError, match="is not a ZIP code"):
        update_career_profile(seeker=seeker, changes={"home_zip": "٤٨٢٢٦"}, by=None)


def test_the_country_cannot_change_while_records_hold_codes_of_the_old_one(
    client, program, superuser
):
    """A red-team finding: a program switched to the UK left its employers and openings
    with US ZIP codes, none of which could then be saved. The change is refused and says
    which; a program whose records fit the new country changes."""
    from employers.models import Employer, JobOpening
    from jobseekers.models import JobSeeker

    shop = Employer.objects.create(program=program, name="Corner Cafe", zip="48204")
    JobOpening.objects.create(program=program, employer=shop, title="Cook", zip="48226")
    for n in range(4):
        JobSeeker.objects.create(program=program, name=f"Sam {n}", zip="48201")
    client.force_login(superuser)
    url = reverse("programs:edit", args=[program.pk])
    data = form_data(client.get(url).content.decode(), having="zip")
    response = client.post(url, {**data, "country": "UK", "zip": "SW1A 1AA"})
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "These records have codes of another country: 1 employer: Corner Cafe (48204);"
        " 1 opening: Cook (48226); 4 job seekers: Sam 0 (48201), Sam 1 (48201),"
        " Sam 2 (48201) and 1 more. Correct them first"
    ) in page
    assert Program.objects.get(pk=program.pk).country == "US"
    Employer.objects.filter(pk=shop.pk).update(zip="SW1A 1AA")
    JobOpening.objects.update(zip="")
    JobSeeker.objects.update(zip="")
    response = client.post(url, {**data, "country": "UK", "zip": "SW1A 1AA"})
    assert response.status_code == 302
    assert Program.objects.get(pk=program.pk).country == "UK"
