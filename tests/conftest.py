"""Role fixtures: two programs and one user per role in each, plus job seekers.

`program` / `other_program` are the home and the outsider's program; `users[role]`
are the home program's staff, `outsider` a specialist of the other program.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from ips.models import Program, StaffMember
from ips.roles import Role

ROLES = ("specialist", "coach", "supervisor", "director")
# "Today" of a test whose result depends on where today falls in a week, quarter or year
# (via `frozen_today`): a Wednesday mid-week, mid-quarter (Q4 runs 1 Oct - 31 Dec), its ISO
# week running 23-29 November. Read from the real clock, such a test fails on some days
# (the last day of a quarter, a Monday, 1 January) and passes on the others.
TODAY = dt.date(2026, 11, 25)


def pytest_addoption(parser):
    parser.addoption(
        "--scale",
        choices=("normal", "state"),
        default="normal",
        help="benchmarks: 'state' runs tests/perf/test_state_*.py on the statewide data "
        "set (tests/perf/state.py), kept in .bench-state.sqlite3 between runs",
    )


def pytest_collection_modifyitems(config, items):
    """At state scale only the state-scale benchmarks run (the others expect an empty
    database); at normal scale those are left out by their own fixture."""
    if config.getoption("--scale", default="normal") != "state":
        return
    keep = [item for item in items if "test_state_" in str(item.fspath)]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


def pytest_configure(config):
    if config.getoption("--scale", default="normal") == "state":
        from django.conf import settings

        test = settings.DATABASES["default"].setdefault("TEST", {})
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            test["NAME"] = str(settings.BASE_DIR / ".bench-state.sqlite3")


@pytest.fixture
def frozen_today(settings):
    """Today is TODAY for every clock Python reads (timezone.localdate(), now(), date.today()),
    from noon in the program's time zone; the clock keeps ticking from there (time-machine)."""
    from zoneinfo import ZoneInfo

    import time_machine

    noon = dt.datetime.combine(TODAY, dt.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(noon, tick=True):
        yield TODAY


def make_user(username: str, **extra):
    User = get_user_model()
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="correct horse battery staple",
        first_name=username.split("_")[0].title(),
        last_name="Tester",
        **extra,
    )
    return user


def make_staff(program: Program, role: str, username: str, fte: str = "1.00") -> StaffMember:
    return StaffMember.objects.create(
        user=make_user(username), program=program, role=role, fte=Decimal(fte)
    )


@pytest.fixture
def program(db) -> Program:
    return Program.objects.create(name="North Team", slug="north", zip="48226")


@pytest.fixture
def other_program(db) -> Program:
    return Program.objects.create(name="South Team", slug="south", zip="48502")


@pytest.fixture
def staff(program) -> dict[str, StaffMember]:
    return {role: make_staff(program, role, f"{role}_north") for role in ROLES}


@pytest.fixture
def other_staff(other_program) -> dict[str, StaffMember]:
    return {role: make_staff(other_program, role, f"{role}_south") for role in ROLES}


@pytest.fixture
def users(staff):
    return {role: member.user for role, member in staff.items()}


@pytest.fixture
def outsider(other_staff):
    """A specialist of another program: must never see the home program's rows."""
    return other_staff[Role.SPECIALIST].user


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="root", email="root@example.org", password="correct horse battery staple"
    )


@pytest.fixture
def seeker(program, staff):
    from jobseekers.models import JobSeeker

    return JobSeeker.objects.create(
        program=program,
        ref="S-1",
        name="Alex Rivera",
        specialist=staff[Role.SPECIALIST],
        referral_date=dt.date(2026, 1, 5),
        entry_date=dt.date(2026, 1, 12),
        stage=JobSeeker.Stage.JOB_SEARCH,
        zip="48226",
    )


@pytest.fixture
def seeker_user(seeker):
    """The job seeker's own portal account."""
    user = make_user("alex_portal")
    seeker.portal_user = user
    seeker.save(update_fields=["portal_user"])
    return user


@pytest.fixture
def other_seeker(other_program, other_staff):
    from jobseekers.models import JobSeeker

    return JobSeeker.objects.create(
        program=other_program,
        ref="S-9",
        name="Sam Other",
        specialist=other_staff[Role.SPECIALIST],
        entry_date=dt.date(2026, 2, 1),
        stage=JobSeeker.Stage.JOB_SEARCH,
    )


def ensure_reference_data() -> None:
    """Re-load what data migrations ship, which a live_server test's flush removes."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from cms.services import ensure_site
    from ips.models import Occupation
    from ips.reference import ensure_role_groups, load_occupations
    from ips.roles import sync_role_permissions
    from jobseekers.models import BenefitsParameters, Medicaid1619bThreshold
    from jobseekers.reference import load_benefits_parameters

    if Occupation.objects.count() < 1016:
        load_occupations(Occupation)
    load_benefits_parameters(BenefitsParameters, Medicaid1619bThreshold)
    ensure_role_groups(Group, Permission, ContentType)
    sync_role_permissions()
    ensure_site()
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


DB_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DB_FIXTURES.intersection(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(scope="session", autouse=True)
def _reference_data(request, django_db_setup, django_db_blocker):
    # pytest-django sets up no test database when no collected test uses one.
    if not any(_uses_database(item) for item in request.session.items):
        return
    with django_db_blocker.unblock():
        ensure_reference_data()
