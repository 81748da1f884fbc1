"""Every check of an import, before anything is written: unique refs, known references
between the files, dates not in the future, what staff.csv may grant (no role above the
uploader's own, none to a job seeker's account or to another program's staff), job starts
as the job start screen checks them. Each problem is a RowError in `ctx.errors`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db.models.functions import Lower
from django.utils import timezone

from employers.models import Employer
from employers.names import duplicate_key
from importer.schema import Row
from importer.services.context import ImportContext
from ips.domain import job_start_date_problem
from ips.models import Occupation, Program, StaffMember
from ips.roles import LEADERSHIP, ROLE_RANK, program_roles
from jobseekers.models import Job, JobSeeker
from jobseekers.services import job_start_problems


def check_all(ctx: ImportContext) -> None:
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


def _unique(ctx: ImportContext, stem: str, column: str) -> dict[Any, Row]:
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


def _check_staff(ctx: ImportContext) -> None:
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
    for account in found.filter(email_key__in=list(rows)).order_by("pk"):
        accounts.setdefault(account.email_key, account)  # the oldest account of an email
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
        foreign = joining and user is not None and not elsewhere[user.pk] <= led
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


def _note_kept_name(ctx: ImportContext, row: Row, user: Any) -> None:
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


def _rank_of(user: AbstractUser | None, program: Program) -> int:
    """The importer's role rank in `program`: the operator and superusers rank above all."""
    if user is None or user.is_superuser:
        return max(ROLE_RANK.values())
    role = program_roles(user).get(program.pk)
    return ROLE_RANK[role] if role else 0


def _check_employers(ctx: ImportContext) -> None:
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


def _staff_ref(ctx: ImportContext, stem: str, row: Row, column: str) -> None:
    email = row[column]
    if email and email not in ctx.staff:
        ctx.error(stem, row.line, column, f"no staff member {email} in staff.csv or the program")


def _ref(ctx: ImportContext, stem: str, row: Row, column: str, known: dict, what: str) -> None:
    value = row[column]
    if value and value not in known:
        ctx.error(stem, row.line, column, f"no {what} '{value}' in the folder or the program")


def _not_future(ctx: ImportContext, stem: str, row: Row, column: str) -> None:
    day = row[column]
    if day and day > timezone.localdate() + dt.timedelta(days=1):
        ctx.error(stem, row.line, column, f"{day} is in the future")


def _check_seekers(ctx: ImportContext) -> None:
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


def _check_jobs(ctx: ImportContext) -> None:
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


def _check_job_start(ctx: ImportContext, row: Row, seeker_rows: dict[str, Row]) -> None:
    """The job start rules of the screen (jobseekers.services.job_start_problems) for the
    person as this import leaves them: their seekers row, else their stored record. A
    closed record may hold a job that started before it closed (history)."""
    ref, start = row["seeker_ref"], row["start_date"]
    given = seeker_rows.get(ref)
    stored = ctx.seekers.get(ref)
    if start is None:
        return
    if job_start_date_problem(start, timezone.localdate()):
        reason = (
            f"{start} is in the future; a job start is recorded from its first day"
            " (tomorrow at most)"
        )
        ctx.error("jobs", row.line, "start_date", reason)
        return
    if given is None and stored is None:
        return  # a missing seeker is reported by _ref
    if given is not None:
        if given["entry_date"] is None:
            return  # its unreadable entry_date is reported on its own line
        entry, working = given["entry_date"], given["employed_at_referral"]
        entered, closed = True, given["closed_date"]
    else:
        assert stored is not None  # returned above when neither is there
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


def _check_contacts(ctx: ImportContext) -> None:
    for row in ctx.rows("employer_contacts"):
        _not_future(ctx, "employer_contacts", row, "date")
        _staff_ref(ctx, "employer_contacts", row, "specialist_email")
        _ref(ctx, "employer_contacts", row, "employer_ref", ctx.employers, "employer")
        for ref in row["seeker_refs"] or ():
            if ref not in ctx.seekers:
                reason = f"no job seeker '{ref}' in the folder or the program"
                ctx.error("employer_contacts", row.line, "seeker_refs", reason)


def _check_support(ctx: ImportContext) -> None:
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


def _check_time(ctx: ImportContext) -> None:
    for row in ctx.rows("time_entries"):
        _not_future(ctx, "time_entries", row, "date")
        _staff_ref(ctx, "time_entries", row, "staff_email")


# ---------------------------------------------------------------- writes
