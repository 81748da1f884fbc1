"""Workspace screens for the employer CRM."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail.admin.forms.models import formfield_for_dbfield
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from employers.columns import EmployerColumn, employer_link
from employers.filters import EmployerContactFilterSet, EmployerFilterSet, JobOpeningFilterSet
from employers.forms import EmployerContactForm, EmployerForm, JobOpeningForm
from employers.models import Employer, EmployerContact, EmployerPerson, JobOpening
from employers.selectors import employer_record
from employers.services import log_employer_contact, save_employer, save_opening
from ips.audit import record_rows_shown, rows_by_program
from ips.domain import shown_date
from ips.models import StaffMember
from ips.roles import CASEWORK_ROLES, has_role
from ips.validators import query_id
from ips.workspace import (
    EventCreateView,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedModelViewSet,
)


def _staff_for(user, program_id):
    return StaffMember.objects.filter(user=user, program_id=program_id, active=True).first()


class DistanceIndexView(ScopedIndexView):
    """A listing that shows "miles away" when filtered by ZIP and radius."""

    @cached_property
    def columns(self):
        columns = list(super().columns)
        if self.filters and self.filters.origin:
            columns.append(
                Column("distance", label="Miles away", accessor=self.filters.distance_to)
            )
        return columns


class RecordTitleMixin:
    """The title column opens the record (inspect), not the edit form (issue 17); editing
    stays in the row's "..." menu."""

    def _get_title_column(self, field_name, *args, **kwargs):
        column = super()._get_title_column(field_name, *args, **kwargs)  # type: ignore[misc]
        column._get_url_func = lambda instance: (
            self.get_inspect_url(instance) or self.get_edit_url(instance)  # type: ignore[attr-defined]
        )
        return column


class OpeningIndexView(RecordTitleMixin, DistanceIndexView):
    """Openings: the title opens the opening's record (issue 17)."""


class EmployerIndexView(RecordTitleMixin, DistanceIndexView):
    def get_base_queryset(self):
        last = EmployerContact.objects.filter(employer=OuterRef("pk")).order_by("-date")
        return super().get_base_queryset().annotate(last_contact=Subquery(last.values("date")[:1]))


class EmployerRecordView(ScopedInspectView):
    """The employer record: details, people, every contact, openings, jobs, strength."""

    template_name = "employers/record.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = record = employer_record(
            self.object, self.request.user, timezone.localdate()
        )
        # The jobs and contacts name job seekers: one event for the page, not one per person.
        shown = {job.seeker for job in record.jobs}
        shown |= {seeker for contact in record.contacts for seeker in contact.seekers.all()}
        counts = rows_by_program(shown)
        record_rows_shown(request=self.request, what="employer record", counts=counts)
        context["casework"] = has_role(self.request.user, CASEWORK_ROLES, self.object.program_id)
        context["today"] = timezone.localdate()
        return context


class EmployerCreateView(generic.CreateView):
    def save_instance(self):
        employer = self.form.save(commit=False)
        save_employer(employer=employer, by=_staff_for(self.request.user, employer.program_id))
        self.form.save_m2m()
        return employer


class EmployerEditView(ScopedEditView):
    def save_instance(self):
        employer = self.form.save(commit=False)
        save_employer(
            employer=employer,
            by=_staff_for(self.request.user, employer.program_id),
            expected_version=self.expected_version,
        )
        self.form.save_m2m()
        return employer


class EmployerViewSet(ScopedModelViewSet):
    """Employers: every create and change goes through `save_employer` (locating)."""

    model = Employer
    icon = "site"
    menu_label = "Employers"
    form_fields = [
        "program",
        "name",
        "ref",
        "industry",
        "address",
        "zip",
        "phone",
        "website",
        "notes",
    ]
    index_view_class = EmployerIndexView
    add_view_class = EmployerCreateView
    edit_view_class = EmployerEditView
    inspect_view_class = EmployerRecordView
    base_form_class = EmployerForm
    filterset_class = EmployerFilterSet
    list_display = [
        "name",
        "industry",
        "zip",
        Column("last_contact", label="Last contact", sort_key="last_contact"),
    ]
    search_fields = ["name", "industry", "zip", "ref"]
    list_export = ["ref", "name", "industry", "address", "zip", "phone", "last_contact"]
    export_headings = {"last_contact": "Last contact"}  # an annotation: no field to name it


