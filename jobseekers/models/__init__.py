"""Job seekers: referral to job, the career profile, PSR assessment and goals,
benefits, job starts, and the recommender's stored matches; one module each:
`records` (JobSeeker, CareerProfile, the row querysets), `psr`, `involvement` (culture,
family consent, coordination), `benefits`, `jobs`, `matches`, `checkins`.

Django finds the models through the imports below (app label `jobseekers`, tables
unchanged); callers import from `jobseekers.models` as before."""

from jobseekers.models.benefits import (
    BenefitsCounselling,
    BenefitsParameters,
    Medicaid1619bThreshold,
    WageReport,
)
from jobseekers.models.checkins import StatusCheckIn
from jobseekers.models.involvement import (
    CoordinationContact,
    CulturalPreference,
    FamilyConsent,
    FamilyConsentQuerySet,
)
from jobseekers.models.jobs import Job, JobQuerySet
from jobseekers.models.matches import (
    InterestWithdrawal,
    Match,
    MatchModel,
    MatchOutcome,
    MatchQuerySet,
)
from jobseekers.models.psr import (
    BasicNeed,
    Domain,
    DomainAssessment,
    DomainRating,
    Goal,
    GoalReview,
    GoalStep,
    Intervention,
    InterventionReview,
    InterventionRowQuerySet,
)
from jobseekers.models.records import (
    AssessmentRowQuerySet,
    CareerProfile,
    CareerProfileQuerySet,
    GoalRowQuerySet,
    JobSeeker,
    JobSeekerQuerySet,
    SeekerRowQuerySet,
)

__all__ = [
    "AssessmentRowQuerySet",
    "BasicNeed",
    "BenefitsCounselling",
    "BenefitsParameters",
    "CareerProfile",
    "CareerProfileQuerySet",
    "CoordinationContact",
    "CulturalPreference",
    "Domain",
    "DomainAssessment",
    "DomainRating",
    "FamilyConsent",
    "FamilyConsentQuerySet",
    "Goal",
    "GoalReview",
    "GoalRowQuerySet",
    "GoalStep",
    "InterestWithdrawal",
    "Intervention",
    "InterventionReview",
    "InterventionRowQuerySet",
    "Job",
    "JobQuerySet",
    "JobSeeker",
    "JobSeekerQuerySet",
    "Match",
    "MatchModel",
    "MatchOutcome",
    "MatchQuerySet",
    "Medicaid1619bThreshold",
    "SeekerRowQuerySet",
    "StatusCheckIn",
    "WageReport",
]
