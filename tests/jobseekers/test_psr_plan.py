"""The PSR plan (issue 24, item 2): goals linked to interventions from the practice
parameters' short list (who, where, how often, review date), each reviewed at the
re-assessment (continue, change, stop, with the person's view)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jobseekers import services
from jobseekers.models import Intervention, InterventionReview
from tests.jobseekers.test_psr_assessment import all_domains

D = dt.date


@pytest.fixture
def goal(seeker):
    return services.set_goal(
        seeker=seeker, domain="employment", description="Work in a kitchen", by=None
    )


def coaching(goal, **extra):
    values = {
        "goal": goal,
        "kind": "job_coaching",
        "provider": "Employment specialist",
        "place": "workplace",
        "frequency": "weekly",
        "started_on": D(2026, 2, 1),
        "by": None,
    }
    return services.add_intervention(**{**values, **extra})


def test_an_intervention_is_reviewed_at_the_next_reassessment_by_default(seeker, goal):
    services.record_assessment(
        seeker=seeker, date=D(2026, 1, 20), domains={"housing": {"setting": "Flat"}}, by=None
    )
    intervention = coaching(goal)
    assert intervention.review_date == D(2026, 4, 20)
    assert intervention.seeker == seeker


def test_an_intervention_for_a_goal_no_longer_worked_on_is_refused(seeker, goal):
    services.update_goal_status(goal=goal, status="achieved", by=None)
    with pytest.raises(ValidationError, match="working on"):
        coaching(goal)
    assert not Intervention.objects.exists()


def test_the_reassessment_continues_changes_and_stops_interventions(seeker, goal):
    kept = coaching(goal)
    changed = coaching(goal, kind="skills_training", place="home", details="Cooking")
    stopped = coaching(goal, kind="advocacy", place="office")
    decisions = {
        kept.pk: {"decision": "continue", "person_view": "It helps"},
        changed.pk: {"decision": "change", "change": "Fortnightly, at the library"},
        stopped.pk: {"decision": "stop", "person_view": "I can do this myself now"},
    }
    draft = services.record_assessment(
        seeker=seeker,
        date=D(2026, 3, 1),
        domains={"employment": {"strengths": "Punctual"}},
        intervention_reviews={**decisions, stopped.pk: {"decision": "continue"}},
        by=None,
    )
    stopped.refresh_from_db()
    assert stopped.stopped_on is None  # a draft changes no plan (red-team finding)
    assessment = services.record_assessment(  # the draft continued: a decision changed
        seeker=seeker,
        assessment=draft,
        date=D(2026, 3, 1),
        domains=all_domains(),
        complete=True,
        intervention_reviews=decisions,
        expected_version=draft.version,
        by=None,
    )
    for row in (kept, changed, stopped):
        row.refresh_from_db()
    assert (kept.stopped_on, kept.review_date) == (None, D(2026, 5, 30))
    assert stopped.stopped_on == D(2026, 3, 1)
    reviews = {r.intervention_id: r for r in assessment.intervention_reviews.all()}
    assert reviews[kept.pk].person_view == "It helps"
    assert reviews[changed.pk].change == "Fortnightly, at the library"
    assert reviews[stopped.pk].decision == InterventionReview.Decision.STOP


def test_a_change_without_saying_what_changes_is_refused(seeker, goal):
    intervention = coaching(goal)
    with pytest.raises(ValidationError, match="say what changes"):
        services.record_assessment(
            seeker=seeker,
            date=D(2026, 3, 1),
            domains={"employment": {"strengths": "Punctual"}},
            intervention_reviews={intervention.pk: {"decision": "change"}},
            by=None,
        )
    assert not seeker.assessments.exists()
    assert not InterventionReview.objects.exists()


def test_another_persons_intervention_cannot_be_reviewed(seeker, other_seeker):
    other_goal = services.set_goal(seeker=other_seeker, domain="housing", description="x", by=None)
    theirs = coaching(other_goal)
    with pytest.raises(ValidationError, match="not this person's"):
        services.record_assessment(
            seeker=seeker,
            date=D(2026, 3, 1),
            domains={"employment": {"strengths": "Punctual"}},
            intervention_reviews={theirs.pk: {"decision": "stop"}},
            by=None,
        )
    theirs.refresh_from_db()
    assert theirs.stopped_on is None


def test_the_intervention_form_adds_one_and_the_record_shows_it(client, seeker, goal, users):
    client.force_login(users["specialist"])
    response = client.post(
        reverse("jobseekers:intervention", args=[seeker.pk]),
        {
            "goal": goal.pk,
            "kind": "skills_training",
            "details": "Using the bus timetable, rehearsed on the route",
            "provider": "Job coach Sam",
            "place": "community",
            "frequency": "twice a week",
            "started_on": "2026-02-01",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert "Skills training (taught, modelled, rehearsed): Using the bus timetable" in page
    assert "Job coach Sam, community, twice a week" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"provider": ""}, "This field is required"),
        ({"kind": "hypnosis"}, "Select a valid choice"),
        ({"review_date": "2026-01-01"}, "cannot be before the start"),
    ],
)
def test_bad_intervention_input_gets_a_message_and_changes_nothing(
    client, seeker, goal, users, change, message
):
    client.force_login(users["specialist"])
    data = {
        "goal": goal.pk,
        "kind": "tutoring",
        "provider": "Tutor",
        "place": "office",
        "frequency": "weekly",
        "started_on": "2026-02-01",
        **change,
    }
    response = client.post(reverse("jobseekers:intervention", args=[seeker.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Intervention.objects.exists()


def test_the_form_offers_only_this_persons_active_goals(client, seeker, other_seeker, users):
    other_goal = services.set_goal(seeker=other_seeker, domain="housing", description="x", by=None)
    client.force_login(users["specialist"])
    response = client.post(
        reverse("jobseekers:intervention", args=[seeker.pk]),
        {
            "goal": other_goal.pk,
            "kind": "tutoring",
            "provider": "Tutor",
            "place": "office",
            "frequency": "weekly",
            "started_on": "2026-02-01",
        },
    )
    assert response.status_code == 200
    assert not Intervention.objects.exists()


def test_the_reassessment_form_reviews_each_running_intervention(client, seeker, goal, users):
    intervention = coaching(goal)
    client.force_login(users["specialist"])
    url = reverse("jobseekers:assessment", args=[seeker.pk])
    assert "Job coaching (Employment specialist, workplace, weekly)" in (
        client.get(url).content.decode()
    )
    response = client.post(
        url,
        {
            "date": "2026-03-01",
            "employment__strengths": "Punctual",
            f"iv_{intervention.pk}__decision": "stop",
            f"iv_{intervention.pk}__person_view": "I have a job now",
        },
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.stopped_on is None  # a draft assessment: the plan is not changed yet
    page = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert "Job coaching (Employment specialist): Stop" in page
    assert "I have a job now" in page
    assert "Stop (takes effect when that assessment is completed)" in page


def test_erasure_removes_the_plan_and_its_reviews(client, seeker, goal, users):
    intervention = coaching(goal)
    services.record_assessment(
        seeker=seeker,
        date=D(2026, 3, 1),
        domains={"housing": {"setting": "Flat", "barriers": "Stairs"}},
        intervention_reviews={intervention.pk: {"decision": "continue", "person_view": "ok"}},
        by=None,
    )
    client.force_login(users["supervisor"])
    response = client.post(f"/admin/privacy/seeker/{seeker.pk}/erase/", {"confirm": "on"})
    assert response.status_code == 302
    assert not Intervention.objects.filter(seeker=seeker).exists()
    assert not InterventionReview.objects.exists()
    assert not seeker.assessments.exists()
