"""Every employer-CRM screen x every role: the refusal is asserted, and nothing changes."""

import pytest

from employers.models import Employer, EmployerContact, JobOpening
from ips.roles import Role
from tests.employers.conftest import TODAY, make_contact, make_employer, make_opening

WHO = ("specialist", "coach", "supervisor", "director", "outsider", "seeker", "anonymous")
CASEWORK = {"specialist", "supervisor", "director"}


@pytest.fixture
def login(client, users, outsider, seeker_user, frozen_today):
    def as_(who):
        user = {"outsider": outsider, "seeker": seeker_user, "anonymous": None}.get(who)
        user = users[who] if who in users else user
        if user is not None:
            client.force_login(user)
        return client

    return as_


def refused(response, who) -> bool:
    """Anonymous and portal users go to the login page; staff without the role go home."""
    if who in ("seeker", "anonymous"):
        return response.status_code == 302 and "/admin/login/" in response["Location"]
    if who == "outsider":
        return response.status_code == 404
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.parametrize("who", WHO)
def test_quick_log_post(login, who, employer, seeker):
    response = login(who).post(
        "/admin/crm/log/",
        {"employer": employer.pk, "seekers": [seeker.pk], "mode": "face_to_face", "date": TODAY},
    )
    saved = EmployerContact.objects.exists()
    if who in CASEWORK:
        assert response.status_code == 302
        assert saved
    elif who == "outsider":  # their own screen, but our employer is not theirs
        assert response.status_code == 200
        assert "not in your program" in response.content.decode()
        assert not saved
    else:
        assert refused(response, who)
        assert not saved


@pytest.mark.parametrize("who", WHO)
def test_quick_log_page_and_search(login, who, employer, seeker):
    client = login(who)
    page = client.get("/admin/crm/log/")
    found = client.get("/admin/crm/log/employers/?q=corner")
    people = client.get("/admin/crm/log/seekers/?q=rivera")
    if who in CASEWORK:
        assert page.status_code == 200
        # The specialist's own person is listed; leadership finds them by name.
        shown = page if who == Role.SPECIALIST else people
        assert seeker.name in shown.content.decode()
        assert employer.name in found.content.decode()
    elif who == "outsider":
        assert page.status_code == 200
        assert seeker.name not in page.content.decode()
        assert seeker.name not in people.content.decode()
        assert employer.name not in found.content.decode()
    else:
        assert refused(page, who)
        assert refused(found, who)
        assert refused(people, who)


@pytest.mark.parametrize("who", WHO)
def test_my_week_of_a_home_specialist(login, who, staff, employer):
    make_contact(staff[Role.SPECIALIST], employer, notes="secret visit")
    response = login(who).get(f"/admin/crm/week/?specialist={staff[Role.SPECIALIST].pk}")
    if who in CASEWORK:
        assert response.status_code == 200
        assert "1</span> of 6" in response.content.decode()
    else:
        assert refused(response, who)


def test_a_specialist_cannot_open_a_colleagues_week(login, program, staff):
    from tests.conftest import make_staff

    colleague = make_staff(program, Role.SPECIALIST, "colleague_north")
    assert login("specialist").get(f"/admin/crm/week/?specialist={colleague.pk}").status_code == 404


@pytest.mark.parametrize("who", ["supervisor", "director", "specialist"])
@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "²"])
def test_a_malformed_specialist_in_my_week_is_ignored(login, who, value, staff):
    response = login(who).get("/admin/crm/week/", {"specialist": value})
    assert response.status_code == 200
    assert "permission" not in response.content.decode().lower()


@pytest.mark.parametrize("who", WHO)
def test_merge(login, who, program, employer, staff):
    duplicate = make_employer(program, name="Corner Café", zip="48226")
    make_contact(staff[Role.SPECIALIST], duplicate)
    client = login(who)
    page = client.get(f"/admin/crm/employers/{employer.pk}/merge/")
    response = client.post(
        f"/admin/crm/employers/{employer.pk}/merge/", {"duplicate": duplicate.pk}
    )
    merged = not Employer.objects.filter(pk=duplicate.pk).exists()
    if who in CASEWORK:
        assert page.status_code == 200
        assert response.status_code == 302
        assert merged
        assert EmployerContact.objects.get().employer == employer
    else:
        assert refused(page, who)
        assert refused(response, who)
        assert not merged


def test_merge_with_an_employer_of_another_program_is_refused(login, employer, other_employer):
    response = login("director").post(
        f"/admin/crm/employers/{employer.pk}/merge/", {"duplicate": other_employer.pk}
    )
    assert "same program" in response.content.decode()
    assert Employer.objects.count() == 2


@pytest.mark.parametrize("who", WHO)
def test_employer_record(login, who, employer, staff):
    make_contact(staff[Role.SPECIALIST], employer, notes="Owner wants weekend cooks")
    response = login(who).get(f"/admin/employers/inspect/{employer.pk}/")
    if who in CASEWORK:
        assert response.status_code == 200
        assert "Owner wants weekend cooks" in response.content.decode()
        assert "Merge a duplicate" in response.content.decode()
    elif who == "coach":  # coaches may read the employer, not the job-development log
        assert response.status_code == 200
        assert "Owner wants weekend cooks" not in response.content.decode()
        assert "Merge a duplicate" not in response.content.decode()
    else:
        assert refused(response, who)


@pytest.mark.parametrize(
    "url", ["/admin/employers/", "/admin/employer_contacts/", "/admin/openings/"]
)
@pytest.mark.parametrize("who", WHO)
def test_lists_show_only_the_users_programs(login, who, url, employer, staff):
    make_contact(staff[Role.SPECIALIST], employer)
    make_opening(employer, title="Weekend cook")
    response = login(who).get(url)
    contacts_list = url == "/admin/employer_contacts/"
    if who in CASEWORK or (who == "coach" and not contacts_list):
        assert response.status_code == 200
        assert "Corner Cafe" in response.content.decode()
    elif who == "outsider":
        assert response.status_code == 200
        assert "Corner Cafe" not in response.content.decode()
    else:
        assert refused(response, who)


@pytest.mark.parametrize("who", WHO)
def test_opening_create_from_an_employer(login, who, employer):
    client = login(who)
    data = {"program": employer.program_id, "employer": employer.pk, "title": "Prep cook"}
    data.update(status="open", schedule="", occupation="")
    response = client.post(f"/admin/openings/new/?employer={employer.pk}", data)
    created = JobOpening.objects.exists()
    if who in CASEWORK:
        assert response.status_code == 302
        assert created
    elif who == "outsider":  # the form refuses another program's employer
        assert response.status_code == 200
        assert not created
    else:
        assert response.status_code == 302
        assert not created
