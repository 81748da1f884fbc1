"""Portal pages: openings for you, "I'm interested", the profile, the seeker's own choices."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from cms.models import PortalPreference
from ips.models import Occupation
from jobseekers.models import CareerProfile, JobSeeker, MatchOutcome
from tests.support.html_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(seeker):
    profile = CareerProfile.objects.create(
        program=seeker.program,
        seeker=seeker,
        dream_job="Baker",
        strengths="Friendly, on time",
        min_hours_per_week=Decimal("10"),
        max_hours_per_week=Decimal("20"),
        preferred_schedules=["daytime"],
        disclosure_preference=CareerProfile.Disclosure.NONE,
        benefits_received=["SSDI 1234.00"],
        family_contacts="Mum: 313-555-0199",
    )
    profile.preferred_occupations.set([Occupation.objects.filter(code__startswith="35-").first()])
    return profile


@pytest.fixture
def sent_mail(settings):
    """anymail's test backend: messages are recorded, nothing leaves the machine."""
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    from django.core import mail

    mail.outbox = []
    return mail.outbox


def test_openings_for_you_shows_own_public_matches_with_reasons(
    portal_client, make_opening, make_match, other_seeker
):
    mine = make_opening(title="Baker's helper")
    make_match(mine, reasons=["3 miles, by bus", "you said you like baking"])
    make_match(make_opening(title="Hidden job", shareable=False))
    make_match(make_opening(title="Gone job", status="closed"))
    make_match(make_opening(title="Their job"), for_seeker=other_seeker)
    body = portal_client.get("/portal/").content.decode()
    assert "Baker&#x27;s helper" in body
    assert "you said you like baking" in body
    for hidden in ("Hidden job", "Gone job", "Their job", other_seeker.name):
        assert hidden not in body


@pytest.mark.parametrize("size", [2, 15])
def test_openings_for_you_query_count_is_constant(
    portal_client, make_opening, make_match, django_assert_max_num_queries, size
):
    for n in range(size):
        make_match(make_opening(title=f"Job {n}"), rank=n)
    with django_assert_max_num_queries(11):
        response = portal_client.get("/portal/")
    assert response.context["count"] == size


def test_im_interested_records_one_outcome_and_tells_the_specialist_once(
    portal_client,
    seeker,
    make_opening,
    make_match,
    sent_mail,
    django_capture_on_commit_callbacks,
):
    opening = make_opening()
    make_match(opening)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = portal_client.post(f"/portal/interested/{opening.pk}/")
    assert response.status_code == 302
    outcome = MatchOutcome.objects.get(seeker=seeker, opening=opening)
    assert (outcome.kind, outcome.source, outcome.program_id) == (
        "interest",
        "portal",
        seeker.program_id,
    )
    assert len(callbacks) == 1
    assert [message.to for message in sent_mail] == [[seeker.specialist.user.email]]
    assert opening.title in sent_mail[0].body
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        portal_client.post(f"/portal/interested/{opening.pk}/")
    assert MatchOutcome.objects.filter(seeker=seeker).count() == 1
    assert callbacks == []
    assert "You said you are interested" in portal_client.get("/portal/").content.decode()


def test_interest_on_a_public_opening_without_a_match_is_allowed(
    portal_client, seeker, make_opening, sent_mail, django_capture_on_commit_callbacks
):
    opening = make_opening()
    with django_capture_on_commit_callbacks(execute=True):
        portal_client.post(f"/portal/interested/{opening.pk}/", {"next": "/openings/"})
    assert MatchOutcome.objects.filter(seeker=seeker, opening=opening).exists()


@pytest.mark.parametrize("fields", [{"shareable": False}, {"status": "filled"}])
def test_interest_in_an_unlisted_opening_is_404_and_records_nothing(
    portal_client, make_opening, fields
):
    opening = make_opening(**fields)
    assert portal_client.post(f"/portal/interested/{opening.pk}/").status_code == 404
    assert not MatchOutcome.objects.exists()


def test_opening_the_interest_address_goes_to_the_opening_with_a_note(
    portal_client, make_opening, openings_url
):
    """A reload, a bookmark or coming back from signing in: no blank 405, nothing recorded."""
    opening = make_opening(title="Room attendant")
    response = portal_client.get(f"/portal/interested/{opening.pk}/", follow=True)
    assert response.redirect_chain == [(f"{openings_url}{opening.pk}/", 302)]
    html = response.content.decode()
    assert "To tell your specialist you are interested in this job, press the" in html
    assert "Room attendant" in html
    assert not MatchOutcome.objects.exists()
    # Said already: the opening says so, without the note.
    portal_client.post(f"/portal/interested/{opening.pk}/")
    again = portal_client.get(f"/portal/interested/{opening.pk}/", follow=True)
    assert "You said you are interested" in again.content.decode()
    assert "press the" not in again.content.decode()
    assert MatchOutcome.objects.count() == 1


