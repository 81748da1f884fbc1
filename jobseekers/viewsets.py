"""Workspace screens for job seekers."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup

from employers.models import Employer
from ips.forms import ScopedAdminModelForm
from ips.models import Occupation
from ips.search import folded_q
from ips.validators import InputDomainMixin
from ips.versioning import StaleCopyError
from ips.workspace import (
    ReferenceViewSet,
    ScopedChooseResultsView,
    ScopedChooserViewSet,
    ScopedChooserWidget,
    ScopedChooseView,
    ScopedChosenView,
    ScopedEditView,
    ScopedModelViewSet,
)
from jobseekers.matching.reasons import fit_words
from jobseekers.models import (
    BenefitsCounselling,
    BenefitsParameters,
    CareerProfile,
    DomainAssessment,
    Goal,
    Job,
    JobSeeker,
    Match,
    Medicaid1619bThreshold,
)
from jobseekers.services import (
    PROFILE_FIELDS,
    check_competitive_wage,
    refer_seeker,
    update_job,
    update_seeker_details,
)


class ServiceErrorsMixin:
    """A service's ValidationError shows on the form (field by field) and nothing is saved."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except StaleCopyError:
            raise
        except ValidationError as error:
            for name, messages_ in error.message_dict.items():
                form.add_error(name if name in form.fields else None, messages_)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def _changes(form, names) -> dict:
    return {name: form.cleaned_data[name] for name in form.changed_data if name in names}


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


SEEKER_CREATE_FIELDS = (
    "ref", "name", "preferred_name", "email", "phone", "specialist", "mh_team",
    "referral_date", "referral_source", "employed_at_referral",
)  # fmt: skip


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
    form_fields = [
        "program",
        "ref",
        "name",
        "preferred_name",
        "email",
        "phone",
        "specialist",
        "mh_team",
        "referral_date",
        "referral_source",
        "employed_at_referral",
        "zip",
    ]
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


class ToRecordMixin:
    """Send "add" and "edit" to the seeker record, whose services keep the rules
    (profile versions, job-start hooks, the competitive-wage rule)."""

    message = "Use the person's record for this."

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is None:
            messages.info(request, self.message)
            return redirect("jobseekers:caseload")
        row = get_object_or_404(self.model._default_manager.for_user(request.user), pk=pk)
        return redirect(self.target_url_name, row.seeker_id)


class ProfileAddView(ToRecordMixin, CreateView):
    message = "Open the person's record to start or update their career profile."


class ProfileEditView(ToRecordMixin, ScopedEditView):
    target_url_name = "jobseekers:profile"


class JobAddView(ToRecordMixin, CreateView):
    message = "Open the person's record to record a job start."


class JobAdminForm(ScopedAdminModelForm):
    """Corrections to a job keep the competitive-wage rule."""

    def clean(self):
        cleaned = super().clean()
        program = cleaned.get("program") or getattr(self.instance, "program", None)
        if program is not None:
            try:
                check_competitive_wage(
                    program=program,
                    competitive=bool(cleaned.get("competitive")),
                    hourly_wage=cleaned.get("hourly_wage"),
                )
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    self.add_error(name, errors)
        return cleaned


class JobEditView(ServiceErrorsMixin, ScopedEditView):
    """Corrections go through `update_job` (B: a changed start date moves its checks)."""

    def save_instance(self):
        return update_job(
            job=self.object,
            changes=_changes(self.form, self.form.fields),
            by=self.request.user,
            expected_version=self.expected_version,
        )


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


class JobViewSet(ScopedModelViewSet):
    model = Job
    add_view_class = JobAddView
    edit_view_class = JobEditView
    base_form_class = JobAdminForm
    icon = "pick"
    menu_label = "Jobs"
    form_fields = [
        "program",
        "ref",
        "seeker",
        "employer",
        "opening",
        "title",
        "occupation",
        "start_date",
        "hours_per_week",
        "hourly_wage",
        "paid_hours_to_date",
        "competitive",
        "permanent",
        "disclosure",
        "end_note",
    ]
    list_display = ["title", "seeker", "employer", "start_date", "end_date"]
    list_filter = ["program", "competitive", "start_date"]
    list_select_related = ("seeker", "employer")
    search_fields = ["title", "seeker__name", "employer__name"]
    list_export = [
        "ref",
        "seeker__ref",
        "employer__name",
        "title",
        "start_date",
        "end_date",
        "hours_per_week",
        "hourly_wage",
        "competitive",
    ]


