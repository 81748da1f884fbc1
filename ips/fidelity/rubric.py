"""The 25-item IPS fidelity scale as versioned data: item, section, criterion and
anchors, paraphrased in our own words. Pure: no django.

Sources: the 25-item Supported Employment Fidelity Scale (2008) and its manual,
Evidence-Based Supported Employment Fidelity Review Manual (Becker, Swanson, Bond and
Merrens; Dartmouth Psychiatric Research Center, 2008); the same scale is explained in the
IPS Supported Employment Fidelity Review Manual, 4th edition (Becker, Swanson, Reese,
Bond and McLeman; IPS Employment Center, December 2019). The wording below is ours;
reviewers should read the official scale and manual at ipsworks.org.
"""

from __future__ import annotations

from dataclasses import dataclass

SCALE_VERSION = "ips-25-2008.1"
SOURCES = (
    "Supported Employment Fidelity Scale (25 items, 2008), in Evidence-Based Supported "
    "Employment Fidelity Review Manual, Becker, Swanson, Bond and Merrens, Dartmouth "
    "Psychiatric Research Center (2008)",
    "IPS Supported Employment Fidelity Review Manual, 4th edition, Becker, Swanson, Reese, "
    "Bond and McLeman, IPS Employment Center (December 2019)",
)
SECTIONS = {"S": "Staffing", "O": "Organisation", "V": "Services"}


@dataclass(frozen=True)
class ScaleItem:
    key: str
    title: str
    criterion: str
    anchors: tuple[str, str, str, str, str]  # ratings 1..5
    computed: bool = False

    @property
    def section(self) -> str:
        return SECTIONS[self.key[0]]


def _item(
    key: str,
    title: str,
    criterion: str,
    one: str,
    two: str,
    three: str,
    four: str,
    five: str,
    computed: bool = False,
) -> ScaleItem:
    return ScaleItem(key, title, criterion, (one, two, three, four, five), computed)


