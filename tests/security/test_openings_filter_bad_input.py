"""The public openings filter: any query string gets the page (200) with a form error for
each value it cannot use, never a 500, and never a changed record."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.filters import HOURS, KINDS_OF_WORK, MILES, OpeningFilter
from cms.selectors import public_openings
from employers.models import JobOpening
from tests.security.conftest import row_counts

pytestmark = pytest.mark.django_db
FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANY_TEXT = st.text(max_size=40)
VALUES = {
    "q": st.one_of(ANY_TEXT, st.just("a\x00b"), st.just("kitchen " * 100)),
    "kind": st.one_of(ANY_TEXT, st.sampled_from([k for k, _ in KINDS_OF_WORK])),
    "hours": st.one_of(ANY_TEXT, st.sampled_from([h for h, _ in HOURS])),
    "schedule": st.one_of(ANY_TEXT, st.sampled_from(JobOpening.Schedule.values)),
    "zip": st.one_of(ANY_TEXT, st.sampled_from(["48226", "00000", "4822", "48226-1234"])),
    "miles": st.one_of(
        ANY_TEXT, st.sampled_from([m for m, _ in MILES] + ["-5", "1e308", "nan", "99999"])
    ),
    "page": st.one_of(ANY_TEXT, st.sampled_from(["0", "-1", "99999999999999999999", "2"])),
}
QUERIES = st.fixed_dictionaries({}, optional=VALUES)


def test_each_kind_of_bad_value_is_a_form_error_in_plain_words():
    bad = {
        "q": "x" * 201,
        "kind": "99",
        "hours": "lots",
        "schedule": "always",
        "zip": "ABCDE",
        "miles": "1e308",
    }
    filterset = OpeningFilter(bad, queryset=public_openings())
    assert not filterset.is_valid()
    assert set(filterset.form.errors) == set(bad)
    assert "Please type a ZIP code of 5 numbers" in filterset.form.errors["zip"][0]
    assert filterset.origin() is None


def test_a_null_character_is_a_form_error_not_a_database_error():
    filterset = OpeningFilter({"q": "kitchen\x00"}, queryset=public_openings())
    assert not filterset.is_valid()
    assert "q" in filterset.form.errors


@FAST
@given(query=QUERIES)
def test_any_query_gets_the_page_with_its_errors_never_a_500(
    client, make_opening, openings_url, query
):
    if not JobOpening.objects.exists():
        make_opening(title="Kitchen helper")
    before = row_counts(), JobOpening.objects.count()
    response = client.get(openings_url, query)
    assert response.status_code == 200
    filterset = response.context["filter"]
    body = response.content.decode()
    if filterset.is_bound and filterset.form.errors:
        assert 'role="alert"' in body
        assert "Traceback" not in body
    assert (row_counts(), JobOpening.objects.count()) == before


@pytest.mark.parametrize(
    "query",
    [{"zip": "99999"}, {"zip": "48226", "miles": "-5"}, {"kind": "35", "page": "abc"}],
)
def test_unplaceable_zip_and_bad_paging_show_the_page(client, make_opening, openings_url, query):
    make_opening(title="Kitchen helper")
    response = client.get(openings_url, query)
    assert response.status_code == 200