class BenefitsCounsellingViewSet(ScopedModelViewSet):
    model = BenefitsCounselling
    icon = "info-circle"
    menu_label = "Benefits counselling"
    form_fields = [
        "program",
        "seeker",
        "date",
        "planner",
        "counsellor",
        "outcome",
        "bpqy_received_on",
        "twp_months_used",
        "notes",
    ]
    list_display = ["seeker", "date", "planner", "outcome", "bpqy_received_on"]
    list_filter = ["program"]
    list_select_related = ("seeker",)
    search_fields = ["seeker__name"]


class MatchViewSet(ScopedModelViewSet):
    model = Match
    icon = "link"
    menu_label = "Matches"
    form_fields = ["program", "seeker", "opening", "score", "rank", "reasons"]
    # The place among the person's openings in words, never the raw score (issue 17).
    list_display = [
        "seeker",
        "opening",
        Column("rank", label="How well it fits", accessor=lambda m: fit_words(m.rank)),
    ]
    list_export = ["seeker", "opening", "rank"]
    export_headings = {"rank": "Place among the person's openings (1 = best fit)"}
    # What staff read on a match's page: not the raw score, the feature weights, or the
    # reasons written to the seeker ("you said..."), which the match cards word for staff.
    inspect_view_fields = ["seeker", "opening", "rank", "distance_miles", "computed_at"]
    list_filter = ["program"]
    list_select_related = ("seeker", "opening__employer")
    search_fields = ["seeker__name", "opening__title"]


class BenefitsParametersViewSet(ReferenceViewSet):
    model = BenefitsParameters
    icon = "table"
    menu_label = "Benefits parameters"
    form_fields = [
        "year",
        "sga_non_blind",
        "sga_blind",
        "trial_work_month_above",
        "ssi_fbr_individual",
        "ssi_fbr_couple",
        "general_exclusion",
        "earned_income_exclusion",
        "student_exclusion_monthly",
        "student_exclusion_yearly",
        "source",
    ]
    list_display = ["year", "sga_non_blind", "trial_work_month_above", "ssi_fbr_individual"]


class ThresholdIndexView(IndexView):
    def get_base_queryset(self):
        # Each row names its year (parameters.year): one query for the page, not one a row.
        return super().get_base_queryset().select_related("parameters")


class Medicaid1619bThresholdViewSet(ReferenceViewSet):
    model = Medicaid1619bThreshold
    index_view_class = ThresholdIndexView
    icon = "table"
    menu_label = "1619(b) thresholds"
    form_fields = ["parameters", "state", "threshold", "source"]
    list_display = ["state", "parameters", "threshold"]
    list_filter = ["parameters"]


class JobSeekersGroup(ViewSetGroup):
    menu_label = "Job seekers"
    menu_icon = "group"
    menu_order = 100
    items = (
        JobSeekerViewSet("seekers"),
        CareerProfileViewSet("career_profiles"),
        DomainAssessmentViewSet("assessments"),
        GoalViewSet("goals"),
        JobViewSet("jobs"),
        BenefitsCounsellingViewSet("benefits_counselling"),
        MatchViewSet("matches"),
        BenefitsParametersViewSet("benefits_parameters"),
        Medicaid1619bThresholdViewSet("medicaid_1619b_thresholds"),
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


class EmployerSearchForm(InputDomainMixin, BaseFilterForm):
    q = forms.CharField(
        label="Employer name",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "e.g. bakery"}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        words = folded_q(objects.model, ["name"], query)
        if words is not None:
            objects = objects.filter(words | Q(ref__iexact=query))
            self.is_searching = True
            self.search_query = query
        return objects


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
