"""The program layer's models, one module each:

- `programs`: Program, StaffMember, MentalHealthTeam (and their querysets);
- `hours`: staff time (TimeEntry) and the week-of-hours saves;
- `occupations`: the O*NET occupations;
- `geocodes`: GeoPoint, the geocoded addresses, and where each came from;
- `audit_events`: AuditEvent, the audit log.

Django finds the models through the imports below (app label `ips`, tables unchanged);
callers import from `ips.models` as before."""

from ips.models.audit_events import AuditEvent, AuditEventQuerySet
from ips.models.geocodes import GeocodeSource, GeoPoint
from ips.models.hours import TimeEntry, TimeEntryQuerySet, WeekOfHoursSave
from ips.models.occupations import Occupation, OccupationQuerySet
from ips.models.programs import (
    MentalHealthTeam,
    Program,
    ProgramQuerySet,
    StaffMember,
    StaffMemberQuerySet,
)

__all__ = [
    "AuditEvent",
    "AuditEventQuerySet",
    "GeoPoint",
    "GeocodeSource",
    "MentalHealthTeam",
    "Occupation",
    "OccupationQuerySet",
    "Program",
    "ProgramQuerySet",
    "StaffMember",
    "StaffMemberQuerySet",
    "TimeEntry",
    "TimeEntryQuerySet",
    "WeekOfHoursSave",
]
