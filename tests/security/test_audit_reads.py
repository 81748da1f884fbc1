"""Every read of a person's record leaves one audit event: each screen about one job seeker,
each listing of seekers' rows (one event a page, not one a row) and each export (one event
per program, with the filter and the count, never the content).

The screens come from the URL conf: every workspace URL is requested with the ids of all
the rows about one person, and any page that shows the person (other than as a choice in
a form) must have written exactly the expected event. A new screen without an event fails.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import product

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from wagtail.admin.viewsets import viewsets

from ips.audit import is_about_seekers
from ips.models import AuditEvent, StaffMember
from ips.roles import Role
from jobseekers.models import JobSeeker, StatusCheckIn
from tests import factories as f

pytestmark = pytest.mark.django_db

NAME = "Quentin Zabriskie"
ID_KWARGS = {"pk", "seeker_id", "job_id", "task_id", "opening_id"}
FORMATS = ("csv", "xlsx", "json", "pdf", "html")
SKIPPED = ("admin/logout/",)  # would end the walk's session
# Screens taking an id that show several people: one listing-style event, no seeker id.
# So is every workspace view of a row that is not about one person (an employer's record,
# the usage of an opening) yet lists rows naming people.
SEVERAL_PEOPLE = {"matching:opening_people"}
LISTING_SUMMARY = re.compile(r"^[\w ,'()-]+: [1-9]\d* rows; filter: .+$")


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def workspace_paths(ids: list[int] | None = None) -> list[str]:
    """Workspace paths to GET: with `ids`, every route taking an id, filled with each of
    them and each format; without, every route taking nothing. Routes with other parts
    (tokens, app labels) show no record."""
    paths = []
    for route, view in sorted(set(_walk(get_resolver().url_patterns)), key=lambda r: r[0]):
        if not route.startswith("admin/") or route.startswith(SKIPPED) or "(?P" in route:
            continue
        parts = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if not set(parts) <= ID_KWARGS | {"fmt"} or bool(ids) != bool(set(parts) & ID_KWARGS):
            continue
        model = getattr(view, "view_initkwargs", {}).get("model")
        model = apps.get_model(model) if isinstance(model, str) else model
        candidates = ids or []
        if model is not None and candidates:  # a model's screens: only its rows' ids
            found = model._default_manager.filter(pk__in=candidates)
            candidates = found.values_list("pk", flat=True)
        choices = [FORMATS if part == "fmt" else [str(i) for i in candidates] for part in parts]
        for values in product(*choices):
            path = route
            for part, value in zip(parts, values, strict=True):
                path = re.sub(rf"<(?:\w+:)?{part}>", value, path, count=1)
            paths.append("/" + path)
    return paths


CHOICES = re.compile(r"<select\b.*?</select>|<label\b(?:(?!</label>).)*?<input\b.*?</label>", re.S)


def shows_the_person(response) -> bool:
    """The page names the person outside a form's choices (a drop-down, tick boxes)."""
    if response.status_code != 200:
        return False
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return NAME in CHOICES.sub("", body.decode("utf-8", "replace"))


def events_since(last_id: int) -> list[tuple]:
    return list(
        AuditEvent.objects.filter(id__gt=last_id)
        .order_by("id")
        .values_list("action", "seeker_id", "program_id", "summary")
    )


def last_event_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.fixture
def person(program, staff, django_capture_on_commit_callbacks):
    """One job seeker with a row of every kind about them (and Wagtail's reference index
    of them, built after commit as in production); returns (seeker, row ids)."""
    with django_capture_on_commit_callbacks(execute=True):
        seeker = f.JobSeekerFactory(program=program, name=NAME, specialist=staff[Role.SPECIALIST])
        job = f.JobFactory(seeker=seeker, start_date=timezone.localdate() - dt.timedelta(days=20))
        assessment = f.DomainAssessmentFactory(seeker=seeker)
        goal = f.GoalFactory(seeker=seeker)
        rows = [
            seeker,
            job,
            job.employer,
            assessment,
            goal,
            f.CareerProfileFactory(seeker=seeker),
            f.DomainRatingFactory(assessment=assessment),
            f.GoalStepFactory(goal=goal),
            f.BenefitsCounsellingFactory(seeker=seeker),
            f.MatchFactory(seeker=seeker),
            f.SupportContactFactory(seeker=seeker, job=job, staff=staff[Role.COACH]),
            f.JobSupportPlanFactory(job=job),
            f.RetentionMilestoneFactory(job=job, confirmed_on=timezone.localdate()),
            f.FollowUpTaskFactory(seeker=seeker, due_date=timezone.localdate()),
            StatusCheckIn.objects.create(program=program, seeker=seeker, date=dt.date(2026, 2, 1)),
        ]
        rows.append(rows[9].opening)
    return seeker, sorted({row.pk for row in rows})


def test_every_screen_about_one_person_writes_exactly_one_event(client, users, person):
    seeker, ids = person
    client.force_login(users[Role.DIRECTOR])
    client.raise_request_exception = False
    screens, wrong = set(), []
    for path in workspace_paths(ids):
        before = last_event_id()
        response = client.get(path)
        if not shows_the_person(response):
            continue
        match = resolve(path)
        name = match.view_name
        model = getattr(match.func, "view_initkwargs", {}).get("model")
        screens.add(name)
        got = [(action, sid, pid) for action, sid, pid, _ in events_since(before)]
        if "attachment" in response.get("Content-Disposition", ""):
            expected = [("export", seeker.pk, seeker.program_id)]
        elif name in SEVERAL_PEOPLE or (model is not None and not is_about_seekers(model)):
            expected = [("view", None, seeker.program_id)]
        else:
            expected = [("view", seeker.pk, seeker.program_id)]
        if got != expected:
            wrong.append((path, name, got))
    assert wrong == []
    # The walk reached the screens named in the issue (so it cannot pass by finding none).
    assert screens >= {
        "jobseekers:record",
        "jobseekers:benefits",
        "jobseekers:profile",
        "checkins:timeline",
        "checkins:check_in",
        "coaching:job",
        "privacy:rights",
        "privacy:download",
        "portal_invitations:invite",
        "seekers:inspect",
        "jobs:history",
        "employers:inspect",
        "matching:opening_people",
    }, screens


