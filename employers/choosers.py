"""The chooser of people at employers for the workspace forms (issue 17): searchable by
the person's or the employer's name, only the user's programs' people, instead of a select
of every person (hundreds). Registered for every ForeignKey to EmployerPerson."""

from __future__ import annotations

from django import forms
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column

from employers.models import EmployerPerson
from ips.search import folded_q
from ips.validators import InputDomainMixin
from ips.workspace import ScopedChooseResultsView, ScopedChooserViewSet, ScopedChooseView


class PersonSearchForm(InputDomainMixin, BaseFilterForm):
    q = forms.CharField(
        label="Name or employer",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Lee, or bakery"}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        words = folded_q(objects.model, ["name", "employer__name", "job_title"], query)
        if words is not None:
            objects = objects.filter(words)
            self.is_searching = True
            self.search_query = query
        return objects


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
