"""The Job seekers menu group of the workspace."""

from wagtail.admin.viewsets.base import ViewSetGroup

from jobseekers.viewsets.benefits import (
    BenefitsCounsellingViewSet,
    BenefitsParametersViewSet,
    Medicaid1619bThresholdViewSet,
)
from jobseekers.viewsets.jobs import JobViewSet, MatchViewSet
from jobseekers.viewsets.records import CareerProfileViewSet, DomainAssessmentViewSet, GoalViewSet
from jobseekers.viewsets.seekers import JobSeekerViewSet


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
