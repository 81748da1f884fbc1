"""A match is worked out by the recommender; staff never edit its score, place or reasons
(red-team finding, issue 17: the match edit form let leaders change the raw score). They
act on it through the match actions, which stay."""

import pytest
from django.urls import reverse

from jobseekers.matching.services import refresh_matches
from jobseekers.models import Match, MatchOutcome

pytestmark = pytest.mark.django_db
LEADERS = ("supervisor", "director")


@pytest.fixture
def match(seeker, make_profile, make_opening):
    make_profile(seeker)
    opening = make_opening("Line cook", description="Cooking breakfast")
    refresh_matches()
    return Match.objects.get(seeker=seeker, opening=opening)


def _stored(match) -> tuple:
    fresh = Match.objects.get(pk=match.pk)
    return fresh.score, fresh.rank, fresh.reasons, fresh.features, fresh.opening_id


def _posted(match) -> dict:
    return {
        "program": match.program_id,
        "seeker": match.seeker_id,
        "opening": match.opening_id,
        "score": "99.5",
        "rank": "1",
        "reasons": '["you asked for jobs like astronaut"]',
        "version": str(match.version),
    }


@pytest.mark.parametrize("role", LEADERS)
def test_leaders_have_no_edit_form_and_posting_a_score_changes_nothing(client, users, match, role):
    before = _stored(match)
    client.force_login(users[role])
    listing = client.get(reverse("matches:index")).content.decode()
    assert reverse("matches:edit", args=[match.pk]) not in listing
    assert client.get(reverse("matches:edit", args=[match.pk])).status_code != 200
    client.post(reverse("matches:edit", args=[match.pk]), _posted(match))
    client.post(reverse("matches:add"), _posted(match))
    assert _stored(match) == before
    assert Match.objects.count() == 1


@pytest.mark.parametrize("role", LEADERS)
def test_the_match_actions_stay(client, users, match, seeker, role):
    """Told them and not suitable (with a reason) still work for leaders, by their URLs."""
    client.force_login(users[role])
    told = reverse("jobseekers:match_told", args=[seeker.pk, match.opening_id])
    assert client.post(told).status_code == 302
    unsuitable = reverse("jobseekers:match_unsuitable", args=[seeker.pk, match.opening_id])
    assert client.post(unsuitable, {"reason": "Too far"}).status_code == 302
    kinds = set(MatchOutcome.objects.filter(seeker=seeker).values_list("kind", flat=True))
    assert kinds == {"told", "declined"}


def test_a_superusers_posted_score_place_and_reasons_change_nothing(client, match, superuser):
    """The one edit form left (superusers) has no score, place or reasons to change."""
    before = _stored(match)
    client.force_login(superuser)
    form = client.get(reverse("matches:edit", args=[match.pk])).context["form"]
    assert set(form.fields) & {"score", "rank", "reasons", "features"} == set()
    response = client.post(reverse("matches:edit", args=[match.pk]), _posted(match))
    assert response.status_code == 302
    assert _stored(match) == before
