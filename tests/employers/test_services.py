"""Writes of the employer CRM: the contact log, new employers, openings, the merge."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from employers.models import Employer, EmployerContact, EmployerPerson, JobOpening
from employers.services import (
    DuplicateEmployerError,
    create_employer,
    log_employer_contact,
    merge_employers,
    save_opening,
)
from ips.roles import Role
from tests.employers.conftest import TODAY, make_contact, make_employer, make_opening


def test_log_employer_contact_records_the_seekers_it_was_for(specialist, employer, seeker):
    contact = log_employer_contact(
        specialist=specialist,
        employer=employer,
        date=TODAY,
        seekers=[seeker],
        purpose="introduce_seeker",
        next_step="Bring CV",
        next_step_due=TODAY + dt.timedelta(days=3),
        today=TODAY,
    )
    assert contact.program_id == specialist.program_id
    assert contact.mode == EmployerContact.Mode.FACE_TO_FACE
    assert list(contact.seekers.all()) == [seeker]


def test_contact_may_be_dated_tomorrow_but_not_later(specialist, employer):
    log_employer_contact(
        specialist=specialist, employer=employer, date=TODAY + dt.timedelta(days=1), today=TODAY
    )
    with pytest.raises(ValidationError) as error:
        log_employer_contact(
            specialist=specialist, employer=employer, date=TODAY + dt.timedelta(days=2), today=TODAY
        )
    assert "date" in error.value.message_dict
    assert EmployerContact.objects.count() == 1


def test_contact_with_an_employer_of_another_program_is_refused(specialist, other_employer):
    with pytest.raises(ValidationError) as error:
        log_employer_contact(
            specialist=specialist, employer=other_employer, date=TODAY, today=TODAY
        )
    assert "another program" in error.value.message_dict["employer"][0]
    assert not EmployerContact.objects.exists()


def test_contact_naming_a_seeker_of_another_program_is_refused(specialist, employer, other_seeker):
    with pytest.raises(ValidationError) as error:
        log_employer_contact(
            specialist=specialist,
            employer=employer,
            date=TODAY,
            seekers=[other_seeker],
            today=TODAY,
        )
    assert "seekers" in error.value.message_dict
    assert not EmployerContact.objects.exists()


def test_a_coach_cannot_log_an_employer_contact(staff, employer):
    with pytest.raises(ValidationError):
        log_employer_contact(
            specialist=staff[Role.COACH], employer=employer, date=TODAY, today=TODAY
        )
    assert not EmployerContact.objects.exists()


def test_new_employer_with_same_name_and_zip_is_caught(program, specialist):
    make_employer(program, name="The Corner Café, LLC", zip="48226-1234")
    with pytest.raises(DuplicateEmployerError) as error:
        create_employer(program=program, name="corner cafe", zip="48226", created_by=specialist)
    assert error.value.duplicates[0].name == "The Corner Café, LLC"
    assert Employer.objects.count() == 1


def test_same_name_in_another_zip_or_program_is_not_a_duplicate(program, other_program):
    make_employer(program, name="Corner Cafe", zip="48226")
    create_employer(program=program, name="Corner Cafe", zip="48201")
    create_employer(program=other_program, name="Corner Cafe", zip="48226")
    assert Employer.objects.count() == 3


def test_confirmed_different_business_is_added_despite_the_same_key(program):
    make_employer(program, name="Corner Cafe", zip="48226")
    create_employer(program=program, name="Corner Cafe", zip="48226", allow_duplicate=True)
    assert Employer.objects.filter(program=program).count() == 2


def test_new_employer_is_geocoded_after_commit(program, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        employer = create_employer(program=program, name="Bakery", zip="48226")
    employer.refresh_from_db()
    assert employer.geocode_source == "zip_centroid"
    assert employer.latitude == pytest.approx(42.33, abs=0.1)


def test_opening_moved_to_an_unknown_zip_forgets_its_old_coordinates(
    employer, specialist, django_capture_on_commit_callbacks
):
    opening = JobOpening.objects.create(
        program=employer.program, employer=employer, title="Barista", zip="48226",
        latitude=42.33, longitude=-83.05,
    )  # fmt: skip
    opening.zip = "00000"
    with django_capture_on_commit_callbacks(execute=True):
        save_opening(opening=opening, by=specialist)
    opening.refresh_from_db()
    assert (opening.latitude, opening.longitude, opening.geocode_source) == (None, None, "")


def test_a_new_opening_gets_its_posting_date_and_closing_fills_the_closing_date(
    employer, specialist
):
    opening = save_opening(
        opening=JobOpening(program=employer.program, employer=employer, title="Barista"),
        by=specialist,
    )
    assert opening.created_by == specialist
    assert opening.posted_on is not None
    assert opening.closed_on is None
    opening.status = JobOpening.Status.FILLED
    save_opening(opening=opening, by=specialist)
    opening.refresh_from_db()
    assert opening.closed_on is not None


def test_opening_from_a_contact_must_be_at_that_contacts_employer(program, employer, specialist):
    contact = make_contact(specialist, make_employer(program, name="Elsewhere", zip="48201"))
    with pytest.raises(ValidationError):
        save_opening(
            opening=JobOpening(
                program=program, employer=employer, title="Cook", source_contact=contact
            )
        )
    assert not JobOpening.objects.exists()


def test_unknown_opening_status_is_refused(employer):
    opening = make_opening(employer)
    opening.status = "maybe"
    with pytest.raises(ValidationError):
        save_opening(opening=opening)
    opening.refresh_from_db()
    assert opening.status == "open"


def test_new_opening_is_geocoded_from_its_employer_zip(
    employer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        opening = save_opening(
            opening=JobOpening(program=employer.program, employer=employer, title="Dishwasher")
        )
    opening.refresh_from_db()
    assert opening.has_location
    assert opening.geocode_source == "zip_centroid"


@pytest.fixture
def duplicate_pair(program, specialist, seeker, users):
    from jobseekers.models import CareerProfile, Job

    keep = make_employer(program, name="Corner Cafe", zip="48226", industry="")
    dup = make_employer(
        program, name="Corner Café", zip="48226", industry="Food", phone="555", notes="Owner: Dana"
    )
    make_contact(specialist, keep)
    make_contact(specialist, dup).seekers.add(seeker)
    EmployerPerson.objects.create(program=program, employer=dup, name="Dana")
    make_opening(dup, title="Baker")
    Job.objects.create(
        program=program, seeker=seeker, employer=dup, title="Baker", start_date=TODAY
    )
    both = CareerProfile.objects.create(program=program, seeker=seeker)
    both.ruled_out_employers.add(keep, dup)
    return keep, dup


def test_merge_moves_every_row_and_deletes_the_duplicate(duplicate_pair, users):
    from jobseekers.models import CareerProfile, Job

    keep, dup = duplicate_pair
    merge_employers(keep=keep, duplicate=dup, by=users[Role.SUPERVISOR])
    assert not Employer.objects.filter(pk=dup.pk).exists()
    assert EmployerContact.objects.filter(employer=keep).count() == 2
    assert EmployerPerson.objects.get().employer == keep
    assert JobOpening.objects.get().employer == keep
    assert Job.objects.get().employer == keep
    assert list(CareerProfile.objects.get().ruled_out_employers.all()) == [keep]
    keep.refresh_from_db()
    assert (keep.industry, keep.phone, keep.notes) == ("Food", "555", "Owner: Dana")


def test_merge_is_written_in_wagtails_history(duplicate_pair, users):
    keep, dup = duplicate_pair
    merge_employers(keep=keep, duplicate=dup, by=users[Role.SUPERVISOR])
    entry = ModelLogEntry.objects.get(action="employers.merge")
    assert entry.object_id == str(keep.pk)
    assert entry.user == users[Role.SUPERVISOR]
    assert entry.data["name"] == "Corner Café"


def test_employers_of_different_programs_are_not_merged(employer, other_employer, users):
    with pytest.raises(ValidationError):
        merge_employers(keep=employer, duplicate=other_employer, by=users[Role.SUPERVISOR])
    assert Employer.objects.count() == 2


def test_an_employer_is_not_merged_into_itself(employer, users):
    with pytest.raises(ValidationError):
        merge_employers(keep=employer, duplicate=employer, by=users[Role.SUPERVISOR])
    assert Employer.objects.filter(pk=employer.pk).exists()


def test_merge_locates_the_kept_employer_when_it_takes_the_duplicates_zip(
    program, users, django_capture_on_commit_callbacks
):
    keep = make_employer(program, name="Corner Cafe", zip="")
    dup = make_employer(program, name="Corner Café", zip="48226")
    with django_capture_on_commit_callbacks(execute=True):
        merge_employers(keep=keep, duplicate=dup, by=users[Role.SUPERVISOR])
    keep.refresh_from_db()
    assert (keep.zip, keep.geocode_source) == ("48226", "zip_centroid")
