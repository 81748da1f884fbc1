"""The job coaches a job start may name, the least busy first."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from ips.models import Program, StaffMember
from ips.roles import Role


@dataclass(frozen=True)
class CoachChoice:
    staff: StaffMember
    people: int  # people in a job (not ended) whose support plan this coach follows


def coach_choices(program: Program) -> list[CoachChoice]:
    """The program's active job coaches for a job start's "Who is the coach?", the one
    following the fewest people in a job first (the default: issue 17, item 4), then by
    name. `coached_plans` is coaching.JobSupportPlan.coach's reverse name (read by name
    only: this layer does not import coaching). One query."""
    coaches = (
        StaffMember.objects.filter(program=program, role=Role.COACH, active=True)
        .select_related("user")
        .annotate(
            people=Count(
                "coached_plans__job__seeker",
                filter=Q(coached_plans__job__end_date__isnull=True),
                distinct=True,
            )
        )
        .order_by("people", "user__first_name", "user__last_name", "pk")
    )
    return [CoachChoice(staff=c, people=c.people) for c in coaches]
