"""Follow-along support after a job start: the support log, job support plans,
retention milestones and follow-up tasks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format

from employers.models import JobOpening
from ips.idempotency import key_constraint, key_field
from ips.models import Program, StaffMember
from ips.querysets import ProgramScopedQuerySet
from ips.retention import RETENTION_DAYS
from ips.versioning import Versioned
from jobseekers.models import InterestWithdrawal, Job, JobSeeker, MatchOutcome, SeekerRowQuerySet


class SupportContact(Versioned):
    """One follow-along contact (the job coach's log; fidelity item V12)."""

    class Mode(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face to face"
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"
        VIDEO = "video", "Video call"
        TEXT = "text", "Text message"

    class Location(models.TextChoices):
        WORKPLACE = "workplace", "At work"
        COMMUNITY = "community", "In the community"
        OFFICE = "office", "In the office"
        HOME = "home", "At home"

    class WithWhom(models.TextChoices):
        WORKER = "worker", "The worker"
        EMPLOYER = "employer", "Employer"
        FAMILY = "family", "Family"
        TEAM = "team", "Mental-health team"
        VR = "vr", "VR counsellor"

    class SupportType(models.TextChoices):
        COACHING = "coaching", "On-the-job coaching"
        SCHEDULE_TRANSPORT = "schedule_transport", "Schedule or transport help"
        EMPLOYER_MEETING = "employer_meeting", "Employer meeting"
        BENEFITS_REPORTING = "benefits_reporting", "Benefits reporting"
        ACCOMMODATION = "accommodation", "Accommodation"
        PROBLEM_SOLVING = "problem_solving", "Problem-solving"
        CAREER_DEVELOPMENT = "career_development", "Career development"
        OTHER = "other", "Other"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    staff = models.ForeignKey(
        StaffMember, on_delete=models.PROTECT, related_name="support_contacts"
    )
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="support_contacts")
    job = models.ForeignKey(
        Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="support_contacts"
    )
    with_whom = models.JSONField(default=list, blank=True)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.FACE_TO_FACE)
    location = models.CharField(max_length=20, choices=Location.choices, blank=True)
    minutes = models.PositiveIntegerField(null=True, blank=True)
    support_types = models.JSONField(default=list, blank=True)
    still_employed = models.BooleanField(
        null=True, blank=True, help_text="Asked at a retention milestone: still in this job?"
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    idempotency_key = key_field()

    # The same coach, person, day and way minutes apart is a double submission.
    DUPLICATE_FIELDS = ("staff", "seeker", "date", "mode")

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mode__in=["face_to_face", "phone", "email", "video", "text"]),
                name="support_contact_mode_known",
            ),
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(minutes__lte=24 * 60),
                name="support_contact_minutes_at_most_a_day",
            ),
            key_constraint("support_contact"),
        ]
        indexes = [models.Index(fields=["program", "date"]), models.Index(fields=["job", "date"])]

    def __str__(self) -> str:
        return f"{date_format(self.date)} {self.get_mode_display()} support for {self.seeker}"


class JobSupportPlan(Versioned):
    """What helps the person keep this job, who helps, what the employer knows, the fading plan."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="support_plan")
    what_helps = models.TextField(blank=True)
    natural_supports_work = models.TextField("natural supports at work", blank=True)
    natural_supports_home = models.TextField("natural supports at home", blank=True)
    employer_knows = models.TextField(
        "what the employer knows",
        blank=True,
        help_text="Only what the person chose to disclose.",
    )
    fading_plan = models.TextField(blank=True)
    coach = models.ForeignKey(
        StaffMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coached_plans",
        help_text="The job coach who follows this job; their due list shows its checks.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgramScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Support plan for {self.job}"


class RetentionMilestone(Versioned):
    """What a person recorded at a 30/90/180/365-day retention check: still in the job or
    not, on which day, at which support contact (whose staff member is who asked).

    Only answers are stored. When a check falls due, and whether it is still a reminder,
    is derived from the job and the record (coaching.schedule.retention_checks), so a
    corrected start date, an ended job or a closed record never leaves a stale date."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="milestones")
    days = models.PositiveSmallIntegerField()
    confirmed_on = models.DateField()
    still_employed = models.BooleanField()
    confirmed_by = models.ForeignKey(
        SupportContact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProgramScopedQuerySet.as_manager()

    class Meta:
        ordering = ["job", "days"]
        verbose_name = "retention check answer"
        constraints = [
            models.UniqueConstraint(fields=["job", "days"], name="one_milestone_per_job_and_day"),
            models.CheckConstraint(
                condition=Q(days__in=list(RETENTION_DAYS)), name="milestone_days_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.days}-day check for {self.job}"


class FollowUpTask(Versioned):
    """A task such as re-engaging a person in the job search within 3 days of a job loss."""

    class Kind(models.TextChoices):
        REENGAGE = "reengage", "Re-engage in the job search after a job ended"
        PROFILE_UPDATE = "profile_update", "Update the career profile"
        INTRODUCTION = "introduction", "Introduce the person to an employer"
        OTHER = "other", "Other"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="follow_ups")
    job = models.ForeignKey(
        Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    assigned_to = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    created_on = models.DateField()
    due_date = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    opening = models.ForeignKey(
        JobOpening,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The matched opening an introduction is planned for (kind INTRODUCTION).",
    )

    objects = SeekerRowQuerySet.as_manager()

    def clean(self):
        """A task's job is its person's own (a red-team edit saved one person's task on
        another person's job, issue 17); ValidationError on the job field otherwise."""
        super().clean()
        if self.job_id and self.seeker_id and self.job.seeker_id != self.seeker_id:
            raise ValidationError({"job": "Choose one of this person's own jobs."})

    class Meta:
        ordering = ["due_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__gte=F("created_on")), name="follow_up_due_not_before_created"
            ),
            # "Plan an introduction" pressed twice plans one (red-team finding, issue 17).
            models.UniqueConstraint(
                fields=["seeker", "opening"],
                condition=Q(kind="introduction", done_on__isnull=True),
                name="one_open_introduction_per_match",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.seeker}"


class DigestLog(models.Model):
    """One morning digest per staff member and day: claimed before sending, so a task
    that runs twice sends once; `sent_at` stays empty while a send is in flight."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="digests")
    day = models.DateField()
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    item_count = models.PositiveIntegerField(default=0)

    objects = ProgramScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "day"], name="one_digest_per_staff_and_day"),
        ]

    def __str__(self) -> str:
        return f"Digest for {self.staff_id} on {self.day}"


class InterestNotice(models.Model):
    """The email telling a specialist that a job seeker is interested in an opening;
    one per outcome, claimed before sending like DigestLog."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    outcome = models.OneToOneField(
        MatchOutcome, on_delete=models.CASCADE, related_name="interest_notice"
    )
    recipient = models.EmailField(blank=True)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = ProgramScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Interest notice for outcome {self.outcome_id}"


class WithdrawalNotice(models.Model):
    """The email telling a specialist that a job seeker took back "I'm interested";
    one per withdrawal, claimed before sending like InterestNotice."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    withdrawal = models.OneToOneField(
        InterestWithdrawal, on_delete=models.CASCADE, related_name="notice"
    )
    recipient = models.EmailField(blank=True)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = ProgramScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Withdrawal notice {self.withdrawal_id}"
