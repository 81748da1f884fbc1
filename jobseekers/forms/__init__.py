"""Workspace forms for job seekers. Forms validate and normalise; services write.

One module per subject (issue 15):

- `common`: what the forms share (date widget, choices, service errors on a form, today);
- `records`: referral, entry, stage moves and closing a record;
- `profile`: the career profile and work history;
- `assessment`: the domain assessment;
- `plans`: goals, interventions, cultural preferences, family consent, coordination;
- `benefits`: the benefits estimate, counselling and wage reports;
- `jobs`: job starts and ends;
- `matches`: what staff record about a match or an interest.

Callers import from `jobseekers.forms` as before; the names below are the public ones."""

from jobseekers.forms.assessment import (
    DOMAIN_PARTS,
    DOMAIN_TEXT_PARTS,
    RATING_CHOICES,
    AssessmentForm,
    ContinueAssessmentForm,
)
from jobseekers.forms.benefits import (
    STATE_CHOICES,
    BenefitsEstimateForm,
    CounsellingForm,
    WageReportForm,
)
from jobseekers.forms.common import (
    BENEFITS_CHOICES,
    DATE,
    SOURCE_CHOICES,
    apply_service_errors,
    today,
)
from jobseekers.forms.jobs import JobEndForm, JobStartForm, offer_coaches
from jobseekers.forms.matches import InterestHandledForm, MatchUnsuitableForm
from jobseekers.forms.plans import (
    CoordinationContactForm,
    CulturalPreferenceForm,
    FamilyConsentForm,
    GoalForm,
    GoalStatusForm,
    InterventionForm,
    WithdrawConsentForm,
)
from jobseekers.forms.profile import PROFILE_M2M, CareerProfileForm, WorkHistoryForm
from jobseekers.forms.records import CloseForm, EntryForm, ReferralForm, StageForm, specialists_for

__all__ = [
    "AssessmentForm",
    "BENEFITS_CHOICES",
    "BenefitsEstimateForm",
    "CareerProfileForm",
    "CloseForm",
    "ContinueAssessmentForm",
    "CoordinationContactForm",
    "CounsellingForm",
    "CulturalPreferenceForm",
    "DATE",
    "DOMAIN_PARTS",
    "DOMAIN_TEXT_PARTS",
    "EntryForm",
    "FamilyConsentForm",
    "GoalForm",
    "GoalStatusForm",
    "InterestHandledForm",
    "InterventionForm",
    "JobEndForm",
    "JobStartForm",
    "MatchUnsuitableForm",
    "PROFILE_M2M",
    "RATING_CHOICES",
    "ReferralForm",
    "SOURCE_CHOICES",
    "STATE_CHOICES",
    "StageForm",
    "WageReportForm",
    "WithdrawConsentForm",
    "WorkHistoryForm",
    "apply_service_errors",
    "offer_coaches",
    "specialists_for",
    "today",
]
