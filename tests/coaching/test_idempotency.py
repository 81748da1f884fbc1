"""Support contacts and staff time are recorded once per sending (issue 14, item 4): the
support log, the workspace "add" screens and the week of hours carry a submission key;
a second identical row minutes later is refused with a link unless confirmed."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from coaching.models import RetentionMilestone, SupportContact
from coaching.services import log_support_contact, record_week_of_time
from ips.idempotency import AlreadyRecorded, LikelyDuplicate
from ips.models import TimeEntry
from ips.services import log_time_entry
from tests.support.html_forms import form_data

LOG = "/admin/coaching/log/"
HOURS = "/admin/coaching/hours/"
ADD_CONTACT = "/admin/support_contacts/new/"
ADD_TIME = "/admin/time_entries/new/"
MONDAY = dt.date(2026, 3, 2)


def log_form(client, seeker, job, **extra) -> dict:
    data = form_data(client.get(LOG).content.decode(), having="idempotency_key")
    data.update(
        seeker=seeker.pk,
        job=job.pk,
        date=timezone.localdate().isoformat(),
        mode="face_to_face",
        location="workplace",
        minutes="30",
    )
    return {**not_asked(data), **extra}


def not_asked(data: dict) -> dict:
    """The "not asked" radio posts "" (form_data reads a checked radio without a value
    as "on")."""
    return {**data, "still_employed": ""}


def test_support_log_posted_twice_saves_one_contact(client, users, seeker, job):
    client.force_login(users["coach"])
    data = log_form(client, seeker, job)
    assert client.post(LOG, data).status_code == 302
    again = client.post(LOG, data, follow=True)
    contact = SupportContact.objects.get()
    assert again.redirect_chain[0][0] == f"/admin/coaching/jobs/{job.pk}/"
    page = again.content.decode()
    assert "Already saved" in page
    assert f'href="/admin/support_contacts/inspect/{contact.pk}/"' in page


def test_support_log_confirming_a_check_posted_twice_is_answered_already_saved(
    client, users, seeker, make_job
):
    job = make_job(seeker, days_ago=31)
    client.force_login(users["coach"])
    data = log_form(client, seeker, job, check="30", still_employed="yes")
    client.post(LOG, data)
    again = client.post(LOG, data, follow=True)
    # Not "this check was already confirmed": the first sending did confirm it.
    assert "Already saved" in again.content.decode()
    assert SupportContact.objects.count() == 1
    answer = RetentionMilestone.objects.get(job=job, days=30)
    assert answer.confirmed_by == SupportContact.objects.get()


def test_identical_support_contact_is_refused_with_a_link_then_saved_anyway(
    client, users, seeker, job
):
    client.force_login(users["coach"])
    client.post(LOG, log_form(client, seeker, job))
    first = SupportContact.objects.get()
    refused = client.post(LOG, log_form(client, seeker, job))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "An identical support contact was saved" in page
    assert f'<a href="/admin/support_contacts/inspect/{first.pk}/">' in page
    assert SupportContact.objects.count() == 1
    confirmed = not_asked(form_data(page, having="idempotency_key"))
    confirmed["save_anyway"] = "on"
    assert client.post(LOG, confirmed).status_code == 302
    assert SupportContact.objects.count() == 2


def test_workspace_support_contact_add_screen_posted_twice_saves_one(
    client, users, staff, seeker, job
):
    client.force_login(users["supervisor"])
    data = form_data(client.get(ADD_CONTACT).content.decode(), having="idempotency_key")
    data.update(
        program=seeker.program_id,
        date=timezone.localdate().isoformat(),
        staff=staff["coach"].pk,
        seeker=seeker.pk,
        job=job.pk,
        mode="face_to_face",
    )
    assert client.post(ADD_CONTACT, data).status_code == 302
    again = client.post(ADD_CONTACT, data, follow=True)
    contact = SupportContact.objects.get()
    assert again.redirect_chain[0][0] == f"/admin/support_contacts/inspect/{contact.pk}/"
    assert "Already saved" in again.content.decode()


def test_support_contact_service_replayed_with_the_same_key_records_one(staff, seeker, job):
    key = uuid.uuid4()
    args = {
        "staff": staff["coach"],
        "seeker": seeker,
        "job": job,
        "date": timezone.localdate(),
        "mode": "phone",
        "idempotency_key": key,
    }
    first = log_support_contact(**args)
    with pytest.raises(AlreadyRecorded) as replay:
        log_support_contact(**args)
    assert replay.value.row == first
    assert SupportContact.objects.count() == 1


def test_week_of_hours_posted_twice_keeps_one_set_of_entries(client, users, staff):
    client.force_login(users["coach"])
    page = client.get(f"{HOURS}?week={MONDAY}").content.decode()
    data = form_data(page, having="idempotency_key")
    data.update(d0_employment_services_community="6", d1_other_office="1.5")
    assert client.post(HOURS, data).status_code == 302
    again = client.post(HOURS, data, follow=True)
    assert "Already saved" in again.content.decode()
    assert TimeEntry.objects.count() == 2


def test_week_service_replayed_with_the_same_key_changes_nothing(staff):
    coach, key = staff["coach"], uuid.uuid4()
    hours = {(MONDAY, "employment_services", "community"): Decimal(6)}
    record_week_of_time(staff=coach, monday=MONDAY, hours=hours, idempotency_key=key)
    before = list(TimeEntry.objects.values_list("pk", "hours"))
    with pytest.raises(AlreadyRecorded):
        record_week_of_time(staff=coach, monday=MONDAY, hours=hours, idempotency_key=key)
    assert list(TimeEntry.objects.values_list("pk", "hours")) == before


def time_form(client, staff, **extra) -> dict:
    data = form_data(client.get(ADD_TIME).content.decode(), having="idempotency_key")
    data.update(
        program=staff.program_id,
        staff=staff.pk,
        date=MONDAY.isoformat(),
        hours="3.5",
        activity="employment_services",
        location="community",
        **extra,
    )
    return data


def test_workspace_time_entry_add_screen_posted_twice_saves_one(client, users, staff):
    client.force_login(users["supervisor"])
    data = time_form(client, staff["coach"])
    assert client.post(ADD_TIME, data).status_code == 302
    again = client.post(ADD_TIME, data, follow=True)
    entry = TimeEntry.objects.get()
    assert again.redirect_chain[0][0] == f"/admin/time_entries/inspect/{entry.pk}/"
    assert "Already saved" in again.content.decode()


def test_identical_time_entry_is_refused_then_saved_anyway(client, users, staff):
    client.force_login(users["supervisor"])
    client.post(ADD_TIME, time_form(client, staff["coach"]))
    refused = client.post(ADD_TIME, time_form(client, staff["coach"]))
    page = refused.content.decode()
    assert "An identical time entry was saved" in page
    first = TimeEntry.objects.get()
    # The banner links to the first entry (a link, not its markup shown as text).
    assert f'<a href="/admin/time_entries/inspect/{first.pk}/">Open the first one</a>' in page
    assert "&lt;a href" not in page
    confirmed = form_data(refused.content.decode(), having="idempotency_key")
    confirmed["save_anyway"] = "on"
    assert client.post(ADD_TIME, confirmed).status_code == 302
    assert TimeEntry.objects.count() == 2


def test_time_entry_service_replays_and_near_duplicates(staff):
    args = {
        "staff": staff["coach"],
        "date": MONDAY,
        "hours": Decimal("2"),
        "activity": "other",
        "location": "office",
    }
    key = uuid.uuid4()
    first = log_time_entry(**args, idempotency_key=key)
    with pytest.raises(AlreadyRecorded) as replay:
        log_time_entry(**args, idempotency_key=key)
    assert replay.value.row == first
    with pytest.raises(LikelyDuplicate):
        log_time_entry(**args)
    log_time_entry(**args, allow_duplicate=True)
    assert TimeEntry.objects.count() == 2


def week_page(client) -> dict:
    """The week screen's form as a browser would post it (hidden key and version)."""
    page = client.get(f"{HOURS}?week={MONDAY}").content.decode()
    return form_data(page, having="week_version")


