"""Demo builders for programs, staff, job seekers and their career profiles."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

import zipcodes
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from ips.demo import catalogue as cat
from ips.models import GeocodeSource, MentalHealthTeam, Occupation, Program, StaffMember
from ips.roles import GROUP_FOR_ROLE, Role
from jobseekers.models import CareerProfile, JobSeeker

# Share of each program's seekers at each stage (spec/metrics.md Terms; IPS close reasons).
STAGE_SHARES = (
    (JobSeeker.Stage.REFERRED, 0.08),
    (JobSeeker.Stage.ENGAGED, 0.12),
    (JobSeeker.Stage.JOB_SEARCH, 0.32),
    (JobSeeker.Stage.WORKING, 0.19),
    (JobSeeker.Stage.FOLLOW_ALONG, 0.09),
    (JobSeeker.Stage.CLOSED, 0.20),
)
SEEKERS_PER_PROGRAM = {"wayne-ips": 90, "oakland-macomb-ips": 60}
EMPLOYERS_PER_PROGRAM = {"wayne-ips": 180, "oakland-macomb-ips": 120}
CLOSE_REASONS = (
    JobSeeker.CloseReason.STEPPED_DOWN,
    JobSeeker.CloseReason.OWN_CHOICE,
    JobSeeker.CloseReason.MOVED,
    JobSeeker.CloseReason.LOST_CONTACT,
    JobSeeker.CloseReason.STEPPED_DOWN,
    JobSeeker.CloseReason.OWN_CHOICE,
    JobSeeker.CloseReason.LOST_CONTACT,
    JobSeeker.CloseReason.OTHER,
)
COMMUTE_MILES = {"walk": 2, "bike": 5, "bus": 10, "car": 20, "ride": 12}


@dataclass
class Demo:
    """What the builders share while the demo is made (one transaction)."""

    rng: random.Random
    today: dt.date
    programs: dict[str, Program] = field(default_factory=dict)
    zips: dict[int, list[tuple[str, float, float]]] = field(default_factory=dict)
    staff: dict[int, dict[str, list[StaffMember]]] = field(default_factory=dict)
    teams: dict[int, list[MentalHealthTeam]] = field(default_factory=dict)
    seekers: list[JobSeeker] = field(default_factory=list)
    profiles: dict[int, CareerProfile] = field(default_factory=dict)  # seeker id -> current
    wanted_codes: dict[int, list[str]] = field(default_factory=dict)  # seeker id -> codes
    users: dict[str, object] = field(default_factory=dict)
    employers: dict[int, list] = field(default_factory=dict)
    industry_of: dict[int, cat.Industry] = field(default_factory=dict)  # employer id
    people_of: dict[int, list] = field(default_factory=dict)  # employer id -> people
    contacts: list = field(default_factory=list)
    first_contact_for: dict[int, JobSeeker] = field(default_factory=dict)  # id(contact)
    contacts_by_employer: dict[int, tuple[list, list]] = field(default_factory=dict)
    opening_count: int = 0
    jobs: list = field(default_factory=list)

    def days_ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))


def county_zips(counties: tuple[str, ...]) -> list[tuple[str, float, float]]:
    """Standard, active ZIP codes of Michigan counties with their centroids (offline)."""
    rows = []
    for county in counties:
        for z in zipcodes.filter_by(state="MI", county=county):
            if z["zip_code_type"] == "STANDARD" and z["active"]:
                rows.append((z["zip_code"], float(z["lat"]), float(z["long"])))
    return sorted(rows)


def build_programs(demo: Demo) -> None:
    """Two programs in the Detroit metro area with their mental-health teams."""
    for spec in cat.PROGRAMS:
        program = Program.objects.create(
            name=spec.name,
            slug=spec.slug,
            zip=spec.zip,
            minimum_wage=Decimal(cat.MICHIGAN_MINIMUM_WAGE),
        )
        demo.programs[spec.slug] = program
        demo.zips[program.pk] = county_zips(spec.counties)
        demo.teams[program.pk] = MentalHealthTeam.objects.bulk_create(
            [MentalHealthTeam(program=program, name=name) for name in spec.teams]
        )


def build_staff(demo: Demo) -> None:
    """The demo users (one shared password hash), their staff rows and role groups."""
    User = get_user_model()
    password = make_password(cat.DEMO_PASSWORD)
    users = [
        User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.example.org",
            password=password,
            is_staff=False,
        )
        for username, first, last, _, _ in cat.STAFF
    ]
    users.append(
        User(
            username=cat.ADMIN_USERNAME,
            first_name="Demo",
            last_name="Administrator",
            email="admin@demo.example.org",
            password=password,
            is_staff=True,
            is_superuser=True,
        )
    )
    users.append(
        User(
            username=cat.SEEKER_USERNAME,
            first_name="Jordan",
            last_name="Ellis",
            email="seeker@demo.example.org",
            password=password,
        )
    )
    User.objects.bulk_create(users)
    demo.users = {
        u.username: u for u in User.objects.filter(username__in=[u.username for u in users])
    }
    groups = {g.name: g for g in Group.objects.filter(name__in=GROUP_FOR_ROLE.values())}
    rows, memberships = [], []
    for username, _, _, role, slugs in cat.STAFF:
        user = demo.users[username]
        for slug in slugs:
            rows.append(
                StaffMember(
                    user=user,
                    program=demo.programs[slug],
                    role=role,
                    fte=Decimal("0.50") if role == Role.DIRECTOR else Decimal("1.00"),
                )
            )
        if GROUP_FOR_ROLE[role] in groups:
            memberships.append(
                User.groups.through(user_id=user.pk, group_id=groups[GROUP_FOR_ROLE[role]].pk)
            )
    StaffMember.objects.bulk_create(rows)
    User.groups.through.objects.bulk_create(memberships)
    for program in demo.programs.values():
        demo.staff[program.pk] = {role: [] for role in Role.values}
    for member in rows:
        demo.staff[member.program_id][member.role].append(member)


def _seeker_dates(demo: Demo, stage: str, reason: str) -> tuple:
    """(referral, entry, closed) dates that fit the stage."""
    rng = demo.rng
    spans = {
        JobSeeker.Stage.REFERRED: (1, 20),
        JobSeeker.Stage.ENGAGED: (20, 60),
        JobSeeker.Stage.JOB_SEARCH: (30, 330),
        JobSeeker.Stage.WORKING: (70, 300),
        JobSeeker.Stage.FOLLOW_ALONG: (240, 360),
        JobSeeker.Stage.CLOSED: (150, 365),
    }
    low, high = spans[stage]
    if reason == JobSeeker.CloseReason.STEPPED_DOWN:
        low = 330
    referral = demo.days_ago(low, max(low, high))
    if stage == JobSeeker.Stage.REFERRED:
        return referral, None, None
    entry = min(referral + dt.timedelta(days=rng.randint(2, 14)), demo.today)
    closed = None
    if stage == JobSeeker.Stage.CLOSED:
        # Stepped down: after months of a stable job (the job itself goes on).
        earliest = entry + dt.timedelta(days=240 if reason == "stepped_down" else 60)
        span = max(0, (demo.today - earliest).days - 1)
        closed = earliest + dt.timedelta(days=rng.randint(0, span)) if span else demo.today
    return referral, entry, closed


def build_seekers(demo: Demo) -> None:
    """About 150 job seekers at every stage, each with a current career profile."""
    rng = demo.rng
    names = [(f, last) for f in cat.FIRST_NAMES for last in cat.LAST_NAMES]
    rng.shuffle(names)
    seekers = []
    for spec in cat.PROGRAMS:
        program = demo.programs[spec.slug]
        total = SEEKERS_PER_PROGRAM[spec.slug]
        stages = [s for s, share in STAGE_SHARES for _ in range(round(share * total))]
        specialists = demo.staff[program.pk][Role.SPECIALIST]
        teams = demo.teams[program.pk]
        prefix = spec.slug[0].upper()
        for i, stage in enumerate(stages):
            first, last = names.pop()
            reason = CLOSE_REASONS[i % len(CLOSE_REASONS)] if stage == "closed" else ""
            referral, entry, closed = _seeker_dates(demo, stage, reason)
            owner_index = i % len(specialists)
            # Integration (item O1): each specialist works mostly with one team.
            team = teams[owner_index % len(teams)] if rng.random() < 0.85 else rng.choice(teams)
            zip_code, lat, lon = rng.choice(demo.zips[program.pk])
            seekers.append(
                JobSeeker(
                    program=program,
                    ref=f"{prefix}-{i + 1:04d}",
                    name=f"{first} {last}",
                    preferred_name=first if rng.random() < 0.8 else "",
                    email=f"{first}.{last}.{i}@example.net".lower(),
                    phone=f"(313) 555-{rng.randint(100, 199):04d}",
                    specialist=specialists[owner_index],
                    mh_team=team,
                    referral_date=referral,
                    referral_source=rng.choice(cat.REFERRAL_SOURCES),
                    entry_date=entry,
                    closed_date=closed,
                    close_reason=reason,
                    close_note="Closed with the person after talking it through." if reason else "",
                    employed_at_referral=rng.random() < 0.08,
                    stage=stage,
                    zip=zip_code,
                    latitude=lat,
                    longitude=lon,
                    geocode_source=GeocodeSource.ZIP_CENTROID,
                )
            )
    demo.seekers = JobSeeker.objects.bulk_create(seekers)
    _build_profiles(demo)


def _profile_for(demo: Demo, seeker: JobSeeker, version: int, current: bool) -> CareerProfile:
    rng = demo.rng
    industry = rng.choice(cat.INDUSTRIES)
    picks = rng.sample(industry.jobs, k=min(len(industry.jobs), rng.randint(1, 3)))
    demo.wanted_codes[seeker.pk] = [code for code, _ in picks]
    mode = rng.choice(("bus", "bus", "bus", "car", "ride", "walk", "bike"))
    low = rng.choice((8, 10, 12, 15, 20))
    return CareerProfile(
        program_id=seeker.program_id,
        seeker=seeker,
        version=version,
        is_current=current,
        dream_job=rng.choice(("Own a food truck", "Work with animals", "Be a mechanic", "")),
        short_term_goal=f"A part-time job as a {picks[0][1].lower()}",
        wanted_job_titles="\n".join(title for _, title in picks),
        min_hours_per_week=Decimal(low),
        max_hours_per_week=Decimal(low + rng.choice((5, 10, 15, 20))),
        preferred_schedules=rng.sample(list(industry.schedules), k=min(2, len(industry.schedules))),
        wanted_hourly_wage=Decimal(cat.MICHIGAN_MINIMUM_WAGE) + rng.choice((0, 0, 1, 2)),
        home_zip=seeker.zip,
        travel_mode=mode,
        max_commute_miles=Decimal(COMMUTE_MILES[mode]),
        strengths="\n".join(rng.sample(cat.STRENGTHS, k=2)),
        interests=", ".join(rng.sample(cat.INTERESTS, k=2)),
        skills="Food handling, cash register" if industry.key == "restaurant" else "",
        education=rng.choice(("High school diploma", "GED", "Some college", "10th grade")),
        work_history=[
            {
                "employer": f"{rng.choice(cat.PLACES)} {rng.choice(industry.nouns)}",
                "title": picks[-1][1],
                "went_well": "Got on with co-workers",
                "was_hard": rng.choice(("Early starts", "Rush hours", "Long bus ride")),
                "why_ended": rng.choice(("Moved", "Hospital stay", "Hours cut")),
            }
        ]
        if rng.random() < 0.7
        else [],
        supports_that_help=rng.choice(cat.SUPPORTS),
        disclosure_preference=rng.choice(("", "none", "specialist_may", "self")),
        benefits_received=rng.choice(([], ["ssi"], ["ssdi"], ["ssi", "medicaid"], ["ssdi"])),
        information_sources=["person", "team"],
        created_by=seeker.specialist,
    )


def _build_profiles(demo: Demo) -> None:
    profiles = []
    for seeker in demo.seekers:
        if demo.rng.random() < 0.2:  # an earlier version kept in history
            profiles.append(_profile_for(demo, seeker, version=1, current=False))
            profiles.append(_profile_for(demo, seeker, version=2, current=True))
        else:
            profiles.append(_profile_for(demo, seeker, version=1, current=True))
    CareerProfile.objects.bulk_create(profiles)
    known = set(Occupation.objects.values_list("code", flat=True))
    through = CareerProfile.preferred_occupations.through
    links = []
    for profile in profiles:
        if profile.is_current:
            demo.profiles[profile.seeker_id] = profile
            codes = [c for c in demo.wanted_codes[profile.seeker_id] if c in known]
            links += [through(careerprofile_id=profile.pk, occupation_id=c) for c in codes]
    through.objects.bulk_create(links)
