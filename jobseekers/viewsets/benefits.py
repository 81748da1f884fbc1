"""Workspace screens for benefits counselling and the yearly benefits figures."""

from wagtail.admin.views.generic import IndexView

from ips.workspace import (
    ReferenceViewSet,
    ScopedModelViewSet,
)
from jobseekers.models import (
    BenefitsCounselling,
    BenefitsParameters,
    Medicaid1619bThreshold,
)


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