class EmployerPersonViewSet(ScopedModelViewSet):
    model = EmployerPerson
    icon = "user"
    menu_label = "People at employers"
    form_fields = [
        "program",
        "employer",
        "name",
        "job_title",
        "phone",
        "email",
        "consent_notes",
        "notes",
    ]
    list_display = ["name", EmployerColumn(), "job_title"]
    list_filter = ["program"]
    list_select_related = ("employer",)
    search_fields = ["name", "employer__name"]


class EmployerContactCreateView(EventCreateView):
    """A contact added on the workspace screen goes through `log_employer_contact`."""

    def record(self, form):
        data = form.cleaned_data
        return log_employer_contact(
            **{name: data[name] for name in CONTACT_FIELDS},
            idempotency_key=form.submission_key,
            allow_duplicate=form.allow_duplicate,
        )


CONTACT_FIELDS = (
    "specialist",
    "employer",
    "date",
    "person",
    "mode",
    "client_present",
    "purpose",
    "notes",
    "next_step",
    "next_step_due",
    "next_step_done",
)


class EmployerContactViewSet(ScopedModelViewSet):
    model = EmployerContact
    add_view_class = EmployerContactCreateView
    icon = "clipboard-list"
    menu_label = "Employer contacts"
    form_fields = [
        "program",
        "date",
        "specialist",
        "employer",
        "person",
        "mode",
        "client_present",
        "purpose",
        "notes",
        "next_step",
        "next_step_due",
        "next_step_done",
    ]
    index_view_class = DistanceIndexView
    base_form_class = EmployerContactForm
    filterset_class = EmployerContactFilterSet
    list_display = ["date", EmployerColumn(), "specialist", "mode", "purpose"]
    list_select_related = ("employer", "specialist__user", "specialist__program")
    search_fields = ["employer__name", "notes"]
    list_export = [
        "date",
        "employer.name",
        "employer.zip",
        "specialist.user.email",
        "mode",
        "client_present",
        "purpose",
        "notes",
        "next_step",
        "next_step_due",
    ]
    export_headings = {
        "employer.name": "Employer",
        "employer.zip": "Employer ZIP",
        "specialist.user.email": "Specialist email",
    }


class OpeningSaveMixin:
    """Every create/change of an opening goes through `save_opening` (geocoding, hooks)."""

    def save_instance(self):
        opening = self.form.save(commit=False)
        save_opening(opening=opening, by=_staff_for(self.request.user, opening.program_id))
        self.form.save_m2m()
        return opening


