"""The occupation chooser on staff forms (issue 17, item 5): searchable, named by plain job
titles ("Housekeeper (Maids and Housekeeping Cleaners)"), the O*NET code still what is saved;
never a 1,017-option select."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from employers.models import Employer, JobOpening
from ips.models import Occupation
from ips.roles import Role
from jobseekers.models import Job

RESULTS = "/admin/jobseekers/occupation-chooser/results/"
HOUSEKEEPER = "Housekeeper (Maids and Housekeeping Cleaners)"


@pytest.fixture
def as_specialist(client, users):
    client.force_login(users[Role.SPECIALIST])
    return client


def test_staff_label_puts_the_plain_title_first_and_the_onet_title_after():
    assert Occupation(code="37-2012.00", title="Maids and Housekeeping Cleaners").staff_label == (
        HOUSEKEEPER
    )
    # No plain title written: the O*NET title alone.
    assert Occupation(code="11-1011.00", title="Chief Executives").staff_label == (
        "Chief Executives"
    )


@pytest.mark.parametrize("typed", ["housekeeper", "HOUSEKEEPER", "maids", "37-2012", "camarista"])
def test_chooser_finds_an_occupation_by_plain_title_onet_title_or_code(as_specialist, typed):
    response = as_specialist.get(RESULTS, {"q": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert HOUSEKEEPER in page
    assert "37-2012.00" in page


def test_chooser_lists_the_jobs_people_ask_for_first(as_specialist):
    page = as_specialist.get(RESULTS).content.decode()
    # The first page is all plain-titled occupations (114 of them): no bare O*NET row yet.
    assert "Chief Executives" not in page
    assert "Accountant (Accountants and Auditors)" in page


def test_chooser_search_with_nothing_found_says_so_and_lists_nothing(as_specialist):
    page = as_specialist.get(RESULTS, {"q": "zzzqqq"}).content.decode()
    assert HOUSEKEEPER not in page
    assert "37-" not in page


def test_chosen_occupation_is_returned_with_its_staff_label(as_specialist):
    response = as_specialist.get("/admin/jobseekers/occupation-chooser/chosen/37-2012.00/")
    assert response.status_code == 200
    assert response.json()["result"]["title"] == HOUSEKEEPER


def no_occupation_select(page: str) -> bool:
    return not re.search(r'<select[^>]*name="occupation"', page)


def test_opening_form_picks_the_occupation_with_the_chooser_and_saves_the_code(
    as_specialist, program
):
    employer = Employer.objects.create(program=program, name="Grand Hotel", zip="48226")
    page = as_specialist.get(reverse("openings:add")).content.decode()
    assert no_occupation_select(page)
    assert "Choose a kind of work" in page
    data = {"employer": employer.pk, "title": "Room attendant", "status": "open"}
    data |= {"occupation": "37-2012.00", "schedule": ""}
    response = as_specialist.post(reverse("openings:add"), data)
    assert response.status_code == 302
    opening = JobOpening.objects.get()
    assert opening.occupation_id == "37-2012.00"
    page = as_specialist.get(reverse("openings:edit", args=[opening.pk])).content.decode()
    assert no_occupation_select(page)
    assert HOUSEKEEPER in page


def test_job_correction_form_shows_the_chosen_occupation_by_its_staff_label(
    as_specialist, program, seeker
):
    employer = Employer.objects.create(program=program, name="Grand Hotel", zip="48226")
    job = Job.objects.create(
        program=program,
        seeker=seeker,
        employer=employer,
        title="Room attendant",
        occupation_id="37-2012.00",
        start_date=dt.date(2026, 3, 2),
    )
    page = as_specialist.get(reverse("jobs:edit", args=[job.pk])).content.decode()
    assert no_occupation_select(page)
    assert HOUSEKEEPER in page
