"""The quick log screen: one tap saves; bad input gets a clear message and saves nothing."""

import datetime as dt
import re

import pytest

from employers.models import Employer, EmployerContact
from ips.roles import Role
from tests.employers.conftest import TODAY, make_employer

URL = "/admin/crm/log/"


def post(client, **data):
    base = {"mode": "face_to_face", "date": TODAY.isoformat()}
    return client.post(URL, {**base, **data})


@pytest.fixture
def as_specialist(client, users, frozen_today):
    client.force_login(users[Role.SPECIALIST])
    return client


def test_form_defaults_to_today_and_face_to_face(as_specialist, seeker):
    page = as_specialist.get(URL).content.decode()
    assert f'value="{TODAY.isoformat()}"' in page
    checked = re.findall(r'<input type="radio" name="mode" value="(\w+)"[^>]*checked', page)
    assert checked == ["face_to_face"]
    assert seeker.name in page


def test_one_post_logs_a_contact_for_the_user_as_specialist(
    as_specialist, employer, seeker, specialist
):
    response = post(
        as_specialist,
        employer=employer.pk,
        seekers=[seeker.pk],
        client_present="on",
        purpose="ask_interview",
        notes="Met the owner",
        next_step="Send résumé",
        next_step_due=(TODAY + dt.timedelta(days=2)).isoformat(),
    )
    assert response.status_code == 302
    contact = EmployerContact.objects.get()
    assert contact.specialist == specialist
    assert contact.client_present
    assert list(contact.seekers.all()) == [seeker]
    follow = as_specialist.get(response["Location"]).content.decode()
    assert "Face to face this week: 1 of 6" in follow
    assert f"?contact={contact.pk}" in follow  # add an opening learned here


def test_new_employer_is_created_on_the_spot_by_name_and_zip(as_specialist, program):
    response = post(as_specialist, new_employer_name="Green Grocer", new_employer_zip="48201")
    assert response.status_code == 302
    contact = EmployerContact.objects.get()
    assert contact.employer.name == "Green Grocer"
    assert contact.employer.program == program


def test_new_employer_matching_an_existing_one_warns_and_saves_nothing(as_specialist, employer):
    response = post(as_specialist, new_employer_name="The Corner Cafe", new_employer_zip="48226")
    assert response.status_code == 200
    assert "already here" in response.content.decode()
    assert Employer.objects.count() == 1
    assert not EmployerContact.objects.exists()


def test_confirmed_different_business_is_added(as_specialist, employer):
    post(
        as_specialist,
        new_employer_name="Corner Cafe",
        new_employer_zip="48226",
        not_a_duplicate="on",
    )
    assert Employer.objects.count() == 2
    assert EmployerContact.objects.count() == 1


def test_date_more_than_a_day_ahead_is_refused(as_specialist, employer):
    response = post(
        as_specialist, employer=employer.pk, date=(TODAY + dt.timedelta(days=2)).isoformat()
    )
    assert "today or earlier" in response.content.decode()
    assert not EmployerContact.objects.exists()


def test_employer_of_another_program_is_refused(as_specialist, other_employer):
    response = post(as_specialist, employer=other_employer.pk)
    assert "not in your program" in response.content.decode()
    assert not EmployerContact.objects.exists()


def test_seeker_of_another_program_is_refused(as_specialist, employer, other_seeker):
    response = post(as_specialist, employer=employer.pk, seekers=[other_seeker.pk])
    assert "not in your program" in response.content.decode()
    assert not EmployerContact.objects.exists()


def test_missing_employer_is_refused_with_a_message(as_specialist):
    response = post(as_specialist)
    assert "Pick an employer" in response.content.decode()
    assert not EmployerContact.objects.exists()


def test_next_step_due_before_the_contact_is_refused(as_specialist, employer):
    response = post(
        as_specialist,
        employer=employer.pk,
        next_step="Call",
        next_step_due=(TODAY - dt.timedelta(days=3)).isoformat(),
    )
    assert "cannot be due before" in response.content.decode()
    assert not EmployerContact.objects.exists()


