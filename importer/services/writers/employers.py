"""Writers of the employers file and the employer contacts file."""

from __future__ import annotations

from collections import defaultdict

from employers.models import Employer, EmployerContact
from importer.schema import Row
from importer.services.context import BATCH, ImportContext, written
from importer.services.writers.rows import _dates, _existing_by_key, _geo, _match, _upsert
from jobseekers.models import JobSeeker


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
