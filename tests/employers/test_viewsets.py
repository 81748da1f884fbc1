"""Workspace CRUD: employers and openings saved through their services (duplicates caught,
located on create and on a place change, status dates).  Matches refreshed after an opening
is saved here: tests/jobseekers/matching/test_refresh_triggers.py."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from employers.models import Employer, JobOpening
from ips.roles import Role
from tests.employers.conftest import make_contact, make_opening


@pytest.fixture
def as_specialist(client, users):
    client.force_login(users[Role.SPECIALIST])
    return client


def employer_data(program, **extra):
    return {"program": program.pk, "name": "The Corner Cafe", "zip": "48226", **extra}


def test_creating_a_duplicate_employer_is_refused_with_the_match_named(
    as_specialist, program, employer
):
    response = as_specialist.post("/admin/employers/new/", employer_data(program))
    assert response.status_code == 200
    assert "may already exist: Corner Cafe (48226)" in response.content.decode()
    assert Employer.objects.count() == 1


def test_a_confirmed_different_business_is_created(as_specialist, program, employer):
    response = as_specialist.post(
        "/admin/employers/new/", employer_data(program, not_a_duplicate="on")
    )
    assert response.status_code == 302
    assert Employer.objects.count() == 2


def test_editing_an_employer_is_not_a_duplicate_of_itself(as_specialist, program, employer):
    response = as_specialist.post(
        f"/admin/employers/edit/{employer.pk}/",
        employer_data(program, name="Corner Cafe", version=employer.version),
    )
    assert response.status_code == 302


DETROIT_48226 = (42.33, -83.05)
FLINT_48502 = (43.01, -83.69)


def located_at(row) -> tuple[float, float] | None:
    row.refresh_from_db()
    if row.latitude is None:
        return None
    return (round(row.latitude, 2), round(row.longitude, 2))


def test_employer_added_on_the_employers_screen_is_located(
    as_specialist, program, specialist, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_specialist.post("/admin/employers/new/", employer_data(program))
    assert response.status_code == 302
    employer = Employer.objects.get()
    assert located_at(employer) == pytest.approx(DETROIT_48226, abs=0.05)
    assert employer.geocode_source == "zip_centroid"
    assert employer.created_by == specialist


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"zip": "48502"}, FLINT_48502),  # a ZIP change moves it
        ({"zip": "00000"}, None),  # an unknown ZIP: the old coordinates are not kept
        ({"address": "1 Main St"}, DETROIT_48226),  # an address change locates it again
    ],
)
def test_place_change_on_the_employers_screen_locates_the_employer_again(
    as_specialist, program, django_capture_on_commit_callbacks, changes, expected
):
    employer = Employer.objects.create(
        program=program, name="Corner Cafe", zip="48226", latitude=10.0, longitude=10.0
    )
    data = employer_data(program, name="Corner Cafe", version=employer.version, **changes)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_specialist.post(f"/admin/employers/edit/{employer.pk}/", data)
    assert response.status_code == 302
    if expected is None:
        assert located_at(employer) is None
    else:
        assert located_at(employer) == pytest.approx(expected, abs=0.05)


def test_edit_that_keeps_the_place_keeps_the_coordinates(
    as_specialist, program, django_capture_on_commit_callbacks
):
    employer = Employer.objects.create(
        program=program, name="Corner Cafe", zip="48226", latitude=42.3, longitude=-83.0
    )
    data = employer_data(program, name="Corner Cafe", phone="313 555 0100", version=1)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = as_specialist.post(f"/admin/employers/edit/{employer.pk}/", data)
    assert response.status_code == 302
    assert callbacks == []  # nothing to locate
    assert located_at(employer) == (42.3, -83.0)


def test_stale_employer_edit_saves_nothing_and_locates_nothing(
    as_specialist, program, django_capture_on_commit_callbacks
):
    employer = Employer.objects.create(program=program, name="Corner Cafe", zip="48226")
    Employer.objects.get(pk=employer.pk).save()  # a colleague saved first: version 2
    data = employer_data(program, name="Corner Cafe", zip="48502", version=1)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = as_specialist.post(f"/admin/employers/edit/{employer.pk}/", data)
    assert response.status_code == 200
    assert "Someone else saved changes" in response.content.decode()
    assert callbacks == []
    assert Employer.objects.get(pk=employer.pk).zip == "48226"


def opening_data(employer, **extra):
    return {
        "program": employer.program_id,
        "employer": employer.pk,
        "title": "Prep cook",
        "status": "open",
        **extra,
    }


def test_opening_from_a_contact_carries_the_contact_and_employer(
    as_specialist, employer, specialist
):
    contact = make_contact(specialist, employer)
    page = as_specialist.get(f"/admin/openings/new/?contact={contact.pk}").content.decode()
    assert f'name="source_contact" value="{contact.pk}"' in page
    response = as_specialist.post(
        f"/admin/openings/new/?contact={contact.pk}",
        opening_data(employer, source_contact=contact.pk),
    )
    assert response.status_code == 302
    opening = JobOpening.objects.get()
    assert opening.source_contact == contact
    assert opening.created_by == specialist


def test_an_opening_from_a_contact_keeps_its_employer_and_says_why(
    as_specialist, employer, specialist, program
):
    """A red-team finding: choosing another employer for an opening learned at a contact
    was a server error (the contact is a hidden field the user cannot clear). The form
    says why, at the employer field, and nothing changes."""
    contact = make_contact(specialist, employer)
    opening = make_opening(employer, source_contact=contact)
    roasters = Employer.objects.create(program=program, name="Zebra Roasters")
    response = as_specialist.post(
        f"/admin/openings/edit/{opening.pk}/",
        opening_data(roasters, source_contact=contact.pk, title="Barista", version=opening.version),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"This opening was noted at a contact with {employer.name} on" in page
    assert "For a job at another employer, add a new opening." in page
    kept = JobOpening.objects.get(pk=opening.pk)
    assert (kept.employer, kept.title, kept.version) == (employer, opening.title, opening.version)


def test_an_opening_whose_contact_was_deleted_meanwhile_says_so(
    as_specialist, employer, specialist
):
    """A red-team finding: the contact deleted while the opening's page was open left an
    error on the hidden field, and the page said only that there were errors."""
    contact = make_contact(specialist, employer)
    opening = make_opening(employer, source_contact=contact)
    contact_id = contact.pk  # as the page holds it
    contact.delete()
    response = as_specialist.post(
        f"/admin/openings/edit/{opening.pk}/",
        opening_data(employer, source_contact=contact_id, title="Barista", version=1),
    )
    assert response.status_code == 200
    assert "The employer contact this opening was noted at is no longer there" in (
        response.content.decode()
    )
    assert JobOpening.objects.get(pk=opening.pk).title == opening.title


def test_a_contact_edit_keeps_its_person_and_its_openings_with_one_employer(
    as_specialist, employer, specialist, program
):
    """Red-team findings: a contact's employer changed on its edit screen kept a person
    of the old employer, and left the opening noted at it impossible to save. Both are
    refused at their field, and nothing changes."""
    from employers.models import EmployerContact, EmployerPerson
    from tests.support.html_forms import form_data

    ana = EmployerPerson.objects.create(program=program, employer=employer, name="Ana Ruiz")
    contact = make_contact(specialist, employer, person=ana)
    pizzeria = Employer.objects.create(program=program, name="Wilson's Pizzeria")
    url = f"/admin/employer_contacts/edit/{contact.pk}/"
    data = form_data(as_specialist.get(url).content.decode(), having="employer")
    response = as_specialist.post(url, {**data, "employer": pizzeria.pk})
    assert response.status_code == 200
    assert f"Ana Ruiz works at {employer.name}, not Wilson&#x27;s Pizzeria." in (
        response.content.decode()
    )
    make_opening(employer, title="Line cook", source_contact=contact)
    response = as_specialist.post(url, {**data, "employer": pizzeria.pk, "person": ""})
    assert response.status_code == 200
    assert "Openings were noted at this contact (“Line cook”)" in response.content.decode()
    kept = EmployerContact.objects.get(pk=contact.pk)
    assert (kept.employer, kept.person, kept.version) == (employer, ana, contact.version)
    response = as_specialist.post(url, {**data, "notes": "Met the owner"})
    assert response.status_code == 302  # the same employer still saves
    assert EmployerContact.objects.get(pk=contact.pk).notes == "Met the owner"


def test_an_opening_moved_to_another_program_keeps_its_contacts_program_and_says_so(
    client, employer, specialist, other_program, superuser
):
    """A red-team finding: moving an opening noted at a contact to another program said
    the contact had been deleted. It says the contact's program, and nothing changes."""
    contact = make_contact(specialist, employer)
    opening = make_opening(employer, source_contact=contact)
    client.force_login(superuser)
    response = client.post(
        f"/admin/openings/edit/{opening.pk}/",
        {
            **opening_data(employer, source_contact=contact.pk, version=opening.version),
            "program": other_program.pk,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "no longer there" not in page
    program_name = employer.program.name.replace("'", "&#x27;")
    assert f"noted at an employer contact of {program_name}, so it stays" in page
    assert JobOpening.objects.get(pk=opening.pk).program_id == employer.program_id


def test_marking_an_opening_filled_in_the_workspace_dates_its_closing(as_specialist, employer):
    opening = make_opening(employer)
    response = as_specialist.post(
        f"/admin/openings/edit/{opening.pk}/",
        opening_data(employer, status="filled", version=opening.version),
    )
    assert response.status_code == 302
    opening.refresh_from_db()
    assert opening.status == "filled"
    assert opening.closed_on is not None


def test_openings_are_private_until_marked_shareable(as_specialist, employer):
    as_specialist.post("/admin/openings/new/", opening_data(employer))
    assert not JobOpening.objects.public().exists()
    opening = JobOpening.objects.get()
    as_specialist.post(
        f"/admin/openings/edit/{opening.pk}/",
        opening_data(employer, shareable="on", version=opening.version),
    )
    assert list(JobOpening.objects.public()) == [opening]


def test_contact_dated_beyond_tomorrow_is_refused_in_the_workspace_form(
    as_specialist, employer, specialist
):
    response = as_specialist.post(
        "/admin/employer_contacts/new/",
        {
            "program": employer.program_id,
            "date": "2099-01-01",
            "specialist": specialist.pk,
            "employer": employer.pk,
            "mode": "face_to_face",
        },
    )
    assert "today or earlier" in response.content.decode()


def test_employer_screens_keep_the_employers_history(as_specialist, program, users):
    as_specialist.post("/admin/employers/new/", employer_data(program))
    employer = Employer.objects.get()
    data = employer_data(program, phone="313 555 0100", version=employer.version)
    as_specialist.post(f"/admin/employers/edit/{employer.pk}/", data)
    actions = ModelLogEntry.objects.filter(object_id=str(employer.pk)).order_by("pk")
    assert [(e.action, e.user_id) for e in actions] == [
        ("wagtail.create", users[Role.SPECIALIST].pk),
        ("wagtail.edit", users[Role.SPECIALIST].pk),
    ]


def test_deleting_an_employer_with_jobs_keeps_it_with_a_message(client, program, users, seeker):
    from employers.models import Employer
    from jobseekers.models import Job

    employer = Employer.objects.create(program=program, name="Corner Bakery")
    Job.objects.create(
        program=program, seeker=seeker, employer=employer, title="Baker",
        start_date=seeker.entry_date,
    )  # fmt: skip
    client.force_login(users["supervisor"])
    response = client.post(reverse("employers:delete", args=[employer.pk]), follow=True)
    # Wagtail refuses through its reference index when it knows the jobs; rows written in
    # bulk (import, demo) are not in that index, and then the database's protection is
    # answered with our message. Either way: no server error, nothing deleted.
    assert response.status_code == 200
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "cannot be deleted" in shown or "do not have permission" in shown
    assert Employer.objects.filter(pk=employer.pk).exists()


def test_an_employer_outside_the_reference_index_is_kept_with_a_message(
    client, program, users, seeker
):
    """The red-team's 500: jobs written without the reference index (bulk import)."""
    from wagtail.models import ReferenceIndex

    from employers.models import Employer
    from jobseekers.models import Job

    employer = Employer.objects.create(program=program, name="Corner Bakery")
    Job.objects.bulk_create(
        [Job(program=program, seeker=seeker, employer=employer, title="Baker",
             start_date=seeker.entry_date)]
    )  # fmt: skip
    ReferenceIndex.objects.all().delete()
    client.force_login(users["supervisor"])
    response = client.post(reverse("employers:delete", args=[employer.pk]), follow=True)
    assert response.status_code == 200
    assert "cannot be deleted: jobs still refer to it" in response.content.decode()
    assert Employer.objects.filter(pk=employer.pk).exists()


@pytest.mark.parametrize("zip_code", ["4822", "48226-12", "ZIP 48226", "SW1A 1AA"])
def test_a_malformed_zip_is_refused_on_the_employers_screen_and_nothing_is_saved(
    as_specialist, program, zip_code
):
    response = as_specialist.post("/admin/employers/new/", employer_data(program, zip=zip_code))
    assert response.status_code == 200
    assert "is not a US ZIP code (5 digits, or ZIP+4" in response.content.decode()
    assert not Employer.objects.exists()


def test_a_uk_program_takes_postcodes_and_refuses_us_zips(as_specialist, program):
    program.country = "UK"
    program.save()
    ok = as_specialist.post("/admin/employers/new/", employer_data(program, zip="SW1A 1AA"))
    assert ok.status_code == 302
    refused = as_specialist.post(
        "/admin/employers/new/", employer_data(program, name="Other", zip="48226")
    )
    assert "is not a UK postcode" in refused.content.decode()
    assert list(Employer.objects.values_list("zip", flat=True)) == ["SW1A 1AA"]


def test_a_malformed_zip_is_refused_on_the_referral_service(program):
    from django.core.exceptions import ValidationError

    from jobseekers.models import JobSeeker
    from jobseekers.services import refer_seeker

    with pytest.raises(ValidationError) as refused:
        refer_seeker(program=program, name="Ana", referral_date=dt.date(2026, 3, 2), zip_code="482")
    assert "not a US ZIP code" in refused.value.message_dict["zip"][0]
    assert not JobSeeker.objects.exists()


def test_the_employer_name_in_the_listing_opens_the_record_not_the_edit_form(
    as_specialist, employer
):
    html = as_specialist.get(reverse("employers:index")).content.decode()
    record = reverse("employers:inspect", args=[employer.pk])
    edit = reverse("employers:edit", args=[employer.pk])
    name_link = html.split(f'href="{record}"')[1].split("</a>")[0]
    assert employer.name in name_link
    assert f'href="{edit}"' in html  # still in the row's menu
    assert f'href="{edit}">{employer.name}' not in html


def test_listings_say_yes_or_no_and_name_people_without_their_role(
    as_specialist, program, employer, staff
):
    JobOpening.objects.create(program=program, employer=employer, title="Cook", shareable=True)
    html = as_specialist.get(reverse("openings:index")).content.decode()
    cells = [c.strip() for c in re.findall(r"<td[^>]*>((?:(?!</td>).)*)</td>", html, flags=re.S)]
    assert "Yes" in cells
    assert "True" not in cells
    make_contact(staff[Role.SPECIALIST], employer)
    html = as_specialist.get(reverse("employer_contacts:index")).content.decode()
    rows = html.split('<table class="listing')[1].split("</table>")[0]
    name = staff[Role.SPECIALIST].display_name
    assert name in rows
    assert f"{name} (" not in rows


def _links_to(html: str, url: str, text: str) -> bool:
    link = rf'<a [^>]*href="{re.escape(url)}"[^>]*>\s*{re.escape(text)}\s*</a>'
    return re.search(link, html) is not None


def test_employer_names_link_to_the_employer_record_on_every_listing_and_the_opening(
    as_specialist, program, employer, staff, seeker
):
    """Issue 17: the employer was plain text everywhere but the employers listing."""
    from employers.models import EmployerPerson
    from jobseekers.models import Job

    record = reverse("employers:inspect", args=[employer.pk])
    opening = make_opening(employer, title="Prep cook")
    make_contact(staff[Role.SPECIALIST], employer)
    EmployerPerson.objects.create(program=program, employer=employer, name="Dana Hill")
    Job.objects.create(
        program=program, seeker=seeker, employer=employer, title="Baker",
        start_date=seeker.entry_date,
    )  # fmt: skip
    for name in ("openings", "jobs", "employer_contacts", "employer_people"):
        html = as_specialist.get(reverse(f"{name}:index")).content.decode()
        assert _links_to(html, record, employer.name), name
    html = as_specialist.get(reverse("openings:inspect", args=[opening.pk])).content.decode()
    assert _links_to(html, record, employer.name)


def test_the_opening_title_in_the_listing_opens_its_record_with_edit_in_the_menu(
    as_specialist, employer
):
    opening = make_opening(employer, title="Prep cook")
    html = as_specialist.get(reverse("openings:index")).content.decode()
    assert _links_to(html, reverse("openings:inspect", args=[opening.pk]), "Prep cook")
    assert f'href="{reverse("openings:edit", args=[opening.pk])}"' in html
    assert not _links_to(html, reverse("openings:edit", args=[opening.pk]), "Prep cook")


def test_the_opening_record_shows_the_wage_in_dollars_an_hour(as_specialist, employer):
    opening = make_opening(employer, title="Prep cook", hourly_wage="15.48")
    html = as_specialist.get(reverse("openings:inspect", args=[opening.pk])).content.decode()
    assert "$15.48 an hour" in html


def test_an_open_openings_record_leads_to_the_people_it_might_suit(as_specialist, employer):
    opening = make_opening(employer, title="Prep cook")
    people = reverse("matching:opening_people", args=[opening.pk])
    html = as_specialist.get(reverse("openings:inspect", args=[opening.pk])).content.decode()
    link = html.split(f'href="{people}"')[1].split("</a>")[0]
    assert "People this might suit" in link
    JobOpening.objects.filter(pk=opening.pk).update(status=JobOpening.Status.FILLED)
    html = as_specialist.get(reverse("openings:inspect", args=[opening.pk])).content.decode()
    assert people not in html
