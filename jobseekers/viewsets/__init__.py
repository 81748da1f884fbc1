"""Workspace screens for job seekers.

One module per subject (issue 15):

- `common`: what the screens share (service errors on the form, sending edits to the record);
- `seekers`: the Job seekers screens (a person added is a referral);
- `records`: career profiles, PSR assessments, goals;
- `jobs`: jobs and matches;
- `benefits`: benefits counselling and the yearly benefits figures;
- `group`: the menu group that holds them;
- `choosers`: the occupation and employer choosers.

Callers import from `jobseekers.viewsets` as before; the names below are the public ones."""

from jobseekers.viewsets.benefits import (
    BenefitsCounsellingViewSet,
    BenefitsParametersViewSet,
    Medicaid1619bThresholdViewSet,
    ThresholdIndexView,
)
from jobseekers.viewsets.choosers import (
    EmployerChooseResultsView,
    EmployerChooserViewSet,
    EmployerChooseView,
    EmployerSearchForm,
    OccupationChooseResultsView,
    OccupationChooserViewSet,
    OccupationChooserWidget,
    OccupationChooseView,
    OccupationChosenView,
    OccupationColumnsMixin,
    OccupationSearchForm,
    ScopedEmployerListMixin,
    employer_chooser_viewset,
    occupation_chooser_viewset,
)
from jobseekers.viewsets.common import ServiceErrorsMixin, ToRecordMixin
from jobseekers.viewsets.group import JobSeekersGroup
from jobseekers.viewsets.jobs import JobAddView, JobAdminForm, JobEditView, JobViewSet, MatchViewSet
from jobseekers.viewsets.records import (
    CareerProfileViewSet,
    DomainAssessmentViewSet,
    GoalViewSet,
    ProfileAddView,
    ProfileEditView,
)
from jobseekers.viewsets.seekers import (
    SEEKER_CREATE_FIELDS,
    JobSeekerViewSet,
    SeekerCreateView,
    SeekerEditView,
)

__all__ = [
    "BenefitsCounsellingViewSet",
    "BenefitsParametersViewSet",
    "CareerProfileViewSet",
    "DomainAssessmentViewSet",
    "EmployerChooseResultsView",
    "EmployerChooseView",
    "EmployerChooserViewSet",
    "EmployerSearchForm",
    "GoalViewSet",
    "JobAddView",
    "JobAdminForm",
    "JobEditView",
    "JobSeekerViewSet",
    "JobSeekersGroup",
    "JobViewSet",
    "MatchViewSet",
    "Medicaid1619bThresholdViewSet",
    "OccupationChooseResultsView",
    "OccupationChooseView",
    "OccupationChooserViewSet",
    "OccupationChooserWidget",
    "OccupationChosenView",
    "OccupationColumnsMixin",
    "OccupationSearchForm",
    "ProfileAddView",
    "ProfileEditView",
    "SEEKER_CREATE_FIELDS",
    "ScopedEmployerListMixin",
    "SeekerCreateView",
    "SeekerEditView",
    "ServiceErrorsMixin",
    "ThresholdIndexView",
    "ToRecordMixin",
    "employer_chooser_viewset",
    "occupation_chooser_viewset",
]
