"""Workspace screens for follow-along support."""

from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.base import ViewSetGroup

from coaching.forms import JobSupportPlanAdminForm, SupportContactAdminForm
from coaching.models import FollowUpTask, JobSupportPlan, RetentionMilestone, SupportContact
from coaching.services import correct_retention_answer, log_support_contact
from ips.workspace import EventCreateView, ScopedEditView, ScopedModelViewSet
from jobseekers.viewsets import ServiceErrorsMixin, ToRecordMixin


class AnswerAddView(ToRecordMixin, CreateView):
    """An answer is recorded with the support contact it was given at (the support log
    confirms the check and opens the re-engage task), never as a bare row."""

    message = "Record a retention check's answer on the support log: What's due, Record the check."


class AnswerEditView(ServiceErrorsMixin, ScopedEditView):
    """A correction goes through `correct_retention_answer` (a "no" opens the re-engage
    task); which check was answered is not editable."""

    def save_instance(self):
        data = self.form.cleaned_data
        return correct_retention_answer(
            milestone=self.object,
            confirmed_on=data["confirmed_on"],
            still_employed=data["still_employed"],
            expected_version=self.expected_version,
        )


class SupportContactCreateView(EventCreateView):
    """A support contact added on the workspace screen goes through `log_support_contact`
    (and, answering "still in this job?", confirms the due retention check)."""

    def record(self, form):
        data = form.cleaned_data
        return log_support_contact(
            **{name: data[name] for name in SUPPORT_FIELDS},
            idempotency_key=form.submission_key,
            allow_duplicate=form.allow_duplicate,
        )


SUPPORT_FIELDS = (
    "staff",
    "seeker",
    "date",
    "mode",
    "job",
    "with_whom",
    "location",
    "minutes",
    "support_types",
    "still_employed",
    "notes",
)


class SupportContactViewSet(ScopedModelViewSet):
    model = SupportContact
    add_view_class = SupportContactCreateView
    icon = "clipboard-list"
    menu_label = "Support contacts"
    base_form_class = SupportContactAdminForm
    form_fields = [
        "program",
        "date",
        "staff",
        "seeker",
        "job",
        "with_whom",
        "mode",
        "location",
        "minutes",
        "support_types",
        "still_employed",
        "notes",
    ]
    list_display = ["date", "seeker", "staff", "mode", "location", "minutes"]
    list_filter = ["program", "mode", "location", "date"]
    list_select_related = ("seeker", "staff__user", "staff__program")
    search_fields = ["seeker__name", "notes"]
    list_export = [
        "date",
        "seeker__ref",
        "staff__user__email",
        "mode",
        "location",
        "minutes",
        "notes",
    ]


class JobSupportPlanViewSet(ScopedModelViewSet):
    model = JobSupportPlan
    icon = "doc-full"
    menu_label = "Job support plans"
    base_form_class = JobSupportPlanAdminForm
    form_fields = [
        "program",
        "job",
        "coach",
        "what_helps",
        "natural_supports_work",
        "natural_supports_home",
        "employer_knows",
        "fading_plan",
    ]
    list_display = ["job", "updated_at"]
    list_filter = ["program"]
    list_select_related = ("job__employer", "job__seeker")
    search_fields = ["job__seeker__name", "job__title"]


class RetentionMilestoneViewSet(ScopedModelViewSet):
    model = RetentionMilestone
    add_view_class = AnswerAddView
    edit_view_class = AnswerEditView
    icon = "date"
    menu_label = "Retention check answers"
    form_fields = ["confirmed_on", "still_employed"]
    list_display = ["job", "days", "confirmed_on", "still_employed"]
    list_filter = ["program", "days", "confirmed_on"]
    list_select_related = ("job__employer", "job__seeker")
    search_fields = ["job__seeker__name"]


class FollowUpTaskViewSet(ScopedModelViewSet):
    model = FollowUpTask
    icon = "warning"
    menu_label = "Follow-up tasks"
    form_fields = [
        "program",
        "seeker",
        "job",
        "kind",
        "assigned_to",
        "created_on",
        "due_date",
        "done_on",
        "note",
    ]
    list_display = ["seeker", "kind", "due_date", "done_on"]
    list_filter = ["program", "kind", "due_date"]
    list_select_related = ("seeker",)
    search_fields = ["seeker__name"]


class CoachingGroup(ViewSetGroup):
    menu_label = "Follow-along"
    menu_icon = "clipboard-list"
    menu_order = 300
    items = (
        SupportContactViewSet("support_contacts"),
        RetentionMilestoneViewSet("milestones"),
        JobSupportPlanViewSet("support_plans"),
        FollowUpTaskViewSet("follow_ups"),
    )
