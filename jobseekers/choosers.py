"""The job seeker chooser of the workspace forms (issue 17): a searchable list of the
people the user may see, instead of a select of every person of the program. Registered
for every ForeignKey to JobSeeker (ips.forms.use_choosers puts it on the scoped forms)."""

from __future__ import annotations

from django import forms
from django.db.models import Case, IntegerField, Value, When
from wagtail.admin.ui.tables import Column

from ips.audit import audit_object_access, record_rows_shown, rows_by_program
from ips.workspace import (
    NameOrRefSearchForm,
    ScopedChooseResultsView,
    ScopedChooserViewSet,
    ScopedChooseView,
    ScopedChosenView,
)
from jobseekers.models import JobSeeker


class SeekerSearchForm(NameOrRefSearchForm):
    q = forms.CharField(
        label="Name or agency reference",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Rivera"}),
    )


class SeekerListMixin:
    """The user's own caseload first (as the quick logs), then everyone else by name; the
    specialist beside each name. Names shown are a read of seekers' records: the audit
    trail records how many, per program (ips.audit)."""

    filter_form_class = SeekerSearchForm

    def get_object_list(self):
        own = Case(
            When(specialist__user=self.request.user, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            super().get_object_list().select_related("specialist__user").order_by(own, "name", "pk")
        )

    @property
    def title_column(self):
        column = super().title_column
        column.label = "Name"
        return column

    @property
    def columns(self):
        return [
            *super().columns,
            Column("ref", label="Agency reference"),
            Column(
                "specialist",
                label="Specialist",
                accessor=lambda seeker: seeker.specialist.display_name if seeker.specialist else "",
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = list(context.get("results") or [])
        if shown:
            record_rows_shown(
                request=self.request, what="job seeker chooser", counts=rows_by_program(shown)
            )
        return context


class SeekerChooseView(SeekerListMixin, ScopedChooseView):
    pass


class SeekerChooseResultsView(SeekerListMixin, ScopedChooseResultsView):
    pass


class SeekerChosenView(ScopedChosenView):
    """The one person chosen, named back to the form: a read of their record (ips.audit)."""

    def get_object(self, pk):
        seeker = super().get_object(pk)
        audit_object_access(self.request, seeker, view_name="chooser")
        return seeker


class SeekerChooserViewSet(ScopedChooserViewSet):
    """Pick a job seeker by name or reference (only the people the user may see)."""

    model = JobSeeker
    icon = "user"
    choose_one_text = "Choose the person"
    choose_another_text = "Choose another person"
    per_page = 20
    choose_view_class = SeekerChooseView
    choose_results_view_class = SeekerChooseResultsView
    chosen_view_class = SeekerChosenView


seeker_chooser_viewset = SeekerChooserViewSet(
    "seeker_chooser", url_prefix="jobseekers/seeker-chooser"
)
