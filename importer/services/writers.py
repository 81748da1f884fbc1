"""The writers of an import, one per file, in FILES order: each upserts its rows into the
program (by ref, email or natural key) and returns (created, updated, unchanged), a row
counting as updated only when one of its values changed (issue 16)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.utils import timezone

from coaching.models import SupportContact
from coaching.services import open_support_plans
from employers.models import Employer, EmployerContact
from importer.schema import Row
from importer.services.context import BATCH, ImportContext, written
from ips.geo import zip_centroid
from ips.models import GeocodeSource, MentalHealthTeam, StaffMember, TimeEntry
from ips.versioning import bump_versions
from jobseekers.models import CareerProfile, Job, JobSeeker


def _write_staff(ctx: ImportContext) -> tuple[int, int, int]:
    """Accounts and program roles; a staff row whose name differs from the account's
    renames the account (the importer owns staff names: no screen edits them)."""
    User = get_user_model()
    created = updated = unchanged = 0
    for row in ctx.rows("staff"):
        email = row["email"]
        user = ctx.accounts.get(email)  # as _check_staff resolved and allowed it
        first, _, last = row["name"].partition(" ")
        first, last = first[:150], last.strip()[:150]
        renamed = False
        if user is None:
            username, n = email[:150], 1
            while User.objects.filter(username=username).exists():  # taken by someone else
                n += 1
                username = f"{email[:140]}-{n}"
            user = User(
                username=username, email=email, first_name=first[:150], last_name=last[:150]
            )
            user.set_unusable_password()
            user.save()
        elif user.get_full_name().split() != row["name"].split() and (
            email in ctx.renamable or not user.get_full_name()  # a nameless account gets one
        ):
            user.first_name, user.last_name = first, last
            user.save(update_fields=["first_name", "last_name"])
            renamed = True
        wanted = {"role": row["role"], "fte": row["fte"], "active": True}
        member = StaffMember.objects.filter(user=user, program=ctx.program).first()
        if member is None:
            member = StaffMember.objects.create(user=user, program=ctx.program, **wanted)
            created += 1
        elif any(getattr(member, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(member, name, value)
            member.save(update_fields=list(wanted))
            updated += 1
        else:
            updated += renamed
            unchanged += not renamed
        ctx.staff[email] = member
    return created, updated, unchanged


def _geo(row_obj, zip_code: str) -> None:
    point = zip_centroid(zip_code) if zip_code else None
    if point and row_obj.latitude is None:
        row_obj.latitude, row_obj.longitude = point
        row_obj.geocode_source = GeocodeSource.ZIP_CENTROID
        row_obj.geocoded_at = timezone.now()


def _upsert(
    model, ctx_map: dict, rows: list[Row], build, fields: list[str]
) -> tuple[int, int, set[str]]:
    """Create the rows whose ref is new, update the others whose values changed, in bulk;
    returns (created, updated, refs of the stored rows left unchanged)."""
    attnames = [model._meta.get_field(name).attname for name in fields]  # no related fetch
    new, changed, unchanged = [], [], set()
    for row in rows:
        obj = ctx_map.get(row["ref"])
        fresh = obj is None
        before = None if fresh else [getattr(obj, name) for name in attnames]
        obj = build(row, obj)
        ctx_map[row["ref"]] = obj
        if fresh:
            new.append(obj)
        elif before != [getattr(obj, name) for name in attnames]:
            changed.append(obj)
        else:
            unchanged.add(row["ref"])
    model.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=BATCH)
        bump_versions(model, [obj.pk for obj in changed])  # forms opened before are now stale
    return len(new), len(changed), unchanged


def _write_employers(ctx: ImportContext) -> tuple[int, int, int]:
    def build(row: Row, obj: Employer | None) -> Employer:
        obj = obj or Employer(program=ctx.program, ref=row["ref"])
        if obj.zip != row["zip"]:
            obj.latitude = obj.longitude = None
        obj.name, obj.industry = row["name"], row["industry"]
        obj.zip, obj.address = row["zip"], row["address"]
        _geo(obj, obj.zip)
        return obj

    fields = [
        "name",
        "industry",
        "zip",
        "address",
        "latitude",
        "longitude",
        "geocode_source",
        "geocoded_at",
    ]
    created, updated, unchanged = _upsert(
        Employer, ctx.employers, ctx.rows("employers"), build, fields
    )
    return created, updated, len(unchanged)


def _write_seekers(ctx: ImportContext) -> tuple[int, int, int]:
    rows = ctx.rows("seekers")
    names = {r["mh_team"] for r in rows if r["mh_team"]}
    teams = {
        t.name: t for t in MentalHealthTeam.objects.filter(program=ctx.program, name__in=names)
    }
    missing = [MentalHealthTeam(program=ctx.program, name=n) for n in sorted(names - set(teams))]
    for team in MentalHealthTeam.objects.bulk_create(missing):
        teams[team.name] = team
    working = _currently_working(ctx)
    Stage = JobSeeker.Stage

    def build(row: Row, obj: JobSeeker | None) -> JobSeeker:
        fresh = obj is None
        obj = obj or JobSeeker(program=ctx.program, ref=row["ref"])
        obj.name, obj.entry_date = row["name"], row["entry_date"]
        email = row["specialist_email"]
        obj.specialist = ctx.staff[email] if email else None
        obj.mh_team = teams.get(row["mh_team"]) if row["mh_team"] else None
        obj.referral_date = row["referral_date"]
        obj.employed_at_referral = row["employed_at_referral"]
        if obj.zip != row["zip"]:
            obj.latitude = obj.longitude = None
        obj.zip = row["zip"]
        _geo(obj, obj.zip)
        obj.closed_date, obj.close_reason = row["closed_date"], row["close_reason"]
        if obj.closed_date:
            obj.stage = Stage.CLOSED
        elif fresh or obj.stage == Stage.CLOSED:
            obj.stage = Stage.WORKING if row["ref"] in working else Stage.JOB_SEARCH
        return obj

    fields = [
        "name", "entry_date", "specialist", "mh_team", "referral_date", "employed_at_referral",
        "zip", "latitude", "longitude", "geocode_source", "geocoded_at", "closed_date",
        "close_reason", "stage",
    ]  # fmt: skip
    created, updated, unchanged = _upsert(JobSeeker, ctx.seekers, rows, build, fields)
    reprofiled = _write_profiles(ctx, rows) & unchanged  # a new profile is a change too
    return created, updated + len(reprofiled), len(unchanged - reprofiled)


def _currently_working(ctx: ImportContext) -> set[str]:
    today = timezone.localdate()
    return {
        r["seeker_ref"]
        for r in ctx.rows("jobs")
        if r["start_date"]
        and r["start_date"] <= today
        and (not r["end_date"] or r["end_date"] >= today)
    }


def _write_profiles(ctx: ImportContext, rows: list[Row]) -> set[str]:
    """preferred_occupations and max_commute_miles go to the career profile; a change
    adds a new profile version and keeps the earlier one. Returns the refs of the job
    seekers whose profile changed."""
    wanted = {
        r["ref"]: (r["preferred_occupations"], r["max_commute_miles"])
        for r in rows
        if r["preferred_occupations"] is not None or r["max_commute_miles"] is not None
    }
    if not wanted:
        return set()
    changed: set[str] = set()
    seekers = [written(ctx.seekers, ref) for ref in wanted]
    current = {
        p.seeker_id: p
        for p in CareerProfile.objects.filter(seeker__in=seekers, is_current=True).prefetch_related(
            "preferred_occupations"
        )
    }
    for seeker in seekers:
        codes, miles = wanted[seeker.ref]
        profile = current.get(seeker.pk)
        if profile is not None:
            same_codes = codes is None or sorted(codes) == sorted(
                o.code for o in profile.preferred_occupations.all()
            )
            same_miles = miles is None or profile.max_commute_miles == miles
            if same_codes and same_miles:
                continue
            keep = list(profile.preferred_occupations.all())
            CareerProfile.objects.filter(pk=profile.pk).update(is_current=False)
            profile.pk, profile.id, profile._state.adding = None, None, True
            # Else set() compares with the old rows. Django's private cache is not in the stubs.
            profile._prefetched_objects_cache = {}  # type: ignore[attr-defined]
            profile.version += 1
        else:
            keep = []
            profile = CareerProfile(
                program=ctx.program, seeker=seeker, version=1, home_zip=seeker.zip
            )
        profile.is_current = True
        if miles is not None:
            profile.max_commute_miles = miles
        profile.save()
        profile.preferred_occupations.set(codes if codes is not None else keep)
        changed.add(seeker.ref)
    return changed


def _write_jobs(ctx: ImportContext) -> tuple[int, int, int]:
    def build(row: Row, obj: Job | None) -> Job:
        obj = obj or Job(program=ctx.program, ref=row["ref"])
        obj.seeker = written(ctx.seekers, row["seeker_ref"])
        obj.employer = written(ctx.employers, row["employer_ref"])
        obj.title, obj.start_date, obj.end_date = row["title"], row["start_date"], row["end_date"]
        obj.occupation_id = row["occupation_code"] or None
        obj.hours_per_week, obj.hourly_wage = row["hours_per_week"], row["hourly_wage"]
        obj.paid_hours_to_date = row["paid_hours_to_date"]
        obj.competitive, obj.permanent = row["competitive"], row["permanent"]
        obj.end_reason = row["end_reason"]
        return obj

    fields = [
        "seeker", "employer", "title", "start_date", "end_date", "occupation", "hours_per_week",
        "hourly_wage", "paid_hours_to_date", "competitive", "permanent", "end_reason",
    ]  # fmt: skip
    created, updated, unchanged = _upsert(Job, ctx.jobs, ctx.rows("jobs"), build, fields)
    # A current job gets what a job start on the screen gets: its support plan (retention
    # checks and first-month weeks are derived from the job, nothing to schedule).
    current = [written(ctx.jobs, row["ref"]) for row in ctx.rows("jobs") if row["end_date"] is None]
    open_support_plans(jobs=current)
    return created, updated, len(unchanged)


def _match(existing: dict[tuple, list[int]], key: tuple) -> int | None:
    """Pop one existing row with this key: the same row imported twice is updated, not copied."""
    ids = existing.get(key)
    return ids.pop() if ids else None


def _existing_by_key(queryset, fields: list[str], key) -> dict[tuple, list[int]]:
    found: dict[tuple, list[int]] = defaultdict(list)
    for values in queryset.values("id", *fields):
        found[key(values)].append(values["id"])
    return found


def _dates(rows: list[Row]) -> tuple[dt.date, dt.date]:
    days = [r["date"] for r in rows]
    return min(days), max(days)


def _write_contacts(ctx: ImportContext) -> tuple[int, int, int]:
    """Contacts have no ref: a row equal in every column to a stored one is that row,
    updated only when the job seekers it names changed."""
    rows = ctx.rows("employer_contacts")
    if not rows:
        return 0, 0, 0
    fields = ["date", "specialist_id", "employer_id", "mode", "client_present", "purpose", "notes"]

    def key(v: dict) -> tuple:
        return tuple(v[f] for f in fields)

    start, end = _dates(rows)
    existing = _existing_by_key(
        EmployerContact.objects.filter(program=ctx.program, date__range=(start, end)), fields, key
    )
    new: list[tuple[EmployerContact, list[str]]] = []
    matched: list[tuple[int, list[str]]] = []
    for row in rows:
        contact = EmployerContact(
            program=ctx.program,
            date=row["date"],
            specialist=ctx.staff[row["specialist_email"]],
            employer=ctx.employers[row["employer_ref"]],
            mode=row["mode"],
            client_present=row["client_present"],
            purpose=row["purpose"],
            notes=row["notes"],
        )
        values = {f: getattr(contact, f) for f in fields}
        found = _match(existing, key(values))
        if found is None:
            new.append((contact, list(row["seeker_refs"])))
        else:
            matched.append((found, list(row["seeker_refs"])))
    EmployerContact.objects.bulk_create([c for c, _ in new], batch_size=BATCH)
    through = JobSeeker.employer_contacts.through
    linked: dict[int, set[int]] = defaultdict(set)
    stored = through.objects.filter(employercontact_id__in=[pk for pk, _ in matched])
    for contact_id, seeker_id in stored.values_list("employercontact_id", "jobseeker_id"):
        linked[contact_id].add(seeker_id)
    relinked = sum(
        linked[pk] != {written(ctx.seekers, ref).pk for ref in refs} for pk, refs in matched
    )
    stored.delete()
    links = [(c.pk, refs) for c, refs in new] + matched
    through.objects.bulk_create(
        [
            through(employercontact_id=pk, jobseeker_id=written(ctx.seekers, ref).pk)
            for pk, refs in links
            for ref in refs
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return len(new), relinked, len(matched) - relinked


def _write_support(ctx: ImportContext) -> tuple[int, int, int]:
    """A row equal in every column to a stored contact is that contact, unchanged."""
    rows = ctx.rows("support_contacts")
    if not rows:
        return 0, 0, 0
    fields = ["date", "staff_id", "seeker_id", "job_id", "mode", "location", "minutes", "notes"]

    def key(v: dict) -> tuple:
        return (*(v[f] for f in fields), tuple(sorted(v["support_types"])))

    start, end = _dates(rows)
    existing = _existing_by_key(
        SupportContact.objects.filter(program=ctx.program, date__range=(start, end)),
        [*fields, "support_types"],
        key,
    )
    new = []
    unchanged = 0
    for row in rows:
        job = ctx.jobs[row["job_ref"]] if row["job_ref"] else None
        contact = SupportContact(
            program=ctx.program,
            date=row["date"],
            staff=ctx.staff[row["staff_email"]],
            seeker=ctx.seekers[row["seeker_ref"]],
            job=job,
            mode=row["mode"],
            location=row["location"],
            minutes=row["minutes"],
            support_types=list(row["support_types"]),
            notes=row["notes"],
        )
        values = {f: getattr(contact, f) for f in fields} | {"support_types": contact.support_types}
        if _match(existing, key(values)) is None:
            new.append(contact)
        else:
            unchanged += 1
    SupportContact.objects.bulk_create(new, batch_size=BATCH)
    return len(new), 0, unchanged


def _write_time(ctx: ImportContext) -> tuple[int, int, int]:
    """A time entry is one staff member's hours for a day, activity and place; a stored
    one is updated when its hours differ."""
    rows = ctx.rows("time_entries")
    if not rows:
        return 0, 0, 0
    fields = ["date", "staff_id", "activity", "location"]
    start, end = _dates(rows)
    stored = TimeEntry.objects.filter(program=ctx.program, date__range=(start, end))
    existing = _existing_by_key(stored, fields, lambda v: tuple(v[f] for f in fields))
    hours = dict(stored.values_list("id", "hours"))
    new, changed, unchanged = [], [], 0
    for row in rows:
        staff = written(ctx.staff, row["staff_email"])
        key = (row["date"], staff.pk, row["activity"], row["location"])
        found = _match(existing, key)
        entry = TimeEntry(
            program=ctx.program,
            staff=staff,
            date=row["date"],
            hours=row["hours"],
            activity=row["activity"],
            location=row["location"],
        )
        if found is None:
            new.append(entry)
        elif hours[found] != entry.hours:
            entry.pk = found
            changed.append(entry)
        else:
            unchanged += 1
    TimeEntry.objects.bulk_create(new, batch_size=BATCH)
    TimeEntry.objects.bulk_update(changed, ["hours"], batch_size=BATCH)
    bump_versions(TimeEntry, [entry.pk for entry in changed])
    return len(new), len(changed), unchanged


WRITERS = {
    "staff": _write_staff,
    "employers": _write_employers,
    "seekers": _write_seekers,
    "employer_contacts": _write_contacts,
    "jobs": _write_jobs,
    "support_contacts": _write_support,
    "time_entries": _write_time,
}
