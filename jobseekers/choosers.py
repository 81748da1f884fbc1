"""The job seeker chooser of the workspace forms (issue 17): a searchable list of the
people the user may see, instead of a select of every person of the program. Registered
for every ForeignKey to JobSeeker (ips.forms.use_choosers puts it on the scoped forms)."""

from __future__ import annotations

from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.formats import date_format
from wagtail.admin.ui.tables import Column

from ips.audit import audit_object_access, record_rows_shown, rows_by_program
from ips.search import folded_q
from ips.workspace import (
    NameOrRefSearchForm,
    ScopedChooseResultsView,
    ScopedChooserViewSet,
    ScopedChooseView,
    ScopedChosenView,
)
from jobseekers.models import Job, JobSeeker


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


class JobSearchForm(NameOrRefSearchForm):
    """A job found by its person (name or agency reference), its title or its employer."""

    q = forms.CharField(
        label="Person, job title or employer",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Rivera, or bakery"}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        words = folded_q(objects.model, ["seeker__name", "title", "employer__name"], query)
        if words is not None:
            objects = objects.filter(words | Q(seeker__ref__iexact=query))
            self.is_searching = True
            self.search_query = query
        return objects


class JobListMixin:
    """The jobs of the user's own people first (their caseload, the people they coach),
    current jobs before ended ones, latest start first. Names shown are a read of
    seekers' records, recorded as for the person chooser (ips.audit)."""

    filter_form_class = JobSearchForm

    def get_object_list(self):
        user = self.request.user
        own = Case(
            When(
                Q(seeker__specialist__user=user) | Q(support_plan__coach__user=user),
                then=Value(0),
            ),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            super()
            .get_object_list()
            .select_related("seeker", "employer")
            .order_by(own, F("end_date").desc(nulls_first=True), "-start_date", "pk")
        )

    @property
    def title_column(self):
        column = super().title_column
        column.accessor = lambda job: job.seeker.name
        column.label = "Person"
        return column

    @property
    def columns(self):
        return [
            *super().columns,
            # Not named "title": that is the chooser's own first column (the person). Three
            # columns in all, so a name is not broken inside a word at 375 px.
            Column("job", label="Job", accessor=lambda job: f"{job.title} at {job.employer.name}"),
            Column(
                "start_date",
                label="Dates",
                accessor=lambda job: (
                    f"{date_format(job.start_date)} to {date_format(job.end_date)}"
                    if job.end_date
                    else f"From {date_format(job.start_date)}"
                ),
            ),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = [job.seeker for job in context.get("results") or []]
        if shown:
            record_rows_shown(
                request=self.request, what="job chooser", counts=rows_by_program(shown)
            )
        return context


class JobChooseView(JobListMixin, ScopedChooseView):
    pass


class JobChooseResultsView(JobListMixin, ScopedChooseResultsView):
    pass


class JobChosenView(ScopedChosenView):
    """The job chosen, named back to the form with its person: a read (ips.audit)."""

    def get_object(self, pk):
        job = super().get_object(pk)
        audit_object_access(self.request, job, view_name="chooser")
        return job


class JobChooserViewSet(ScopedChooserViewSet):
    """Pick a job (a person's job start) by person, title or employer: only the jobs the
    user may see (support contacts, follow-up tasks and other forms naming a job)."""

    model = Job
    icon = "pick"
    choose_one_text = "Choose the job"
    choose_another_text = "Choose another job"
    per_page = 20
    choose_view_class = JobChooseView
    choose_results_view_class = JobChooseResultsView
    chosen_view_class = JobChosenView


job_chooser_viewset = JobChooserViewSet("job_chooser", url_prefix="jobseekers/job-chooser")