ITEMS: tuple[ScaleItem, ...] = (
    _item("S1", "Caseload size",
          "Each full-time specialist carries a caseload small enough to give individual help.",
          "More than 40 people per full-time specialist", "31-40 per FTE", "26-30 per FTE",
          "21-25 per FTE", "20 or fewer per FTE", computed=True),
    _item("S2", "Employment services staff",
          "Specialists spend their time on employment services, not other case work.",
          "Under 60 % of time on employment services", "60-74 %", "75-89 %", "90-95 %",
          "96 % or more", computed=True),
    _item("S3", "Vocational generalists",
          "Each specialist carries out every phase: engagement, assessment, job finding, "
          "follow-along.",
          "Specialists do only case management or handoffs are the norm",
          "Specialists do one or two phases", "Specialists do about half the phases",
          "Specialists do most phases; one phase handed off",
          "Specialists do every phase themselves"),
    _item("O1", "Integration through team assignment",
          "Specialists belong to one or two mental-health teams that most of their caseload "
          "comes from.",
          "Specialists are not attached to treatment teams",
          "Attached to three or more teams, or under 60 % from two teams",
          "60-79 % of caseload from one or two teams", "80-89 % from one or two teams",
          "At most two teams and at least 90 % of the caseload from them", computed=True),
    _item("O2", "Integration through frequent team contact",
          "Specialists meet their treatment teams often and share decisions.",
          "Rare or no contact", "One element of integration", "Two elements",
          "Three elements", "Weekly team meetings, shared records, shared decisions, "
          "help engaging people"),
    _item("O3", "Collaboration with vocational rehabilitation",
          "Specialists and VR counsellors meet regularly and share referrals.",
          "No contact", "Rare contact", "Quarterly contact", "Monthly contact",
          "Monthly meetings and frequent case contact"),
    _item("O4", "Vocational unit",
          "At least two specialists and a leader form a unit that meets and covers for each "
          "other.",
          "No unit", "Specialists work alone", "Unit meets rarely", "Unit meets monthly",
          "Unit meets weekly, shares job leads and covers caseloads"),
    _item("O5", "Role of the employment supervisor",
          "A supervisor leads no more than ten specialists and does the fidelity work.",
          "No supervisor with IPS duties", "One supervisory element", "Two elements",
          "Three or four elements", "All five elements: small team, weekly supervision, "
          "field mentoring, outcome review, team leadership"),
    _item("O6", "Zero-exclusion criteria",
          "Everyone who wants to work is eligible; no one is screened out for readiness.",
          "Screening by readiness, substance use, symptoms or history",
          "Several exclusion criteria", "Some exclusion remains", "Rare informal exclusion",
          "No exclusion criteria; referrals welcomed from everyone"),
    _item("O7", "Agency focus on competitive employment",
          "The agency promotes work at every level (intake, materials, celebrations).",
          "No visible focus", "One strategy", "Two strategies", "Three strategies",
          "Four or more strategies, including sharing outcomes"),
    _item("O8", "Executive team support",
          "Leaders know and support IPS and review it.",
          "No leadership support", "One element", "Two elements", "Three or four elements",
          "All five elements, including a steering committee"),
    _item("V1", "Work incentives planning",
          "Everyone is offered personal benefits planning before starting a job.",
          "Not offered", "Offered rarely", "Offered to some", "Offered to most",
          "Offered to all, by a trained counsellor, before the job start"),
    _item("V2", "Disclosure",
          "Specialists help people decide what, if anything, to disclose to employers.",
          "Disclosure is required or not discussed", "Discussed rarely",
          "Discussed with some", "Discussed with most", "Discussed with everyone, "
          "with the benefits and drawbacks of each choice"),
    _item("V3", "Ongoing work-based assessment",
          "Assessment happens through real jobs and is updated with each experience.",
          "Pre-employment testing or sheltered work", "Mostly pre-employment assessment",
          "Some work-based assessment", "Mostly work-based", "Fully work-based and "
          "continuing, recorded in the career profile"),
    _item("V4", "Rapid search for competitive jobs",
          "The first face-to-face employer contact happens within 30 days of entry.",
          "Over 270 days on average", "151-270 days", "61-150 days", "31-60 days",
          "30 days or fewer", computed=True),
    _item("V5", "Individualised job search",
          "Job search follows the person's own preferences, strengths and experience.",
          "Jobs chosen by availability only", "Preferences seldom used",
          "Preferences used about half the time", "Preferences usually used",
          "Preferences always drive the search and change with experience"),
    _item("V6", "Job development: frequent employer contact",
          "Each specialist makes at least six face-to-face employer contacts a week.",
          "Under 2 a week", "2 a week", "3-4 a week", "5 a week", "6 or more a week",
          computed=True),
    _item("V7", "Job development: quality of employer contact",
          "Specialists build relationships: learn employers' needs and come back.",
          "Contacts are drop-offs of applications", "Mostly cold contacts",
          "Some relationship building", "Usually relationship building",
          "Multiple visits to learn needs and offer help"),
    _item("V8", "Diversity of job types",
          "People get jobs in varied occupations.",
          "Under 50 % distinct types", "50-59 %", "60-69 %", "70-84 %", "85 % or more",
          computed=True),
    _item("V9", "Diversity of employers",
          "People work for varied employers.",
          "Under 50 % distinct employers", "50-59 %", "60-69 %", "70-84 %", "85 % or more",
          computed=True),
    _item("V10", "Competitive jobs",
          "Jobs are competitive: open to anyone, at least minimum wage, not set aside.",
          "Under 64 % competitive", "64-74 %", "75-84 %", "85-94 %", "95 % or more",
          computed=True),
    _item("V11", "Individualised follow-along supports",
          "Support after a start is tailored to the person and the job.",
          "No follow-along", "Few kinds of support", "Some individualised support",
          "Mostly individualised", "Varied supports tailored to each person, including "
          "employer and family"),
    _item("V12", "Time-unlimited follow-along supports",
          "Face-to-face contact within a week of starting, weekly for a month, then as long "
          "as wanted.",
          "No follow-along", "Follow-along for a fixed time", "Some people followed",
          "Most people followed", "Everyone followed, weekly in the first month, "
          "then monthly for a year and longer if wanted", computed=True),
    _item("V13", "Community-based services",
          "Specialists spend most of their time in the community, not the office.",
          "Under 10 % in the community", "10-39 %", "40-49 %", "50-64 %",
          "65 % or more", computed=True),
    _item("V14", "Assertive engagement and outreach",
          "The team keeps reaching out to people who stop attending.",
          "No outreach", "One outreach element", "Two elements", "Three elements",
          "Time-unlimited outreach by the integrated team, recorded"),
)  # fmt: skip
ITEMS_BY_KEY = {item.key: item for item in ITEMS}
ITEM_KEYS = tuple(item.key for item in ITEMS)


def review_total(ratings: dict[str, int | None]) -> int | None:
    """Sum of the 25 ratings, only when every item is rated 1-5 (spec/metrics.md)."""
    values = [ratings.get(key) for key in ITEM_KEYS]
    rated = [v for v in values if v is not None and 1 <= v <= 5]
    if len(rated) != len(values):
        return None
    return sum(rated)
