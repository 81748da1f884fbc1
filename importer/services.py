"""The program import: check every row of every file, then write all of it in one
transaction, or nothing (spec/interchange.md, Import)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from coaching.models import SupportContact
from coaching.services import open_support_plans
from employers.models import Employer, EmployerContact
from employers.names import duplicate_key
from importer.cells import DATE_ORDERS, Reading
from importer.readers import RawTable
from importer.schema import FILES, SPECS, ParsedFile, Row, RowError, parse_table
from ips.geo import zip_centroid
from ips.models import GeocodeSource, MentalHealthTeam, Occupation, Program, StaffMember, TimeEntry
from ips.roles import LEADERSHIP, ROLE_RANK, program_roles
from ips.versioning import bump_versions
from jobseekers.models import CareerProfile, Job, JobSeeker
from jobseekers.services import job_start_problems

BATCH = 1000
COUNT_KINDS = ("created", "updated", "unchanged")
PREVIEW_ROWS = 5  # rows of each file shown, as read, before the user confirms


@dataclass
class ImportResult:
    """What an import did (or would do): counts per file, every error, notes."""

    program: str
    dry_run: bool
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # file name -> {"columns": [...], "rows": [[line, text, ...]], "count": data rows}: the first
    # rows as read (a ZIP keeps its zero, a date-time shows its date), for the preview.
    preview: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def totals(self) -> tuple[int, int, int]:
        """(rows created, rows updated, rows unchanged) over every file: a row is "updated"
        only when a value of it changed (issue 16)."""
        counts = self.counts.values()
        return tuple(sum(c.get(kind, 0) for c in counts) for kind in COUNT_KINDS)

    def summary_lines(self) -> list[str]:
        """One line per file: `seekers.csv: 12 created, 3 updated, 40 unchanged`."""
        return [
            f"{name}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            for name, c in self.counts.items()
        ]


class _Rollback(Exception):
    pass


@dataclass
class _Context:
    program: Program
    files: dict[str, ParsedFile]
    errors: list[RowError]
    staff: dict[str, StaffMember | None] = field(default_factory=dict)  # email -> row
    employers: dict[str, Employer | None] = field(default_factory=dict)  # ref -> row
    seekers: dict[str, JobSeeker | None] = field(default_factory=dict)
    jobs: dict[str, Job | None] = field(default_factory=dict)
    job_seeker_ref: dict[str, str] = field(default_factory=dict)
    occupations: set[str] = field(default_factory=set)
    by: AbstractBaseUser | None = None
    accounts: dict[str, Any] = field(default_factory=dict)  # email -> existing user or None
    renamable: set[str] = field(default_factory=set)  # emails whose account the file may rename
    notes: list[str] = field(default_factory=list)

    def rows(self, stem: str) -> list[Row]:
        parsed = self.files.get(stem)
        return parsed.rows if parsed else []

    def error(self, stem: str, line: int, column: str, reason: str) -> None:
        self.errors.append(RowError(self.files[stem].filename, line, column, reason))


def import_program(
    *,
    program: Program,
    tables: list[RawTable],
    by: AbstractBaseUser | None = None,
    read_errors: list[RowError] | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    dates: str | None = None,
) -> ImportResult:
    """Validate every file, then write everything into `program` in one transaction (none on
    any error). `program` is the authorised object itself (the upload's own program, never
    one looked up by name); `by` is the importing user (None: the operator's command), whose
    roles bound what staff.csv may grant (_check_staff). `dates` ("MDY", "DMY" or None)
    is the order of dates written like 04/09/2026 (spec/interchange.md, "Reading the
    cells"). Tables without a data row between them are refused: "nothing to import".
    ValueError for any other `dates` (the command and the form offer only these)."""
    if dates not in (None, *DATE_ORDERS):
        raise ValueError(f"dates must be one of {', '.join(DATE_ORDERS)} or None, not {dates!r}")
    result = ImportResult(program=program.name, dry_run=dry_run)
    result.errors.extend(read_errors or ())
    files: dict[str, ParsedFile] = {}
    for table in tables:
        reading = Reading(decimal_comma=table.decimal_comma, dates=dates, country=program.country)
        spec = SPECS[table.stem]
        parsed, errors = parse_table(spec, table.filename, table.header, table.rows, reading)
        files[table.stem] = parsed
        result.errors.extend(errors)
        result.preview[table.filename] = _preview(parsed, len(table.rows))
    if not result.errors and not any(table.rows for table in tables):
        result.errors.append(_nothing_to_import(tables))
    try:
        with transaction.atomic():
            ctx = _Context(program=program, files=files, errors=result.errors, by=by)
            _check(ctx)
            result.notes = ctx.notes
            if result.errors:
                raise _Rollback
            stems = [spec.stem for spec in FILES if spec.stem in files]
            for done, stem in enumerate(stems):
                if progress:
                    progress(done, len(stems))
                counted = _WRITERS[stem](ctx)
                result.counts[files[stem].filename] = dict(zip(COUNT_KINDS, counted, strict=True))
            if dry_run:
                transaction.set_rollback(True)
    except _Rollback:
        pass
    result.errors.sort(key=lambda e: (_file_order(e.file), e.line, e.column))
    return result


def _nothing_to_import(tables: list[RawTable]) -> RowError:
    if tables:
        names = ", ".join(table.filename for table in tables)
        reason = (
            f"Nothing to import: {names} hold{'s' if len(tables) == 1 else ''} a header but"
            " no data rows. Put the rows under the header row and upload again."
        )
    else:
        reason = (
            "Nothing to import: no file is named after what it holds ("
            + ", ".join(f"{stem}.csv" for stem in SPECS)
            + ", or .xlsx). Rename the files (or use the template) and try again."
        )
    return RowError("", 0, "", reason)


def _shown(value: Any) -> str:
    """A read value as the preview shows it: dates ISO, yes/no, lists joined by '; '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return str(value)


def _preview(parsed: ParsedFile, count: int) -> dict[str, Any]:
    columns = parsed.columns
    rows = [
        [row.line, *(_shown(row.get(name)) for name in columns)]
        for row in parsed.rows[:PREVIEW_ROWS]
    ]
    return {"columns": columns, "rows": rows, "count": count}


def _file_order(filename: str) -> int:
    stem = filename.rsplit(".", 1)[0]
    return [s.stem for s in FILES].index(stem) if stem in SPECS else -1


# ---------------------------------------------------------------- checks


def _check(ctx: _Context) -> None:
    """Resolve every reference within the folder and the program; record every problem."""
    program = ctx.program
    for member in StaffMember.objects.filter(program=program).select_related("user"):
        if member.user.email:
            ctx.staff[member.user.email.lower()] = member
    ctx.employers = {e.ref: e for e in Employer.objects.filter(program=program).exclude(ref="")}
    ctx.seekers = {s.ref: s for s in JobSeeker.objects.filter(program=program).exclude(ref="")}
    existing_jobs = Job.objects.filter(program=program).exclude(ref="").select_related("seeker")
    ctx.jobs = {j.ref: j for j in existing_jobs}
    ctx.job_seeker_ref = {j.ref: j.seeker.ref for j in existing_jobs}
    codes = {c for r in ctx.rows("seekers") for c in (r["preferred_occupations"] or ())}
    codes |= {r["occupation_code"] for r in ctx.rows("jobs") if r["occupation_code"]}
    ctx.occupations = set(Occupation.objects.filter(code__in=codes).values_list("code", flat=True))
    _check_staff(ctx)
    _check_employers(ctx)
    _check_seekers(ctx)
    _check_jobs(ctx)
    _check_contacts(ctx)
    _check_support(ctx)
    _check_time(ctx)


def _unique(ctx: _Context, stem: str, column: str) -> dict[Any, Row]:
    first: dict[Any, Row] = {}
    for row in ctx.rows(stem):
        value = row[column]
        if value in (None, ""):
            continue
        if value in first:
            ctx.error(stem, row.line, column, f"'{value}' is also on line {first[value].line}")
        else:
            first[value] = row
    return first


def _check_staff(ctx: _Context) -> None:
    """Who a staff row may name, and in which role.

    An email is matched to an existing account. The row is refused when that account
    is a job seeker's portal account (never staff), is another program's staff and the
    importing user does not lead each of its other programs (that program's people must
    agree), or when the row grants a role above the importer's own in this program, or
    changes the row of someone above them (a supervisor makes nobody director). An account
    that is nobody's staff may be taken: it reaches no program's data until this row gives
    it this program's; so may one already on this program's staff (its other programs agreed
    when it joined). The operator's command (`by` None) and superusers are bound only by the
    first rule. A row may rename only an account already on this program's staff and on no
    other program's the importer does not lead (the others would see a name they never
    agreed to); a joining account keeps its own name, and a note says so.
    """
    rows = _unique(ctx, "staff", "email")
    for email in rows:
        ctx.staff.setdefault(email, None)
    accounts: dict[str, Any] = {}
    found = get_user_model().objects.annotate(email_key=Lower("email"))
    for user in found.filter(email_key__in=list(rows)).order_by("pk"):
        accounts.setdefault(user.email_key, user)  # the oldest account of an email
    portal = set(
        JobSeeker.objects.filter(portal_user__in=accounts.values()).values_list(
            "portal_user_id", flat=True
        )
    )
    here: dict[int, str] = {}  # user id -> role in this program
    elsewhere = defaultdict(set)
    memberships = StaffMember.objects.filter(user__in=accounts.values())
    for user_id, program_id, role in memberships.values_list("user_id", "program_id", "role"):
        if program_id == ctx.program.pk:
            here[user_id] = role
        else:
            elsewhere[user_id].add(program_id)
    own_rank = _rank_of(ctx.by, ctx.program)
    led = {pid for pid, role in program_roles(ctx.by).items() if role in LEADERSHIP}
    operator = ctx.by is None or ctx.by.is_superuser
    for email, row in rows.items():
        user = accounts.get(email)
        ctx.accounts[email] = user
        if operator:
            if user is not None and user.pk in here:
                ctx.renamable.add(email)
            _note_kept_name(ctx, row, user)
            if user is not None and user.pk in portal:
                reason = f"{email} is a job seeker's portal account; staff need their own account"
                ctx.error("staff", row.line, "email", reason)
            continue
        joining = user is not None and user.pk not in here  # staff here already agreed
        foreign = joining and not elsewhere[user.pk] <= led
        if user is not None and not joining and elsewhere[user.pk] <= led:
            ctx.renamable.add(email)
        _note_kept_name(ctx, row, user)
        if user is not None and (user.pk in portal or foreign):
            # One reason for both, so an upload cannot tell who is a client elsewhere.
            reason = (
                f"{email} has an account this import cannot give a role (a job seeker's, or"
                " staff of a program you do not lead); ask an administrator"
            )
            ctx.error("staff", row.line, "email", reason)
        role, current = row["role"], here.get(user.pk) if user else None
        if role and ROLE_RANK[role] > own_rank:
            ctx.error("staff", row.line, "role", f"only a {role} can make someone {role}")
        elif current and ROLE_RANK[current] > own_rank:
            reason = f"{email} is this program's {current}; only a {current} can change their row"
            ctx.error("staff", row.line, "role", reason)


def _note_kept_name(ctx: _Context, row: Row, user: Any) -> None:
    """A name in the file that differs from an account it may not rename is said, not
    silently dropped (issue 16); the account's own name is not shown (it may be another
    program's to tell)."""
    if user is None or row["email"] in ctx.renamable or not user.get_full_name():
        return
    if user.get_full_name().split() != row["name"].split():
        filename = ctx.files["staff"].filename
        ctx.notes.append(
            f"{filename}:{row.line}: name: {row['email']} keeps the name on their account;"
            " a staff file renames only people already on this program's staff"
        )


def _rank_of(user: AbstractBaseUser | None, program: Program) -> int:
    """The importer's role rank in `program`: the operator and superusers rank above all."""
    if user is None or user.is_superuser:
        return max(ROLE_RANK.values())
    role = program_roles(user).get(program.pk)
    return ROLE_RANK[role] if role else 0


def _check_employers(ctx: _Context) -> None:
    rows = _unique(ctx, "employers", "ref")
    for ref in rows:
        ctx.employers.setdefault(ref, None)
    # Duplicate employers: same normalised name and ZIP under two refs (employers/names.py).
    seen: dict[tuple[str, str], str] = {}
    for employer in Employer.objects.filter(program=ctx.program).exclude(zip=""):
        if employer.ref not in rows:
            seen.setdefault(
                duplicate_key(employer.name, employer.zip),
                f"'{employer.ref}' (already in the program)",
            )
    for ref, row in rows.items():
        if not row["zip"] or not row["name"]:
            continue
        key = duplicate_key(row["name"], row["zip"])
        if key in seen:
            reason = f"same name and ZIP as employer {seen[key]}: a duplicate employer"
            ctx.error("employers", row.line, "name", reason)
        else:
            seen[key] = f"'{ref}' (line {row.line})"


def _staff_ref(ctx: _Context, stem: str, row: Row, column: str) -> None:
    email = row[column]
    if email and email not in ctx.staff:
        ctx.error(stem, row.line, column, f"no staff member {email} in staff.csv or the program")


def _ref(ctx: _Context, stem: str, row: Row, column: str, known: dict, what: str) -> None:
    value = row[column]
    if value and value not in known:
        ctx.error(stem, row.line, column, f"no {what} '{value}' in the folder or the program")


def _not_future(ctx: _Context, stem: str, row: Row, column: str) -> None:
    day = row[column]
    if day and day > timezone.localdate() + dt.timedelta(days=1):
        ctx.error(stem, row.line, column, f"{day} is in the future")


def _check_seekers(ctx: _Context) -> None:
    rows = _unique(ctx, "seekers", "ref")
    for ref in rows:
        ctx.seekers.setdefault(ref, None)
    for row in ctx.rows("seekers"):
        _staff_ref(ctx, "seekers", row, "specialist_email")
        entry, referral, closed = row["entry_date"], row["referral_date"], row["closed_date"]
        if entry and referral and referral > entry:
            ctx.error("seekers", row.line, "referral_date", "is after the entry_date")
        if entry and closed and closed < entry:
            ctx.error("seekers", row.line, "closed_date", "is before the entry_date")
        if row["close_reason"] and not closed:
            ctx.error("seekers", row.line, "close_reason", "given without a closed_date")
        for code in row["preferred_occupations"] or ():
            if code not in ctx.occupations:
                ctx.error(
                    "seekers", row.line, "preferred_occupations", f"unknown O*NET code {code}"
                )


def _check_jobs(ctx: _Context) -> None:
    rows = _unique(ctx, "jobs", "ref")
    for ref, row in rows.items():
        ctx.jobs.setdefault(ref, None)
        ctx.job_seeker_ref[ref] = row["seeker_ref"]
    minimum = ctx.program.minimum_wage
    seeker_rows = {r["ref"]: r for r in ctx.rows("seekers")}
    for row in ctx.rows("jobs"):
        _ref(ctx, "jobs", row, "seeker_ref", ctx.seekers, "job seeker")
        _ref(ctx, "jobs", row, "employer_ref", ctx.employers, "employer")
        code = row["occupation_code"]
        if code and code not in ctx.occupations:
            ctx.error("jobs", row.line, "occupation_code", f"unknown O*NET code {code}")
        start, end = row["start_date"], row["end_date"]
        if start and end and end < start:
            ctx.error("jobs", row.line, "end_date", "is before the start_date")
        if row["end_reason"] and not end:
            ctx.error("jobs", row.line, "end_reason", "given without an end_date")
        _check_job_start(ctx, row, seeker_rows)
        wage = row["hourly_wage"]
        if row["competitive"] and wage is not None and wage < minimum:
            reason = f"{wage} is under the program's minimum wage {minimum}: not competitive"
            ctx.error("jobs", row.line, "hourly_wage", reason)


def _check_job_start(ctx: _Context, row: Row, seeker_rows: dict[str, Row]) -> None:
    """The job start rules of the screen (jobseekers.services.job_start_problems) for the
    person as this import leaves them: their seekers row, else their stored record. A
    closed record may hold a job that started before it closed (history)."""
    ref, start = row["seeker_ref"], row["start_date"]
    given = seeker_rows.get(ref)
    stored = ctx.seekers.get(ref)
    if start is None or (given is None and stored is None):
        return  # a missing seeker is reported by _ref
    if given is not None:
        if given["entry_date"] is None:
            return  # its unreadable entry_date is reported on its own line
        entry, working = given["entry_date"], given["employed_at_referral"]
        entered, closed = True, given["closed_date"]
    else:
        entry, working = stored.entry_date, stored.employed_at_referral
        entered, closed = stored.stage != JobSeeker.Stage.REFERRED, stored.closed_date
    problems = job_start_problems(
        entered=entered, entry_date=entry, employed_at_referral=working, start_date=start
    )
    if "stage" in problems:
        reason = (
            f"job seeker '{ref}' was referred but never entered onto the caseload; give their"
            " entry_date in seekers before a job start"
        )
        ctx.error("jobs", row.line, "seeker_ref", reason)
    elif problems:
        reason = (
            f"{start} is before job seeker '{ref}' entered the caseload ({entry}); a job"
            " start counts from entry (set employed_at_referral if they were already working)"
        )
        ctx.error("jobs", row.line, "start_date", reason)
    elif closed and start > closed:
        reason = f"{start} is after job seeker '{ref}' left the program ({closed})"
        ctx.error("jobs", row.line, "start_date", reason)


def _check_contacts(ctx: _Context) -> None:
    for row in ctx.rows("employer_contacts"):
        _not_future(ctx, "employer_contacts", row, "date")
        _staff_ref(ctx, "employer_contacts", row, "specialist_email")
        _ref(ctx, "employer_contacts", row, "employer_ref", ctx.employers, "employer")
        for ref in row["seeker_refs"] or ():
            if ref not in ctx.seekers:
                reason = f"no job seeker '{ref}' in the folder or the program"
                ctx.error("employer_contacts", row.line, "seeker_refs", reason)


def _check_support(ctx: _Context) -> None:
    for row in ctx.rows("support_contacts"):
        _not_future(ctx, "support_contacts", row, "date")
        _staff_ref(ctx, "support_contacts", row, "staff_email")
        _ref(ctx, "support_contacts", row, "seeker_ref", ctx.seekers, "job seeker")
        job_ref = row["job_ref"]
        if job_ref:
            _ref(ctx, "support_contacts", row, "job_ref", ctx.jobs, "job")
            owner = ctx.job_seeker_ref.get(job_ref)
            if owner and row["seeker_ref"] and owner != row["seeker_ref"]:
                reason = (
                    f"job '{job_ref}' belongs to job seeker '{owner}', not '{row['seeker_ref']}'"
                )
                ctx.error("support_contacts", row.line, "job_ref", reason)


def _check_time(ctx: _Context) -> None:
    for row in ctx.rows("time_entries"):
        _not_future(ctx, "time_entries", row, "date")
        _staff_ref(ctx, "time_entries", row, "staff_email")


# ---------------------------------------------------------------- writes


def _write_staff(ctx: _Context) -> tuple[int, int, int]:
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


def _write_employers(ctx: _Context) -> tuple[int, int, int]:
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


def _write_seekers(ctx: _Context) -> tuple[int, int, int]:
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


def _currently_working(ctx: _Context) -> set[str]:
    today = timezone.localdate()
    return {
        r["seeker_ref"]
        for r in ctx.rows("jobs")
        if r["start_date"]
        and r["start_date"] <= today
        and (not r["end_date"] or r["end_date"] >= today)
    }


def _write_profiles(ctx: _Context, rows: list[Row]) -> set[str]:
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
    seekers = [ctx.seekers[ref] for ref in wanted]
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
            profile._prefetched_objects_cache = {}  # else set() compares with the old rows
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


def _write_jobs(ctx: _Context) -> tuple[int, int, int]:
    def build(row: Row, obj: Job | None) -> Job:
        obj = obj or Job(program=ctx.program, ref=row["ref"])
        obj.seeker = ctx.seekers[row["seeker_ref"]]
        obj.employer = ctx.employers[row["employer_ref"]]
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
    current = [ctx.jobs[row["ref"]] for row in ctx.rows("jobs") if row["end_date"] is None]
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


def _write_contacts(ctx: _Context) -> tuple[int, int, int]:
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
    relinked = sum(linked[pk] != {ctx.seekers[ref].pk for ref in refs} for pk, refs in matched)
    stored.delete()
    links = [(c.pk, refs) for c, refs in new] + matched
    through.objects.bulk_create(
        [
            through(employercontact_id=pk, jobseeker_id=ctx.seekers[ref].pk)
            for pk, refs in links
            for ref in refs
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return len(new), relinked, len(matched) - relinked


def _write_support(ctx: _Context) -> tuple[int, int, int]:
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


def _write_time(ctx: _Context) -> tuple[int, int, int]:
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
        staff = ctx.staff[row["staff_email"]]
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


_WRITERS = {
    "staff": _write_staff,
    "employers": _write_employers,
    "seekers": _write_seekers,
    "employer_contacts": _write_contacts,
    "jobs": _write_jobs,
    "support_contacts": _write_support,
    "time_entries": _write_time,
}
