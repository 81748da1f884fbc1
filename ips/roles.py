"""Staff roles and the programs a user works in.

Every staff-side read starts from `Model.objects.for_user(user)`; these helpers
answer "which programs, in which role" once per request (cached on the user).
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    SPECIALIST = "specialist", "Employment specialist"
    COACH = "coach", "Job coach"
    SUPERVISOR = "supervisor", "Supervisor"
    DIRECTOR = "director", "Director"


# The Django group each role's users belong to (created by migration ips 0002).
GROUP_FOR_ROLE = {
    Role.SPECIALIST: "Employment specialists",
    Role.COACH: "Job coaches",
    Role.SUPERVISOR: "Supervisors",
    Role.DIRECTOR: "Directors",
}
EDITOR_GROUP = "Editors"  # Wagtail's own group for page editing

LEADERSHIP = frozenset({Role.SUPERVISOR, Role.DIRECTOR})
# Roles that do casework with job seekers and employers (coaches do follow-along only).
CASEWORK_ROLES = frozenset({Role.SPECIALIST, *LEADERSHIP})
# The workspace menu shows each role its own work (issue 17): casework entries (the quick
# log, My week, the caseload, a new referral, portal invitations) to those who carry
# people and employers, follow-along entries (what's due, the support log) to those who
# coach too. A director oversees (the figures, reviews, the import) and reaches a casework
# screen from a record when needed: what each role may open is still ROLE_PERMISSIONS.
CASEWORK_MENU_ROLES = frozenset({Role.SPECIALIST, Role.SUPERVISOR})
FOLLOW_ALONG_MENU_ROLES = frozenset({Role.SPECIALIST, Role.COACH, Role.SUPERVISOR})
# Nobody gives a role above their own (a supervisor makes nobody director).
ROLE_RANK: dict[str, int] = {
    Role.SPECIALIST: 1,
    Role.COACH: 1,
    Role.SUPERVISOR: 2,
    Role.DIRECTOR: 3,
}


def program_roles(user) -> dict[int, str]:
    """Map program id -> role for the user's active staff memberships (cached on the user)."""
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, "_ips_program_roles", None)
    if cached is None:
        from ips.models import StaffMember  # late: roles is imported by models

        cached = dict(
            StaffMember.objects.filter(user=user, active=True).values_list("program_id", "role")
        )
        user._ips_program_roles = cached
    return cached


def program_ids(user, roles: frozenset[str] | set[str] | None = None) -> list[int]:
    """Programs where the user is active staff, optionally only in the given roles."""
    return [pid for pid, role in program_roles(user).items() if roles is None or role in roles]


def is_staff_member(user) -> bool:
    return bool(
        user is not None and user.is_authenticated and (user.is_superuser or program_roles(user))
    )


def has_role(user, roles: frozenset[str] | set[str], program_id: int | None = None) -> bool:
    """True when the user holds one of `roles` (in `program_id`, if given)."""
    if user.is_superuser:
        return True
    return any(
        role in roles and (program_id is None or pid == program_id)
        for pid, role in program_roles(user).items()
    )


