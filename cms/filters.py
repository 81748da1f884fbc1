"""The public openings filter: keyword, kind of work, hours, schedule, distance from a ZIP."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from employers.models import JobOpening
from employers.search import with_keywords
from ips.geo import bounding_box, is_known_zip, normalise_zip, zip_centroid
from ips.reference import plain_title_codes
from ips.search import query_words
from ips.validators import DomainFilterSet

# SOC 2018 major groups (the first two digits of an O*NET-SOC code), in plain words.
KINDS_OF_WORK = (
    ("11", _("Managing a business or team")),
    ("13", _("Business and money")),
    ("15", _("Computers and maths")),
    ("17", _("Building design and engineering")),
    ("19", _("Science")),
    ("21", _("Helping people in the community")),
    ("23", _("Law")),
    ("25", _("Teaching and libraries")),
    ("27", _("Arts, design, media and sports")),
    ("29", _("Health care")),
    ("31", _("Health care support")),
    ("33", _("Security and safety")),
    ("35", _("Cooking and serving food")),
    ("37", _("Cleaning and grounds keeping")),
    ("39", _("Personal care and service")),
    ("41", _("Sales and shops")),
    ("43", _("Office and admin")),
    ("45", _("Farming, fishing and forestry")),
    ("47", _("Building and construction")),
    ("49", _("Fixing and maintaining things")),
    ("51", _("Making things (production)")),
    ("53", _("Driving and moving things")),
)
HOURS = (
    ("under_20", _("Fewer than 20 hours a week")),
    ("20_to_29", _("20 to 29 hours a week")),
    ("30_plus", _("30 hours a week or more")),
)
HOURS_RANGES = {"under_20": (None, 20), "20_to_29": (20, 30), "30_plus": (30, None)}
MILES = (
    ("2", _("2 miles")),
    ("5", _("5 miles")),
    ("10", _("10 miles")),
    ("25", _("25 miles")),
    ("50", _("50 miles")),
)
DEFAULT_MILES = 10


class OpeningFilterForm(forms.Form):
    """Plain-language checks: a ZIP we cannot place is a clear message, never a crash."""

    def clean_zip(self):
        value = (self.cleaned_data.get("zip") or "").strip()
        if not value:
            return ""
        code = normalise_zip(value)
        if code is None:
            raise forms.ValidationError(gettext("Please type a ZIP code of 5 numbers, like 48226."))
        if not is_known_zip(code):
            raise forms.ValidationError(
                gettext("We could not find the ZIP code %(code)s. Please check it and try again.")
                % {"code": code}
            )
        return code


class OpeningFilter(DomainFilterSet):
    """One FilterSet for the openings listing; the page restricts it to `.public()`."""

    q = django_filters.CharFilter(
        label=_("Words to look for"),
        method="filter_keyword",
        help_text=_("For example: kitchen, store"),
        max_length=200,  # a search, not a document: longer is refused as a form error
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of work"),
        choices=KINDS_OF_WORK,
        method="filter_kind",
        empty_label=_("Any kind of work"),
        error_messages={"invalid_choice": _("Please choose a kind of work from the list.")},
    )
    hours = django_filters.ChoiceFilter(
        label=_("Hours"),
        choices=HOURS,
        method="filter_hours",
        empty_label=_("Any hours"),
        error_messages={"invalid_choice": _("Please choose the hours from the list.")},
    )
    schedule = django_filters.ChoiceFilter(
        label=_("When the work is"),
        choices=[(value, _(label)) for value, label in JobOpening.Schedule.choices],
        empty_label=_("Any time"),
        error_messages={"invalid_choice": _("Please choose when the work is from the list.")},
    )
    zip = django_filters.CharFilter(
        label=_("Near this ZIP code"),
        method="filter_nothing",
        help_text=_("Leave empty to see all."),
        max_length=10,
    )
    miles = django_filters.ChoiceFilter(
        label=_("How far from the ZIP code"),
        choices=MILES,
        method="filter_nothing",
        empty_label=None,
        initial=str(DEFAULT_MILES),
        error_messages={"invalid_choice": _("Please choose a distance from the list.")},
    )

    class Meta:
        model = JobOpening
        fields = ["q", "kind", "hours", "schedule", "zip", "miles"]
        form = OpeningFilterForm

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("miles"):
            data = data.copy()
            data["miles"] = str(DEFAULT_MILES)
        super().__init__(data, *args, **kwargs)

    def filter_keyword(self, queryset, name, value):
        """Every word (at most 8) in the title, description, employer name or kind of work,
        case, accents and apostrophes ignored ("mcdonalds" finds McDonald's; ips.search),
        through the engine's text index, annotated with `keyword_rank` (employers.search)
        unless a ZIP orders the listing by distance."""
        words = query_words(value)
        if not words:
            return queryset
        codes = {word: plain_title_codes(word) for word in words}
        origin = self.origin()
        if origin is None:
            return with_keywords(queryset, words, codes)
        # Near a ZIP: ordered by distance, the words read for the bounding box's cells only.
        return with_keywords(queryset, words, codes, ranked=False, near=bounding_box(*origin))

    def filter_kind(self, queryset, name, value):
        return queryset.filter(occupation__code__startswith=f"{value}-")

    def filter_hours(self, queryset, name, value):
        low, high = HOURS_RANGES[value]
        if low is not None:
            queryset = queryset.filter(hours_per_week__gte=low)
        if high is not None:
            queryset = queryset.filter(hours_per_week__lt=high)
        return queryset

    def filter_nothing(self, queryset, name, value):
        # Distance is applied by cms.selectors.openings_listing (bounding box + haversine).
        return queryset

    def origin(self) -> tuple[float, float, float] | None:
        """(latitude, longitude, miles) of a valid ZIP search, else None. A valid ZIP
        applies whatever another field holds, as the words do (`valid_words`): an unknown
        kind of work is shown as that field's error beside the openings near the ZIP,
        never a statewide listing (a red-team finding); miles not offered are that field's
        error, and DEFAULT_MILES apply, as the heading says."""
        if not self.is_bound:
            return None
        self.is_valid()  # validates the form once: cleaned_data holds its valid fields
        code = self.form.cleaned_data.get("zip")
        point = zip_centroid(code) if code else None
        if point is None:
            return None
        miles = float(self.form.cleaned_data.get("miles") or DEFAULT_MILES)
        return point[0], point[1], miles


def valid_words(filterset: OpeningFilter) -> str:
    """The words typed in `filterset`'s search box when they are valid, whatever the other
    fields hold (their errors are shown at each field), else ""."""
    filterset.is_valid()  # validates a bound form once: cleaned_data holds its valid fields
    return getattr(filterset.form, "cleaned_data", {}).get("q") or ""
