"""Ticking off a next step and undoing a contact just logged: through the services, by
the right people only; a refusal says why and changes nothing."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from employers.models import EmployerContact
from employers.services import (
    NEXT_STEP_DONE_ACTION,
    NEXT_STEP_REOPENED_ACTION,
    UNDO_ACTION,
    UNDO_MINUTES,
    complete_next_step,
    reopen_next_step,
    undo_employer_contact,
)
from ips.roles import Role
from tests.conftest import make_staff
from tests.employers.conftest import make_contact, make_employer


@pytest.fixture
def with_step(specialist, employer):
    return make_contact(specialist, employer, next_step="Send the CV")


def test_specialist_ticks_off_own_next_step_and_history_says_who(with_step, users):
    before = with_step.version
    done = complete_next_step(contact=with_step, by=users[Role.SPECIALIST])
    assert done.next_step_done
    assert EmployerContact.objects.get().version == before + 1
    entry = ModelLogEntry.objects.get(action=NEXT_STEP_DONE_ACTION)
    assert entry.user == users[Role.SPECIALIST]


def test_supervisor_may_tick_off_a_specialists_next_step(with_step, users):
    assert complete_next_step(contact=with_step, by=users[Role.SUPERVISOR]).next_step_done


@pytest.mark.parametrize("role", [Role.COACH])
def test_coach_may_not_tick_off_a_next_step(with_step, users, role):
    with pytest.raises(ValidationError, match="Only the specialist"):
        complete_next_step(contact=with_step, by=users[role])
    assert not EmployerContact.objects.get().next_step_done


def test_a_next_step_is_ticked_off_once(with_step, users):
    complete_next_step(contact=with_step, by=users[Role.SPECIALIST])
    with pytest.raises(ValidationError, match="already done"):
        complete_next_step(contact=with_step, by=users[Role.SPECIALIST])
    assert ModelLogEntry.objects.filter(action=NEXT_STEP_DONE_ACTION).count() == 1


def test_contact_without_next_step_cannot_be_ticked_off(specialist, employer, users):
    contact = make_contact(specialist, employer)
    with pytest.raises(ValidationError, match="no next step"):
        complete_next_step(contact=contact, by=users[Role.SPECIALIST])


def test_undo_deletes_the_contact_and_keeps_who_undid_it(specialist, employer, seeker, users):
    contact = make_contact(specialist, employer)
    contact.seekers.set([seeker])
    undo_employer_contact(contact=contact, by=users[Role.SPECIALIST])
    assert not EmployerContact.objects.exists()
    entry = ModelLogEntry.objects.get(action=UNDO_ACTION)
    assert entry.user == users[Role.SPECIALIST]
    assert entry.data["seekers"] == [seeker.pk]
    assert entry.object_id == str(employer.pk)


def test_another_specialist_of_the_program_cannot_undo(specialist, employer, program):
    colleague = make_staff(program, Role.SPECIALIST, "colleague_north")
    contact = make_contact(specialist, employer)
    with pytest.raises(ValidationError, match="Only the specialist who logged"):
        undo_employer_contact(contact=contact, by=colleague.user)
    assert EmployerContact.objects.filter(pk=contact.pk).exists()


def test_undo_is_refused_once_the_time_is_up(specialist, employer, users):
    contact = make_contact(specialist, employer)
    later = contact.created_at + dt.timedelta(minutes=UNDO_MINUTES, seconds=1)
    with pytest.raises(ValidationError, match=f"{UNDO_MINUTES} minutes"):
        undo_employer_contact(contact=contact, by=users[Role.SPECIALIST], now=later)
    assert EmployerContact.objects.filter(pk=contact.pk).exists()
    assert not ModelLogEntry.objects.filter(action=UNDO_ACTION).exists()


def test_a_contact_an_opening_was_learned_at_is_not_undone(specialist, employer, users):
    from tests.employers.conftest import make_opening

    contact = make_contact(specialist, employer)
    make_opening(employer, source_contact=contact)
    with pytest.raises(ValidationError, match="An opening was recorded"):
        undo_employer_contact(contact=contact, by=users[Role.SPECIALIST])
    assert EmployerContact.objects.filter(pk=contact.pk).exists()


# Through the screens


def test_done_button_ticks_off_and_returns_home(client, with_step, users):
    client.force_login(users[Role.SPECIALIST])
    response = client.post(
        f"/admin/crm/contacts/{with_step.pk}/next-step-done/", {"next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/?ticked={with_step.pk}"
    assert EmployerContact.objects.get().next_step_done


def test_done_button_never_redirects_off_site(client, with_step, users):
    client.force_login(users[Role.SPECIALIST])
    response = client.post(
        f"/admin/crm/contacts/{with_step.pk}/next-step-done/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == f"/admin/?ticked={with_step.pk}"


def test_done_button_by_get_changes_nothing(client, with_step, users):
    client.force_login(users[Role.SPECIALIST])
    response = client.get(f"/admin/crm/contacts/{with_step.pk}/next-step-done/")
    assert response.status_code == 405
    assert not EmployerContact.objects.get().next_step_done


def test_outsider_gets_404_for_done_and_undo(client, with_step, outsider):
    client.force_login(outsider)
    for action in ("next-step-done", "next-step-undo", "undo"):
        response = client.post(f"/admin/crm/contacts/{with_step.pk}/{action}/")
        assert response.status_code == 404
    contact = EmployerContact.objects.get()
    assert not contact.next_step_done


def test_coach_is_refused_the_done_button(client, with_step, users):
    client.force_login(users[Role.COACH])
    response = client.post(f"/admin/crm/contacts/{with_step.pk}/next-step-done/", follow=True)
    assert "Done:" not in response.content.decode()
    assert not EmployerContact.objects.get().next_step_done


def test_undo_button_after_saving_then_log_another_at_this_employer(
    client, users, employer, seeker, specialist
):
    client.force_login(users[Role.SPECIALIST])
    saved = client.post(
        "/admin/crm/log/",
        {
            "employer": employer.pk,
            "mode": "face_to_face",
            "date": timezone.localdate(),
            "seekers": [seeker.pk],
        },
    )
    contact = EmployerContact.objects.get()
    page = client.get(saved["Location"]).content.decode()
    assert f"/admin/crm/contacts/{contact.pk}/undo/" in page
    assert f"/admin/crm/log/?employer={employer.pk}" in page
    undone = client.post(f"/admin/crm/contacts/{contact.pk}/undo/")
    assert not EmployerContact.objects.exists()
    assert undone["Location"] == "/admin/crm/log/"
    page = client.get(undone["Location"]).content.decode()
    assert "Undone" in page
    # Not offered as a recent employer (its only contact is gone), but one tap away.
    assert f'name="employer" value="{employer.pk}"' not in page
    again = re.search(r'<a href="([^"]+)">Log it again at Corner Cafe</a>', page).group(1)
    assert f'value="{employer.pk}" checked' in client.get(unescape(again)).content.decode()


def test_undo_leaves_recent_employers_from_the_contacts_that_still_exist(
    client, users, program, employer, seeker, specialist
):
    """Red team: after undoing a just-saved quick log, its employer stayed first among
    "recent" employers."""
    earlier = make_employer(program, name="Grand Hotel")
    make_contact(specialist, earlier, date=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(users[Role.SPECIALIST])
    data = {"employer": employer.pk, "mode": "face_to_face", "date": timezone.localdate()}
    client.post("/admin/crm/log/", {**data, "seekers": [seeker.pk]})
    assert _offered(client.get("/admin/crm/log/")) == [employer.pk, earlier.pk]

    contact = EmployerContact.objects.get(employer=employer)
    page = client.post(f"/admin/crm/contacts/{contact.pk}/undo/", follow=True)
    assert _offered(page) == [earlier.pk]
    assert _offered(client.get("/admin/crm/log/")) == [earlier.pk]


def _offered(response) -> list[int]:
    """The employers offered to pick on the quick log, in order."""
    return [
        int(pk) for pk in re.findall(r'name="employer" value="(\d+)"', response.content.decode())
    ]


def test_no_undo_offered_on_a_colleagues_contact(client, program, employer, users, specialist):
    colleague = make_staff(program, Role.SPECIALIST, "colleague_north")
    contact = make_contact(colleague, employer)
    client.force_login(users[Role.SPECIALIST])
    page = client.get(f"/admin/crm/log/?saved={contact.pk}").content.decode()
    assert "/undo/" not in page
    response = client.post(f"/admin/crm/contacts/{contact.pk}/undo/", follow=True)
    assert "Only the specialist who logged" in response.content.decode()
    assert EmployerContact.objects.filter(pk=contact.pk).exists()


def test_my_week_ticks_off_an_overdue_next_step(client, specialist, employer, users):
    day = timezone.localdate() - dt.timedelta(days=1)
    step = make_contact(specialist, employer, date=day, next_step="Call back", next_step_due=day)
    client.force_login(users[Role.SPECIALIST])
    page = client.get("/admin/crm/week/").content.decode()
    assert f"/admin/crm/contacts/{step.pk}/next-step-done/" in page
    done = client.post(
        f"/admin/crm/contacts/{step.pk}/next-step-done/", {"next": "/admin/crm/week/"}
    )
    assert done["Location"] == f"/admin/crm/week/?ticked={step.pk}"
    after = client.get(done["Location"]).content.decode()
    assert "Done: Call back" in after
    assert f"/admin/crm/contacts/{step.pk}/next-step-done/" not in after
    # "Undo" is offered right there, and puts the step back on the list.
    assert "Ticked off: Call back" in after
    undone = client.post(
        f"/admin/crm/contacts/{step.pk}/next-step-undo/", {"next": done["Location"]}
    )
    assert undone["Location"] == "/admin/crm/week/"
    again = client.get("/admin/crm/week/").content.decode()
    assert "Back on the list: Call back" in again
    assert f"/admin/crm/contacts/{step.pk}/next-step-done/" in again
    assert not EmployerContact.objects.get(pk=step.pk).next_step_done


# Undoing a "Done"


def test_undo_of_done_puts_the_step_back_and_history_says_who(with_step, users):
    complete_next_step(contact=with_step, by=users[Role.SPECIALIST])
    before = EmployerContact.objects.get().version
    reopen_next_step(contact=with_step, by=users[Role.SUPERVISOR])
    contact = EmployerContact.objects.get()
    assert not contact.next_step_done
    assert contact.version == before + 1
    entry = ModelLogEntry.objects.get(action=NEXT_STEP_REOPENED_ACTION)
    assert entry.user == users[Role.SUPERVISOR]


def test_undo_of_done_refused_for_a_step_not_ticked_and_for_a_coach(with_step, users):
    with pytest.raises(ValidationError, match="not ticked off"):
        reopen_next_step(contact=with_step, by=users[Role.SPECIALIST])
    complete_next_step(contact=with_step, by=users[Role.SPECIALIST])
    with pytest.raises(ValidationError, match="Only the specialist"):
        reopen_next_step(contact=with_step, by=users[Role.COACH])
    assert EmployerContact.objects.get().next_step_done
    assert not ModelLogEntry.objects.filter(action=NEXT_STEP_REOPENED_ACTION).exists()


@pytest.mark.parametrize(
    ("who", "ticked", "offered"),
    [
        (Role.SPECIALIST, "{pk}", True),
        (Role.COACH, "{pk}", False),  # may not tick, so no Undo
        ("outsider", "{pk}", False),  # another program's contact: never named
        (Role.SPECIALIST, "abc", False),  # a damaged link: the page as without it
        (Role.SPECIALIST, "999999", False),
        (Role.SPECIALIST, "not-done", False),  # the step is not ticked off
    ],
)
def test_home_offers_undo_only_for_a_ticked_step_the_user_may_take_back(
    client, with_step, users, outsider, who, ticked, offered
):
    if ticked != "not-done":
        complete_next_step(contact=with_step, by=users[Role.SPECIALIST])
    client.force_login(outsider if who == "outsider" else users[who])
    response = client.get(
        f"/admin/?ticked={ticked.format(pk=with_step.pk).replace('not-done', str(with_step.pk))}"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert ("Ticked off: Send the CV" in page) is offered
    assert (f"/admin/crm/contacts/{with_step.pk}/next-step-undo/" in page) is offered


def test_undo_of_done_by_get_or_from_another_program_changes_nothing(
    client, with_step, users, outsider
):
    complete_next_step(contact=with_step, by=users[Role.SPECIALIST])
    client.force_login(users[Role.SPECIALIST])
    assert client.get(f"/admin/crm/contacts/{with_step.pk}/next-step-undo/").status_code == 405
    client.force_login(outsider)
    assert client.post(f"/admin/crm/contacts/{with_step.pk}/next-step-undo/").status_code == 404
    client.force_login(users[Role.COACH])
    refused = client.post(f"/admin/crm/contacts/{with_step.pk}/next-step-undo/", follow=True)
    assert "Back on the list" not in refused.content.decode()
    assert EmployerContact.objects.get().next_step_done


def _just_saved_heading(page: str) -> bool:
    return "Just saved:" in page


def test_just_saved_shows_only_a_contact_this_user_just_saved(
    client, users, program, employer, other_employer, other_staff, specialist, seeker
):
    """Red team (issue 17): `?saved=<any id>` showed "Just saved" for anyone's contact."""
    colleague = make_staff(program, Role.SPECIALIST, "colleague_north")
    theirs = make_contact(colleague, employer)
    elsewhere = make_contact(other_staff[Role.SPECIALIST], other_employer)
    own_earlier = make_contact(specialist, employer)  # own, but not saved on this visit
    for who in (Role.SPECIALIST, Role.SUPERVISOR, Role.DIRECTOR):
        client.force_login(users[who])
        for contact in (theirs, elsewhere, own_earlier):
            response = client.get(f"/admin/crm/log/?saved={contact.pk}")
            assert response.status_code == 200, (who, contact)
            assert not _just_saved_heading(response.content.decode()), (who, contact)
        assert client.get("/admin/crm/log/?saved=999999").status_code == 200

    client.force_login(users[Role.SPECIALIST])
    data = {"employer": employer.pk, "mode": "phone", "date": timezone.localdate()}
    saved = client.post("/admin/crm/log/", {**data, "seekers": [seeker.pk]})
    assert _just_saved_heading(client.get(saved["Location"]).content.decode())
    # Another user signed in on this browser, then a fresh sign-in: nothing.
    client.force_login(users[Role.SUPERVISOR])
    assert not _just_saved_heading(client.get(saved["Location"]).content.decode())
    client.force_login(users[Role.SPECIALIST])
    assert not _just_saved_heading(client.get(saved["Location"]).content.decode())


