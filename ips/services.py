"""Writes of the program layer."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from ips.domain import tidy_program_name
from ips.geo import Geocoder, default_geocoder
from ips.models import Program


def locate(
    row: models.Model, *, address: str, zip_code: str, geocoder: Geocoder | None = None
) -> bool:
    """Geocode a GeoPoint row from an address and ZIP and cache the result with its source.

    Returns True when coordinates were found. Nothing is saved when none are found, so a
    failed lookup never erases earlier coordinates. Provider errors propagate for the
    calling task to retry.
    """
    found = (geocoder or default_geocoder())(address or "", zip_code or "")
    if found is None:
        return False
    row.latitude, row.longitude = found.latitude, found.longitude
    row.geocode_source = found.source
    row.geocoded_at = timezone.now()
    row.save(update_fields=["latitude", "longitude", "geocode_source", "geocoded_at"])
    return True


def name_taken_message(name: str, *, exclude_pk: int | None = None) -> str | None:
    """The error for a program name another program has already (ignoring capitals and
    spaces), naming that program; None when the name is free."""
    others = Program.objects.exclude(pk=exclude_pk).named(name) if name else []
    if not others:
        return None
    return (
        f"The program \u201c{others[0].name}\u201d already has this name; program names must"
        " differ by more than capitals and spaces."
    )


@transaction.atomic
def create_program(*, name: str) -> Program:
    """A new program named `name` (tidied) with a free slug; ValidationError on the name
    when it is empty or another program has it already."""
    name = tidy_program_name(name)
    problem = "A program needs a name." if not name else name_taken_message(name)
    if problem:
        raise ValidationError({"name": problem})
    base = slugify(name)[:70] or "program"
    slug, n = base, 1
    while Program.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Program.objects.create(name=name, slug=slug)
