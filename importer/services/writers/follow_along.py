"""Writer of the support contacts file (follow-along on a job)."""

from __future__ import annotations

from coaching.models import SupportContact
from importer.services.context import BATCH, ImportContext
from importer.services.writers.rows import _dates, _existing_by_key, _match


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