# What each role's walk must at least reach (so it cannot pass by finding none).
LISTINGS = {
    Role.DIRECTOR: {
        "jobseekers:caseload",
        "coaching:due",
        "seekers:index",
        "support_contacts:index",
    },
    Role.SPECIALIST: {"jobseekers:caseload", "portal_invitations:index", "seekers:index_results"},
}


@pytest.mark.parametrize("role", list(LISTINGS))
def test_every_listing_of_seekers_rows_writes_one_event_a_page(client, users, person, role):
    seeker, _ = person
    client.force_login(users[role])
    client.raise_request_exception = False
    listings, wrong = set(), []
    for path in workspace_paths():
        before = last_event_id()
        response = client.get(path)
        if not shows_the_person(response):
            continue
        listings.add(resolve(path).view_name)
        got = events_since(before)
        shape = [(action, sid, pid) for action, sid, pid, _ in got]
        if shape != [("view", None, seeker.program_id)] or not LISTING_SUMMARY.match(got[0][3]):
            wrong.append((path, got))
    assert wrong == []
    assert listings >= LISTINGS[role], listings


def seeker_viewsets():
    """Every registered workspace listing whose rows are about job seekers."""
    found = [v for v in viewsets.viewsets if getattr(v, "model", None) is not None]
    return [v for v in found if hasattr(v, "list_export") and is_about_seekers(v.model)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_export_of_seekers_rows_writes_one_event_with_the_count(client, users, person, fmt):
    seeker, _ = person
    director = users[Role.DIRECTOR]
    client.force_login(director)
    exported = []
    for viewset in seeker_viewsets():
        before = last_event_id()
        response = client.get(reverse(viewset.get_url_name("index")), {"export": fmt})
        assert response.status_code == 200, viewset.name
        rows = viewset.model.objects.for_user(director).count()
        expected = [("export", None, seeker.program_id)] if rows else []
        got = events_since(before)
        assert [(a, s, p) for a, s, p, _ in got] == expected, viewset.name
        if rows:
            assert got[0][3].endswith(f" {fmt} export: {rows} rows; filter: none"), got
        exported.append(viewset.model._meta.label)
    assert {"jobseekers.JobSeeker", "jobseekers.Job", "coaching.SupportContact"} <= set(exported)


def test_an_export_names_the_filter_but_never_the_search_text(client, users, person):
    seeker, _ = person
    client.force_login(users[Role.DIRECTOR])
    client.get("/admin/seekers/", {"export": "csv", "stage": "job_search", "q": "Quentin"})
    event = AuditEvent.objects.get(action="export")
    assert (
        event.summary == "job seekers csv export: 1 rows; filter: q=(search text); stage=job_search"
    )
    assert "Quentin" not in event.summary


def test_an_export_across_two_programs_writes_one_event_per_program(
    client, program, other_program, person
):
    director = f.StaffMemberFactory(program=program, role=Role.DIRECTOR).user
    StaffMember.objects.create(user=director, program=other_program, role=Role.DIRECTOR)
    f.JobSeekerFactory.create_batch(2, program=other_program)
    client.force_login(director)
    client.get("/admin/seekers/", {"export": "xlsx"})
    events = AuditEvent.objects.filter(action="export").order_by("program_id")
    assert [(e.program_id, e.seeker_id, e.summary.split(";")[0]) for e in events] == [
        (program.pk, None, "job seekers xlsx export: 1 rows"),
        (other_program.pk, None, "job seekers xlsx export: 2 rows"),
    ]


@pytest.mark.parametrize("fmt", ["csv", "json", "pdf", "html"])
def test_the_program_report_export_is_audited_with_its_period(client, users, program, fmt):
    f.JobSeekerFactory.create_batch(3, program=program, entry_date=dt.date(2026, 1, 10))
    client.force_login(users[Role.SUPERVISOR])
    query = {"program": program.pk, "start": "2026-01-01", "end": "2026-03-31"}
    assert client.get(f"/admin/fidelity/report.{fmt}", query).status_code == 200
    event = AuditEvent.objects.get()
    assert (event.action, event.program_id, event.seeker_id) == ("export", program.pk, None)
    assert event.summary.startswith(f"program report {fmt} (people served): 3 rows; filter: ")
    assert "start=2026-01-01" in event.summary


def test_a_listing_page_costs_one_insert_whatever_the_rows(
    client, users, program, staff, django_assert_max_num_queries
):
    client.force_login(users[Role.DIRECTOR])
    counts = []
    for size in (2, 30):
        f.JobSeekerFactory.create_batch(size, program=program, specialist=staff[Role.SPECIALIST])
        before = last_event_id()
        with django_assert_max_num_queries(30) as captured:
            client.get("/admin/seekers/")
        counts.append(len(captured))
        assert len(events_since(before)) == 1
    assert counts[0] == counts[1]
    assert JobSeeker.objects.count() == 32
