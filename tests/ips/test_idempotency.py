"""The rules of ips.idempotency across the event models: every form recording an event
carries a fresh key; every event model has its per-program key constraint (proven at the
database in test_invariants); the near-duplicate window; and under real concurrency
(PostgreSQL, two threads) two sendings with one key record one row."""

from __future__ import annotations

import datetime as dt
import re
import threading
import uuid

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from employers.models import Employer, EmployerContact
from employers.services import log_employer_contact
from ips.idempotency import DUPLICATE_WINDOW, AlreadyRecorded, near_duplicate
from ips.roles import Role
from jobseekers.models import Job, JobSeeker
from jobseekers.services import record_job_start

DAY = dt.date(2026, 3, 2)


def test_a_near_duplicate_is_only_one_made_within_the_window(staff, program):
    employer = Employer.objects.create(program=program, name="A")
    specialist = staff[Role.SPECIALIST]
    made = log_employer_contact(specialist=specialist, employer=employer, date=DAY)
    again = EmployerContact(
        program=program, specialist=specialist, employer=employer, date=DAY, mode=made.mode
    )
    assert near_duplicate(again) == made
    later = made.created_at + DUPLICATE_WINDOW + dt.timedelta(seconds=1)
    assert near_duplicate(again, now=later) is None


# --- real concurrency (PostgreSQL) ----------------------------------------------------

ROUNDS = 10


@pytest.fixture
def reference_data_kept(django_db_blocker):
    """Requested before transactional_db: re-loads the reference data after its flush."""
    yield
    from tests.conftest import ensure_reference_data

    with django_db_blocker.unblock():
        ensure_reference_data()


@pytest.fixture
def postgres(reference_data_kept, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("a real race needs PostgreSQL's concurrent writers: run with make test-pg")


def race(record) -> list[str]:
    """Run `record()` in two threads at once, each on its own connection and transaction:
    "saved" or "already" for each."""
    barrier = threading.Barrier(2, timeout=30)
    outcomes: list[str] = [""] * 2
    errors: list[BaseException] = []

    def run(n: int) -> None:
        close_old_connections()
        try:
            barrier.wait()
            record()
            outcomes[n] = "saved"
        except AlreadyRecorded:
            outcomes[n] = "already"
        except BaseException as error:  # reported in the test's own thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return sorted(outcomes)


def test_two_concurrent_contacts_with_one_key_record_one(postgres, staff, program):
    employer = Employer.objects.create(program=program, name="A")
    specialist = staff[Role.SPECIALIST]
    for _ in range(ROUNDS):
        key = uuid.uuid4()
        outcomes = race(
            lambda key=key: log_employer_contact(
                specialist=specialist,
                employer=employer,
                date=timezone.localdate(),
                idempotency_key=key,
                allow_duplicate=True,  # only the key decides here
            )
        )
        assert outcomes == ["already", "saved"]
        assert EmployerContact.objects.filter(idempotency_key=key).count() == 1


def test_two_concurrent_job_starts_with_one_key_record_one(postgres, program, staff):
    employer = Employer.objects.create(program=program, name="A")
    for n in range(ROUNDS):
        seeker = JobSeeker.objects.create(
            program=program,
            name=f"Person {n}",
            entry_date=DAY,
            stage=JobSeeker.Stage.JOB_SEARCH,
        )
        key = uuid.uuid4()
        outcomes = race(
            lambda seeker=seeker, key=key: record_job_start(
                seeker=seeker, employer=employer, title="Cook", start_date=DAY, idempotency_key=key
            )
        )
        assert outcomes == ["already", "saved"]
        assert Job.objects.filter(seeker=seeker).count() == 1


def test_copy_of_the_record_includes_events_recorded_with_a_key(client, users, seeker, program):
    employer = Employer.objects.create(program=program, name="A")
    key = uuid.uuid4()
    record_job_start(
        seeker=seeker, employer=employer, title="Cook", start_date=DAY, idempotency_key=key
    )
    client.force_login(users[Role.SUPERVISOR])
    response = client.get(f"/admin/privacy/seeker/{seeker.pk}/record.json")
    assert response.status_code == 200
    assert response.json()["sections"]["jobseekers.Job"][0]["idempotency_key"] == str(key)


EVENT_FORMS = [
    ("specialist", "/admin/crm/log/"),
    ("coach", "/admin/coaching/log/"),
    ("coach", "/admin/coaching/hours/"),
    ("specialist", "/admin/seekers/{seeker}/check-in/"),
    ("specialist", "/admin/jobseekers/record/{seeker}/job/"),
    ("supervisor", "/admin/employer_contacts/new/"),
    ("supervisor", "/admin/support_contacts/new/"),
    ("supervisor", "/admin/time_entries/new/"),
]


@pytest.mark.parametrize(("role", "url"), EVENT_FORMS)
def test_every_event_form_carries_a_fresh_key(client, users, seeker, role, url):
    client.force_login(users[role])
    url = url.format(seeker=seeker.pk)
    keys = [
        re.search(
            r'name="idempotency_key" value="([0-9a-f-]{36})"', client.get(url).content.decode()
        )
        for _ in range(2)
    ]
    assert all(keys), url
    assert keys[0].group(1) != keys[1].group(1)


def test_every_event_model_has_a_key_unique_per_program():
    from django.apps import apps

    events = [m for m in apps.get_models() if hasattr(m, "DUPLICATE_FIELDS")]
    assert {m._meta.label for m in events} == {
        "employers.EmployerContact",
        "jobseekers.Job",
        "coaching.SupportContact",
        "ips.TimeEntry",
        "jobseekers.StatusCheckIn",
    }
    for model in events:
        unique = [
            c
            for c in model._meta.constraints
            if getattr(c, "fields", ()) == ("program", "idempotency_key")
        ]
        assert len(unique) == 1, model


def test_an_event_add_screen_without_its_service_cannot_be_defined():
    """Every workspace "add" screen of an event records through its owning service
    (`EventCreateView.record`); one that forgets it fails when the class is defined."""
    from ips.workspace import EventCreateView

    with pytest.raises(TypeError, match="must define record"):

        class Forgotten(EventCreateView):
            pass

    class Kept(EventCreateView):  # defines its service call: accepted
        def record(self, form):
            return form
