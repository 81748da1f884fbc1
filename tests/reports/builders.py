"""Bulk builders for report sizing: a program with N specialists, seekers and contacts."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from coaching.models import SupportContact
from employers.models import Employer, EmployerContact
from ips.models import MentalHealthTeam, Program, StaffMember, TimeEntry
from jobseekers.models import Job, JobSeeker

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
CODES = ["35-2014.00", "41-2031.00", "43-4051.00", "37-2011.00", "53-7062.00"]


def build_program(
    name: str, *, specialists: int, seekers: int, contacts: int, seed: int = 7
) -> Program:
    """A year of activity, written with bulk inserts."""
    rng = random.Random(seed)
    program = Program.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(username=f"{program.slug}-es{i}", email=f"es{i}@{program.slug}.org")
            for i in range(specialists)
        ]
    )
    staff = StaffMember.objects.bulk_create(
        [StaffMember(user=u, program=program, role="specialist") for u in users]
    )
    teams = MentalHealthTeam.objects.bulk_create(
        [MentalHealthTeam(program=program, name=f"Team {i}") for i in range(4)]
    )
    employers = Employer.objects.bulk_create(
        [
            Employer(program=program, ref=f"E{i}", name=f"Employer {i}")
            for i in range(max(10, seekers // 10))
        ]
    )
    day = lambda: YEAR[0] + dt.timedelta(days=rng.randrange(365))  # noqa: E731
    people = JobSeeker.objects.bulk_create(
        [
            JobSeeker(
                program=program,
                ref=f"S{i}",
                name=f"Seeker {i}",
                entry_date=day(),
                referral_date=None,
                specialist=rng.choice(staff),
                mh_team=rng.choice(teams),
                employed_at_referral=rng.random() < 0.1,
            )
            for i in range(seekers)
        ],
        batch_size=1000,
    )
    jobs = Job.objects.bulk_create(
        [
            Job(
                program=program,
                seeker=person,
                employer=rng.choice(employers),
                title="Work",
                occupation_id=rng.choice(CODES),
                start_date=max(person.entry_date, day()),
                hours_per_week=Decimal(20),
                competitive=rng.random() < 0.9,
            )
            for person in people[: seekers // 3]
        ],
        batch_size=1000,
    )
    rows = EmployerContact.objects.bulk_create(
        [
            EmployerContact(
                program=program,
                date=day(),
                specialist=rng.choice(staff),
                employer=rng.choice(employers),
                mode=rng.choice(["face_to_face", "face_to_face", "phone"]),
            )
            for _ in range(contacts)
        ],
        batch_size=2000,
    )
    through = JobSeeker.employer_contacts.through
    through.objects.bulk_create(
        [through(employercontact_id=c.pk, jobseeker_id=rng.choice(people).pk) for c in rows[::3]],
        batch_size=2000,
    )
    SupportContact.objects.bulk_create(
        [
            SupportContact(
                program=program,
                date=job.start_date + dt.timedelta(days=7 * w),
                staff=rng.choice(staff),
                seeker_id=job.seeker_id,
                job=job,
            )
            for job in jobs
            for w in range(4)
        ],  # fmt: skip
        batch_size=2000,
    )
    TimeEntry.objects.bulk_create(
        [
            TimeEntry(
                program=program,
                staff=s,
                date=day(),
                hours=Decimal(8),
                activity=rng.choice(["employment_services", "other"]),
                location=rng.choice(["community", "office"]),
            )
            for s in staff
            for _ in range(50)
        ],  # fmt: skip
        batch_size=2000,
    )
    return program
