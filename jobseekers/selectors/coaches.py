"""The job coaches a job start may name, the least busy first."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ips.models import Program, StaffMember
from ips.roles import Role


@dataclass(frozen=True)
class CoachChoice:
    staff: StaffMember
    people: int  # people in a job (not ended) whose support plan this coach follows


def coach_choices(program: Program | QuerySet[Program]) -> list[CoachChoice]:
    """The program's active job coaches for a job start's "Who is the coach?", the one
    following the fewest people in a job first (the default: issue 17, item 4), then by
    name. `program` may be a queryset of programs (a new support plan, whose job is not
    chosen yet: the coaches of every program the user may add one to). `coached_plans` is
    coaching.JobSupportPlan.coach's reverse name (read by name only: this layer does not
    import coaching). One query."""
    in_program = Q(program=program) if isinstance(program, Program) else Q(program__in=program)
    coaches = (
        StaffMember.objects.filter(in_program, role=Role.COACH, active=True)
        .select_related("user", "program")
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
