"""Demo builders for the employer CRM: employers, people, a year of contacts, openings."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone

from employers.models import Employer, EmployerContact, EmployerPerson, JobOpening
from ips.demo import catalogue as cat
from ips.demo.people import EMPLOYERS_PER_PROGRAM, Demo
from ips.models import GeocodeSource
from ips.roles import Role
from jobseekers.models import JobSeeker

FACE_TO_FACE_PER_WEEK = (4, 5, 5, 6, 6, 6, 7, 7, 8)  # mean 6: fidelity item V6 rates 5
NAMING_PURPOSES = ("introduce_seeker", "ask_interview", "drop_application")
PURPOSE_WEIGHTS = (
    ("learn_needs", 30),
    ("follow_up", 30),
    ("introduce_seeker", 15),
    ("ask_interview", 10),
    ("drop_application", 10),
    ("other", 5),
)
OPEN_OPENINGS = {"wayne-ips": 20, "oakland-macomb-ips": 14}
CLOSED_OPENINGS = {"wayne-ips": 6, "oakland-macomb-ips": 4}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build_employers(demo: Demo) -> None:
    """About 300 employers at real ZIP centroids, each with one or two people."""
    rng = demo.rng
    for spec in cat.PROGRAMS:
        program = demo.programs[spec.slug]
        names: set[str] = set()
        rows, industries = [], []
        while len(rows) < EMPLOYERS_PER_PROGRAM[spec.slug]:
            industry = rng.choice(cat.INDUSTRIES)
            noun = rng.choice(industry.nouns)
            if rng.random() < 0.35:
                name = f"{rng.choice(cat.LAST_NAMES)}'s {noun}"
            else:
                name = f"{rng.choice(cat.PLACES)} {noun}"
            if name in names:
                continue
            names.add(name)
            zip_code, lat, lon = rng.choice(demo.zips[program.pk])
            area = "313" if spec.slug == "wayne-ips" else rng.choice(("248", "586"))
            rows.append(
                Employer(
                    program=program,
                    ref=f"E-{len(rows) + 1:04d}",
                    name=name,
                    industry=industry.label,
                    address=f"{rng.randint(100, 29999)} {rng.choice(cat.STREETS)}",
                    zip=zip_code,
                    phone=f"({area}) 555-{rng.randint(100, 199):04d}",
                    website=f"https://{slug(name)}.example.com" if rng.random() < 0.6 else "",
                    notes=rng.choice(
                        (
                            "Busiest on weekends; hires for spring.",
                            "Owner likes to meet candidates in person.",
                            "High turnover on the evening shift.",
                            "Prefers people who can start quickly.",
                            "",
                        )
                    ),
                    latitude=lat,
                    longitude=lon,
                    geocode_source=GeocodeSource.ZIP_CENTROID,
                    created_by=rng.choice(demo.staff[program.pk][Role.SPECIALIST]),
                )
            )
            industries.append(industry)
        demo.employers[program.pk] = Employer.objects.bulk_create(rows)
        for employer, industry in zip(demo.employers[program.pk], industries, strict=True):
            demo.industry_of[employer.pk] = industry
    _build_people(demo)


def _build_people(demo: Demo) -> None:
    rng = demo.rng
    people = []
    for employers in demo.employers.values():
        for employer in employers:
            for _ in range(rng.choice((1, 1, 2))):
                first, last = rng.choice(cat.FIRST_NAMES), rng.choice(cat.LAST_NAMES)
                people.append(
                    EmployerPerson(
                        program_id=employer.program_id,
                        employer=employer,
                        name=f"{first} {last}",
                        job_title=rng.choice(cat.PERSON_TITLES),
                        phone=employer.phone,
                        email=f"{first}.{last}@{slug(employer.name)}.example.com".lower(),
                        consent_notes="Happy to hear about candidates by phone or in person.",
                    )
                )
    for person in EmployerPerson.objects.bulk_create(people):
        demo.people_of.setdefault(person.employer_id, []).append(person)


def _weekdays(demo: Demo, monday: dt.date, count: int) -> list[dt.date]:
    days = [monday + dt.timedelta(days=demo.rng.randint(0, 4)) for _ in range(count)]
    return sorted(d for d in days if d <= demo.today)


def _contact(demo: Demo, specialist, day: dt.date, mode: str, territory: list) -> EmployerContact:
    rng = demo.rng
    employer = (
        rng.choice(territory)
        if rng.random() < 0.8
        else rng.choice(demo.employers[specialist.program_id])
    )
    purposes, weights = zip(*PURPOSE_WEIGHTS, strict=True)
    purpose = rng.choices(purposes, weights)[0]
    has_next = rng.random() < 0.4
    due = day + dt.timedelta(days=rng.randint(3, 14))
    people = demo.people_of.get(employer.pk, [])
    return EmployerContact(
        program_id=specialist.program_id,
        date=day,
        specialist=specialist,
        employer=employer,
        person=rng.choice(people) if people and rng.random() < 0.6 else None,
        mode=mode,
        client_present=mode == "face_to_face" and rng.random() < 0.15,
        purpose=purpose,
        notes=rng.choice(cat.CONTACT_NOTES[purpose]),
        next_step=rng.choice(cat.NEXT_STEPS) if has_next else "",
        next_step_due=due if has_next else None,
        # Specialists follow up: older steps are done; a few of the last weeks' are late.
        next_step_done=has_next
        and due < demo.today
        and (due < demo.today - dt.timedelta(days=21) or rng.random() < 0.6),
    )


def build_contacts(demo: Demo) -> None:
    """A year of the job-development log: ~6 face-to-face visits a week per specialist,
    plus calls and emails; some name job seekers (the M2M `contact.seekers`)."""
    rng = demo.rng
    first_monday = demo.today - dt.timedelta(days=demo.today.weekday() + 51 * 7)
    contacts = []
    for staff in demo.staff.values():
        for specialist in staff[Role.SPECIALIST]:
            territory = rng.sample(demo.employers[specialist.program_id], k=40)
            for week in range(52):
                monday = first_monday + dt.timedelta(weeks=week)
                for day in _weekdays(demo, monday, rng.choice(FACE_TO_FACE_PER_WEEK)):
                    contacts.append(_contact(demo, specialist, day, "face_to_face", territory))
                for day in _weekdays(demo, monday, rng.randint(1, 4)):
                    mode = rng.choices(("phone", "email", "video"), (6, 3, 1))[0]
                    contacts.append(_contact(demo, specialist, day, mode, territory))
    contacts += _first_contacts(demo)
    contacts.sort(key=lambda c: (c.date, c.specialist_id))
    demo.contacts = EmployerContact.objects.bulk_create(contacts, batch_size=1000)
    _dated_as_made(demo.contacts)
    _name_seekers(demo)


def _dated_as_made(contacts: list[EmployerContact]) -> None:
    """Each contact saved on its own day (5 pm, or an hour ago for today's), as a
    specialist would have logged it, not all in the minute the demo was built: so the
    demo's contacts never look like a double submission of the user's first one."""
    latest = timezone.now() - dt.timedelta(hours=1)
    zone = timezone.get_current_timezone()
    for contact in contacts:
        made = dt.datetime.combine(contact.date, dt.time(17, 0), tzinfo=zone)
        contact.created_at = min(made, latest)
    EmployerContact.objects.bulk_update(contacts, ["created_at"], batch_size=1000)


def _first_contacts(demo: Demo) -> list[EmployerContact]:
    """Rapid job search (item V4): a first face-to-face contact naming each seeker soon
    after entry (marked by purpose introduce_seeker and linked in `_name_seekers`)."""
    rng = demo.rng
    rows = []
    for seeker in demo.seekers:
        if seeker.stage in ("referred", "engaged") or seeker.entry_date is None:
            continue
        day = seeker.entry_date + dt.timedelta(days=rng.randint(5, 40))
        if day >= demo.today or (seeker.closed_date and day >= seeker.closed_date):
            continue
        contact = _contact(
            demo, seeker.specialist, day, "face_to_face", demo.employers[seeker.program_id]
        )
        contact.purpose, contact.client_present = "introduce_seeker", rng.random() < 0.5
        contact.notes = "Went with the job seeker to meet the manager."
        demo.first_contact_for[id(contact)] = seeker
        rows.append(contact)
    return rows


def _name_seekers(demo: Demo) -> None:
    """Link contacts to the seekers they were about, among those active that day."""
    rng = demo.rng
    active_stages = {"job_search", "working", "follow_along", "closed"}
    by_specialist: dict[int, list[JobSeeker]] = {}
    for seeker in demo.seekers:
        if seeker.stage in active_stages and seeker.entry_date:
            by_specialist.setdefault(seeker.specialist_id, []).append(seeker)
    through = JobSeeker.employer_contacts.through
    links = []
    for contact in demo.contacts:
        first = demo.first_contact_for.get(id(contact))
        if first is not None:
            links.append(through(jobseeker_id=first.pk, employercontact_id=contact.pk))
            continue
        if contact.purpose not in NAMING_PURPOSES and not contact.client_present:
            continue
        candidates = [
            s
            for s in by_specialist.get(contact.specialist_id, [])
            if s.entry_date + dt.timedelta(days=5) <= contact.date
            and (s.closed_date is None or s.closed_date > contact.date)
        ]
        if candidates:
            seeker = rng.choice(candidates)
            links.append(through(jobseeker_id=seeker.pk, employercontact_id=contact.pk))
    through.objects.bulk_create(links, batch_size=1000)


def _contacts_by_employer(demo: Demo) -> dict[int, tuple[list[dt.date], list]]:
    grouped: dict[int, list] = {}
    for contact in demo.contacts:
        grouped.setdefault(contact.employer_id, []).append(contact)
    return {
        pk: ([c.date for c in rows], rows)
        for pk, rows in ((pk, sorted(rows, key=lambda c: c.date)) for pk, rows in grouped.items())
    }


def opening_for(demo: Demo, employer, code: str, title: str, posted: dt.date, **extra):
    """An opening at an employer, learned at the latest contact there before it was posted."""
    rng = demo.rng
    industry = demo.industry_of[employer.pk]
    wage_low, wage_high = industry.wage
    hours = Decimal(rng.choice((16, 20, 20, 24, 25, 30, 32, 35, 40)))
    schedule = rng.choice(industry.schedules)
    dates, rows = demo.contacts_by_employer.get(employer.pk, ([], []))
    index = bisect.bisect_right(dates, posted)
    wage = Decimal(cat.MICHIGAN_MINIMUM_WAGE) + Decimal(
        round(rng.uniform(wage_low, wage_high) * 4) / 4
    )
    return JobOpening(
        program_id=employer.program_id,
        employer=employer,
        title=title,
        occupation_id=code,
        description=(
            f"{employer.name} is hiring a {title.lower()} for about {hours} hours a week "
            f"({dict(JobOpening.Schedule.choices)[schedule].lower()}). Training on the job; "
            "no experience needed. Friendly team, close to the bus line."
        ),
        hours_per_week=hours,
        schedule=schedule,
        hourly_wage=wage,
        address=employer.address,
        zip=employer.zip,
        latitude=employer.latitude,
        longitude=employer.longitude,
        geocode_source=GeocodeSource.ZIP_CENTROID,
        source_contact=rows[index - 1] if index else None,
        created_by=rows[index - 1].specialist if index else employer.created_by,
        posted_on=posted,
        **extra,
    )


def build_openings(demo: Demo) -> None:
    """Open (most shareable on the public site) and closed openings; filled ones come
    with the jobs that filled them."""
    rng = demo.rng
    demo.contacts_by_employer = _contacts_by_employer(demo)
    openings = []
    for spec in cat.PROGRAMS:
        employers = demo.employers[demo.programs[spec.slug].pk]
        for i in range(OPEN_OPENINGS[spec.slug] + CLOSED_OPENINGS[spec.slug]):
            employer = rng.choice(employers)
            code, title = rng.choice(demo.industry_of[employer.pk].jobs)
            if i < OPEN_OPENINGS[spec.slug]:
                posted = demo.days_ago(1, 60)
                extra = {"status": "open", "shareable": rng.random() < 0.7}
            else:
                posted = demo.days_ago(90, 300)
                closed = posted + dt.timedelta(days=rng.randint(14, 60))
                extra = {"status": "closed", "shareable": rng.random() < 0.5, "closed_on": closed}
            openings.append(opening_for(demo, employer, code, title, posted, **extra))
    for n, opening in enumerate(openings, start=1):
        opening.ref = f"O-{n:04d}"
    JobOpening.objects.bulk_create(openings)
    demo.opening_count = len(openings)
