"""Red-team findings on the job loop (issue 17): a filled opening takes no second job start,
planned introductions on the match card, "People this might suit", readable match
strengths, a filled opening's record and the record's links to openings."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from employers.models import JobOpening
from ips.domain import shown_date
from ips.roles import Role
from jobseekers import services
from jobseekers.models import Job, JobSeeker, Match, MatchOutcome

START = dt.date(2026, 3, 2)


@pytest.fixture
def matched(seeker, make_profile, make_opening):
    from jobseekers.matching.services import refresh_matches

    make_profile(seeker)
    opening = make_opening("Line cook", description="Cooking breakfast", shareable=True)
    refresh_matches()
    assert Match.objects.filter(seeker=seeker, opening=opening).exists()
    return opening


@pytest.fixture
def filler(program, staff, matched):
    """Ana Ruiz started the opening's job on START: the opening is filled."""
    ana = JobSeeker.objects.create(
        program=program,
        name="Ana Ruiz",
        specialist=staff[Role.SPECIALIST],
        entry_date=dt.date(2026, 1, 2),
        stage="job_search",
    )
    services.record_job_start(
        seeker=ana, employer=matched.employer, title="Line cook", start_date=START, opening=matched
    )
    matched.refresh_from_db()
    assert matched.status == JobOpening.Status.FILLED
    return ana


FILLED = f"Already filled by Ana Ruiz on {shown_date(START)}."


def _job_start_post(opening, staff):
    return {
        "employer": opening.employer_id,
        "title": "Line cook",
        "start_date": timezone.localdate().isoformat(),
        "competitive": "on",
        "permanent": "on",
        "opening": opening.pk,
        "coach": staff[Role.COACH].pk,
        "idempotency_key": str(uuid.uuid4()),
    }


def test_a_second_job_start_on_a_filled_opening_is_refused_naming_who_filled_it(
    client, users, staff, seeker, matched, filler
):
    assert shown_date(START) == "Mon 2 Mar 2026"
    client.force_login(users["specialist"])
    url = reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={matched.pk}"
    before = (Job.objects.count(), MatchOutcome.objects.count())
    response = client.post(url, _job_start_post(matched, staff))
    assert response.status_code == 200
    assert FILLED in response.content.decode()
    assert (Job.objects.count(), MatchOutcome.objects.count()) == before
    seeker.refresh_from_db()
    assert seeker.stage == "job_search"


def test_the_service_refuses_a_filled_opening_for_every_caller(seeker, matched, filler):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.record_job_start(
            seeker=seeker,
            employer=matched.employer,
            title="Line cook",
            start_date=timezone.localdate(),
            opening=matched,
        )
    assert refused.value.message_dict == {"opening": [FILLED]}
    assert not Job.objects.filter(seeker=seeker).exists()


def test_a_filled_opening_is_not_offered_by_the_job_start_form_or_the_record(
    client, users, staff, seeker, matched, filler
):
    MatchOutcome.objects.create(
        program=seeker.program,
        seeker=seeker,
        opening=matched,
        kind=MatchOutcome.Kind.INTEREST,
        date=timezone.localdate(),
    )
    client.force_login(users["specialist"])
    url = reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={matched.pk}"
    form = client.get(url).content.decode()
    assert FILLED in form
    assert f'name="opening" value="{matched.pk}"' not in form
    assert 'value="Line cook"' not in form
    record = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert "The opening is filled now." in record
    assert f"?opening={matched.pk}" not in record
