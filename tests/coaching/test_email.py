"""The morning digest and the interest notice: content, opt-out, exactly once, retries."""

import datetime as dt

import pytest
from anymail.backends.test import EmailBackend as AnymailTestBackend
from anymail.exceptions import AnymailAPIError
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format

from coaching.models import DigestLog, InterestNotice
from coaching.tasks import (
    notify_specialist_of_interest_task,
    notify_specialist_of_withdrawal_task,
    send_digest_task,
    send_morning_digests_task,
)
from employers.models import JobOpening
from ips.celery import app as celery_app
from jobseekers.models import MatchOutcome


@pytest.fixture(autouse=True)
def anymail_backend(settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    mail.outbox = []


@pytest.fixture
def failing_provider(monkeypatch):
    """The provider refuses the first `failures[0]` sends (an outage), then accepts."""
    failures = [0]
    real = AnymailTestBackend.post_to_esp

    def post_to_esp(self, payload, message):
        if failures[0] > 0:
            failures[0] -= 1
            raise AnymailAPIError("Provider unavailable (503)")
        return real(self, payload, message)

    monkeypatch.setattr(AnymailTestBackend, "post_to_esp", post_to_esp)
    # Eager tasks only retry when errors are not propagated at once (as on a worker);
    # the final error still reaches `.get()`.
    propagates = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield failures
    celery_app.conf.task_eager_propagates = propagates


@pytest.fixture
def due_work(make_job, seeker):
    """A 30-day check overdue and a first-week contact due for the home program."""
    late = make_job(seeker, days_ago=40, title="Dishwasher")
    fresh = make_job(seeker, days_ago=1, title="Stocker")
    return late, fresh


def _run_morning(capture, day=None):
    with capture(execute=True):
        return send_morning_digests_task.delay(day.isoformat() if day else None).get()


def test_digest_lists_what_is_due_in_text_and_html(
    due_work, staff, django_capture_on_commit_callbacks
):
    _run_morning(django_capture_on_commit_callbacks)
    [message] = [m for m in mail.outbox if m.to == [staff["specialist"].user.email]]
    assert "to do today" in message.subject
    assert "1 late" in message.subject
    assert (
        "Alex Rivera: 30-day check: still in this job? (Dishwasher at Corner Bakery)"
        in message.body
    )
    assert "Week 1 face-to-face contact" in message.body
    assert "http://testserver/admin/coaching/due/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>Alex Rivera</strong>" in html
    assert message.anymail_test_params["tags"] == ["digest"]


def test_digest_gives_a_week_in_progress_its_last_day_not_due_today(
    due_work, staff, django_capture_on_commit_callbacks
):
    """Red-team finding (issue 17): the first week, begun yesterday, said "Due today"."""
    _run_morning(django_capture_on_commit_callbacks)
    [message] = [m for m in mail.outbox if m.to == [staff["specialist"].user.email]]
    line = next(x for x in message.body.splitlines() if "Week 1 face-to-face contact" in x)
    assert "Due today" not in line
    last_day = timezone.localdate() + dt.timedelta(days=5)
    assert f"Due by {date_format(last_day)}." in line
    assert f"Due by {date_format(last_day)}." in message.alternatives[0][0]


def test_digest_goes_to_opted_in_staff_with_something_due(
    due_work, staff, django_capture_on_commit_callbacks
):
    staff["director"].digest_opt_in = False
    staff["director"].save()
    _run_morning(django_capture_on_commit_callbacks)
    recipients = sorted(m.to[0] for m in mail.outbox)
    # the coach coaches no job here, the director opted out
    assert recipients == sorted([staff["specialist"].user.email, staff["supervisor"].user.email])


def test_digest_is_sent_once_per_day_even_when_the_task_runs_twice(
    due_work, staff, django_capture_on_commit_callbacks, today
):
    _run_morning(django_capture_on_commit_callbacks, today)
    _run_morning(django_capture_on_commit_callbacks, today)
    send_digest_task.delay(staff["specialist"].pk, today.isoformat()).get()
    # specialist, supervisor and director each once (the coach has nothing due)
    assert len(mail.outbox) == 3
    assert len({m.to[0] for m in mail.outbox}) == 3
    assert DigestLog.objects.filter(day=today, sent_at__isnull=False).count() == 3
    _run_morning(django_capture_on_commit_callbacks, today + dt.timedelta(days=1))
    assert len(mail.outbox) == 6


def test_nobody_gets_an_empty_digest(staff, django_capture_on_commit_callbacks):
    assert _run_morning(django_capture_on_commit_callbacks) == 4
    assert mail.outbox == []
    assert not DigestLog.objects.exists()


def test_digest_retries_after_a_provider_failure_and_sends_once(
    due_work, staff, failing_provider, today
):
    failing_provider[0] = 2
    assert send_digest_task.delay(staff["specialist"].pk, today.isoformat()).get() is True
    assert len(mail.outbox) == 1
    log = DigestLog.objects.get(staff=staff["specialist"], day=today)
    assert log.sent_at is not None
    assert log.item_count == 2


def test_digest_claim_is_released_when_the_send_finally_fails(
    due_work, staff, failing_provider, today
):
    failing_provider[0] = 100
    with pytest.raises(AnymailAPIError):
        send_digest_task.delay(staff["specialist"].pk, today.isoformat()).get()
    assert not DigestLog.objects.exists()
    assert failing_provider[0] == 100 - 7  # the first try and six retries
    failing_provider[0] = 0
    assert send_digest_task.delay(staff["specialist"].pk, today.isoformat()).get() is True
    assert len(mail.outbox) == 1


def test_stale_claim_of_a_dead_worker_is_taken_over(due_work, staff, today):
    DigestLog.objects.create(
        program=staff["specialist"].program,
        staff=staff["specialist"],
        day=today,
        claimed_at=timezone.now() - dt.timedelta(hours=1),
    )
    assert send_digest_task.delay(staff["specialist"].pk, today.isoformat()).get() is True
    assert len(mail.outbox) == 1


@pytest.fixture
def interest(seeker, employer):
    opening = JobOpening.objects.create(
        program=seeker.program, employer=employer, title="Line cook"
    )
    return MatchOutcome.objects.create(
        program=seeker.program,
        seeker=seeker,
        opening=opening,
        kind=MatchOutcome.Kind.INTEREST,
        date=timezone.localdate(),
        source="portal",
    )


def test_interest_notice_tells_the_specialist_with_a_link(interest, staff, seeker):
    assert notify_specialist_of_interest_task.delay(interest.pk).get() is True
    [message] = mail.outbox
    assert message.to == [staff["specialist"].user.email]
    assert message.subject == "Alex Rivera is interested in Line cook at Corner Bakery"
    # The seeker's record screen (not the raw inspect page), on the configured base URL.
    assert f"http://testserver/admin/jobseekers/record/{seeker.pk}/" in message.body
    assert (
        f'href="http://testserver/admin/jobseekers/record/{seeker.pk}/"'
        in (message.alternatives[0][0])
    )
    assert "Line cook" in message.alternatives[0][0]


def test_staff_links_follow_the_configured_base_url(interest, seeker, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8053/"
    notify_specialist_of_interest_task.delay(interest.pk).get()
    assert f"http://127.0.0.1:8053/admin/jobseekers/record/{seeker.pk}/" in mail.outbox[0].body


def test_taking_back_interest_tells_the_specialist_once(
    interest, staff, seeker, django_capture_on_commit_callbacks
):
    from cms.services import withdraw_interest
    from coaching.models import WithdrawalNotice
    from jobseekers.models import InterestWithdrawal

    with django_capture_on_commit_callbacks(execute=True):
        assert withdraw_interest(seeker=seeker, opening=interest.opening) is True
    assert not MatchOutcome.objects.filter(pk=interest.pk).exists()  # the open task is gone
    withdrawal = InterestWithdrawal.objects.get(seeker=seeker)
    [message] = mail.outbox
    assert message.to == [staff["specialist"].user.email]
    assert message.subject == ("Alex Rivera is no longer interested in Line cook at Corner Bakery")
    assert f"http://testserver/admin/jobseekers/record/{seeker.pk}/" in message.body
    assert notify_specialist_of_withdrawal_task.delay(withdrawal.pk).get() is False
    assert len(mail.outbox) == 1
    assert WithdrawalNotice.objects.get(withdrawal=withdrawal).sent_at is not None


def test_taking_back_an_interest_staff_wrote_down_changes_nothing(interest, seeker):
    from cms.services import PortalError, withdraw_interest
    from jobseekers.models import InterestWithdrawal

    MatchOutcome.objects.filter(pk=interest.pk).update(source="staff")
    with pytest.raises(PortalError):
        withdraw_interest(seeker=seeker, opening=interest.opening)
    assert MatchOutcome.objects.filter(pk=interest.pk).exists()
    assert not InterestWithdrawal.objects.exists()
    assert mail.outbox == []


def test_interest_notice_is_sent_once_per_outcome(interest):
    notify_specialist_of_interest_task.delay(interest.pk).get()
    assert notify_specialist_of_interest_task.delay(interest.pk).get() is False
    assert len(mail.outbox) == 1
    assert InterestNotice.objects.get(outcome=interest).sent_at is not None


def test_interest_notice_retries_after_a_provider_failure(interest, failing_provider):
    failing_provider[0] = 1
    assert notify_specialist_of_interest_task.delay(interest.pk).get() is True
    assert len(mail.outbox) == 1


def test_interest_without_a_specialist_goes_to_leadership(interest, seeker, staff):
    seeker.specialist = None
    seeker.save()
    notify_specialist_of_interest_task.delay(interest.pk).get()
    assert sorted(mail.outbox[0].to) == sorted(
        [staff["supervisor"].user.email, staff["director"].user.email]
    )


def test_other_outcomes_send_no_interest_notice(interest):
    MatchOutcome.objects.filter(pk=interest.pk).update(kind=MatchOutcome.Kind.DECLINED)
    assert notify_specialist_of_interest_task.delay(interest.pk).get() is False
    assert notify_specialist_of_interest_task.delay(999_999).get() is False
    assert mail.outbox == []
