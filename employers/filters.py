"""Filters of the employer, contact and opening listings (django-filter), scoped per request."""

from __future__ import annotations

import math

import django_filters
from django import forms
from django.db.models import Exists, ExpressionWrapper, F, FloatField, OuterRef
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from employers.models import Employer, EmployerContact, JobOpening
from ips.geo import EARTH_RADIUS_MILES, bounding_box, haversine_miles, zip_centroid
from ips.models import Program, StaffMember
from ips.roles import CASEWORK_ROLES
from ips.validators import InputDomainFilterMixin

DEFAULT_RADIUS_MILES = 10
MILES_PER_DEGREE_LAT = EARTH_RADIUS_MILES * math.pi / 180


def _programs(request):
    return Program.objects.for_user(getattr(request, "user", None))


def _specialists(request):
    user = getattr(request, "user", None)
    return (
        StaffMember.objects.for_user(user)
        .filter(role__in=CASEWORK_ROLES)
        .select_related("user", "program")
    )


class NearForm(forms.Form):
    """The ZIP + radius pair: an unknown ZIP or a radius without a ZIP is a clear error."""

    def clean(self):
        cleaned = super().clean()
        zip_code, radius = cleaned.get("near_zip"), cleaned.get("radius")
        if zip_code and zip_centroid(zip_code) is None:
            self.add_error("near_zip", "We don't know that ZIP code. Use 5 digits, like 48226.")
        if radius is not None and not zip_code:
            self.add_error("near_zip", "Give a ZIP code to measure the distance from.")
        if radius is not None and not 0 < radius <= 500:
            self.add_error("radius", "Give a distance between 1 and 500 miles.")
        return cleaned


def within(model, origin: tuple[float, float], radius: float):
    """Ids of located `model` rows within `radius` miles, as one SQL subquery.

    Index-friendly bounding box, then the equirectangular distance (plain arithmetic, so
    SQLite and PostgreSQL both run it): under 0.5 % off the great circle below 100 miles.
    """
    lat0, lon0 = origin
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat0, lon0, radius)
    dy = (F("latitude") - lat0) * MILES_PER_DEGREE_LAT
    dx = (F("longitude") - lon0) * (MILES_PER_DEGREE_LAT * math.cos(math.radians(lat0)))
    return (
        model._default_manager.filter(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lon,
            longitude__lte=max_lon,
        )
        .annotate(d2=ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField()))
        .filter(d2__lte=radius * radius)
        .values("pk")
    )


class NearFilterSet(InputDomainFilterMixin, WagtailFilterSet):
    """Adds "within N miles of ZIP" over the rows' cached coordinates."""

    near_zip = django_filters.CharFilter(label="Near ZIP code", method="_no_op")
    radius = django_filters.NumberFilter(label="Within (miles)", method="_no_op")
    geo_prefix = ""  # path from a listed row to the located row ("employer__" for contacts)
    located_model = None  # the GeoPoint model whose coordinates are searched

    def _no_op(self, queryset, name, value):
        return queryset

    @property
    def origin(self) -> tuple[float, float] | None:
        """(lat, lon) of the ZIP asked for, when the form is valid."""
        if not self.is_valid():
            return None
        return zip_centroid(self.form.cleaned_data.get("near_zip"))

    def distance_to(self, row) -> float | None:
        """Miles from the ZIP asked for to `row` (an instance of this listing's model)."""
        origin, point = self.origin, row
        for part in filter(None, self.geo_prefix.split("__")):
            point = getattr(point, part)
        if origin is None or point.latitude is None or point.longitude is None:
            return None
        return round(haversine_miles(*origin, point.latitude, point.longitude), 1)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        origin = self.origin
        if origin is None:
            return queryset
        radius = float(self.form.cleaned_data.get("radius") or DEFAULT_RADIUS_MILES)
        return queryset.filter(
            **{f"{self.geo_prefix}pk__in": within(self.located_model, origin, radius)}
        )


class EmployerFilterSet(NearFilterSet):
    located_model = Employer
    program = django_filters.ModelChoiceFilter(queryset=_programs)
    industry = django_filters.CharFilter(lookup_expr="icontains")
    specialist = django_filters.ModelChoiceFilter(
        queryset=_specialists, method="filter_specialist", label="Met by specialist"
    )
    contacted = django_filters.DateFromToRangeFilter(
        label="Contacted between", method="filter_contacted", widget=DateRangePickerWidget
    )

    class Meta:
        model = Employer
        fields = ["program", "industry", "specialist", "contacted", "near_zip", "radius"]
        form = NearForm

    def filter_specialist(self, queryset, name, value):
        return queryset.filter(
            Exists(EmployerContact.objects.filter(employer=OuterRef("pk"), specialist=value))
        )

    def filter_contacted(self, queryset, name, value):
        contacts = EmployerContact.objects.filter(employer=OuterRef("pk"))
        if value.start:
            contacts = contacts.filter(date__gte=value.start)
        if value.stop:
            contacts = contacts.filter(date__lte=value.stop)
        return queryset.filter(Exists(contacts)) if (value.start or value.stop) else queryset


class EmployerContactFilterSet(NearFilterSet):
    geo_prefix = "employer__"
    located_model = Employer
    program = django_filters.ModelChoiceFilter(queryset=_programs)
    specialist = django_filters.ModelChoiceFilter(queryset=_specialists)
    date = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    mode = django_filters.ChoiceFilter(choices=EmployerContact.Mode.choices)
    purpose = django_filters.ChoiceFilter(choices=EmployerContact.Purpose.choices)
    industry = django_filters.CharFilter(field_name="employer__industry", lookup_expr="icontains")
    client_present = django_filters.BooleanFilter(label="Job seeker came along")

    class Meta:
        model = EmployerContact
        fields = [
            "program",
            "specialist",
            "date",
            "mode",
            "purpose",
            "industry",
            "client_present",
            "near_zip",
            "radius",
        ]
        form = NearForm


class JobOpeningFilterSet(NearFilterSet):
    located_model = JobOpening
    program = django_filters.ModelChoiceFilter(queryset=_programs)
    status = django_filters.ChoiceFilter(choices=JobOpening.Status.choices)
    shareable = django_filters.BooleanFilter(label="Shown on the public site")
    specialist = django_filters.ModelChoiceFilter(
        field_name="created_by", queryset=_specialists, label="Added by"
    )
    posted_on = django_filters.DateFromToRangeFilter(label="Posted", widget=DateRangePickerWidget)
    schedule = django_filters.ChoiceFilter(choices=JobOpening.Schedule.choices)
    industry = django_filters.CharFilter(field_name="employer__industry", lookup_expr="icontains")

    class Meta:
        model = JobOpening
        fields = [
            "program",
            "status",
            "shareable",
            "specialist",
            "posted_on",
            "schedule",
            "industry",
            "near_zip",
            "radius",
        ]
        form = NearForm