def test_opening_the_interest_address_of_a_closed_opening_shows_it_is_gone(
    portal_client, make_opening, openings_url
):
    opening = make_opening(status="filled")
    response = portal_client.get(f"/portal/interested/{opening.pk}/", follow=True)
    assert response.redirect_chain == [(f"{openings_url}{opening.pk}/", 302)]
    assert response.status_code in (404, 410)
    assert "press the" not in response.content.decode()
    assert not MatchOutcome.objects.exists()


def test_opening_the_interest_address_signed_out_asks_to_sign_in_first(client, make_opening):
    opening = make_opening()
    response = client.get(f"/portal/interested/{opening.pk}/")
    assert response.status_code == 302
    assert response.url == f"/portal/sign-in/?next=/portal/interested/{opening.pk}/"
    assert not MatchOutcome.objects.exists()


def test_interest_needs_a_post_and_a_seeker(client, make_opening, users):
    opening = make_opening()
    assert client.post(f"/portal/interested/{opening.pk}/").status_code == 302
    client.force_login(users["specialist"])
    assert client.post(f"/portal/interested/{opening.pk}/").status_code == 403
    assert not MatchOutcome.objects.exists()


def test_profile_page_shows_the_profile_without_sensitive_fields(portal_client, profile):
    body = portal_client.get("/portal/profile/").content.decode()
    assert "Baker" in body
    assert "Friendly, on time" in body
    assert "Weekday daytime" in body
    for secret in ("SSDI", "1234", "313-555-0199", "Mum", "Do not tell employers", "Disclos"):
        assert secret not in body


def test_profile_page_without_a_profile_is_calm(portal_client):
    response = portal_client.get("/portal/profile/")
    assert "has not written your career profile yet" in response.content.decode()


def test_changing_choices_saves_a_new_profile_version(portal_client, seeker, profile):
    kept = list(profile.preferred_occupations.all())
    response = portal_client.post(
        "/portal/preferences/",
        {
            "min_hours_per_week": "15",
            "max_hours_per_week": "30",
            "preferred_schedules": ["daytime", "weekends"],
            "travel_mode": "bus",
            "max_commute_miles": "8",
            "preferred_occupations": [o.pk for o in kept],
            "weekly_email": "on",
            "version": "1",  # the profile version the form was opened at
        },
    )
    assert response.status_code == 302
    versions = CareerProfile.objects.filter(seeker=seeker).order_by("version")
    assert [(p.version, p.is_current) for p in versions] == [(1, False), (2, True)]
    new = versions[1]
    assert (new.min_hours_per_week, new.max_hours_per_week) == (Decimal("15"), Decimal("30"))
    assert new.preferred_schedules == ["daytime", "weekends"]
    assert (new.travel_mode, new.max_commute_miles) == ("bus", Decimal("8"))
    assert list(new.preferred_occupations.all()) == kept
    assert (new.dream_job, new.family_contacts) == ("Baker", "Mum: 313-555-0199")
    assert PortalPreference.objects.get(seeker=seeker).weekly_email is True


def test_saving_the_choices_unchanged_makes_no_new_version(portal_client, seeker, profile):
    """The person opens "My choices" and presses Save without changing anything (or only
    the weekly email): the profile's history gains no empty version, the email choice is kept,
    and a pending "please check your profile" request counts as answered."""
    JobSeeker.objects.filter(pk=seeker.pk).update(profile_update_requested_on="2026-11-20")
    shown = portal_client.get("/portal/preferences/").content.decode()
    data = form_data(shown, having="max_hours_per_week")
    data["weekly_email"] = "on"
    response = portal_client.post("/portal/preferences/", data)
    assert response.status_code == 302
    versions = CareerProfile.objects.filter(seeker=seeker)
    assert [(p.version, p.is_current) for p in versions] == [(1, True)]
    assert PortalPreference.objects.get(seeker=seeker).weekly_email is True
    seeker.refresh_from_db()
    assert seeker.profile_update_requested_on is None
    # A real change after that still makes version 2.
    data["max_hours_per_week"] = "25"
    assert portal_client.post("/portal/preferences/", data).status_code == 302
    assert CareerProfile.objects.get(seeker=seeker, is_current=True).version == 2


