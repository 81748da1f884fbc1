"""The opt-in weekly email of new matches: sent at most once a week, only when there is news."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cms.models import PortalPreference
from cms.services import send_weekly_matches, send_weekly_matches_to, week_start
from cms.tasks import send_weekly_matches_task
from jobseekers.models import JobSeeker, MatchOutcome

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 11, 23)


@pytest.fixture
def opted_in(seeker, seeker_user):
    return PortalPreference.objects.create(seeker=seeker, weekly_email=True)


def test_week_start_is_the_monday():
    assert week_start(dt.date(2026, 11, 29)) == MONDAY
    assert week_start(MONDAY) == MONDAY


def test_weekly_email_lists_new_matches_with_reasons(
    opted_in, make_opening, make_match, anymail_backend
):
    make_match(make_opening(title="Florist"), reasons=["you said you like plants"])
    assert send_weekly_matches_to(seeker_id=opted_in.seeker_id, today=MONDAY) is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alex_portal@example.org"]
    assert "1 new job opening for you" in message.subject
    assert "Florist" in message.body
    assert "you said you like plants" in message.body
    assert "http://testserver/portal/preferences/" in message.body
    assert "Florist" in message.alternatives[0][0]
    opted_in.refresh_from_db()
    assert opted_in.last_weekly_week == MONDAY


def test_a_weekly_email_queued_before_a_pause_sends_nothing(
    opted_in, make_opening, make_match, anymail_backend
):
    """Red-team finding: only the fan-out checked the pause; the send now checks it too."""
    make_match(make_opening(title="Florist"))
    opted_in.suggestions_paused = True
    opted_in.save()
    assert send_weekly_matches_to(seeker_id=opted_in.seeker_id, today=MONDAY) is False
    assert mail.outbox == []


def test_weekly_email_is_never_sent_twice_in_one_week(
    opted_in, make_opening, make_match, anymail_backend
):
    make_match(make_opening(title="Florist"))
    send_weekly_matches_task.delay()
    make_match(make_opening(title="Gardener"))
    assert (
        send_weekly_matches_to(seeker_id=opted_in.seeker_id, today=MONDAY + dt.timedelta(days=3))
        is False
    )
    send_weekly_matches_task.delay()
    assert len(mail.outbox) == 1


def test_next_week_sends_only_openings_listed_since_the_last_email(
    opted_in, make_opening, make_match, anymail_backend
):
    florist = make_opening(title="Florist")
    make_match(florist)
    send_weekly_matches_to(seeker_id=opted_in.seeker_id, today=MONDAY)
    type(florist).objects.filter(pk=florist.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=1)
    )
    make_match(make_opening(title="Gardener"))
    assert send_weekly_matches_to(seeker_id=opted_in.seeker_id, today=MONDAY + dt.timedelta(days=7))
    assert "Gardener" in mail.outbox[1].body
    assert "Florist" not in mail.outbox[1].body


def test_no_email_without_new_matches_or_for_interest_already_shown(
    opted_in, seeker, make_opening, make_match, anymail_backend
):
    assert send_weekly_matches_to(seeker_id=seeker.pk, today=MONDAY) is False
    opening = make_opening()
    make_match(opening)
    MatchOutcome.objects.create(
        program=seeker.program, seeker=seeker, opening=opening, kind="interest", date=MONDAY
    )
    assert send_weekly_matches_to(seeker_id=seeker.pk, today=MONDAY) is False
    make_match(make_opening(title="Hidden", shareable=False))
    assert send_weekly_matches_to(seeker_id=seeker.pk, today=MONDAY) is False
    assert mail.outbox == []
    opted_in.refresh_from_db()
    assert opted_in.last_weekly_week is None


def test_no_email_to_people_who_did_not_opt_in_or_are_closed(
    opted_in, seeker, make_opening, make_match, anymail_backend
):
    make_match(make_opening())
    PortalPreference.objects.filter(pk=opted_in.pk).update(weekly_email=False)
    assert send_weekly_matches(today=MONDAY) == []
    PortalPreference.objects.filter(pk=opted_in.pk).update(weekly_email=True)
    JobSeeker.objects.filter(pk=seeker.pk).update(closed_date=timezone.localdate())
    assert send_weekly_matches(today=MONDAY) == []
    assert mail.outbox == []


def test_old_openings_are_not_news(opted_in, make_opening, make_match, anymail_backend):
    opening = make_opening()
    type(opening).objects.filter(pk=opening.pk).update(
        created_at=timezone.now() - dt.timedelta(days=30)
    )
    make_match(opening)
    assert send_weekly_matches_to(seeker_id=opted_in.seeker_id, today=MONDAY) is False


def test_celery_beat_runs_the_weekly_email_on_mondays():
    import importlib

    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    migration = importlib.import_module("cms.migrations.0004_schedule_weekly_matches_email")
    migration.schedule(apps, None)
    migration.schedule(apps, None)  # idempotent
    task = PeriodicTask.objects.get(task="cms.tasks.send_weekly_matches_task")
    assert task.enabled
    assert (task.crontab.day_of_week, task.crontab.hour) == ("1", "9")


def test_weekly_email_goes_in_the_seekers_language(
    opted_in, make_opening, make_match, anymail_backend
):
    opted_in.language = "es"
    opted_in.save(update_fields=["language"])
    florist = make_opening(title="Florist")
    make_match(florist, reasons=["you said you like plants", "3 miles away, by bus"])
    assert send_weekly_matches_to(seeker_id=opted_in.seeker_id, today=MONDAY) is True
    message = mail.outbox[0]
    assert message.subject == "1 trabajo nuevo para usted esta semana"
    assert f"http://testserver/es/openings/{florist.pk}/" in message.body  # the Spanish page
    assert "Hola, Alex:" in message.body
    assert "usted dijo que le gusta: plants" in message.body
    assert "a 3 millas, en autobús" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="es">' in html
    assert "cambie sus preferencias" in html


def test_weekly_email_stays_english_by_default(opted_in, make_opening, make_match, anymail_backend):
    make_match(make_opening(title="Florist"), reasons=["3 miles away, by bus"])
    send_weekly_matches_to(seeker_id=opted_in.seeker_id, today=MONDAY)
    assert "3 miles away, by bus" in mail.outbox[0].body
    assert '<html lang="en">' in mail.outbox[0].alternatives[0][0]


def test_a_match_staff_marked_not_suitable_is_not_pushed_but_stays_on_the_public_list(
    opted_in,
    seeker,
    seeker_user,
    users,
    make_opening,
    make_match,
    anymail_backend,
    client,
    openings_url,
):
    """Red-team finding (issue 17): the portal and the weekly email still offered it. Staff's
    "not suitable" stops the push; the person can still find the opening themselves."""
    from jobseekers.services import mark_match_unsuitable

    florist = make_opening(title="Florist")
    make_match(florist)
    make_match(make_opening(title="Gardener"), rank=2)
    mark_match_unsuitable(
        seeker=seeker, opening=florist, reason="Pollen allergy", by=users["specialist"]
    )
    assert send_weekly_matches_to(seeker_id=opted_in.seeker_id, today=MONDAY) is True
    assert "Gardener" in mail.outbox[0].body
    assert "Florist" not in mail.outbox[0].body
    client.force_login(seeker_user)
    portal = client.get("/portal/").content.decode()
    assert "Gardener" in portal
    assert "Florist" not in portal
    # Zero exclusion: the public openings list still shows it to the person.
    assert "Florist" in client.get(openings_url).content.decode()
