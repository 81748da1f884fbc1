"""The caseload dashboard and the caseload ratios. A fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery, Sum

from employers.models import EmployerContact
from ips.models import Program, StaffMember
from ips.roles import LEADERSHIP, Role, program_ids
from jobseekers import stages
from jobseekers.models import (
    DomainAssessment,
    JobSeeker,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


CLOSED_SHOWN_DAYS = 90


@dataclass(frozen=True)
class CaseloadRow:
    """One person on a caseload. `name` is the record's name, as every workspace screen
    shows it; `preferred_name` (empty when none) is shown beside it, marked as such."""

    seeker_id: int
    name: str
    stage: str
    stage_label: str
    specialist_id: int | None
    specialist_name: str
    specialist_fte: float | None
    entry_date: dt.date | None
    days_since_entry: int | None
    last_contact: dt.date | None
    days_since_contact: int | None
    rapid_search_missed: bool
    reassessment_due: dt.date | None
    profile_update_asked: bool
    program_id: int | None = None
    first_face_to_face: dt.date | None = None  # first employer contact naming them since entry
    preferred_name: str = ""

    @property
    def waiting_for_first_contact(self) -> bool:
        """Looking for work with no face-to-face employer contact on their behalf yet
        (fidelity item V4, rapid job search: spec/metrics.md)."""
        return self.stage in stages.SEARCHING_STAGES and self.first_face_to_face is None


@dataclass(frozen=True)
class ProgramRatio:
    program: str
    active_seekers: int
    specialist_fte: Decimal
    ratio: float | None
    standard: int

    @property
    def over_standard(self) -> bool:
        return self.ratio is not None and self.ratio > self.standard


UNASSIGNED = "No specialist yet"


@dataclass(frozen=True)
class SpecialistCaseload:
    name: str
    rows: list[CaseloadRow]
    active: int
    per_fte: float | None


@dataclass
class Caseload:
    today: dt.date
    rows: list[CaseloadRow]
    ratios: list[ProgramRatio] = field(default_factory=list)

    def by_stage(self) -> list[tuple[str, str, list[CaseloadRow]]]:
        """(stage, label, rows) in caseload order, empty stages included."""
        labels = dict(JobSeeker.Stage.choices)
        return [(s, labels[s], [r for r in self.rows if r.stage == s]) for s in stages.STAGES]

    def by_specialist(self) -> list[SpecialistCaseload]:
        """Each specialist's rows with their active count per FTE, unassigned last."""
        groups: dict[str, list[CaseloadRow]] = {}
        for row in self.rows:
            groups.setdefault(row.specialist_name or UNASSIGNED, []).append(row)
        result = []
        for name, rows in groups.items():
            active = sum(r.stage in stages.ACTIVE_STAGES for r in rows)
            fte = rows[0].specialist_fte
            ratio = stages.caseload_ratio(active, fte) if fte else None
            result.append(SpecialistCaseload(name=name, rows=rows, active=active, per_fte=ratio))
        return sorted(result, key=lambda g: (g.name == UNASSIGNED, g.name))

    @property
    def flagged(self) -> int:
        return sum(row.rapid_search_missed for row in self.rows)


def caseload_for(
    user, *, today: dt.date, specialist: StaffMember | None = None, program: Program | None = None
) -> Caseload:
    """The caseload dashboard: seekers by stage with days since entry and since the last
    employer contact naming them, the 30-day rapid-search flag (V4) and, for leadership,
    each program's caseload ratio (S1) against its standard. Three queries."""
    seekers = JobSeeker.objects.for_user(user).filter(
        Q(closed_date__isnull=True) | Q(closed_date__gte=today - dt.timedelta(CLOSED_SHOWN_DAYS))
    )
    if specialist is not None:
        seekers = seekers.filter(specialist=specialist)
    if program is not None:
        seekers = seekers.filter(program=program)
    latest_assessment = DomainAssessment.objects.filter(seeker=OuterRef("pk")).order_by(
        "-date", "-pk"
    )
    seekers = (
        seekers.select_related("specialist__user")
        .annotate(
            last_contact=Max("employer_contacts__date"),
            first_f2f=Min(
                "employer_contacts__date",
                filter=Q(
                    employer_contacts__mode=EmployerContact.Mode.FACE_TO_FACE,
                    employer_contacts__date__gte=F("entry_date"),
                ),
            ),
            next_assessment=Subquery(latest_assessment.values("next_due")[:1]),
        )
        .order_by("name", "pk")
    )
    rows = [_row(seeker, today) for seeker in seekers]
    return Caseload(today=today, rows=rows, ratios=caseload_ratios(user, on=today))


class _CaseloadAnnotations(TypedDict):
    """What `caseload_for` annotates on each job seeker."""

    last_contact: dt.date | None
    first_f2f: dt.date | None
    next_assessment: dt.date | None


def _row(seeker: WithAnnotations[JobSeeker, _CaseloadAnnotations], today: dt.date) -> CaseloadRow:
    searching = seeker.stage in stages.SEARCHING_STAGES
    return CaseloadRow(
        seeker_id=seeker.pk,
        name=seeker.name,
        preferred_name=seeker.preferred_name
        if seeker.preferred_name and seeker.preferred_name != seeker.name
        else "",
        stage=seeker.stage,
        stage_label=seeker.get_stage_display(),
        specialist_id=seeker.specialist_id,
        specialist_name=seeker.specialist.display_name if seeker.specialist else "",
        specialist_fte=float(seeker.specialist.fte) if seeker.specialist else None,
        entry_date=seeker.entry_date,
        days_since_entry=stages.days_between(seeker.entry_date, today),
        last_contact=seeker.last_contact,
        days_since_contact=stages.days_between(seeker.last_contact, today),
        rapid_search_missed=searching
        and stages.rapid_search_missed(seeker.entry_date, seeker.first_f2f, today),
        reassessment_due=seeker.next_assessment,
        profile_update_asked=seeker.profile_update_requested_on is not None,
        program_id=seeker.program_id,
        first_face_to_face=seeker.first_f2f,
    )


def caseload_ratios(user, *, on: dt.date) -> list[ProgramRatio]:
    """Active seekers / specialist FTE per program the user leads (item S1). Two queries."""
    led = program_ids(user, LEADERSHIP) if not user.is_superuser else None
    programs = Program.objects.all() if led is None else Program.objects.filter(pk__in=led)
    if led == []:
        return []
    active = dict(
        JobSeeker.objects.active_on(on)
        .filter(program__in=programs)
        .values("program")
        .annotate(n=Count("pk"))
        .values_list("program", "n")
    )
    ftes = (
        programs.annotate(
            fte=Sum("staff__fte", filter=Q(staff__role=Role.SPECIALIST, staff__active=True))
        )
        .order_by("name")
        .values_list("pk", "name", "fte", "caseload_standard")
    )
    return [
        ProgramRatio(
            program=name,
            active_seekers=active.get(pk, 0),
            specialist_fte=fte or Decimal(0),
            ratio=stages.caseload_ratio(active.get(pk, 0), float(fte or 0)),
            standard=standard,
        )
        for pk, name, fte, standard in ftes
    ]
