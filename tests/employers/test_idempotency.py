"""An employer contact is recorded once per sending (issue 14, item 4): the quick log and
the workspace "add" screen carry a submission key; a second identical contact minutes
later is refused with a link to the first unless confirmed."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from employers.models import Employer, EmployerContact
from employers.services import log_employer_contact
from ips.idempotency import AlreadyRecorded, LikelyDuplicate
from ips.roles import Role
from tests.employers.conftest import TODAY
from tests.support.html_forms import form_data

QUICK_LOG = "/admin/crm/log/"
ADD = "/admin/employer_contacts/new/"


@pytest.fixture
def as_specialist(client, users, frozen_today):
    client.force_login(users[Role.SPECIALIST])
    return client


def quick_log_form(client, **fields) -> dict:
    data = form_data(client.get(QUICK_LOG).content.decode(), having="idempotency_key")
    return {**data, "date": TODAY.isoformat(), "mode": "face_to_face", **fields}


def test_quick_log_renders_a_fresh_key_each_time(as_specialist):
    first = quick_log_form(as_specialist)["idempotency_key"]
    second = quick_log_form(as_specialist)["idempotency_key"]
    assert uuid.UUID(first) != uuid.UUID(second)


def test_quick_log_posted_twice_saves_one_contact_and_shows_the_first(as_specialist, employer):
    data = quick_log_form(as_specialist, employer=employer.pk)
    first = as_specialist.post(QUICK_LOG, data)
    again = as_specialist.post(QUICK_LOG, data, follow=True)
    contact = EmployerContact.objects.get()
    assert first.status_code == 302
    assert again.redirect_chain[0][0] == f"{QUICK_LOG}?saved={contact.pk}"
    page = again.content.decode()
    assert "Already saved" in page
    assert f'href="/admin/employer_contacts/inspect/{contact.pk}/"' in page


def test_quick_log_with_a_new_employer_posted_twice_adds_one_employer_and_one_contact(
    as_specialist,
):
    data = quick_log_form(as_specialist, new_employer_name="Green Grocer", new_employer_zip="48201")
    as_specialist.post(QUICK_LOG, data)
    again = as_specialist.post(QUICK_LOG, data)
    assert again.status_code == 302  # not "this employer is already here"
    assert Employer.objects.count() == 1
    assert EmployerContact.objects.count() == 1


def test_identical_contact_from_a_fresh_form_is_refused_with_a_link_then_saved_anyway(
    as_specialist, employer
):
    as_specialist.post(QUICK_LOG, quick_log_form(as_specialist, employer=employer.pk))
    first = EmployerContact.objects.get()
    data = quick_log_form(as_specialist, employer=employer.pk)
    refused = as_specialist.post(QUICK_LOG, data)
    page = refused.content.decode()
    assert "An identical employer contact was saved" in page
    assert f'<a href="/admin/employer_contacts/inspect/{first.pk}/">' in page
    assert '<input type="checkbox" name="save_anyway"' in page
    assert EmployerContact.objects.count() == 1
    confirmed = form_data(page, having="idempotency_key")
    assert confirmed["idempotency_key"] == data["idempotency_key"]  # the same sending
    confirmed["save_anyway"] = "on"
    assert as_specialist.post(QUICK_LOG, confirmed).status_code == 302
    assert EmployerContact.objects.count() == 2


def test_a_contact_another_way_the_same_day_is_not_a_duplicate(as_specialist, employer):
    as_specialist.post(QUICK_LOG, quick_log_form(as_specialist, employer=employer.pk))
    as_specialist.post(QUICK_LOG, quick_log_form(as_specialist, employer=employer.pk, mode="phone"))
    assert EmployerContact.objects.count() == 2


def test_workspace_add_screen_posted_twice_saves_one_contact(
    as_specialist, employer, specialist, program
):
    page = as_specialist.get(ADD).content.decode()
    data = form_data(page, having="idempotency_key")
    data.update(
        program=program.pk,
        specialist=specialist.pk,
        employer=employer.pk,
        date=TODAY.isoformat(),
        mode="face_to_face",
    )
    first = as_specialist.post(ADD, data)
    assert first.status_code == 302, first.content.decode()[:2000]
    again = as_specialist.post(ADD, data, follow=True)
    contact = EmployerContact.objects.get()
    assert contact.idempotency_key == uuid.UUID(data["idempotency_key"])
    assert again.redirect_chain[0][0] == f"/admin/employer_contacts/inspect/{contact.pk}/"
    assert "Already saved" in again.content.decode()


def test_workspace_add_screen_refuses_an_identical_contact_then_saves_it_anyway(
    as_specialist, employer, specialist, program
):
    def fresh():
        data = form_data(as_specialist.get(ADD).content.decode(), having="idempotency_key")
        data.update(
            program=program.pk,
            specialist=specialist.pk,
            employer=employer.pk,
            date=TODAY.isoformat(),
            mode="face_to_face",
        )
        return data

    as_specialist.post(ADD, fresh())
    refused = as_specialist.post(ADD, fresh())
    assert "An identical employer contact was saved" in refused.content.decode()
    assert EmployerContact.objects.count() == 1
    confirmed = form_data(refused.content.decode(), having="idempotency_key")
    confirmed["save_anyway"] = "on"
    assert as_specialist.post(ADD, confirmed).status_code == 302
    assert EmployerContact.objects.count() == 2


def test_service_replayed_with_the_same_key_records_one_contact(specialist, employer, seeker):
    key = uuid.uuid4()
    args = {"specialist": specialist, "employer": employer, "date": TODAY, "idempotency_key": key}
    first = log_employer_contact(**args, seekers=[seeker])
    with pytest.raises(AlreadyRecorded) as replay:
        log_employer_contact(**args, seekers=[seeker])
    assert replay.value.row == first
    assert EmployerContact.objects.count() == 1


def test_service_refuses_a_near_duplicate_unless_allowed(specialist, employer):
    log_employer_contact(specialist=specialist, employer=employer, date=TODAY)
    with pytest.raises(LikelyDuplicate) as refused:
        log_employer_contact(specialist=specialist, employer=employer, date=TODAY)
    assert isinstance(refused.value, ValidationError)
    log_employer_contact(specialist=specialist, employer=employer, date=TODAY, allow_duplicate=True)
    assert EmployerContact.objects.count() == 2


@pytest.mark.parametrize(("minutes_ago", "said"), [(0, "1 minute ago"), (5, "5 minutes ago")])
def test_the_duplicate_hint_sits_beside_its_box_in_plain_words(
    as_specialist, employer, minutes_ago, said
):
    """Red team (issue 17): the hint sat at the top, far from the box, and said "1 minute(s)"."""
    as_specialist.post(QUICK_LOG, quick_log_form(as_specialist, employer=employer.pk))
    EmployerContact.objects.update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago, seconds=20)
    )
    page = as_specialist.post(
        QUICK_LOG, quick_log_form(as_specialist, employer=employer.pk)
    ).content.decode()
    assert "minute(s)" not in page
    beside = re.search(
        r'<p class="help-block help-critical" id="save-anyway-hint">(.*?)</p>\s*'
        r'<p><label><input type="checkbox" name="save_anyway"([^>]*)>',
        page,
        re.S,
    )
    assert beside, "the hint is not right before its box"
    assert f"An identical employer contact was saved {said} (" in beside.group(1)
    assert 'aria-describedby="save-anyway-hint"' in beside.group(2)
    assert page.count("An identical employer contact was saved") == 1  # not at the top too
    assert '<a href="#save-anyway-hint">' in page  # the top says where to look
