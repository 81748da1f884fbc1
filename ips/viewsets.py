"""Workspace screens of the program layer: programs, staff, teams, time, occupations."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup

from ips.forms import ProgramAdminForm, ScopedAdminModelForm, settle_only_choice
from ips.models import (
    AuditEvent,
    MentalHealthTeam,
    Occupation,
    Program,
    StaffMember,
    TimeEntry,
)
from ips.roles import LEADERSHIP, ROLE_RANK, Role, program_ids, program_roles
from ips.services import log_time_entry
from ips.workspace import (
    EventCreateView,
    ReferenceViewSet,
    ScopedEditView,
    ScopedInspectView,
    ScopedModelViewSet,
)


class ProgramViewSet(ScopedModelViewSet):
    model = Program
    icon = "home"
    menu_label = "Programs"
    form_fields = ["name", "slug", "zip", "country", "minimum_wage", "caseload_standard"]
    list_display = ["name", "zip", "minimum_wage"]
    search_fields = ["name"]
    base_form_class = ProgramAdminForm


class StaffMemberForm(ScopedAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and "user" in self.fields and not user.is_superuser:
            # Colleagues in the user's programs, or accounts not yet in any program
            # (and never a job seeker's portal account).
            self.fields["user"].queryset = (
                get_user_model()
                .objects.filter(
                    Q(staff_memberships__program_id__in=program_ids(user))
                    | Q(staff_memberships__isnull=True)
                )
                .filter(job_seeker__isnull=True)
                .distinct()
            )

    def clean(self):
        """Nobody gives a role above their own, or changes the row of someone above them."""
        cleaned = super().clean()
        user, program, role = self.for_user, cleaned.get("program"), cleaned.get("role")
        if user is None or user.is_superuser or program is None:
            return cleaned
        own = ROLE_RANK.get(program_roles(user).get(program.pk), 0)
        stored = self.instance.role if self.instance.pk else None  # not yet overwritten
        for wanted in (role, stored):
            if wanted and ROLE_RANK[wanted] > own:
                label = Role(wanted).label.lower()
                self.add_error("role", f"Only a {label} can give or change the role {label}.")
                break
        return cleaned


class PlainStaffTitleMixin:
    """A staff member's page titled by their name ("Angela Carter"). StaffMember.__str__
    is that name too now (issue 17); this keeps the title so should __str__ change again."""

    object: StaffMember

    def get_page_subtitle(self):
        return self.object.display_name

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()  # type: ignore[misc]
        full = str(self.object)
        return [
            {**item, "label": self.object.display_name} if item.get("label") == full else item
            for item in items
        ]


class StaffEditView(PlainStaffTitleMixin, ScopedEditView):
    pass


class StaffInspectView(PlainStaffTitleMixin, ScopedInspectView):
    pass


class StaffMemberViewSet(ScopedModelViewSet):
    edit_view_class = StaffEditView
    inspect_view_class = StaffInspectView
    model = StaffMember
    icon = "user"
    menu_label = "Staff"
    form_fields = ["user", "program", "role", "fte", "active", "digest_opt_in"]
    list_display = ["user", "program", "role", "fte", "active"]
    list_filter = ["program", "role", "active"]
    list_select_related = ("user", "program")
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    list_export = ["user__email", "program__name", "role", "fte", "active"]
    export_headings = {"user__email": "Email", "program__name": "Program"}
    base_form_class = StaffMemberForm


class MentalHealthTeamViewSet(ScopedModelViewSet):
    model = MentalHealthTeam
    icon = "group"
    menu_label = "Mental-health teams"
    form_fields = ["program", "name"]
    list_display = ["name", "program"]
    list_filter = ["program"]
    list_select_related = ("program",)
    search_fields = ["name"]


class TimeEntryForm(ScopedAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and "staff" in self.fields and not user.is_superuser:
            # Leadership logs anyone's time in their programs; others only their own
            # (the only entries they can see again).
            self.fields["staff"].queryset = self.fields["staff"].queryset.filter(
                Q(program_id__in=program_ids(user, LEADERSHIP)) | Q(user=user)
            )
            # Someone who logs only their own time is named, not asked (issue 17, item 5).
            settle_only_choice(self, "staff", show=True)


class TimeEntryCreateView(EventCreateView):
    """A time entry added on the workspace screen goes through `log_time_entry`."""

    def record(self, form):
        data = form.cleaned_data
        return log_time_entry(
            **{name: data[name] for name in ("staff", "date", "hours", "activity", "location")},
            idempotency_key=form.submission_key,
            allow_duplicate=form.allow_duplicate,
        )


class TimeEntryViewSet(ScopedModelViewSet):
    model = TimeEntry
    add_view_class = TimeEntryCreateView
    icon = "time"
    menu_label = "Time entries"
    form_fields = ["program", "staff", "date", "hours", "activity", "location"]
    list_display = ["date", "staff", "hours", "activity", "location"]
    list_filter = ["program", "activity", "location", "date"]
    list_select_related = ("staff__user", "staff__program", "program")
    list_export = ["date", "staff__user__email", "hours", "activity", "location"]
    base_form_class = TimeEntryForm


class OccupationViewSet(ReferenceViewSet):
    model = Occupation
    icon = "tag"
    menu_label = "Occupations (O*NET)"
    form_fields = ["code", "title", "description"]
    list_display = ["title", "code"]
    search_fields = ["title", "code"]
    list_per_page = 50


class AuditEventViewSet(ScopedModelViewSet):
    """Read-only trail for supervisors and directors (they hold only the view permission)."""

    model = AuditEvent
    icon = "history"
    menu_label = "Audit trail"
    form_fields = ["summary"]
    list_display = [
        "at",
        "user_label",
        "action",
        "record_type",
        "object_id",
        "seeker_id",
        Column("ip_address", label="IP address"),
    ]
    list_filter = ["action", "object_type", "at"]
    search_fields = ["user_label", "object_type", "object_id"]
    # Read as the listing reads: local time, the action and the record type in words
    # ("Viewed", "Job seeker"), not the stored keys ("view", "jobseekers.jobseeker") or a
    # UTC time stamp to the microsecond; the interchange spec names no audit export. The
    # time is a date-time cell in the workbook (ips.workspace.exports writes it local).
    list_export = [
        "at",
        "user_label",
        "get_action_display",
        "record_type",
        "object_id",
        "seeker_id",
        "summary",
        "ip_address",
    ]
    export_headings = {
        "at": "When (local time)",
        "user_label": "Who",
        "get_action_display": "Action",
        "record_type": "Record",
        "object_id": "Record id",
        "seeker_id": "Job seeker id",
        "summary": "Details",
        "ip_address": "IP address",
    }


class ProgramGroup(ViewSetGroup):
    menu_label = "Program"
    menu_icon = "home"
    menu_order = 900
    items = (
        ProgramViewSet("programs"),
        StaffMemberViewSet("staff"),
        MentalHealthTeamViewSet("mh_teams"),
        TimeEntryViewSet("time_entries"),
        OccupationViewSet("occupations"),
        AuditEventViewSet("audit"),
    )
