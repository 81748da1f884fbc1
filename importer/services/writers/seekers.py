"""Writers of the job seekers file (with their career profiles) and the jobs file."""

from __future__ import annotations

from django.utils import timezone

from coaching.services import open_support_plans
from importer.schema import Row
from importer.services.context import ImportContext, written
from importer.services.writers.rows import _geo, _upsert
from ips.models import MentalHealthTeam
from jobseekers.models import CareerProfile, Job, JobSeeker


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
