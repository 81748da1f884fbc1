"""Field logging without a signal (issue 23): the quick log and the support log queue entries
on the phone while offline, open again offline from the service worker's copy, and send
each entry once when the connection returns; a refused entry stays, with its reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from coaching.models import SupportContact
from employers.models import EmployerContact
from ips.roles import Role
from jobseekers.services import record_job_start
from tests.browser.conftest import axe_violations, log_in
from tests.browser.test_coaching import on_the_same_caseload
from tests.employers.conftest import make_contact, make_employer

PHONE = {"width": 375, "height": 800}
WAITING = "Saved on this phone, will send when online ({} waiting)."


@pytest.fixture
def phone(chromium, live_server, site_root):
    """A phone-sized page in the program's time zone (so "today" is the server's day),
    collecting console errors and the API posts it makes."""
    context = chromium.new_context(
        base_url=live_server.url, viewport=PHONE, timezone_id=settings.TIME_ZONE
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.posts = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: r.method == "POST" and page.posts.append(r.url))
    yield page
    context.close()


def _open(page, live_server, user, path):
    log_in(page, user, live_server.url)
    page.goto(path)
    # The service worker has kept its copy of the form and the pickers.
    page.locator("html[data-field-ready='1']").wait_for(state="attached")


def _status(page, text):
    page.locator("#field-status", has_text=text).wait_for()


def _offline_errors(page, refused: int = 0) -> list[str]:
    """Console errors but the expected ones: Chromium reports a request made without a
    network, and a 4xx answer, as console errors; the test causes them (the emulated lost
    signal, and `refused` entries the server refuses), the page does not."""
    lost = [e for e in page.errors if "ERR_INTERNET_DISCONNECTED" not in e]
    answered = [e for e in lost if "status of 422" in e]
    assert len(answered) == refused
    return [e for e in lost if e not in answered]


def test_quick_log_offline_queues_three_contacts_and_sends_each_once(
    phone, live_server, users, staff, program, seeker
):
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    employer = make_employer(program, name="Corner Cafe", zip="48226")
    make_contact(staff[Role.SPECIALIST], employer, date=today - dt.timedelta(days=10))
    before = set(EmployerContact.objects.values_list("pk", flat=True))
    _open(phone, live_server, users[Role.SPECIALIST], "/admin/crm/log/")
    phone.context.set_offline(True)

    save = phone.get_by_role("button", name="Save contact")
    phone.get_by_label("Corner Cafe · 48226").check()
    phone.get_by_label(seeker.name).check()
    phone.get_by_label("Notes").fill("Owner wants a weekend cook")
    save.click()
    _status(phone, WAITING.format(1))

    phone.get_by_label("Corner Cafe · 48226").check()
    phone.get_by_label("Phone").check()
    save.dblclick()  # a double tap: one entry
    _status(phone, WAITING.format(2))

    phone.get_by_label("Corner Cafe · 48226").check()
    phone.get_by_label("Email").check()
    phone.get_by_text("Purpose, date and next step").click()
    phone.get_by_label("Date").fill(yesterday.isoformat())
    save.click()
    _status(phone, WAITING.format(3))
    assert axe_violations(phone) == []

    phone.reload()  # still offline: the form opens from the service worker's copy
    phone.get_by_role("heading", name="Log a contact").wait_for()
    _status(phone, WAITING.format(3))
    assert phone.get_by_label("Corner Cafe · 48226").is_visible()
    assert not set(EmployerContact.objects.values_list("pk", flat=True)) - before

    phone.context.set_offline(False)  # the `online` event sends the queue
    _status(phone, "Sent 3 entries saved on this phone.")
    new = EmployerContact.objects.exclude(pk__in=before).order_by("mode")
    assert [(c.mode, c.date) for c in new] == [
        ("email", yesterday),
        ("face_to_face", today),
        ("phone", today),
    ]
    assert [s.pk for s in new.get(mode="face_to_face").seekers.all()] == [seeker.pk]
    assert new.get(mode="face_to_face").notes == "Owner wants a weekend cook"
    assert len({c.idempotency_key for c in new}) == 3

    phone.reload()  # nothing is sent twice
    phone.get_by_role("heading", name="Log a contact").wait_for()
    assert EmployerContact.objects.exclude(pk__in=before).count() == 3
    assert _offline_errors(phone) == []


def _support_form(page, seeker, mode, date=None):
    page.get_by_label("Who was supported").select_option(label=seeker.name)
    page.get_by_label(mode, exact=True).check()
    if date is not None:
        page.get_by_label("Date").fill(date.isoformat())
    page.get_by_label("Minutes").fill("30")


def test_support_log_offline_queues_three_visits_and_sends_each_once(
    phone, live_server, users, staff, seeker
):
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    _open(phone, live_server, users[Role.SPECIALIST], "/admin/coaching/log/")
    phone.context.set_offline(True)
    save = phone.get_by_role("button", name="Save")

    _support_form(phone, seeker, "Face to face")
    save.click()
    _status(phone, WAITING.format(1))
    _support_form(phone, seeker, "Phone")
    save.dblclick()
    _status(phone, WAITING.format(2))
    _support_form(phone, seeker, "Video call", date=yesterday)
    save.click()
    _status(phone, WAITING.format(3))
    assert axe_violations(phone) == []

    phone.reload()
    phone.get_by_role("heading", name="Log support").wait_for()
    _status(phone, WAITING.format(3))
    assert not SupportContact.objects.exists()

    phone.context.set_offline(False)
    _status(phone, "Sent 3 entries saved on this phone.")
    rows = SupportContact.objects.order_by("mode")
    assert [(c.mode, c.date, c.minutes, c.staff_id) for c in rows] == [
        ("face_to_face", today, 30, staff[Role.SPECIALIST].pk),
        ("phone", today, 30, staff[Role.SPECIALIST].pk),
        ("video", yesterday, 30, staff[Role.SPECIALIST].pk),
    ]
    assert _offline_errors(phone) == []


def test_a_refused_entry_stays_with_its_reason_and_is_not_sent_again(
    phone, live_server, users, seeker
):
    _open(phone, live_server, users[Role.SPECIALIST], "/admin/coaching/log/")
    phone.context.set_offline(True)
    _support_form(phone, seeker, "Phone")
    phone.get_by_role("button", name="Save").click()
    _status(phone, WAITING.format(1))
    seeker.closed_date = timezone.localdate()  # the record is closed meanwhile
    seeker.save()

    phone.context.set_offline(False)
    _status(phone, "1 entry needs attention")
    attention = phone.locator("#field-attention")
    attention.get_by_text("record is closed").wait_for()
    assert phone.get_by_role("button", name=f"Fix it in the form: {seeker.name}").is_visible()
    assert axe_violations(phone) == []
    sent = [u for u in phone.posts if u.endswith("/api/v1/field/support-contacts")]
    assert len(sent) == 1

    phone.reload()  # at each page load the queue is sent: not this entry again
    phone.get_by_role("heading", name="Log support").wait_for()
    _status(phone, "1 entry needs attention")
    assert len([u for u in phone.posts if u.endswith("/field/support-contacts")]) == 1
    assert not SupportContact.objects.exists()

    phone.once("dialog", lambda dialog: dialog.accept())
    attention.get_by_role("button", name=f"Discard: {seeker.name}").click()
    _status(phone, "Discarded")
    assert attention.is_hidden()
    assert _offline_errors(phone, refused=1) == []


def test_signing_out_with_entries_waiting_asks_first(phone, live_server, users, seeker):
    _open(phone, live_server, users[Role.SPECIALIST], "/admin/coaching/log/")
    phone.context.set_offline(True)
    _support_form(phone, seeker, "Phone")
    phone.get_by_role("button", name="Save").click()
    _status(phone, WAITING.format(1))
    sign_out = "document.querySelector('form[action$=\"/admin/logout/\"]').requestSubmit()"

    with phone.expect_event("dialog") as asked:
        phone.evaluate(sign_out)
    assert "1 entry saved on this phone has not been sent" in asked.value.message
    asked.value.dismiss()  # stays signed in, the entry kept
    _status(phone, WAITING.format(1))

    phone.context.set_offline(False)
    _status(phone, "Sent 1 entry saved on this phone.")
    assert SupportContact.objects.count() == 1
    phone.evaluate(sign_out)  # nothing waiting: no question
    phone.wait_for_url("**/admin/login/**")
    # The copies of the forms (with the caseload's names) went with the sign-out.
    assert phone.evaluate("caches.keys()") == []


def _job_for(seeker, title):
    employer = make_employer(seeker.program, name=f"{title} Place")
    start = timezone.localdate() - dt.timedelta(days=20)
    return record_job_start(seeker=seeker, employer=employer, title=title, start_date=start)


def test_a_refused_entry_is_fixed_in_the_form_and_recorded_once(phone, live_server, users, seeker):
    today = timezone.localdate()
    job = _job_for(seeker, "Dishwasher")
    other = on_the_same_caseload(seeker, "Bea Olsen")
    _job_for(other, "Stocker")
    _open(phone, live_server, users[Role.SPECIALIST], "/admin/coaching/log/")
    phone.context.set_offline(True)
    _support_form(phone, seeker, "Phone", date=today + dt.timedelta(days=3))  # a slip
    phone.get_by_label("Job", exact=True).select_option(str(job.pk))
    phone.get_by_role("button", name="Save").click()
    _status(phone, WAITING.format(1))
    key = phone.evaluate(
        """() => new Promise(done => {
            const open = indexedDB.open("ips-field-u" + document.querySelector(
                "form[data-field-form]").dataset.fieldUser);
            open.onsuccess = () => {
                const all = open.result.transaction("entries").objectStore("entries").getAll();
                all.onsuccess = () => done(all.result[0].key);
            };
        })"""
    )
    phone.context.set_offline(False)
    _status(phone, "1 entry needs attention")

    # Another person chosen meanwhile narrows the jobs to theirs; fixing the entry brings
    # back its person and its job (the job list follows the person: static/ips/job_filter.js).
    phone.get_by_label("Who was supported").select_option(label=other.name)
    phone.get_by_role("button", name=f"Fix it in the form: {seeker.name}").click()
    assert phone.get_by_label("Job", exact=True).input_value() == str(job.pk)
    assert phone.get_by_label("Date").input_value() == (today + dt.timedelta(days=3)).isoformat()
    assert phone.get_by_label("Phone", exact=True).is_checked()
    assert phone.get_by_label("Minutes").input_value() == "30"
    phone.get_by_label("Date").fill(today.isoformat())
    phone.get_by_role("button", name="Save").click()  # online: the screen's own saving
    phone.get_by_text(f"Support for {seeker.name} logged.").wait_for()
    contact = SupportContact.objects.get()
    assert (str(contact.idempotency_key), contact.date, contact.job) == (key, today, job)

    phone.goto("/admin/coaching/log/")  # the fixed entry left the phone's queue
    phone.get_by_role("heading", name="Log support").wait_for()
    assert phone.locator("#field-attention").is_hidden()
    assert SupportContact.objects.count() == 1
    assert _offline_errors(phone, refused=1) == []


def test_another_user_signed_in_on_the_browser_never_gets_the_first_users_copy(
    phone, live_server, users, seeker
):
    # Red-team finding: a session that ran out (no sign-out), then another user's sign-in:
    # offline, the first user's saved form opened and its entries were queued as theirs.
    _open(phone, live_server, users[Role.SPECIALIST], "/admin/crm/log/")
    phone.wait_for_function("async () => (await caches.keys()).includes('ips-field-v1')")
    phone.context.clear_cookies()  # the specialist's session ends without signing out
    log_in(phone, users[Role.SUPERVISOR], live_server.url)
    phone.goto("/admin/")  # the supervisor's first page, online
    phone.wait_for_function("() => localStorage.getItem('ips-field-owner') === null")
    assert phone.evaluate("caches.keys()") == []  # the specialist's copy is gone
    phone.context.set_offline(True)
    with pytest.raises(PlaywrightError, match="net::ERR_"):  # no copy to open
        phone.goto("/admin/crm/log/")
    phone.context.set_offline(False)
    assert EmployerContact.objects.count() == 0
