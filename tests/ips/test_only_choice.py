"""No one-option selects (issue 17, item 5): a staff member of one program is not asked for
the program; the server sets it, whatever the posted data says. Someone of two programs
still chooses."""

import re

import pytest
from django.urls import reverse

from employers.models import Employer, JobOpening
from ips.models import StaffMember
from ips.roles import Role
from jobseekers.models import JobSeeker


def program_select(page: str) -> bool:
    return bool(re.search(r'<select[^>]*name="program"', page))


@pytest.fixture
def as_specialist(client, users):
    client.force_login(users[Role.SPECIALIST])
    return client


@pytest.fixture
def in_two_programs(users, other_program):
    """The home program's specialist also works in the other program."""
    user = users[Role.SPECIALIST]
    StaffMember.objects.create(user=user, program=other_program, role=Role.SPECIALIST)
    return user


def test_workspace_form_of_one_program_does_not_ask_for_it(as_specialist):
    for url in (reverse("employers:add"), reverse("openings:add"), reverse("jobseekers:refer")):
        page = as_specialist.get(url).content.decode()
        assert not program_select(page), url


def test_a_member_of_one_program_saves_into_it_without_sending_it(as_specialist, program):
    response = as_specialist.post(reverse("employers:add"), {"name": "Corner Cafe", "zip": "48226"})
    assert response.status_code == 302
    assert Employer.objects.get().program == program
    data = {"name": "Jo Park", "referral_date": "2026-01-02"}
    response = as_specialist.post(reverse("jobseekers:refer"), data)
    assert response.status_code == 302
    assert JobSeeker.objects.get(name="Jo Park").program == program


def test_a_changed_hidden_program_is_refused_with_a_message_and_nothing_saved(
    as_specialist, program, other_program
):
    data = {"program": other_program.pk, "name": "Corner Cafe", "zip": "48226"}
    response = as_specialist.post(reverse("employers:add"), data)
    assert response.status_code == 200
    assert f"You can only choose {program} here." in str(response.context["form"].errors)
    assert not Employer.objects.exists()
    data = {"program": other_program.pk, "name": "Jo Park", "referral_date": "2026-01-02"}
    assert as_specialist.post(reverse("jobseekers:refer"), data).status_code == 200  # shown again
    assert not JobSeeker.objects.exists()


def test_member_of_two_programs_chooses_the_program(client, in_two_programs, other_program):
    client.force_login(in_two_programs)
    page = client.get(reverse("employers:add")).content.decode()
    assert program_select(page)
    data = {"program": other_program.pk, "name": "Corner Cafe", "zip": "48502"}
    assert client.post(reverse("employers:add"), data).status_code == 302
    assert Employer.objects.get().program == other_program


def test_member_of_two_programs_without_a_program_is_asked_and_nothing_is_saved(
    client, in_two_programs
):
    client.force_login(in_two_programs)
    response = client.post(reverse("employers:add"), {"name": "Corner Cafe", "zip": "48226"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Employer.objects.exists()


def test_editing_keeps_the_rows_program(as_specialist, program):
    employer = Employer.objects.create(program=program, name="Corner Cafe", zip="48226")
    page = as_specialist.get(reverse("employers:edit", args=[employer.pk])).content.decode()
    assert not program_select(page)
    data = {"name": "Corner Cafe", "zip": "48226", "version": 1}
    data["phone"] = "313 555 0100"
    response = as_specialist.post(reverse("employers:edit", args=[employer.pk]), data)
    assert response.status_code == 302
    employer.refresh_from_db()
    assert (employer.program, employer.phone) == (program, "313 555 0100")


def test_opening_of_one_program_is_saved_in_it(as_specialist, program):
    employer = Employer.objects.create(program=program, name="Corner Cafe", zip="48226")
    data = {"employer": employer.pk, "title": "Prep cook"}
    data |= {"status": "open", "schedule": "", "occupation": ""}
    assert as_specialist.post(reverse("openings:add"), data).status_code == 302
    assert JobOpening.objects.get().program == program


def test_dashboard_of_a_director_of_one_program_does_not_ask_for_it(client, users, program):
    client.force_login(users[Role.DIRECTOR])
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert not program_select(page)
    assert program.name in page


def test_a_required_pick_of_one_row_is_named_not_asked(as_specialist, program, other_program):
    Employer.objects.create(program=other_program, name="Elsewhere Diner", zip="48502")
    Employer.objects.create(program=program, name="Corner Cafe", zip="48226")
    page = as_specialist.get(reverse("openings:add")).content.decode()
    assert not re.search(r'<select[^>]*name="employer"', page)
    assert re.search(r'<p class="ips-settled-choice">Corner Cafe[^<]*</p>', page)
    data = {"title": "Prep cook", "status": "open", "schedule": "", "occupation": ""}
    assert as_specialist.post(reverse("openings:add"), data).status_code == 302
    assert JobOpening.objects.get().employer.name == "Corner Cafe"


def test_two_employers_to_pick_from_are_searched_with_the_chooser(as_specialist, program):
    """Red team: the openings form's employer was a select of every employer. Now it is
    the employer chooser (searched by name); with two or more rows it is still asked."""
    Employer.objects.create(program=program, name="Corner Cafe", zip="48226")
    Employer.objects.create(program=program, name="Grand Hotel", zip="48226")
    page = as_specialist.get(reverse("openings:add")).content.decode()
    assert not re.search(r'<select[^>]*name="employer"', page)
    assert 'data-chooser-url="/admin/jobseekers/employer-chooser/"' in page
    assert "Choose the employer" in page
    assert "Grand Hotel" not in page  # not listed on the form: found by search


def test_a_refused_hidden_program_is_named_at_the_top_of_the_form(
    as_specialist, program, other_program
):
    """Red team: the refusal named no field, and the field is hidden, so nothing said what
    was wrong. Now the message names it and stands at the top of the form."""
    data = {"program": other_program.pk, "name": "Corner Cafe", "zip": "48226"}
    response = as_specialist.post(reverse("employers:add"), data)
    assert response.status_code == 200
    page = response.content.decode()
    message = f"Program: You can only choose {program} here."
    assert response.context["form"].errors == {"__all__": [message]}
    assert page.count(message) == 1
    assert page.index(message) < page.index('name="name"')  # above the fields
    assert not Employer.objects.exists()
