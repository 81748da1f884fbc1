"""Learning from outcomes: a learned model is used only when it beats the defaults."""

import datetime as dt

import pytest

from jobseekers.matching.selectors import active_weights
from jobseekers.matching.services import refresh_matches, retrain_match_model
from jobseekers.models import JobSeeker, Match, MatchModel, MatchOutcome

pytestmark = pytest.mark.django_db
SMALL = {"min_positive": 10, "min_negative": 10}


def _record(people, good, bad):
    day = dt.date(2026, 2, 1)
    for person in people:
        for opening in good:
            MatchOutcome.objects.create(
                program=person.program,
                seeker=person,
                opening=opening,
                kind=MatchOutcome.Kind.HIRE,
                date=day,
            )
        for opening in bad:
            MatchOutcome.objects.create(
                program=person.program,
                seeker=person,
                opening=opening,
                kind=MatchOutcome.Kind.DECLINED,
                date=day,
            )


def test_a_model_that_beats_the_defaults_is_activated_and_used(outcome_world):
    people, asked, related = outcome_world
    _record(people, good=related, bad=asked)  # the defaults would put `asked` first

    model, result = retrain_match_model(**SMALL)

    assert model is not None
    assert model.is_active
    assert model.metrics["ndcg@10"] > model.default_metrics["ndcg@10"]
    assert model.trained_on > 0
    assert active_weights().version == model.version
    refresh_matches(seeker_ids=[people[0].pk])
    assert set(Match.objects.values_list("model_version", flat=True)) == {model.version}


def test_a_model_that_does_not_beat_the_defaults_is_stored_but_not_used(outcome_world):
    people, asked, related = outcome_world
    _record(people, good=asked, bad=related)  # the defaults already rank these right

    model, result = retrain_match_model(**SMALL)

    assert model is not None
    assert not model.is_active
    assert not result.beats_default
    assert active_weights().version == "default"
    refresh_matches(seeker_ids=[people[0].pk])
    assert set(Match.objects.values_list("model_version", flat=True)) == {"default"}


def test_too_few_outcomes_store_no_model(outcome_world):
    people, asked, related = outcome_world
    _record(people[:1], good=related[:1], bad=asked[:1])
    model, result = retrain_match_model()
    assert model is None
    assert not MatchModel.objects.exists()
    assert "not enough outcomes" in result.note


def test_retraining_task_runs_through_celery(outcome_world):
    from jobseekers.matching.tasks import retrain_match_model_task

    assert "no model" in retrain_match_model_task.delay().get()


def test_outcomes_of_people_who_have_left_the_caseload_still_teach(outcome_world):
    people, asked, related = outcome_world
    _record(people, good=related, bad=asked)
    JobSeeker.objects.filter(pk__in=[p.pk for p in people]).update(
        stage=JobSeeker.Stage.CLOSED,
        closed_date=dt.date(2026, 2, 20),
        close_reason=JobSeeker.CloseReason.STEPPED_DOWN,
    )
    model, result = retrain_match_model(**SMALL)
    assert model is not None
    assert model.trained_on > 0
