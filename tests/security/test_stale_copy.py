"""Finding 10 (lost updates): two people save the same record from copies loaded at the
same version; the first is saved, the second is refused with the conflict message and
nothing of theirs is written. Each workspace edit screen, through the real URL."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from ips.versioning import CONFLICT_MESSAGE, MISSING_VERSION_MESSAGE
from tests import factories as f
from tests.conftest import make_user
from tests.support.html_forms import form_data

CONFLICT = CONFLICT_MESSAGE.split(",")[0].encode()  # "Someone else saved changes ..."


def _leaders(users):
    return users["supervisor"], users["director"]


def _superusers(users):
    make = make_user  # two superusers: the only ones who edit shared reference data
    return make("root_one", is_superuser=True), make("root_two", is_superuser=True)


def _job(c):
    return f.JobFactory(seeker=c["seeker"])


def _another_opening(c) -> str:
    return str(f.JobOpeningFactory(program=c["program"]).pk)


# Each workspace edit screen: the row to edit, the field two people change, their two
# values, and who edits (two leaders of the program; two superusers for shared data).
BUILD = {
    "programs": lambda c: c["program"],
    "staff": lambda c: c["staff"]["specialist"],
    "mh_teams": lambda c: f.MentalHealthTeamFactory(program=c["program"]),
    "time_entries": lambda c: f.TimeEntryFactory(staff=c["staff"]["specialist"]),
    "employers": lambda c: f.EmployerFactory(program=c["program"]),
    "employer_people": lambda c: f.EmployerPersonFactory(program=c["program"]),
    "employer_contacts": lambda c: f.EmployerContactFactory(specialist=c["staff"]["specialist"]),
    "openings": lambda c: f.JobOpeningFactory(program=c["program"]),
    "seekers": lambda c: c["seeker"],
    "assessments": lambda c: f.DomainAssessmentFactory(seeker=c["seeker"]),
    "goals": lambda c: f.GoalFactory(seeker=c["seeker"]),
    "jobs": _job,
    "benefits_counselling": lambda c: f.BenefitsCounsellingFactory(seeker=c["seeker"]),
    "matches": lambda c: f.MatchFactory(seeker=c["seeker"]),
    "support_contacts": lambda c: f.SupportContactFactory(
        seeker=c["seeker"], staff=c["staff"]["coach"]
    ),
    "support_plans": lambda c: f.JobSupportPlanFactory(job=_job(c)),
    "milestones": lambda c: f.RetentionMilestoneFactory(job=_job(c)),
    "follow_ups": lambda c: f.FollowUpTaskFactory(seeker=c["seeker"]),
    "audit": lambda c: f.AuditEventFactory(program=c["program"]),
    "occupations": lambda c: f.OccupationFactory(),
    "benefits_parameters": lambda c: f.BenefitsParametersFactory(),
    "medicaid_1619b_thresholds": lambda c: f.Medicaid1619bThresholdFactory(),
}
SCREENS = [
    ("programs", "zip", "48201", "48202", _leaders),
    ("staff", "fte", "0.80", "0.60", _leaders),
    ("mh_teams", "name", "East", "West", _leaders),
    ("time_entries", "hours", "6.00", "5.00", _leaders),
    ("employers", "name", "Corner Cafe", "Corner Deli", _leaders),
    ("employer_people", "job_title", "Owner", "Chef", _leaders),
    ("employer_contacts", "notes", "Wants cooks", "Wants cleaners", _leaders),
    ("openings", "title", "Baker", "Barista", _leaders),
    ("seekers", "preferred_name", "Al", "Lex", _leaders),
    ("assessments", "notes", "Calm", "Keen", _leaders),
    ("goals", "description", "Bake", "Drive", _leaders),
    ("jobs", "title", "Baker", "Barista", _leaders),
    ("benefits_counselling", "counsellor", "Ana", "Bo", _leaders),
    # Staff only read matches, and the score and place are never in the form (issue 17).
    ("matches", "opening", _another_opening, _another_opening, _superusers),
    ("support_contacts", "notes", "Fine", "Tired", _leaders),
    ("support_plans", "what_helps", "Calm", "Music", _leaders),
    ("milestones", "confirmed_on", "2026-03-01", "2026-03-02", _leaders),
    ("follow_ups", "note", "Call", "Visit", _leaders),
    ("audit", "summary", "one", "two", _superusers),
    ("occupations", "title", "Baker", "Barista", _superusers),
    ("benefits_parameters", "sga_non_blind", "1700.00", "1800.00", _superusers),
    ("medicaid_1619b_thresholds", "threshold", "45000.00", "46000.00", _superusers),
]


@pytest.fixture
def context(program, staff, seeker):
    return {"program": program, "staff": staff, "seeker": seeker}


def stored(row) -> dict:
    """Every stored column of the row, as the database now holds it."""
    fresh = type(row)._default_manager.get(pk=row.pk)
    return {**model_to_dict(fresh), "version": fresh.version}


def opened_form(client, url: str, field: str) -> dict:
    """What the browser holds after opening the edit form that has `field`."""
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.content.decode(), having=field)


@pytest.mark.parametrize(
    ("name", "field", "first", "second", "editors"),
    SCREENS,
    ids=[screen[0] for screen in SCREENS],
)
def test_second_of_two_saves_from_the_same_copy_is_refused_and_changes_nothing(
    client, users, context, name, field, first, second, editors
):
    row = BUILD[name](context)
    first, second = (v(context) if callable(v) else v for v in (first, second))
    url = reverse(f"{name}:edit", args=[row.pk])
    one, two = editors(users)
    client.force_login(one)
    form_one = opened_form(client, url, field)
    client.force_login(two)
    form_two = opened_form(client, url, field)
    assert form_one["version"] == form_two["version"] == str(row.version)

    client.force_login(one)
    saved = client.post(url, {**form_one, field: first})
    assert saved.status_code == 302, saved.context and saved.context["form"].errors
    after_first = stored(row)
    assert str(after_first[field]) == first
    assert after_first["version"] == row.version + 1

    client.force_login(two)
    refused = client.post(url, {**form_two, field: second})
    assert refused.status_code == 200
    assert CONFLICT in refused.content
    assert stored(row) == after_first  # nothing of the second save was written
    # The refused form carries the latest version: saving again now works.
    assert form_data(refused.content.decode(), having=field)["version"] == str(
        after_first["version"]
    )


def test_edit_without_the_version_it_was_based_on_is_refused(client, users, program):
    employer = f.EmployerFactory(program=program)
    url = reverse("employers:edit", args=[employer.pk])
    client.force_login(users["specialist"])
    data = opened_form(client, url, "name")
    del data["version"]
    before = stored(employer)

    response = client.post(url, {**data, "name": "Corner Cafe"})

    assert response.status_code == 200
    assert MISSING_VERSION_MESSAGE.split(",")[0].encode() in response.content
    assert stored(employer) == before


def test_every_workspace_edit_screen_has_a_stale_copy_test():
    """A new viewset with an edit view must join SCREENS (the career profile edit sends
    to the record's own screen, tested in test_stale_copy_screens.py)."""
    from wagtail.admin.viewsets import viewsets

    from ips.workspace import ReferenceViewSet, ScopedModelViewSet

    edited = {
        viewset.name
        for viewset in viewsets.viewsets
        if isinstance(viewset, ScopedModelViewSet | ReferenceViewSet)
    }
    assert edited - {"career_profiles"} == {screen[0] for screen in SCREENS}