def saved_week() -> list[tuple]:
    return sorted(TimeEntry.objects.values_list("date", "activity", "location", "hours"))


def test_week_of_hours_replayed_after_a_correction_keeps_the_correction(client, users, staff):
    # A phone sends the week (6 h), the coach corrects it to 4 h on another page, then the
    # first sending is replayed (a retry, the back button): the correction stays.
    client.force_login(users["coach"])
    first = {**week_page(client), "d0_employment_services_community": "6"}
    assert client.post(HOURS, first).status_code == 302
    correction = {**week_page(client), "d0_employment_services_community": "4"}
    assert client.post(HOURS, correction).status_code == 302
    replay = client.post(HOURS, first, follow=True)
    assert "Already saved" in replay.content.decode()
    assert saved_week() == [(MONDAY, "employment_services", "community", Decimal("4.00"))]


def test_a_copy_opened_before_a_later_save_is_refused_and_changes_nothing(client, users, staff):
    # Two copies of the same week open (phone and desktop); the desktop saves first.
    client.force_login(users["coach"])
    phone = {**week_page(client), "d0_employment_services_community": "6"}
    desktop = {**week_page(client), "d0_employment_services_community": "4"}
    assert client.post(HOURS, desktop).status_code == 302
    refused = client.post(HOURS, phone)
    page = refused.content.decode()
    assert refused.status_code == 409
    assert "These hours were changed after this page was opened" in page
    assert "Nothing was saved from this copy" in page
    assert saved_week() == [(MONDAY, "employment_services", "community", Decimal("4.00"))]
    # The page now shows the saved week in a fresh copy, which saves.
    fresh = form_data(page, having="week_version")
    assert fresh["d0_employment_services_community"] == "4.00"
    fresh["d0_employment_services_community"] = "5"
    assert client.post(HOURS, fresh).status_code == 302
    assert saved_week() == [(MONDAY, "employment_services", "community", Decimal("5.00"))]


