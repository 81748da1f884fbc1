"""Geocoded places: GeoPoint and where each point came from (GeocodeSource)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from ips.domain import postal_code_problem
from ips.models.programs import Program


class GeocodeSource(models.TextChoices):
    NONE = "", "Not located"
    ZIP_CENTROID = "zip_centroid", "ZIP code centre (offline)"
    NOMINATIM = "nominatim", "Street address (Nominatim)"
    MANUAL = "manual", "Entered by hand"


class GeoPoint(models.Model):
    """Coordinates cached on a row with where they came from (geocoding runs in a task)."""

    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    geocode_source = models.CharField(
        max_length=20, choices=GeocodeSource.choices, blank=True, default=""
    )
    geocoded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        """A ZIP code or postcode must be one of the program's country (`ips.domain.
        postal_code_problem`): a malformed one could never be located."""
        super().clean()
        zip_code = getattr(self, "zip", "") or ""
        program_id = getattr(self, "program_id", None)
        if not zip_code.strip() or program_id is None:
            return
        country = Program.objects.filter(pk=program_id).values_list("country", flat=True).first()
        problem = postal_code_problem(zip_code, country or Program.Country.US)
        if problem:
            raise ValidationError({"zip": problem})