def test_search_as_you_type_lists_matching_employers_as_choices(as_specialist, program, employer):
    make_employer(program, name="Bike Shop", zip="48201")
    page = as_specialist.get("/admin/crm/log/employers/?q=corn").content.decode()
    assert f'name="employer" value="{employer.pk}"' in page
    assert "Bike Shop" not in page


def test_recent_employers_are_offered_first(as_specialist, employer):
    post(as_specialist, employer=employer.pk)
    page = as_specialist.get(URL).content.decode()
    assert f'name="employer" value="{employer.pk}"' in page


def test_supervisor_may_log_a_contact_too(client, users, employer, staff, frozen_today):
    client.force_login(users[Role.SUPERVISOR])
    post(client, employer=employer.pk)
    assert EmployerContact.objects.get().specialist == staff[Role.SUPERVISOR]


def test_log_a_contact_from_the_employer_record_preselects_the_employer(as_specialist, employer):
    page = as_specialist.get(f"{URL}?employer={employer.pk}").content.decode()
    assert f'name="employer" value="{employer.pk}" checked' in page


def test_a_malformed_employer_in_the_address_is_ignored(as_specialist, employer):
    assert as_specialist.get(f"{URL}?employer=abc").status_code == 200


def test_director_of_two_programs_picks_the_program_of_a_new_employer(
    client, program, other_program, frozen_today
):
    from ips.models import StaffMember
    from tests.conftest import make_staff

    director = make_staff(program, Role.DIRECTOR, "both_director")
    StaffMember.objects.create(user=director.user, program=other_program, role=Role.DIRECTOR)
    client.force_login(director.user)
    page = client.get(URL).content.decode()
    assert page.count('name="program"') == 1
    missing = post(client, new_employer_name="Deli", new_employer_zip="48502")
    assert "Choose the program" in missing.content.decode()
    post(client, new_employer_name="Deli", new_employer_zip="48502", program=other_program.pk)
    contact = EmployerContact.objects.get()
    assert contact.employer.program == other_program
    assert contact.program == other_program


def test_own_caseload_is_listed_recent_first_and_others_only_by_search(
    as_specialist, program, staff, specialist, employer, seeker
):
    from jobseekers.models import JobSeeker

    recent = JobSeeker.objects.create(
        program=program, ref="S-2", name="Zoe Recent", specialist=specialist, stage="job_search"
    )
    others = JobSeeker.objects.create(
        program=program,
        ref="S-3",
        name="Olu Otherperson",
        stage="job_search",
        specialist=staff[Role.SUPERVISOR],
    )
    contact = post(as_specialist, employer=employer.pk, seekers=[recent.pk])
    assert contact.status_code == 302
    page = as_specialist.get(URL).content.decode()
    listed = re.findall(r'name="seekers" value="(\d+)"', page)
    assert listed == [str(recent.pk), str(seeker.pk)]  # named most recently first
    assert others.name not in page
    found = as_specialist.get(f"{URL}seekers/?q=otherp").content.decode()
    assert f'value="{others.pk}"' in found
    assert seeker.name not in found  # already listed as one of theirs


def test_a_ticked_colleagues_person_stays_listed_when_the_form_is_refused(
    as_specialist, program, staff, seeker
):
    from jobseekers.models import JobSeeker

    others = JobSeeker.objects.create(
        program=program,
        ref="S-3",
        name="Olu Otherperson",
        stage="job_search",
        specialist=staff[Role.SUPERVISOR],
    )
    response = post(as_specialist, seekers=[others.pk])  # no employer picked
    page = response.content.decode()
    assert "Pick an employer" in page
    assert f'value="{others.pk}" checked' in page
    assert not EmployerContact.objects.exists()


def test_seeker_search_with_a_control_character_is_a_clear_400(as_specialist):
    response = as_specialist.get(f"{URL}seekers/?q=a%00b")
    assert response.status_code == 400
    assert "search" in response.content.decode()


def test_a_person_named_in_the_link_is_ticked(as_specialist, program, staff):
    from jobseekers.models import JobSeeker

    others = JobSeeker.objects.create(
        program=program,
        ref="S-13",
        name="Olu Otherperson",
        stage="job_search",
        specialist=staff[Role.SUPERVISOR],
    )
    page = as_specialist.get(f"{URL}?seekers={others.pk}").content.decode()
    assert f'value="{others.pk}" checked' in page
