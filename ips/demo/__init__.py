"""The demo program: a believable, deterministic year of IPS work in the Detroit metro area.

`seed_demo()` builds it once in one transaction (bulk writes, a seeded random.Random,
dates relative to `today`); when the demo is already there it changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms.services import ensure_site
from employers.models import JobOpening
from ips.demo import catalogue as cat
from ips.demo.crm import build_contacts, build_employers, build_openings
from ips.demo.people import Demo, build_programs, build_seekers, build_staff
from ips.demo.work import build_assessments, build_check_ins, build_jobs, build_time_entries
from ips.models import Program
from jobseekers.matching.services import refresh_matches
from jobseekers.matching.tasks import relocate_and_refresh_on_commit
from jobseekers.models import JobSeeker

DEMO_PASSWORD = cat.DEMO_PASSWORD


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    name: str
    where: str


def demo_logins() -> list[DemoLogin]:
    """The printed logins: one per staff role, the job seeker, and the superuser."""
    logins, seen = [], set()
    labels = {
        "specialist": "Employment specialist",
        "coach": "Job coach",
        "supervisor": "Supervisor",
        "director": "Director (both programs)",
    }
    for username, first, last, role, _ in cat.STAFF:
        if role not in seen:
            seen.add(role)
            logins.append(DemoLogin(labels[role], username, f"{first} {last}", "/admin/"))
    logins.append(
        DemoLogin(
            "Job seeker (portal)",
            cat.SEEKER_USERNAME,
            "Jordan Ellis",
            "/portal/sign-in/ with the email seeker@demo.example.org",
        )
    )
    logins.append(DemoLogin("Superuser", cat.ADMIN_USERNAME, "Demo Administrator", "/admin/"))
    return logins


def demo_present() -> bool:
    """True when the demo programs exist (seed_demo then changes nothing)."""
    return Program.objects.filter(slug__in=[p.slug for p in cat.PROGRAMS]).exists()


class DemoConflict(ValueError):
    """The database holds rows the demo would collide with."""


def _check_no_conflicts() -> None:
    usernames = [s[0] for s in cat.STAFF] + [cat.SEEKER_USERNAME, cat.ADMIN_USERNAME]
    taken = sorted(
        get_user_model().objects.filter(username__in=usernames).values_list("username", flat=True)
    )
    names = [p.name for p in cat.PROGRAMS]
    programs = sorted(Program.objects.filter(name__in=names).values_list("name", flat=True))
    if taken or programs:
        raise DemoConflict(
            "The demo cannot be added: these already exist but are not the demo's: "
            + ", ".join([*(f"user {u}" for u in taken), *(f"program {p}" for p in programs)])
            + ". Use an empty database for the demo."
        )


def _link_portal_seeker(demo: Demo) -> None:
    """Give one job seeker of the first program (the demo specialist's) a portal login."""
    user = demo.users[cat.SEEKER_USERNAME]
    seeker = next(
        s
        for s in demo.seekers
        if s.stage == JobSeeker.Stage.JOB_SEARCH and s.specialist.user.username == "specialist"
    )
    seeker.portal_user = user
    seeker.name, seeker.preferred_name = "Jordan Ellis", "Jordan"
    seeker.email = user.email
    seeker.save(update_fields=["portal_user", "name", "preferred_name", "email"])
    # Jordan travels by bus and is open to most shifts, so the portal demo has matches.
    profile = demo.profiles[seeker.pk]
    profile.travel_mode, profile.max_commute_miles = "bus", Decimal("15")
    profile.min_hours_per_week, profile.max_hours_per_week = Decimal("10"), Decimal("35")
    profile.preferred_schedules = ["daytime", "evenings", "weekends", "flexible", "mixed"]
    profile.interests = "Cooking, keeping things tidy, talking with customers"
    profile.save()
    open_kinds = JobOpening.objects.public().filter(program_id=seeker.program_id)
    profile.preferred_occupations.add(
        *{o.occupation_id for o in open_kinds.exclude(occupation=None)[:3]}
    )
    relocate_and_refresh_on_commit(profile.seeker_id)


@transaction.atomic
def seed_demo(*, today: dt.date | None = None, seed: int = cat.SEED) -> bool:
    """Build the demo once; returns False (and changes nothing) when it is already there."""
    ensure_site()
    if demo_present():
        return False
    _check_no_conflicts()
    demo = Demo(rng=random.Random(seed), today=today or timezone.localdate())
    build_programs(demo)
    build_staff(demo)
    build_seekers(demo)
    build_employers(demo)
    build_contacts(demo)
    build_openings(demo)
    build_jobs(demo)
    build_time_entries(demo)
    build_assessments(demo)
    build_check_ins(demo)
    _link_portal_seeker(demo)
    # Stored recommendations for everyone, so the portal and the records show them at once.
    transaction.on_commit(lambda: refresh_matches())
    return True
