"""Finding 10 under real concurrency (PostgreSQL, committed transactions, two threads
lined up by a barrier): of two saves from the same version exactly one goes through,
every round. The old fingerprint check (read, compare, then write) lets both through.

SQLite serialises writers with a file lock, so these run in `make test-pg` (CI does)."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable

import pytest
from django.db import close_old_connections, connection, transaction
from django.test import Client
from django.urls import reverse

from employers.models import Employer, JobOpening
from employers.services import save_opening
from ips.versioning import StaleCopyError
from jobseekers.models import CareerProfile, JobSeeker
from jobseekers.services import (
    add_work_history_entry,
    update_career_profile,
    update_seeker_details,
)
from tests import factories as f
from tests.support.html_forms import form_data

ROUNDS = 20
SAVED, CONFLICT = "saved", "conflict"


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
        pytest.skip("a real race needs PostgreSQL's row locks: run with make test-pg")


def race(save: Callable[[int, threading.Barrier], str]) -> list[str]:
    """Run `save(n, barrier)` for n = 0 and 1 in two threads, each on its own database
    connection; both wait at the barrier at their last moment before writing."""
    barrier = threading.Barrier(2, timeout=30)
    outcomes: list[str] = [""] * 2
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            outcomes[n] = save(n, barrier)
        except BaseException as error:  # reported in the test's own thread
            errors.append(error)
            barrier.abort()
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


def outcome_of(write: Callable[[], object]) -> str:
    try:
        write()
    except StaleCopyError:
        return CONFLICT
    return SAVED


def test_two_simultaneous_opening_edits_through_the_service_save_exactly_one(postgres):
    opening = f.JobOpeningFactory()
    for round_ in range(ROUNDS):
        version = JobOpening.objects.get(pk=opening.pk).version

        def save(n, barrier, version=version, round_=round_):
            row = JobOpening.objects.get(pk=opening.pk)
            row.title = f"Title {round_}-{n}"
            barrier.wait()
            # relocate=False: the geocoding task would raise the version once more.
            return outcome_of(
                lambda: save_opening(opening=row, expected_version=version, relocate=False)
            )

        assert race(save) == [CONFLICT, SAVED], f"round {round_}"
        stored = JobOpening.objects.get(pk=opening.pk)
        assert stored.version == version + 1
        assert stored.title in (f"Title {round_}-0", f"Title {round_}-1")


def test_two_simultaneous_seeker_edits_through_the_service_save_exactly_one(postgres):
    seeker = f.JobSeekerFactory()
    for round_ in range(ROUNDS):
        version = JobSeeker.objects.get(pk=seeker.pk).version

        def save(n, barrier, version=version, round_=round_):
            barrier.wait()
            return outcome_of(
                lambda: update_seeker_details(
                    seeker=seeker,
                    changes={"preferred_name": f"Name {round_}-{n}"},
                    expected_version=version,
                )
            )

        assert race(save) == [CONFLICT, SAVED], f"round {round_}"
        assert JobSeeker.objects.get(pk=seeker.pk).version == version + 1


def test_two_simultaneous_career_profile_saves_make_exactly_one_new_version(postgres):
    seeker = f.JobSeekerFactory()
    f.CareerProfileFactory(seeker=seeker)
    for round_ in range(ROUNDS):
        current = CareerProfile.objects.get(seeker=seeker, is_current=True).version

        def save(n, barrier, current=current, round_=round_):
            barrier.wait()
            return outcome_of(
                lambda: update_career_profile(
                    seeker=seeker,
                    changes={"dream_job": f"Job {round_}-{n}"},
                    by=None,
                    expected_version=current,
                )
            )

        assert race(save) == [CONFLICT, SAVED], f"round {round_}"
        assert CareerProfile.objects.filter(seeker=seeker).count() == current + 1


def record_version(obj) -> str:
    """The fingerprint the edit screen compared before this fix (ips.workspace, main)."""
    values = [(f.attname, str(getattr(obj, f.attname))) for f in obj._meta.concrete_fields]
    return hashlib.sha256(repr(values).encode()).hexdigest()[:32]


def test_the_old_fingerprint_check_lets_both_of_two_simultaneous_saves_through(postgres):
    """Why the check is one conditional UPDATE: read-compare-write passes both checks."""
    employer = f.EmployerFactory()
    opened = record_version(Employer.objects.get(pk=employer.pk))

    def save(n, barrier):
        with transaction.atomic():
            row = Employer.objects.get(pk=employer.pk)
            if record_version(row) != opened:
                return CONFLICT
            barrier.wait()  # both checks passed; now both write
            row.industry = f"Industry {n}"
            row.save()
        return SAVED

    assert race(save) == [SAVED, SAVED]  # both told "saved": one change is lost
    assert Employer.objects.get(pk=employer.pk).industry in ("Industry 0", "Industry 1")


def test_two_people_saving_one_edit_screen_at_once_never_both_hear_saved(postgres, staff):
    """The attacker's path: two browsers post the employer edit form at the same moment."""
    employer = f.EmployerFactory(program=staff["specialist"].program)
    url = reverse("employers:edit", args=[employer.pk])
    people = [staff["supervisor"].user, staff["director"].user]
    for round_ in range(ROUNDS):
        clients = [Client(), Client()]
        forms = []
        for client, user in zip(clients, people, strict=True):
            client.force_login(user)
            forms.append(form_data(client.get(url).content.decode(), having="name"))

        def save(n, barrier, forms=forms, clients=clients, round_=round_):
            close_old_connections()
            barrier.wait()
            response = clients[n].post(url, {**forms[n], "industry": f"Industry {round_}-{n}"})
            if response.status_code == 302:
                return SAVED
            assert re.search(rb"Someone else saved changes", response.content)
            return CONFLICT

        assert race(save) == [CONFLICT, SAVED], f"round {round_}"


def test_two_work_history_entries_added_at_once_are_both_kept(postgres):
    seeker = f.JobSeekerFactory()
    f.CareerProfileFactory(seeker=seeker)
    for round_ in range(ROUNDS):

        def add(n, barrier, round_=round_):
            barrier.wait()
            entry = {"employer": f"Employer {round_}-{n}", "title": "Cook"}
            add_work_history_entry(seeker=seeker, entry=entry, by=None)
            return SAVED

        assert race(add) == [SAVED, SAVED]
        history = CareerProfile.objects.get(seeker=seeker, is_current=True).work_history
        added = {row["employer"] for row in history}
        assert {f"Employer {round_}-0", f"Employer {round_}-1"} <= added, f"round {round_}"
