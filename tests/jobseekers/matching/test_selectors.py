"""Portal matches are the seeker's own, and only open public openings."""

import dataclasses

import pytest

from employers.models import JobOpening
from jobseekers.matching.selectors import matches_for_seeker
from jobseekers.matching.services import refresh_matches

pytestmark = pytest.mark.django_db


def test_portal_matches_are_open_public_openings_with_reasons(
    seeker, other_seeker, make_profile, make_opening, django_assert_num_queries
):
    make_profile(seeker)
    make_profile(other_seeker)
    public = make_opening("Line cook", shareable=True, internal_notes="owner is difficult")
    make_opening("Line cook", shareable=False)  # not for the public
    refresh_matches()

    with django_assert_num_queries(1):
        found = matches_for_seeker(seeker)

    assert [m.opening_id for m in found] == [public.pk]
    assert "the kind of work you asked for" in found[0].reasons
    fields = {f.name for f in dataclasses.fields(found[0])}
    assert not fields & {"internal_notes", "score", "features", "seeker", "program"}
    assert "owner is difficult" not in repr(found)


def test_a_seeker_never_sees_another_persons_matches(
    seeker, other_seeker, make_profile, make_opening, other_program
):
    make_profile(other_seeker)
    make_opening("Line cook", shareable=True, program_=other_program)
    refresh_matches()
    assert matches_for_seeker(seeker) == []
    assert len(matches_for_seeker(other_seeker)) == 1


def test_an_opening_closed_since_the_last_refresh_is_not_shown(seeker, make_profile, make_opening):
    make_profile(seeker)
    opening = make_opening("Line cook", shareable=True)
    refresh_matches()
    JobOpening.objects.filter(pk=opening.pk).update(status=JobOpening.Status.FILLED)
    assert matches_for_seeker(seeker) == []
    assert matches_for_seeker(seeker, limit=0) == []
