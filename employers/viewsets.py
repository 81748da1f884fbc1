"""Workspace screens for the employer CRM."""

from wagtail.admin.viewsets.base import ViewSetGroup

from employers.models import Employer, EmployerContact, EmployerPerson, JobOpening
from ips.workspace import ScopedModelViewSet


class EmployerViewSet(ScopedModelViewSet):
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
    list_display = ["name", "industry", "zip"]
    list_filter = ["program", "industry"]
    search_fields = ["name", "industry", "zip", "ref"]
    list_export = ["ref", "name", "industry", "address", "zip", "phone"]


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
    list_display = ["name", "employer", "job_title"]
    list_filter = ["program"]
    list_select_related = ("employer",)
    search_fields = ["name", "employer__name"]


class EmployerContactViewSet(ScopedModelViewSet):
    model = EmployerContact
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
    list_display = ["date", "employer", "specialist", "mode", "purpose"]
    list_filter = ["program", "mode", "purpose", "date", "specialist"]
    list_select_related = ("employer", "specialist__user", "specialist__program")
    search_fields = ["employer__name", "notes"]
    list_export = [
        "date",
        "employer__name",
        "specialist__user__email",
        "mode",
        "client_present",
        "purpose",
        "notes",
    ]


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
    ]
    list_display = ["title", "employer", "status", "shareable"]
    list_filter = ["program", "status", "shareable", "schedule"]
    list_select_related = ("employer",)
    search_fields = ["title", "employer__name", "description"]
    list_export = [
        "title",
        "employer__name",
        "status",
        "shareable",
        "hours_per_week",
        "hourly_wage",
        "zip",
    ]


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