def test_a_copy_opened_before_an_entry_was_edited_elsewhere_is_refused(client, users, staff):
    client.force_login(users["coach"])
    assert client.post(HOURS, {**week_page(client), "d1_other_office": "2"}).status_code == 302
    stale = {**week_page(client), "d1_other_office": "3"}
    entry = TimeEntry.objects.get()
    entry.hours = Decimal("2.5")  # corrected on the time-entry screen (a new version)
    entry.save()
    assert client.post(HOURS, stale).status_code == 409
    assert saved_week() == [(MONDAY + dt.timedelta(days=1), "other", "office", Decimal("2.50"))]


def test_a_week_of_zeros_sent_twice_after_a_later_save_changes_nothing(client, users, staff):
    # A cleared week stores no entries: the saving itself answers the replay.
    client.force_login(users["coach"])
    cleared = week_page(client)
    assert client.post(HOURS, cleared).status_code == 302
    assert client.post(HOURS, {**week_page(client), "d2_other_office": "1"}).status_code == 302
    again = client.post(HOURS, cleared, follow=True)
    assert "Already saved" in again.content.decode()
    assert saved_week() == [(MONDAY + dt.timedelta(days=2), "other", "office", Decimal("1.00"))]


def test_a_stale_copy_holding_what_is_saved_already_is_not_an_error(staff):
    from coaching.services import week_version

    coach = staff["coach"]
    hours = {(MONDAY, "other", "office"): Decimal(2)}
    before = week_version(coach, MONDAY)
    record_week_of_time(staff=coach, monday=MONDAY, hours=hours, idempotency_key=uuid.uuid4())
    version = week_version(coach, MONDAY)
    kept = record_week_of_time(
        staff=coach, monday=MONDAY, hours=hours, idempotency_key=uuid.uuid4(), based_on=before
    )
    assert kept == 1
    assert week_version(coach, MONDAY) == version  # nothing was rewritten


def test_a_damaged_week_version_is_refused_with_a_message(client, users, staff):
    client.force_login(users["coach"])
    data = {**week_page(client), "d0_other_office": "2", "week_version": "not-a-version"}
    response = client.post(HOURS, data)
    assert response.status_code == 200
    assert "week version is not readable" in response.content.decode()
    assert not TimeEntry.objects.exists()
