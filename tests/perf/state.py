"""A statewide data set for `make bench ARGS="--scale state"` (issue 21 item 5): 200
programs, 40,000 job seekers, 100,000 openings, 20,000 employers, 2,000,000 employer
contacts, written with bulk inserts (`bulk_create`, which also folds the search columns).
Kept in a file database between runs (.bench-state.sqlite3, see tests/conftest.py); a tiny
`Scale` is built by the normal suite (tests/perf/test_state_builder.py)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from employers.models import Employer, EmployerContact, JobOpening
from ips.geo import zip_centroid
from ips.models import Program, StaffMember
from ips.roles import Role
from jobseekers.models import CareerProfile, JobSeeker

ZIPS = ("48226", "48201", "48502", "48204", "48234", "48195", "49503", "48933")
TITLES = ("Line cook", "Cashier", "Stock clerk", "Janitor", "Prep cook", "Driver", "Greeter")
NAMES = ("José", "O'Brien", "McDonald's", "Nguyễn", "Smith", "Garcia", "Kowalski", "Lee")
MODES = [m for m, _ in EmployerContact.Mode.choices]
SPECIALISTS = 4  # per program, with one director, one supervisor and one coach
FIRST_DAY = dt.date(2025, 1, 1)
DAYS = 730
BATCH = 5000


@dataclass(frozen=True)
class Scale:
    programs: int
    seekers: int
    openings: int
    employers: int
    contacts: int


STATE = Scale(programs=200, seekers=40_000, openings=100_000, employers=20_000, contacts=2_000_000)


def built(scale: Scale, *, contacts: bool = True) -> bool:
    """True when the database already holds this data set (it is built once); with
    `contacts=False`, the part without the employer contacts (the public pages' benches)."""
    return Program.objects.filter(slug__startswith="state-").count() == scale.programs and (
        not contacts or EmployerContact.objects.count() >= scale.contacts
    )


def _spread(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def build(scale: Scale, seed: int = 21, *, contacts: bool = True) -> dict[str, int]:
    """Write the data set; returns {kind: rows written}. With `contacts=False` the 2,000,000
    employer contacts are left out (they are ~90% of the build's time); a later call with
    `contacts=True` adds only them. Contacts are unique per specialist, employer, day and
    way (the double-submission key)."""
    counts = {} if built(scale, contacts=False) else _build_openings(scale, seed)
    if contacts and EmployerContact.objects.count() < scale.contacts:
        counts["contacts"] = _build_contacts(scale)
    return counts


@transaction.atomic
def _build_openings(scale: Scale, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    programs = Program.objects.bulk_create(
        Program(name=f"State program {p}", slug=f"state-{p}", zip=ZIPS[p % len(ZIPS)])
        for p in range(scale.programs)
    )
    roles = [Role.DIRECTOR, Role.SUPERVISOR, Role.COACH] + [Role.SPECIALIST] * SPECIALISTS
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"state-{p.pk}-{i}", password="!", first_name=f"Staff {i}")
        for p in programs
        for i in range(len(roles))
    )
    staff = StaffMember.objects.bulk_create(
        StaffMember(user=users[n * len(roles) + i], program=p, role=role, fte=Decimal("1.00"))
        for n, p in enumerate(programs)
        for i, role in enumerate(roles)
    )
    specialists = {p.pk: [s for s in staff if s.program_id == p.pk and s.role == Role.SPECIALIST]
                   for p in programs}  # fmt: skip
    employers: dict[int, list[Employer]] = {}
    for p, count in zip(programs, _spread(scale.employers, scale.programs), strict=True):
        employers[p.pk] = Employer.objects.bulk_create(
            (
                Employer(program=p, name=f"{NAMES[e % len(NAMES)]} Business {e}", zip=p.zip)
                for e in range(count)
            ),
            batch_size=BATCH,
        )
    seekers = []
    for p, count in zip(programs, _spread(scale.seekers, scale.programs), strict=True):
        seekers += [
            JobSeeker(
                program=p,
                name=f"{NAMES[s % len(NAMES)]} Person {p.pk}-{s}",
                specialist=specialists[p.pk][s % SPECIALISTS],
                entry_date=FIRST_DAY + dt.timedelta(days=s % 300),
                stage=JobSeeker.Stage.JOB_SEARCH,
                zip=p.zip,
            )
            for s in range(count)
        ]
    JobSeeker.objects.bulk_create(seekers, batch_size=BATCH)
    openings = []
    for p, count in zip(programs, _spread(scale.openings, scale.programs), strict=True):
        lat, lon = zip_centroid(p.zip)
        mine = employers[p.pk]
        openings += [
            JobOpening(
                program=p,
                employer=mine[o % len(mine)],
                title=f"{TITLES[o % len(TITLES)]} {o}",
                description="Friendly team, training given.",
                hours_per_week=Decimal(rng.choice([12, 20, 25, 32, 40])),
                zip=p.zip,
                latitude=lat + rng.uniform(-0.3, 0.3),
                longitude=lon + rng.uniform(-0.4, 0.4),
                status=JobOpening.Status.OPEN,
                shareable=rng.random() < 0.9,
                posted_on=FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)),
            )
            for o in range(count)
        ]
    JobOpening.objects.bulk_create(openings, batch_size=BATCH)
    del openings, seekers
    return {
        "programs": len(programs),
        "staff": len(staff),
        "employers": sum(len(v) for v in employers.values()),
        "seekers": scale.seekers,
        "openings": scale.openings,
    }


