"""The import files of spec/interchange.md as data: each file's columns (`FileSpec`,
`Column`), their choices and limits, read top to bottom beside spec/interchange.md. The
cell parsers the columns use are in importer.parsers, the reading of a file's table
against its spec in importer.tables; both are re-exported here, so `from importer.schema
import X` works for either. Pure: no django."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from importer.cells import CellError as CellError
from importer.parsers import FALSE_WORDS as FALSE_WORDS
from importer.parsers import TRUE_WORDS as TRUE_WORDS
from importer.parsers import Option as Option
from importer.parsers import Parser as Parser
from importer.parsers import Read as Read
from importer.parsers import choice as choice
from importer.parsers import in_range as in_range
from importer.parsers import list_of as list_of
from importer.parsers import parse_bool as parse_bool
from importer.parsers import parse_date as parse_date
from importer.parsers import parse_decimal as parse_decimal
from importer.parsers import parse_email as parse_email
from importer.parsers import parse_int as parse_int
from importer.parsers import parse_list as parse_list
from importer.parsers import parse_onet as parse_onet
from importer.parsers import parse_text as parse_text
from importer.parsers import parse_zip as parse_zip
from importer.tables import MAX_REASON_CHARS as MAX_REASON_CHARS
from importer.tables import ParsedFile as ParsedFile
from importer.tables import Row as Row
from importer.tables import RowError as RowError
from importer.tables import cell_text as cell_text
from importer.tables import column_letter as column_letter
from importer.tables import parse_table as parse_table


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser = parse_text
    required: bool = False
    default: Any = None
    max_length: int | None = None
    help: str = ""

    @property
    def kind(self) -> str:
        """The type named in the template and docs: text, date, number, choice, ..."""
        return self.parse.kind

    @property
    def accepted(self) -> str:
        """The accepted values in words (choices list their values)."""
        accepted = self.parse.accepted
        if self.max_length:
            accepted += f", at most {self.max_length} characters"
        return accepted


@dataclass(frozen=True)
class FileSpec:
    stem: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


ZERO = Decimal(0)
# No hourly wage in supported employment comes near this: '12,500' (a European 12.5 in a
# ',' file) or a yearly salary in the wage column is refused, never stored (issue 16).
MAX_HOURLY_WAGE = Decimal(500)  # dollars an hour
MAX_HOURS_PER_WEEK = Decimal(80)  # hours a week
_DECIMALS_HINT = (
    "; write decimals with a point (12.50): a comma separates thousands, unless the file"
    " is a CSV separated by ';' (then write 12,50)"
)
_WAGE_HINT = "; the column is dollars an hour" + _DECIMALS_HINT
# Values, the labels the app shows (tests/importer/test_choices.py keeps them equal to the
# models' choices) and the synonyms agencies write, documented in docs/import-format.md.
ROLES = (
    Option("specialist", "Employment specialist", ("ES", "IPS specialist", "IPS worker")),
    Option("coach", "Job coach"),
    Option("supervisor", "Supervisor", ("team leader", "team lead")),
    Option("director", "Director"),
)
_IN_PERSON = ("in person", "F2F", "visit")
CONTACT_MODES = (
    Option("face_to_face", "Face to face", _IN_PERSON),
    Option("phone", "Phone", ("telephone", "phone call", "call")),
    Option("email", "Email", ("e-mail",)),
    Option("video", "Video call", ("virtual", "Zoom", "Teams")),
)
SUPPORT_MODES = (*CONTACT_MODES, Option("text", "Text message", ("SMS", "texted")))
SUPPORT_LOCATIONS = (
    Option("workplace", "At work", ("work", "job site")),
    Option("community", "In the community"),
    Option("office", "In the office"),
    Option("home", "At home", ("home visit",)),
)
SUPPORT_TYPES = (
    Option("coaching", "On-the-job coaching", ("job coaching",)),
    Option("schedule_transport", "Schedule or transport help", ("transport", "transportation")),
    Option("employer_meeting", "Employer meeting"),
    Option("benefits_reporting", "Benefits reporting", ("benefits",)),
    Option("accommodation", "Accommodation"),
    Option("problem_solving", "Problem-solving"),
    Option("career_development", "Career development"),
    Option("other", "Other"),
)
PURPOSES = (
    Option("learn_needs", "Learn about the business's needs", ("learn needs",)),
    Option("follow_up", "Follow up", ("follow-up", "followup")),
    Option("introduce_seeker", "Introduce a job seeker", ("introduction",)),
    Option("ask_interview", "Ask for an interview", ("interview",)),
    Option("drop_application", "Drop in an application", ("application",)),
    Option("other", "Other"),
)
CLOSE_REASONS = (
    Option("own_choice", "The person's own choice", ("own choice", "declined")),
    Option("moved", "Moved away"),
    Option("stepped_down", "Job stable, stepped down from support", ("stepped down",)),
    Option("lost_contact", "Lost contact after documented outreach", ("lost contact",)),
    Option("other", "Other"),
)
END_REASONS = (
    Option("quit", "Left by choice", ("resigned",)),
    Option("better_job", "Left for a better job", ("better job",)),
    Option("fired", "Let go", ("dismissed", "terminated")),
    Option("laid_off", "Laid off", ("redundant", "redundancy")),
    Option("temporary_ended", "Temporary job ended", ("temporary", "contract ended")),
    Option("health", "Health reasons", ("ill health",)),
    Option("other", "Other"),
)
ACTIVITIES = (
    Option("employment_services", "Employment services", ("employment",)),
    Option("other", "Other work"),
)
TIME_LOCATIONS = (
    Option("community", "In the community"),
    Option("office", "In the office"),
)

# The order is the load order: later files refer to rows of earlier ones.
FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "staff",
        (
            Column("email", parse_email, required=True, max_length=254),
            Column("name", required=True, max_length=150),
            Column("role", choice(*ROLES), True),
            Column(
                "fte",
                in_range(parse_decimal, ZERO, Decimal(1), low_open=True, places=2),
                default=Decimal(1),
            ),
        ),
        key=("email",),
    ),
    FileSpec(
        "employers",
        (
            Column("ref", required=True, max_length=64),
            Column("name", required=True, max_length=200),
            Column("industry", max_length=120, default=""),
            Column("zip", parse_zip, default=""),
            Column("address", max_length=300, default=""),
        ),
        key=("ref",),
    ),
    FileSpec(
        "seekers",
        (
            Column("ref", required=True, max_length=64),
            Column("name", required=True, max_length=200),
            Column("entry_date", parse_date, required=True),
            Column("specialist_email", parse_email),
            Column("mh_team", max_length=200, default=""),
            Column("referral_date", parse_date),
            Column("employed_at_referral", parse_bool, default=False),
            Column("zip", parse_zip, default=""),
            Column("preferred_occupations", list_of(parse_onet), default=None),
            Column("max_commute_miles", in_range(parse_decimal, ZERO, Decimal("9999"), places=1)),
            Column("closed_date", parse_date),
            Column("close_reason", choice(*CLOSE_REASONS), default=""),
        ),
        key=("ref",),
    ),
    FileSpec(
        "employer_contacts",
        (
            Column("date", parse_date, required=True),
            Column("specialist_email", parse_email, required=True),
            Column("employer_ref", required=True),
            Column("mode", choice(*CONTACT_MODES), required=True),
            Column("client_present", parse_bool, default=False),
            Column("seeker_refs", parse_list, default=()),
            Column("purpose", choice(*PURPOSES), default=""),
            Column("notes", default=""),
        ),
    ),
    FileSpec(
        "jobs",
        (
            Column("ref", required=True, max_length=64),
            Column("seeker_ref", required=True),
            Column("employer_ref", required=True),
            Column("title", required=True, max_length=200),
            Column("start_date", parse_date, required=True),
            Column("occupation_code", parse_onet),
            Column("end_date", parse_date),
            Column(
                "hours_per_week",
                in_range(parse_decimal, ZERO, MAX_HOURS_PER_WEEK, places=1, hint=_DECIMALS_HINT),
            ),
            Column(
                "hourly_wage",
                in_range(parse_decimal, ZERO, MAX_HOURLY_WAGE, places=2, hint=_WAGE_HINT),
            ),
            Column(
                "paid_hours_to_date", in_range(parse_decimal, ZERO, Decimal("999999"), places=2)
            ),
            Column("competitive", parse_bool, default=True),
            Column("permanent", parse_bool, default=True),
            Column("end_reason", choice(*END_REASONS), default=""),
        ),
        key=("ref",),
    ),
    FileSpec(
        "support_contacts",
        (
            Column("date", parse_date, required=True),
            Column("staff_email", parse_email, required=True),
            Column("seeker_ref", required=True),
            Column("job_ref"),
            Column("mode", choice(*SUPPORT_MODES), required=True),
            Column("location", choice(*SUPPORT_LOCATIONS), default=""),
            Column("minutes", in_range(parse_int, ZERO, Decimal(24 * 60))),
            Column("support_types", list_of(choice(*SUPPORT_TYPES)), default=()),
            Column("notes", default=""),
        ),
    ),
    FileSpec(
        "time_entries",
        (
            Column("date", parse_date, required=True),
            Column("staff_email", parse_email, required=True),
            Column("hours", in_range(parse_decimal, ZERO, Decimal(24), places=2), required=True),
            Column("activity", choice(*ACTIVITIES), required=True),
            Column("location", choice(*TIME_LOCATIONS), required=True),
        ),
    ),
)
SPECS: dict[str, FileSpec] = {spec.stem: spec for spec in FILES}
# What a column holds, by name (the template's notes and docs/import-format.md).
COLUMN_HELP = {
    "ref": "the agency's own identifier; importing again updates the row with this ref",
    "email": "the staff member's email; the same email is the same person in every program",
    "name": "the person's or business's name",
    "fte": "share of a full-time post (0.5 is half time)",
    "entry_date": "the day the person entered the program",
    "specialist_email": "email of a staff row (staff file or already in the program)",
    "staff_email": "email of a staff row (staff file or already in the program)",
    "seeker_ref": "ref of a job seeker (seekers file or already in the program)",
    "seeker_refs": "refs of job seekers the contact was about",
    "employer_ref": "ref of an employer (employers file or already in the program)",
    "job_ref": "ref of one of the job seeker's jobs",
    "mh_team": "name of the mental-health team (created when new)",
    "preferred_occupations": "O*NET-SOC codes of the jobs the person wants",
    "max_commute_miles": "miles the person will travel to work",
    "close_reason": "why the person left the program (needs closed_date)",
    "hours_per_week": "hours a week",
    "hourly_wage": "dollars an hour; a competitive job pays at least the program's minimum",
    "paid_hours_to_date": "hours paid so far",
    "end_reason": "why the job ended (needs end_date)",
    "minutes": "length of the contact in minutes",
    "hours": "hours worked that day in that activity and place",
    "competitive": "open to anyone, at least minimum wage, not set aside for disability",
    "client_present": "the job seeker was there",
    "zip": "in Excel, format the column as Text or Zip Code so leading zeros stay",
}
