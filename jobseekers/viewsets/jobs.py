"""Workspace screens for jobs (changes through the job service) and matches."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView

from employers.columns import EmployerColumn, employer_link
from ips.forms import ScopedAdminModelForm
from ips.workspace import (
    ScopedEditView,
    ScopedInspectView,
    ScopedModelViewSet,
)
from jobseekers.matching.reasons import about_person, fit_words, place_words
from jobseekers.matching.selectors import match_cards, match_place
from jobseekers.models import (
    Job,
    Match,
)
from jobseekers.services import (
    check_competitive_wage,
    update_job,
)
from jobseekers.templatetags.matching_tags import distance_said, without_distance
from jobseekers.viewsets.common import ServiceErrorsMixin, ToRecordMixin, _changes


class JobAddView(ToRecordMixin, CreateView):
    message = "Open the person's record to record a job start."


class JobAdminForm(ScopedAdminModelForm):
    """Corrections to a job keep the competitive-wage rule."""

    def clean(self):
        cleaned = super().clean()
        program = cleaned.get("program") or getattr(self.instance, "program", None)
        if program is not None:
            try:
                check_competitive_wage(
                    program=program,
                    competitive=bool(cleaned.get("competitive")),
                    hourly_wage=cleaned.get("hourly_wage"),
                )
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    self.add_error(name, errors)
        return cleaned


class JobEditView(ServiceErrorsMixin, ScopedEditView):
    """Corrections go through `update_job` (B: a changed start date moves its checks)."""

    def save_instance(self):
        return update_job(
            job=self.object,
            changes=_changes(self.form, self.form.fields),
            by=self.request.user,
            expected_version=self.expected_version,
        )


class JobViewSet(ScopedModelViewSet):
    model = Job
    add_view_class = JobAddView
    edit_view_class = JobEditView
    base_form_class = JobAdminForm
    icon = "pick"
    menu_label = "Jobs"
    form_fields = [
        "program",
        "ref",
        "seeker",
        "employer",
        "opening",
        "title",
        "occupation",
        "start_date",
        "hours_per_week",
        "hourly_wage",
        "paid_hours_to_date",
        "competitive",
        "permanent",
        "disclosure",
        "end_note",
    ]
    list_display = ["title", "seeker", EmployerColumn(), "start_date", "end_date"]
    list_filter = ["program", "competitive", "start_date"]
    list_select_related = ("seeker", "employer")
    search_fields = ["title", "seeker__name", "employer__name"]
    list_export = [
        "ref",
        "seeker__ref",
        "employer__name",
        "title",
        "start_date",
        "end_date",
        "hours_per_week",
        "hourly_wage",
        "competitive",
    ]


class MatchInspectView(ScopedInspectView):
    """A match's page: "Distance", said as every page says it (Match's display), not the
    column's name "Distance miles"; its place in words; and the match's actions (issue 17),
    the record's card's own (selectors.match_cards, _match_actions.html)."""

    template_name = "jobseekers/matching/match_inspect.html"

    def get_field_label(self, field_name, field):
        if field_name == "distance_miles":
            return "Distance"
        if field_name == "reasons":
            return "Why it might suit them"
        if field_name == "rank":
            return "How well it fits"
        return super().get_field_label(field_name, field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["card"] = match_cards(self.request.user, [self.object])[0]
        return context

    def get_seeker_display_value(self):
        seeker = self.object.seeker
        record = reverse("jobseekers:record", args=[seeker.pk])
        return format_html(
            '<a href="{}">{}</a><br><a href="{}#matches">All openings for {}</a>',
            record,
            seeker.name,
            record,
            seeker.name,
        )

    def get_rank_display_value(self):
        """Its place among the person's current openings as the record lists them, counted
        (1st of 7), never the raw score; a match no longer among them says so."""
        place = match_place(self.request.user, self.object)
        if place is None:
            return f"No longer among this person’s openings (was: {fit_words(self.object.rank)})"
        return place_words(*place)

    def get_opening_display_value(self):
        opening = self.object.opening
        return format_html(
            '<a href="{}">{}</a> at {}',
            reverse("openings:inspect", args=[opening.pk]),
            opening.title,
            employer_link(opening.employer),
        )

    def get_reasons_display_value(self):
        """The stored reasons are written to the person; staff read them in the third
        person, as the record's match cards show them."""
        reasons = [about_person(r) for r in without_distance(self.object.reasons)]
        if not reasons:
            return ""
        return format_html_join("", "<p>{}</p>", ((r,) for r in reasons))

    def get_distance_miles_display_value(self):
        """The distance said once, as every page says it (with the way of travel when the
        reason names it), not beside a differently rounded reason ("2 miles, by bus" and
        "2.1 miles")."""
        return distance_said(self.object)


class MatchViewSet(ScopedModelViewSet):
    model = Match
    icon = "link"
    menu_label = "Matches"
    # The score, place, features and reasons are the recommender's: never in a form
    # (red-team finding, issue 17). Only superusers edit a match at all (ips.roles: staff
    # read matches); staff act on one through the match actions (MatchOutcome).
    form_fields = ["program", "seeker", "opening"]
    # The place among the person's openings in words, never the raw score (issue 17).
    list_display = [
        "seeker",
        "opening",
        Column("rank", label="How well it fits", accessor=lambda m: fit_words(m.rank)),
    ]
    list_export = ["seeker", "opening", "rank"]
    export_headings = {"rank": "Place among the person's openings (1 = best fit)"}
    # What staff read on a match's page: not the raw score, the feature weights, or the
    # reasons written to the seeker ("you said..."), which the match cards word for staff.
    inspect_view_class = MatchInspectView
    inspect_view_fields = ["seeker", "opening", "reasons", "rank", "distance_miles", "computed_at"]
    list_filter = ["program"]
    list_select_related = ("seeker", "opening__employer")
    search_fields = ["seeker__name", "opening__title"]
