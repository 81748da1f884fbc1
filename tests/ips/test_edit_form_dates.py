"""Date boxes of the workspace edit forms show "Mon 23 Nov 2026", as every page does, and
read it back (ISO too), in English and Spanish; a date they cannot read is a clear error
and nothing changes (issue 17; ips.date_input)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from coaching.models import FollowUpTask
from ips.date_input import DATE_MESSAGE, parse_human_date
from ips.roles import Role
from tests.factories import FollowUpTaskFactory
from tests.ips.workspace import workspace_viewsets
from tests.support.html_forms import form_data

MONDAY = dt.date(2026, 11, 23)


def edit_url(task) -> str:
    viewset = next(vs for vs in workspace_viewsets() if vs.model is FollowUpTask)
    return reverse(viewset.get_url_name("edit"), args=[task.pk])


@pytest.fixture
def task(seeker):
    return FollowUpTaskFactory(
        seeker=seeker, created_on=dt.date(2026, 11, 2), due_date=MONDAY, done_on=None
    )


@pytest.fixture
def as_specialist(client, users):
    client.force_login(users[Role.SPECIALIST])
    return client


def test_edit_form_shows_the_date_as_pages_do(as_specialist, task):
    page = as_specialist.get(edit_url(task)).content.decode()

    assert 'value="Mon 23 Nov 2026"' in page
    assert 'value="Mon 2 Nov 2026"' in page  # no leading zero, as on the pages
    assert "2026-11-23" not in page


def test_posting_the_shown_date_back_saves_the_same_date(as_specialist, task):
    url = edit_url(task)
    data = form_data(as_specialist.get(url).content.decode(), having="due_date")
    assert data["due_date"] == "Mon 23 Nov 2026"
    data["note"] = "Call after the interview"

    response = as_specialist.post(url, data)

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due_date == MONDAY
    assert task.created_on == dt.date(2026, 11, 2)
    assert task.note == "Call after the interview"


@pytest.mark.parametrize(
    "typed", ["Tue 1 Dec 2026", "1 Dec 2026", "2026-12-01", "Mon 1 Dec 2026", "1 December 2026"]
)
def test_a_changed_date_is_read_day_first_or_iso(as_specialist, task, typed):
    url = edit_url(task)
    data = form_data(as_specialist.get(url).content.decode(), having="due_date")
    data["due_date"] = typed

    assert as_specialist.post(url, data).status_code == 302
    task.refresh_from_db()
    assert task.due_date == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "typed",
    [
        "31 Nov 2026",
        "next week",
        "Mon 23 Nov",
        "23 Novx 2026",
        "12/31/2026",
        "05/12/2026",
        "31/12/2026",
    ],
)
def test_a_bad_date_is_a_clear_error_and_changes_nothing(as_specialist, task, typed):
    url = edit_url(task)
    data = form_data(as_specialist.get(url).content.decode(), having="due_date")
    data["due_date"] = typed
    data["note"] = "Not saved"

    response = as_specialist.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["due_date"] == [DATE_MESSAGE]
    task.refresh_from_db()
    assert task.due_date == MONDAY
    assert task.note != "Not saved"


def test_in_spanish_the_date_is_shown_and_read_in_spanish(client, users, task):
    user = users[Role.SPECIALIST]
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="es"
    )
    client.force_login(user)
    url = edit_url(task)
    page = client.get(url).content.decode()

    assert 'value="lun 23 Nov 2026"' in page  # Django titles the month
    data = form_data(page, having="due_date")
    data["due_date"] = "mar 1 dic 2026"

    assert client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert task.due_date == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("Mon 23 Nov 2026", MONDAY),
        ("lun 23 nov 2026", MONDAY),
        ("Lun. 23 Nov. 2026", MONDAY),
        ("23 de noviembre de 2026", MONDAY),
        ("mié 2 dic 2026", dt.date(2026, 12, 2)),
        ("mar 3 mar 2026", dt.date(2026, 3, 3)),  # Tuesday 3 March
        ("Nov 23, 2026", MONDAY),
        ("Fri 23 Nov 2026", MONDAY),  # a weekday out of step is read past
        ("2026-11-23", None),  # left to the field's ISO format
        ("Mon 31 Nov 2026", None),
        ("banana 23 nov 2026", None),
        ("Mon 23 Nov 26", None),
        ("Mon 123 Nov 2026", None),
        ("", None),
    ],
)
def test_parse_human_date(typed, date):
    assert parse_human_date(typed) == date


def test_a_due_date_before_the_task_was_made_is_refused_in_words(as_specialist, task):
    """Red team (issue 17): the database rule's name was the message ("Constraint
    “follow_up_due_not_before_created” is violated.")."""
    url = edit_url(task)
    data = form_data(as_specialist.get(url).content.decode(), having="due_date")
    data["due_date"] = "Sun 1 Nov 2026"

    response = as_specialist.post(url, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "The due date cannot be before the day the task was made." in page
    assert "is violated" not in page
    task.refresh_from_db()
    assert task.due_date == MONDAY


def test_a_broken_rule_without_its_own_sentence_is_still_said_plainly():
    from ips.forms import constraint_in_words

    said = constraint_in_words("Constraint “staff_fte_between_0_and_1” is violated.")
    assert said.startswith("These values cannot be saved together")
    assert constraint_in_words("Enter a whole number.") == "Enter a whole number."