# What each role may do, per model ("app_label.model": actions). Rows are still
# limited to the user's programs by `for_user`; this only decides the actions.
_CASEWORK = ("view", "add", "change")
_READ = ("view",)
_ALL = ("view", "add", "change", "delete")

ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    Role.SPECIALIST: {
        "ips.program": _READ,
        "ips.staffmember": _READ,
        "ips.mentalhealthteam": _READ,
        "ips.timeentry": _CASEWORK,
        "ips.occupation": _READ,
        "employers.employer": _CASEWORK,
        "employers.employerperson": _CASEWORK,
        "employers.employercontact": _CASEWORK,
        "employers.jobopening": _CASEWORK,
        "jobseekers.jobseeker": _CASEWORK,
        "jobseekers.careerprofile": _CASEWORK,
        "jobseekers.domainassessment": _CASEWORK,
        "jobseekers.domainrating": _CASEWORK,
        "jobseekers.goal": _CASEWORK,
        "jobseekers.goalstep": _CASEWORK,
        "jobseekers.goalreview": _CASEWORK,
        "jobseekers.intervention": _CASEWORK,
        "jobseekers.interventionreview": _CASEWORK,
        "jobseekers.culturalpreference": _CASEWORK,
        "jobseekers.familyconsent": _CASEWORK,
        "jobseekers.basicneed": _CASEWORK,
        "jobseekers.coordinationcontact": _CASEWORK,
        "jobseekers.benefitscounselling": _CASEWORK,
        "jobseekers.benefitsparameters": _READ,
        "jobseekers.medicaid1619bthreshold": _READ,
        "jobseekers.job": _CASEWORK,
        "jobseekers.match": _READ,
        "jobseekers.matchoutcome": _CASEWORK,
        "jobseekers.statuscheckin": _CASEWORK,
        "coaching.supportcontact": _CASEWORK,
        "coaching.jobsupportplan": _CASEWORK,
        "coaching.retentionmilestone": _CASEWORK,
        "coaching.followuptask": _CASEWORK,
    },
    Role.COACH: {
        "ips.program": _READ,
        "ips.staffmember": _READ,
        "ips.timeentry": _CASEWORK,
        "ips.occupation": _READ,
        "employers.employer": _READ,
        "employers.employerperson": _READ,
        "employers.jobopening": _READ,
        "jobseekers.jobseeker": _READ,
        "jobseekers.careerprofile": _READ,
        "jobseekers.job": ("view", "change"),
        "jobseekers.benefitsparameters": _READ,
        "jobseekers.medicaid1619bthreshold": _READ,
        "coaching.supportcontact": _CASEWORK,
        "coaching.jobsupportplan": _CASEWORK,
        "coaching.retentionmilestone": _CASEWORK,
        "coaching.followuptask": _CASEWORK,
    },
}
# Shared by every program (SSA's yearly figures, 1619(b) thresholds, O*NET): staff read
# them, only superusers write them (issue 13, finding 5).
REFERENCE_MODELS = frozenset(
    {"ips.occupation", "jobseekers.benefitsparameters", "jobseekers.medicaid1619bthreshold"}
)
_LEADERSHIP_MODELS = {
    label: _READ if label in REFERENCE_MODELS else _ALL
    for label in ROLE_PERMISSIONS[Role.SPECIALIST]
}
_LEADERSHIP_MODELS.update(
    {
        "ips.program": ("view", "change"),
        "ips.auditevent": _READ,
        # Worked out by the recommender: read, never edited (red-team finding, issue 17:
        # leaders could edit the raw score). Staff act on a match through its actions
        # (tell the person, plan an introduction, not suitable: MatchOutcome and services).
        "jobseekers.match": _READ,
        # Fidelity reviews; their view permission also opens the program's figures
        # (fidelity dashboard, report exports, life outcomes).
        "fidelity.fidelityreview": _ALL,
        "importer.importupload": ("view", "add"),
    }
)
ROLE_PERMISSIONS[Role.SUPERVISOR] = _LEADERSHIP_MODELS
ROLE_PERMISSIONS[Role.DIRECTOR] = _LEADERSHIP_MODELS


def role_allows(role: str | None, permission: str) -> bool:
    """True when ROLE_PERMISSIONS gives `role` the Django permission "app.action_model"."""
    if role is None or "." not in permission or "_" not in permission:
        return False
    app_label, codename = permission.split(".", 1)
    action, model = codename.split("_", 1)
    return action in ROLE_PERMISSIONS.get(role, {}).get(f"{app_label}.{model}", ())


def sync_role_permissions(**kwargs) -> None:
    """Give each role group exactly the model permissions of ROLE_PERMISSIONS (idempotent)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    for label in ("ips", "employers", "jobseekers", "coaching", "fidelity", "importer"):
        create_permissions(apps.get_app_config(label), verbosity=0)
    owned = {label.split(".")[0] for perms in ROLE_PERMISSIONS.values() for label in perms}
    for role, table in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=GROUP_FOR_ROLE[role])
        wanted = set()
        for label, actions in table.items():
            app_label, model = label.split(".")
            for action in actions:
                wanted.add((app_label, f"{action}_{model}"))
        keep = [
            p
            for p in group.permissions.select_related("content_type")
            if p.content_type.app_label not in owned
        ]
        perms = [
            p
            for p in Permission.objects.filter(content_type__app_label__in=owned).select_related(
                "content_type"
            )
            if (p.content_type.app_label, p.codename) in wanted
        ]
        group.permissions.set(keep + perms)
