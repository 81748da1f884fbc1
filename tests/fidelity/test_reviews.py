"""Fidelity reviews: computed evidence beside the rating, total and band only when all
25 are rated, the action plan carried into the next review, side-by-side comparison."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ips.fidelity.models import ActionItem, FidelityReview
from ips.fidelity.rubric import ITEM_KEYS, ITEMS, SCALE_VERSION, SOURCES
from ips.fidelity.services import complete_review, rate_items, start_review
from jobseekers.models import JobSeeker

pytestmark = pytest.mark.django_db


def all_rated(value=4):
    return dict.fromkeys(ITEM_KEYS, (value, "", ""))


def test_scale_is_25_items_in_three_sections_with_five_anchors_and_sources():
    assert len(ITEMS) == 25
    assert len(set(ITEM_KEYS)) == 25
    assert {item.section for item in ITEMS} == {"Staffing", "Organisation", "Services"}
    assert all(len(item.anchors) == 5 and all(item.anchors) for item in ITEMS)
    assert {i.key for i in ITEMS if i.computed} == {
        "S1", "S2", "O1", "V4", "V6", "V8", "V9", "V10", "V12", "V13",
    }  # fmt: skip
    assert SCALE_VERSION


def test_the_2008_scale_is_credited_to_its_own_authors_and_the_2019_manual_to_its():
    scale, manual_2019 = SOURCES
    assert "2008" in scale
    assert "Merrens" in scale
    assert "Reese" not in scale
    assert "McLeman" not in scale
    assert "4th edition" in manual_2019
    assert "December 2019" in manual_2019
    assert all(name in manual_2019 for name in ("Becker", "Swanson", "Reese", "Bond", "McLeman"))


def test_a_new_review_stores_the_computed_figures_as_evidence_not_ratings(review, program):
    s1 = review.ratings.get(item_key="S1")
    assert s1.rating is None
    assert review.scale_version == SCALE_VERSION
    assert review.ratings.count() == 25


def test_computed_value_is_shown_beside_the_reviewers_rating(client, users, program, staff):
    JobSeeker.objects.create(program=program, name="A", entry_date=dt.date(2026, 1, 5))
    review = start_review(
        program=program,
        review_date=dt.date(2026, 3, 31),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
    )
    rate_items(review=review, ratings={"S1": (2, "reviewer's view", "caseload lists")})
    client.force_login(users["director"])
    page = client.get(reverse("fidelity:review", args=[review.pk])).content.decode()
    assert "1.0 (would rate 5)" in page  # 1 active seeker / 1 FTE
    assert review.ratings.get(item_key="S1").rating == 2


def test_total_and_band_only_when_all_25_are_rated(review):
    ratings = all_rated()
    del ratings["V14"]
    rate_items(review=review, ratings=ratings)
    with pytest.raises(ValidationError, match="V14"):
        complete_review(review=review)
    rate_items(review=review, ratings={"V14": (4, "", "")})
    complete_review(review=review)
    review.refresh_from_db()
    assert (review.total, review.status) == (100, FidelityReview.Status.COMPLETED)


def test_completed_review_cannot_be_changed(review):
    rate_items(review=review, ratings=all_rated())
    complete_review(review=review)
    with pytest.raises(ValidationError):
        rate_items(review=review, ratings={"S1": (1, "", "")})


def test_open_actions_are_carried_into_the_next_review(review, program):
    open_action = ActionItem.objects.create(
        program=program, review=review, item_key="V6", action="Six visits a week", owner="Ana"
    )
    ActionItem.objects.create(
        program=program, review=review, item_key="S1", action="Hire", owner="Dee", status="done"
    )
    later = start_review(
        program=program,
        review_date=dt.date(2026, 9, 30),
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 9, 30),
    )
    carried = list(later.actions.all())
    assert [(a.item_key, a.carried_from_id) for a in carried] == [("V6", open_action.pk)]


def test_reviewer_rates_and_completes_through_the_screen(client, users, review):
    client.force_login(users["supervisor"])
    data = {f"rating_{key}": "5" for key in ITEM_KEYS} | {"note_S1": "small caseloads"}
    data["version"] = str(review.version)  # the review as the screen showed it
    client.post(reverse("fidelity:review", args=[review.pk]), data | {"complete": "1"})
    review.refresh_from_db()
    assert review.total == 125
    assert review.ratings.get(item_key="S1").note == "small caseloads"
    page = client.get(reverse("fidelity:review", args=[review.pk])).content.decode()
    assert "Exemplary fidelity (provisional threshold)" in page


def test_bad_rating_is_refused_and_nothing_changes(client, users, review):
    client.force_login(users["director"])
    client.post(reverse("fidelity:review", args=[review.pk]), {"rating_S1": "9"})
    assert review.ratings.get(item_key="S1").rating is None


def test_action_item_is_added_from_the_review_screen(client, users, review):
    client.force_login(users["director"])
    client.post(
        reverse("fidelity:review", args=[review.pk]),
        {"add_action": "1", "item_key": "V6", "action": "Plan visits", "owner": "Ana",
         "due_date": "2026-05-01", "status": "open"},
    )  # fmt: skip
    assert review.actions.get().owner == "Ana"


def test_reviews_are_compared_side_by_side(client, users, review, program):
    rate_items(review=review, ratings=all_rated(3))
    complete_review(review=review)
    later = start_review(
        program=program,
        review_date=dt.date(2026, 9, 30),
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 9, 30),
    )
    rate_items(review=later, ratings=all_rated(4))
    client.force_login(users["director"])
    url = reverse("fidelity:compare") + f"?review={review.pk}&review={later.pk}"
    page = client.get(url).content.decode()
    assert "Tue 31 Mar 2026" in page
    assert "Wed 30 Sep 2026" in page
    assert "<td>75</td>" in page


def test_review_exports_as_csv_and_pdf(client, users, review):
    rate_items(review=review, ratings=all_rated())
    client.force_login(users["director"])
    csv_text = client.get(reverse("fidelity:review_export", args=[review.pk, "csv"])).content
    assert csv_text.decode().splitlines()[1].startswith("S1,Caseload size,4,")
    pdf = client.get(reverse("fidelity:review_export", args=[review.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_review_start_with_a_bad_period_is_refused(client, users, program):
    client.force_login(users["director"])
    response = client.post(
        reverse("fidelity:reviews"),
        {"program": program.pk, "review_date": "2026-03-31", "period_start": "2026-03-31",
         "period_end": "2026-01-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not FidelityReview.objects.exists()


def test_printed_review_names_both_sources(client, users, review):
    client.force_login(users["director"])
    page = client.get(reverse("fidelity:review_export", args=[review.pk, "html"])).content.decode()
    assert "Becker, Swanson, Bond and Merrens" in page
    assert "Becker, Swanson, Reese, Bond and McLeman" in page


def _review_form(review, **more):
    data = {f"rating_{key}": "" for key in ITEM_KEYS} | {"version": str(review.version)}
    return data | more


def test_use_the_computed_rating_saves_it_and_keeps_the_rest(client, users, review):
    s1 = review.ratings.get(item_key="S1")
    s1.computed_rating = 4
    s1.save()
    client.force_login(users["supervisor"])
    url = reverse("fidelity:review", args=[review.pk])
    page = client.get(url).content.decode()
    assert "Use the computed rating (4) for S1" in page
    response = client.post(url, _review_form(review, note_S2="kept", use_computed="S1"))
    assert response["Location"].endswith("#item-S1")
    assert review.ratings.get(item_key="S1").rating == 4
    assert review.ratings.get(item_key="S2").note == "kept"


def test_autosave_answers_the_new_version_and_refuses_a_stale_copy(client, users, review):
    client.force_login(users["supervisor"])
    url = reverse("fidelity:review", args=[review.pk])
    first = client.post(url, _review_form(review, rating_S1="3", autosave="1"))
    assert first.status_code == 200
    version = first.json()["version"]
    assert version == review.version + 1
    assert review.ratings.get(item_key="S1").rating == 3
    # The next autosave sends the version it was given, and is saved.
    data = _review_form(review, rating_S1="4", autosave="1") | {"version": str(version)}
    assert client.post(url, data).status_code == 200
    # An autosave from a copy opened before those saves changes nothing.
    stale = client.post(url, _review_form(review, rating_S1="1", autosave="1"))
    assert stale.status_code == 409
    assert "error" in stale.json()
    assert review.ratings.get(item_key="S1").rating == 4


def test_completion_says_so_and_the_action_plan_stays_open(client, users, review):
    client.force_login(users["director"])
    url = reverse("fidelity:review", args=[review.pk])
    data = {f"rating_{key}": "4" for key in ITEM_KEYS} | {"version": str(review.version)}
    response = client.post(url, data | {"complete": "1"}, follow=True)
    assert "Review completed: 100 of 125" in response.content.decode()
    client.post(
        url,
        {"add_action": "1", "item_key": "V6", "action": "Weekly visits", "owner": "Ana",
         "status": "open"},
    )  # fmt: skip
    action = review.actions.get()
    client.post(url, {"action_id": str(action.pk), "action_status": "done"})
    action.refresh_from_db()
    assert action.status == "done"
    # Ratings of a completed review do not change.
    client.post(url, data | {"rating_S1": "1"})
    assert review.ratings.get(item_key="S1").rating == 4


@pytest.mark.parametrize(
    ("data", "status"),
    [({"action_id": "x", "action_status": "done"}, 404),
     ({"action_id": "999999", "action_status": "done"}, 404)],
)  # fmt: skip
def test_action_status_refuses_a_missing_item(client, users, review, data, status):
    client.force_login(users["director"])
    assert client.post(reverse("fidelity:review", args=[review.pk]), data).status_code == status


def test_action_status_refuses_an_unknown_status(client, users, review):
    client.force_login(users["director"])
    url = reverse("fidelity:review", args=[review.pk])
    client.post(
        url, {"add_action": "1", "item_key": "V6", "action": "A", "owner": "B", "status": "open"}
    )
    action = review.actions.get()
    response = client.post(url, {"action_id": str(action.pk), "action_status": "burnt"})
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.status == "open"


def test_review_page_is_in_three_sections_with_a_sticky_save(client, users, review):
    client.force_login(users["director"])
    page = client.get(reverse("fidelity:review", args=[review.pk])).content.decode()
    for heading in ("Staffing", "Organisation", "Services"):
        assert f">{heading}</h2>" in page
    assert 'class="ips-sticky-save"' in page
    assert 'id="autosave-status"' in page


def test_the_review_shows_the_coordination_log_beside_o2_and_o3(client, users, review, program):
    """Issue 24, item 5: the PSR coordination log counts for the review's integration
    evidence: contacts dated in the review's period, this program's only."""
    from tests.factories import CoordinationContactFactory, JobSeekerFactory

    ana, bo = JobSeekerFactory(program=program), JobSeekerFactory(program=program)
    in_period = dt.date(2026, 2, 10)
    CoordinationContactFactory(seeker=ana, date=in_period, service="mental_health_team")
    CoordinationContactFactory(seeker=ana, date=in_period, service="vocational_rehabilitation")
    CoordinationContactFactory(seeker=bo, date=in_period, service="mental_health_team")
    CoordinationContactFactory(seeker=bo, date=dt.date(2026, 4, 2))  # after the period
    CoordinationContactFactory(date=in_period)  # another program's
    client.force_login(users["supervisor"])
    page = client.get(reverse("fidelity:review", args=[review.pk])).content.decode()
    o2 = page.split('id="item-O2"')[1].split("</fieldset>")[0]
    o3 = page.split('id="item-O3"')[1].split("</fieldset>")[0]
    assert "3 contact(s) about 2 person(s)" in o2
    assert "Mental-health treatment team: 2" in o2
    assert "1 contact(s) with Vocational rehabilitation" in o3