def test_first_choices_without_a_profile_start_version_1(portal_client, seeker):
    response = portal_client.post(
        "/portal/preferences/", {"max_hours_per_week": "25", "version": "0"}
    )
    assert response.status_code == 302
    profile = CareerProfile.objects.get(seeker=seeker)
    assert (profile.version, profile.is_current, profile.max_hours_per_week) == (
        1,
        True,
        Decimal("25"),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"min_hours_per_week": "30", "max_hours_per_week": "10"}, "same as or more than"),
        ({"min_hours_per_week": "lots"}, "Choose a number from 0 to 80 hours a week."),
        ({"max_hours_per_week": "200"}, "Choose a number from 0 to 80 hours a week."),
        ({"max_commute_miles": "-3"}, "Choose a number from 0 to 100 miles."),
        ({"preferred_schedules": ["moon"]}, "Select a valid choice"),
        ({"preferred_occupations": ["00-0000.00"]}, "Select a valid choice"),
    ],
)
def test_bad_choices_get_a_message_and_change_nothing(
    portal_client, seeker, profile, data, message
):
    response = portal_client.post("/portal/preferences/", {**data, "version": "1"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert CareerProfile.objects.filter(seeker=seeker).count() == 1
    assert not PortalPreference.objects.filter(seeker=seeker, weekly_email=True).exists()


@pytest.mark.parametrize(
    ("box", "typed", "message"),
    [
        ("max_commute_miles", "99999", "Choose a number from 0 to 100 miles."),
        ("max_commute_miles", "101", "Choose a number from 0 to 100 miles."),
        ("min_hours_per_week", "99999", "Choose a number from 0 to 80 hours a week."),
        ("max_hours_per_week", "-1", "Choose a number from 0 to 80 hours a week."),
    ],
)
def test_a_number_out_of_range_gets_one_plain_error_for_its_box(
    portal_client, seeker, profile, box, typed, message
):
    response = portal_client.post("/portal/preferences/", {box: typed, "version": "1"})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {box: [message]}
    html = response.content.decode()
    assert html.count(message) == 2  # the list at the top and the box itself, once each
    assert "digits" not in html
    assert f'value="{typed}"' in html  # what the person typed, to correct
    assert CareerProfile.objects.filter(seeker=seeker).count() == 1


def test_a_number_out_of_range_is_explained_in_spanish(portal_client, seeker, profile):
    portal_client.post("/portal/language/", {"language": "es", "next": "/portal/preferences/"})
    response = portal_client.post(
        "/portal/preferences/",
        {"max_commute_miles": "99999", "max_hours_per_week": "81", "version": "1"},
    )
    html = response.content.decode()
    assert "Elija un número de 0 a 100 millas." in html
    assert "Elija un número de 0 a 80 horas a la semana." in html


def test_the_boxes_show_whole_numbers_without_a_decimal_point(portal_client, profile):
    profile.max_commute_miles = Decimal("15.0")
    profile.min_hours_per_week = Decimal("7.5")
    profile.save()
    html = portal_client.get("/portal/preferences/").content.decode()
    assert 'name="max_commute_miles" value="15"' in html
    assert 'name="min_hours_per_week" value="7.5"' in html
    assert 'name="max_hours_per_week" value="20"' in html
    assert not re.search(r'value="\d+\.0"', html)


def test_more_decimals_are_rounded_to_one(portal_client, seeker, profile):
    response = portal_client.post(
        "/portal/preferences/", {"max_commute_miles": "7.25", "version": "1"}
    )
    assert response.status_code == 302
    assert CareerProfile.objects.get(seeker=seeker, is_current=True).max_commute_miles == Decimal(
        "7.3"
    )


def test_seeker_cannot_reach_staff_pages(portal_client, seeker, other_seeker):
    for path in (
        "/admin/",
        f"/admin/jobseekers/jobseeker/edit/{seeker.pk}/",
        f"/admin/jobseekers/jobseeker/edit/{other_seeker.pk}/",
        "/admin/portal-invitations/",
        "/django-admin/",
    ):
        response = portal_client.get(path)
        assert response.status_code == 302, path
        assert "login" in response.url


def test_seeker_pages_never_show_another_seekers_data(
    portal_client, other_seeker, make_opening, make_match
):
    CareerProfile.objects.create(
        program=other_seeker.program, seeker=other_seeker, dream_job="Astronaut"
    )
    make_match(make_opening(title="Rocket job"), for_seeker=other_seeker)
    for path in ("/portal/", "/portal/profile/", "/portal/preferences/"):
        body = portal_client.get(path).content.decode()
        assert "Astronaut" not in body
        assert "Rocket job" not in body
        assert other_seeker.name not in body