@transaction.atomic
def _build_contacts(scale: Scale) -> int:
    programs = list(Program.objects.filter(slug__startswith="state-").order_by("pk"))
    employers: dict[int, list[Employer]] = {p.pk: [] for p in programs}
    for employer in Employer.objects.filter(program__in=programs).only("pk", "program_id"):
        employers[employer.program_id].append(employer)
    specialists: dict[int, list[StaffMember]] = {p.pk: [] for p in programs}
    for member in StaffMember.objects.filter(program__in=programs, role=Role.SPECIALIST):
        specialists[member.program_id].append(member)
    contacts = 0
    for p, count in zip(programs, _spread(scale.contacts, scale.programs), strict=True):
        mine = sorted(employers[p.pk], key=lambda e: e.pk)
        theirs = sorted(specialists[p.pk], key=lambda s: s.pk)
        per_day = SPECIALISTS * len(mine) * len(MODES)  # unique (specialist, employer, mode)
        rows = (
            EmployerContact(
                program=p,
                specialist=theirs[c % SPECIALISTS],
                employer=mine[(c // SPECIALISTS) % len(mine)],
                mode=MODES[(c // (SPECIALISTS * len(mine))) % len(MODES)],
                date=FIRST_DAY + dt.timedelta(days=(c // per_day) * 97 % DAYS),
            )
            for c in range(count)
        )
        contacts += len(EmployerContact.objects.bulk_create(rows, batch_size=BATCH))
    return contacts


def add_profiles(per_program: int) -> int:
    """Give the first `per_program` job seekers of each state program a current career
    profile (the recommender matches only those), once; returns how many exist."""
    have = set(
        CareerProfile.objects.filter(program__slug__startswith="state-").values_list(
            "seeker_id", flat=True
        )
    )
    wanted = []
    for program in Program.objects.filter(slug__startswith="state-").order_by("pk"):
        seekers = JobSeeker.objects.filter(program=program).order_by("pk")[:per_program]
        wanted += [
            CareerProfile(
                program=program,
                seeker=seeker,
                wanted_job_titles=TITLES[seeker.pk % len(TITLES)],
                interests="cooking, people" if seeker.pk % 2 else "driving, tidy work",
                travel_mode=CareerProfile.TravelMode.BUS,
                min_hours_per_week=Decimal(10),
                max_hours_per_week=Decimal(35),
                home_zip=program.zip,
            )
            for seeker in seekers
            if seeker.pk not in have
        ]
    CareerProfile.objects.bulk_create(wanted, batch_size=BATCH)
    return len(have) + len(wanted)
