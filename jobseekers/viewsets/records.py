"""Workspace screens for career profiles, PSR assessments and goals."""

from wagtail.admin.views.generic import CreateView

from ips.workspace import (
    ScopedEditView,
    ScopedModelViewSet,
)
from jobseekers.models import (
    CareerProfile,
    DomainAssessment,
    Goal,
)
from jobseekers.services import (
    PROFILE_FIELDS,
)
from jobseekers.viewsets.common import ToRecordMixin


class ProfileAddView(ToRecordMixin, CreateView):
    message = "Open the person's record to start or update their career profile."


class ProfileEditView(ToRecordMixin, ScopedEditView):
    target_url_name = "jobseekers:profile"


class CareerProfileViewSet(ScopedModelViewSet):
    model = CareerProfile
    add_view_class = ProfileAddView
    edit_view_class = ProfileEditView
    icon = "doc-full-inverse"
    menu_label = "Career profiles"
    form_fields = [
        "program",
        "seeker",
        "preferred_occupations",
        *PROFILE_FIELDS,
    ]
    list_display = ["seeker", "version", "is_current", "created_at"]
    list_filter = ["program", "is_current"]
    list_select_related = ("seeker",)
    search_fields = ["seeker__name", "dream_job"]


class DomainAssessmentViewSet(ScopedModelViewSet):
    model = DomainAssessment
    icon = "list-ul"
    menu_label = "PSR assessments"
    form_fields = ["program", "seeker", "date", "assessed_by", "next_due", "satisfaction", "notes"]
    list_display = ["seeker", "date", "next_due"]
    list_filter = ["program", "date"]
    list_select_related = ("seeker",)
    search_fields = ["seeker__name"]


class GoalViewSet(ScopedModelViewSet):
    model = Goal
    icon = "success"
    menu_label = "Goals"
    form_fields = [
        "program",
        "seeker",
        "assessment",
        "domain",
        "description",
        "target_date",
        "status",
    ]
    list_display = ["seeker", "domain", "status", "target_date"]
    list_filter = ["program", "domain", "status"]
    list_select_related = ("seeker",)
    search_fields = ["seeker__name", "description"]
