"""The choosers of people at employers and of job openings for the workspace forms
(issue 17): searchable (a person by their or the employer's name; an opening by title or
employer), only the user's programs' rows, instead of a select of every row (hundreds).
Registered for every ForeignKey to EmployerPerson and to JobOpening."""

from __future__ import annotations

from django import forms
from django.db.models import Case, IntegerField, Value, When
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column

from employers.models import EmployerPerson, JobOpening
from ips.search import folded_q
from ips.validators import InputDomainMixin
from ips.workspace import ScopedChooseResultsView, ScopedChooserViewSet, ScopedChooseView


class FoldedSearchForm(InputDomainMixin, BaseFilterForm):
    """A chooser's search box over `paths`, folded as every search (ips.search); a
    subclass declares `q` (its label and example) and `paths`."""

    paths: tuple[str, ...] = ()

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        words = folded_q(objects.model, self.paths, query)
        if words is not None:
            objects = objects.filter(words)
            self.is_searching = True
            self.search_query = query
        return objects


class PersonSearchForm(FoldedSearchForm):
    q = forms.CharField(
        label="Name or employer",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Lee, or bakery"}),
    )
    paths = ("name", "employer__name", "job_title")


class PersonListMixin:
    filter_form_class = PersonSearchForm

    def get_object_list(self):
        return super().get_object_list().select_related("employer").order_by("name", "pk")

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = lambda person: person.name
        column.label = "Name"
        return column

    @property
    def columns(self):
        return [
            *super().columns,
            Column("employer", label="Employer", accessor=lambda person: person.employer.name),
            Column("job_title", label="Job title"),
        ]


class PersonChooseView(PersonListMixin, ScopedChooseView):
    pass


class PersonChooseResultsView(PersonListMixin, ScopedChooseResultsView):
    pass


class PersonChooserViewSet(ScopedChooserViewSet):
    """Pick someone at an employer by name (only the user's programs' people)."""

    model = EmployerPerson
    icon = "user"
    choose_one_text = "Choose the person at the employer"
    choose_another_text = "Choose another person"
    per_page = 20
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView


person_chooser_viewset = PersonChooserViewSet(
    "employer_person_chooser", url_prefix="employers/person-chooser"
)


class OpeningSearchForm(FoldedSearchForm):
    q = forms.CharField(
        label="Job title or employer",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. cook, or Corner Cafe"}),
    )
    paths = ("title", "employer__name")


class OpeningListMixin:
    """Open openings first (the ones a job start or an introduction is usually about),
    then the rest; newest first."""

    filter_form_class = OpeningSearchForm

    def get_object_list(self):
        still_open = Case(
            When(status=JobOpening.Status.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            super()
            .get_object_list()
            .select_related("employer")
            .order_by(still_open, "-created_at", "-pk")
        )

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = lambda opening: opening.title
        column.label = "Job title"
        return column

    @property
    def columns(self):
        return [
            *super().columns,
            Column("employer", label="Employer", accessor=lambda opening: opening.employer.name),
            Column("status", label="Status", accessor=lambda opening: opening.get_status_display()),
        ]


class OpeningChooseView(OpeningListMixin, ScopedChooseView):
    pass


class OpeningChooseResultsView(OpeningListMixin, ScopedChooseResultsView):
    pass


class OpeningChooserViewSet(ScopedChooserViewSet):
    """Pick a job opening by title or employer (only the user's programs' openings)."""

    model = JobOpening
    icon = "doc-full"
    choose_one_text = "Choose the opening"
    choose_another_text = "Choose another opening"
    per_page = 20
    choose_view_class = OpeningChooseView
    choose_results_view_class = OpeningChooseResultsView


opening_chooser_viewset = OpeningChooserViewSet(
    "opening_chooser", url_prefix="employers/opening-chooser"
)
