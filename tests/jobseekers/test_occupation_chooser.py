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


CHOICE = re.compile(r'<a data-chooser-modal-choice href="[^"]*/chosen/([^/]+)/">\s*([^<]*?)\s*</a>')


def choices(client, **query) -> list[tuple[str, str]]:
    """The (code, label) rows the chooser lists for `query`, in their order."""
    response = client.get(RESULTS, query)
    assert response.status_code == 200
    return CHOICE.findall(response.content.decode())


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("cashier's", ("41-2011.00", "Cashier (Cashiers)")),
        ("Cashier’s", ("41-2011.00", "Cashier (Cashiers)")),
        ("cafe", ("35-2012.00", "Cafeteria cook (Cooks, Institution and Cafeteria)")),
        ("café", ("35-2012.00", "Cafeteria cook (Cooks, Institution and Cafeteria)")),
        ("CAFÉ", ("35-3023.01", "Barista (Baristas)")),  # "Also called" a café worker
        ("line cook", ("35-2014.00", "Restaurant cook (Cooks, Restaurant)")),
        ("cook  LINE", ("35-2014.00", "Restaurant cook (Cooks, Restaurant)")),
        ("rest cook", ("35-2014.00", "Restaurant cook (Cooks, Restaurant)")),
        ("cocinero resta", ("35-2014.00", "Restaurant cook (Cooks, Restaurant)")),
        ("helpers production", ("51-9198.00", "Production helper (Helpers--Production Workers)")),
    ],
)
def test_chooser_search_ignores_case_accents_apostrophes_and_word_order(
    as_specialist, typed, found
):
    assert found in choices(as_specialist, q=typed)


def test_each_word_must_begin_a_word_of_the_names(as_specialist):
    assert choices(as_specialist, q="line cook") == [
        ("35-2014.00", "Restaurant cook (Cooks, Restaurant)")
    ]
    # "ook" is inside "cook" but begins no word; "line" alone is no cook.
    assert ("35-2014.00", "Restaurant cook (Cooks, Restaurant)") not in choices(
        as_specialist, q="ook"
    )
    assert choices(as_specialist, q="line zzz") == []


def test_plain_title_hits_come_before_onet_title_only_hits_each_by_the_title_shown(
    as_specialist,
):
    found = [label for _, label in choices(as_specialist, q="cook")]
    everyday = [
        "Cafeteria cook (Cooks, Institution and Cafeteria)",
        "Fast food cook (Cooks, Fast Food)",
        "Head cook (Chefs and Head Cooks)",
        "Kitchen helper (Food Preparation Workers)",  # also called a prep cook
        "Restaurant cook (Cooks, Restaurant)",
        "Short order cook (Cooks, Short Order)",
    ]
    assert found[: len(everyday)] == everyday
    onet_only = found[len(everyday) :]
    # "Cooks, All Other" sorts before "Head cook" but is found only by its O*NET title.
    assert "Cooks, All Other" in onet_only
    assert "Cooks, Private Household" in onet_only
    assert onet_only == sorted(onet_only, key=str.casefold)


def test_unfiltered_chooser_is_sorted_by_the_plain_title_shown(as_specialist):
    first_page = [label for _, label in choices(as_specialist)]
    assert len(first_page) == 20
    assert first_page == sorted(first_page, key=str.casefold)
    # By plain title, not O*NET title: "Bank teller (Tellers)" is among the first twenty;
    # by O*NET title ("Tellers") it would not be.
    assert "Bank teller (Tellers)" in first_page
    assert first_page[0] == "Accountant (Accountants and Auditors)"


def test_a_code_start_finds_the_occupations_of_that_group(as_specialist):
    codes = [code for code, _ in choices(as_specialist, q="35-20")]
    assert "35-2014.00" in codes
    assert all(code.startswith("35-20") for code in codes)


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


def test_profile_checklist_and_record_name_kinds_of_work_by_plain_title(
    as_specialist, program, seeker
):
    """Added through the profile form with the chooser's value (the code), a kind of work
    is then ticked on the profile form and listed on the record by its plain title, the
    O*NET title (and, on the checklist, the code) after it; never "Helpers--Production
    Workers (51-9198.00)"."""
    url = reverse("jobseekers:profile", args=[seeker.pk])
    for step, (field, code) in enumerate(
        [("add_occupation", "51-9198.00"), ("rule_out_occupation", "37-2012.00")]
    ):
        data = {"dream_job": "Baker", field: code, "version": str(step)}
        if step:
            data["preferred_occupations"] = "51-9198.00"
        assert as_specialist.post(url, data).status_code == 302
    form = as_specialist.get(url).content.decode()
    assert "Production helper <small>Helpers--Production Workers, 51-9198.00</small>" in form
    assert "Housekeeper <small>Maids and Housekeeping Cleaners, 37-2012.00</small>" in form
    assert "Helpers--Production Workers (51-9198.00)" not in form
    record = as_specialist.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert "<dd>Production helper (Helpers--Production Workers)</dd>" in record
    assert f"<dd>{HOUSEKEEPER}</dd>" in record
    employer = Employer.objects.create(program=program, name="Grand Hotel", zip="48226")
    Job.objects.create(
        program=program,
        seeker=seeker,
        employer=employer,
        title="Room attendant",
        occupation_id="37-2012.00",
        start_date=dt.date(2026, 3, 2),
    )
    record = as_specialist.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert f"Room attendant<br><small>{HOUSEKEEPER}</small>" in record


def test_an_occupation_named_without_a_chosen_label_still_puts_the_plain_title_first():
    """Inspect pages and history show str(): plain title, then O*NET title and code."""
    helper = Occupation(code="51-9198.00", title="Helpers--Production Workers")
    assert str(helper) == "Production helper (Helpers--Production Workers, 51-9198.00)"
    assert str(Occupation(code="11-1011.00", title="Chief Executives")) == (
        "Chief Executives (11-1011.00)"
    )