class OpeningCreateView(OpeningSaveMixin, generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        contact_id = query_id(self.request.GET.get("contact"))
        employer_id = query_id(self.request.GET.get("employer"))
        user = self.request.user
        if contact_id is not None:
            contact = EmployerContact.objects.for_user(user).filter(pk=contact_id).first()
            if contact:
                initial.update(
                    source_contact=contact.pk,
                    employer=contact.employer_id,
                    program=contact.program_id,
                )
        elif employer_id is not None:
            employer = Employer.objects.for_user(user).filter(pk=employer_id).first()
            if employer:
                initial.update(employer=employer.pk, program=employer.program_id)
        return initial


class OpeningEditView(ScopedEditView):
    def save_instance(self):
        opening = self.form.save(commit=False)
        save_opening(
            opening=opening,
            by=_staff_for(self.request.user, opening.program_id),
            expected_version=self.expected_version,
        )
        self.form.save_m2m()
        return opening


class OpeningRecordView(ScopedInspectView):
    """An opening's record. A filled or closed opening says so, and that it is not on the
    public site whatever "show on the public site" was (red-team finding, issue 17: a
    filled opening said "Show on the public site: Yes"); the public site lists open ones
    only (JobOpening.objects.public) and answers 410 for a filled one's address."""

    @cached_property
    def filled_by(self):
        """The latest job start from this opening (Job.opening's reverse name `jobs`: this
        layer does not import jobseekers), or None."""
        return self.object.jobs.select_related("seeker").order_by("-start_date", "-pk").first()

    def get_status_display_value(self) -> str:
        opening = self.object
        if opening.status == JobOpening.Status.FILLED and self.filled_by is not None:
            job = self.filled_by
            return f"Filled by {job.seeker.name} on {shown_date(job.start_date)}"
        if opening.status == JobOpening.Status.OPEN and self.request.user.has_perm(
            "jobseekers.view_match"
        ):
            # An open opening leads to the people it might suit (issue 17); each person's
            # record there offers "Record a job start". Here, not a header button: at
            # 375 px a header button lay over the page title.
            return format_html(
                '{}<br><a href="{}">People this might suit</a>',
                opening.get_status_display(),
                reverse("matching:opening_people", args=[opening.pk]),
            )
        return opening.get_status_display()

    def get_employer_display_value(self) -> str:
        return employer_link(self.object.employer)

    def get_hourly_wage_display_value(self) -> str:
        """ "$15.48 an hour", not a bare "15.48" (issue 17)."""
        wage = self.object.hourly_wage
        return "" if wage is None else f"${wage:,.2f} an hour"

    def get_shareable_display_value(self) -> str:
        opening = self.object
        if opening.status != JobOpening.Status.OPEN:
            return f"No: {opening.get_status_display().lower()}, so not on the public site"
        return "Yes" if opening.shareable else "No"


class JobOpeningViewSet(ScopedModelViewSet):
    model = JobOpening
    icon = "doc-full"
    menu_label = "Openings"
    form_fields = [
        "program",
        "employer",
        "title",
        "occupation",
        "description",
        "hours_per_week",
        "schedule",
        "hourly_wage",
        "address",
        "zip",
        "status",
        "shareable",
        "internal_notes",
        "posted_on",
        "closed_on",
        "source_contact",
    ]
    index_view_class = OpeningIndexView
    inspect_view_class = OpeningRecordView
    # What staff read, status first (who filled it); not the geocoding or search columns.
    inspect_view_fields = [
        "status",
        "shareable",
        "title",
        "employer",
        "occupation",
        "description",
        "hours_per_week",
        "schedule",
        "hourly_wage",
        "address",
        "zip",
        "posted_on",
        "closed_on",
        "ref",
        "internal_notes",
    ]
    add_view_class = OpeningCreateView
    edit_view_class = OpeningEditView
    base_form_class = JobOpeningForm
    filterset_class = JobOpeningFilterSet
    list_display = ["title", EmployerColumn(), "status", "shareable", "zip"]
    list_select_related = ("employer",)
    search_fields = ["title", "employer__name", "description"]
    list_export = [
        "title",
        "employer.name",
        "status",
        "shareable",
        "hours_per_week",
        "hourly_wage",
        "zip",
        "posted_on",
        "closed_on",
    ]
    export_headings = {"employer.name": "Employer"}

    def formfield_for_dbfield(self, db_field, **kwargs):
        """The employer is picked with the employer chooser registered for the model
        (searched by name, the user's programs only), not a select of every employer."""
        if db_field.name == "employer":
            return formfield_for_dbfield(db_field, **kwargs)
        return super().formfield_for_dbfield(db_field, **kwargs)


class EmployersGroup(ViewSetGroup):
    menu_label = "Employers"
    menu_icon = "site"
    menu_order = 200
    items = (
        EmployerViewSet("employers"),
        EmployerContactViewSet("employer_contacts"),
        JobOpeningViewSet("openings"),
        EmployerPersonViewSet("employer_people"),
    )
