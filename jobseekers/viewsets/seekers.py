"""The Job seekers workspace screens: a person added is a referral, details change
through the service."""

from django.urls import reverse
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import CreateView

from ips.workspace import (
    ScopedEditView,
    ScopedModelViewSet,
)
from jobseekers.models import (
    JobSeeker,
)
from jobseekers.services import (
    SEEKER_DETAIL_FIELDS,
    refer_seeker,
    update_seeker_details,
)
from jobseekers.viewsets.common import ServiceErrorsMixin, _changes


class SeekerCreateView(ServiceErrorsMixin, CreateView):
    """A person added on the Job seekers screen is a referral (`refer_seeker`)."""

    def save_instance(self):
        data = self.form.cleaned_data
        return refer_seeker(
            program=data["program"],
            zip_code=data.get("zip") or "",
            by=self.request.user,
            **{name: data[name] for name in SEEKER_CREATE_FIELDS if name in data},
        )


# The details a referral takes by name (the ZIP goes in as `zip_code`): the service's one list.
SEEKER_CREATE_FIELDS = tuple(name for name in SEEKER_DETAIL_FIELDS if name != "zip")


class SeekerEditView(ServiceErrorsMixin, ScopedEditView):
    """Details change through `update_seeker_details` (a moved person is located again)."""

    def save_instance(self):
        return update_seeker_details(
            seeker=self.object,
            changes=_changes(self.form, self.form.fields),
            by=self.request.user,
            expected_version=self.expected_version,
        )


class JobSeekerViewSet(ScopedModelViewSet):
    model = JobSeeker
    icon = "user"
    menu_label = "Job seekers"
    form_fields = ["program", *SEEKER_DETAIL_FIELDS]
    # Stage, entry and closing change only through the record page's services.
    add_view_class = SeekerCreateView
    edit_view_class = SeekerEditView
    list_display = [
        TitleColumn(
            "name",
            label="Name",
            get_url=lambda seeker: reverse("jobseekers:record", args=[seeker.pk]),
        ),
        "ref",
        "stage",
        "specialist",
        "entry_date",
    ]
    list_filter = ["program", "stage", "specialist", "mh_team"]
    list_select_related = ("specialist__user", "specialist__program")
    search_fields = ["name", "ref", "preferred_name"]
    list_export = [
        "ref",
        "name",
        "stage",
        "specialist__user__email",
        "referral_date",
        "entry_date",
        "closed_date",
    ]