def test_just_saved_ends_with_the_undo_window(client, users, employer, specialist, seeker):
    client.force_login(users[Role.SPECIALIST])
    data = {"employer": employer.pk, "mode": "phone", "date": timezone.localdate()}
    saved = client.post("/admin/crm/log/", {**data, "seekers": [seeker.pk]})
    assert _just_saved_heading(client.get(saved["Location"]).content.decode())
    EmployerContact.objects.update(
        created_at=timezone.now() - dt.timedelta(minutes=UNDO_MINUTES, seconds=5)
    )
    page = client.get(saved["Location"])
    assert page.status_code == 200
    assert not _just_saved_heading(page.content.decode())


def test_undo_is_offered_only_for_a_step_ticked_just_now(client, with_step, users, time_machine):
    """Red team (issue 17): `?ticked=` of a step finished long ago offered its Undo."""
    complete_next_step(contact=with_step, by=users[Role.SPECIALIST])
    client.force_login(users[Role.SPECIALIST])
    page = client.get(f"/admin/?ticked={with_step.pk}").content.decode()
    assert "Ticked off: Send the CV" in page
    time_machine.move_to(timezone.now() + dt.timedelta(minutes=UNDO_MINUTES + 1))
    page = client.get(f"/admin/?ticked={with_step.pk}").content.decode()
    assert "Ticked off: Send the CV" not in page
