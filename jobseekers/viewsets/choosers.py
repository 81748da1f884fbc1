"""The occupation and employer choosers (scoped to the user's programs)."""

from django import forms
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column

from employers.models import Employer
from ips.models import Occupation
from ips.validators import InputDomainMixin
from ips.workspace import (
    NameOrRefSearchForm,
    ScopedChooseResultsView,
    ScopedChooserViewSet,
    ScopedChooserWidget,
    ScopedChooseView,
    ScopedChosenView,
)


class OccupationSearchForm(InputDomainMixin, BaseFilterForm):
    """Search O*NET occupations by words of the plain title ("housekeeper"), the O*NET
    title ("maids") or a code prefix ("37-20")."""

    q = forms.CharField(
        label="Job title",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. housekeeper, cook, cashier"}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.search(query)
            self.is_searching = True
            self.search_query = query
        return objects


class OccupationColumnsMixin:
    """Each row named as staff know it, "Housekeeper (Maids and Housekeeping Cleaners)",
    the O*NET code beside it; the jobs people ask for most (those with a plain title) first."""

    def get_object_list(self):
        return super().get_object_list().plain_first()

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = lambda occupation: occupation.staff_label
        column.label = "Kind of work"
        return column

    @property
    def columns(self):
        return [*super().columns, Column("code", label="O*NET code")]


class OccupationChooseView(OccupationColumnsMixin, ScopedChooseView):
    filter_form_class = OccupationSearchForm


class OccupationChooseResultsView(OccupationColumnsMixin, ScopedChooseResultsView):
    filter_form_class = OccupationSearchForm


class OccupationChosenView(ScopedChosenView):
    def get_display_title(self, instance):
        return instance.staff_label


class OccupationChooserWidget(ScopedChooserWidget):
    """The chosen kind of work shown by its staff label; the value posted is the code."""

    def get_display_title(self, instance):
        return instance.staff_label


class OccupationChooserViewSet(ScopedChooserViewSet):
    model = Occupation
    icon = "tag"
    choose_one_text = "Choose a kind of work"
    choose_another_text = "Choose another kind of work"
    edit_item_text = "Edit"
    per_page = 20

    base_widget_class = OccupationChooserWidget
    choose_view_class = OccupationChooseView
    choose_results_view_class = OccupationChooseResultsView
    chosen_view_class = OccupationChosenView


occupation_chooser_viewset = OccupationChooserViewSet(
    "occupation_chooser", url_prefix="jobseekers/occupation-chooser"
)


class EmployerSearchForm(NameOrRefSearchForm):
    q = forms.CharField(
        label="Employer name",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. bakery"}),
    )


class ScopedEmployerListMixin:
    filter_form_class = EmployerSearchForm

    def get_object_list(self):
        return super().get_object_list().order_by("name", "pk")


class EmployerChooseView(ScopedEmployerListMixin, ScopedChooseView):
    pass


class EmployerChooseResultsView(ScopedEmployerListMixin, ScopedChooseResultsView):
    pass


class EmployerChooserViewSet(ScopedChooserViewSet):
    """Pick an employer from the CRM by name (only the user's programs' employers)."""

    model = Employer
    icon = "site"
    choose_one_text = "Choose the employer"
    choose_another_text = "Choose another employer"
    per_page = 20
    choose_view_class = EmployerChooseView
    choose_results_view_class = EmployerChooseResultsView


employer_chooser_viewset = EmployerChooserViewSet(
    "employer_chooser", url_prefix="jobseekers/employer-chooser"
)
