"""Writers of the staff file and the time file."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from importer.services.context import BATCH, ImportContext, written
from importer.services.writers.rows import _dates, _existing_by_key, _match
from ips.models import StaffMember, TimeEntry
from ips.versioning import bump_versions


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
