"""The services the spreadsheet importer calls: create or update by ref, same rules."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail import hooks

from ips.hooks import JOB_ENDED, JOB_STARTED
from jobseekers import services
from jobseekers.models import Job, JobSeeker

D = dt.date


def test_upsert_seeker_creates_then_updates_by_ref(program, staff):
    first, created = services.upsert_seeker(
        program=program, ref="A1", name="Jo", entry_date=D(2026, 1, 5)
    )
    assert created
    assert (first.stage, first.referral_date) == ("engaged", D(2026, 1, 5))
    again, created = services.upsert_seeker(
        program=program,
        ref="A1",
        name="Jo Park",
        entry_date=D(2026, 1, 5),
        specialist=staff["specialist"],
        closed_date=D(2026, 6, 1),
        close_reason="moved",
    )
    assert not created
    assert again.pk == first.pk
    assert (again.name, again.stage, again.close_reason) == ("Jo Park", "closed", "moved")
    assert JobSeeker.objects.filter(program=program, ref="A1").count() == 1


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"closed_date": D(2026, 6, 1), "close_reason": "not_ready"}, "close_reason"),
        ({"closed_date": D(2026, 6, 1)}, "close_reason"),
        ({"close_reason": "moved"}, "closed_date"),
        ({"closed_date": D(2025, 1, 1), "close_reason": "moved"}, "__all__"),
        ({"referral_date": D(2026, 2, 1)}, "__all__"),  # entry before referral
    ],
)
def test_upsert_seeker_refuses_bad_rows(program, extra, field):
    with pytest.raises(ValidationError) as error:
        services.upsert_seeker(
            program=program, ref="A1", name="Jo", entry_date=D(2026, 1, 5), **extra
        )
    assert field in error.value.message_dict
    assert not JobSeeker.objects.filter(ref="A1").exists()


def test_upsert_job_runs_hooks_once_and_keeps_rules(seeker, employer):
    seen = []
    with hooks.register_temporarily(
        [
            (JOB_STARTED, lambda job: seen.append(("start", job.ref))),
            (JOB_ENDED, lambda job: seen.append(("end", job.ref))),
        ]
    ):
        job, created = services.upsert_job(
            seeker=seeker, employer=employer, ref="J1", title="Cook", start_date=D(2026, 2, 1)
        )
        assert created
        seeker.refresh_from_db()
        assert seeker.stage == "working"
        services.upsert_job(
            seeker=seeker, employer=employer, ref="J1", title="Cook", start_date=D(2026, 2, 1)
        )
        services.upsert_job(
            seeker=seeker,
            employer=employer,
            ref="J1",
            title="Cook",
            start_date=D(2026, 2, 1),
            end_date=D(2026, 3, 1),
            end_reason="quit",
        )
    assert seen == [("start", "J1"), ("end", "J1")]
    assert Job.objects.get(ref="J1").end_date == D(2026, 3, 1)


def test_upsert_job_refuses_competitive_under_minimum_wage(seeker, employer):
    with pytest.raises(ValidationError, match="minimum wage"):
        services.upsert_job(
            seeker=seeker,
            employer=employer,
            ref="J1",
            title="Cook",
            start_date=D(2026, 2, 1),
            hourly_wage=Decimal("5"),
        )
    assert not Job.objects.exists()


def test_upsert_job_for_a_closed_record_keeps_it_closed(program, employer):
    closed, _ = services.upsert_seeker(
        program=program,
        ref="A2",
        name="Old",
        entry_date=D(2024, 1, 1),
        closed_date=D(2025, 1, 1),
        close_reason="stepped_down",
    )
    services.upsert_job(
        seeker=closed,
        employer=employer,
        ref="J2",
        title="Clerk",
        start_date=D(2024, 3, 1),
        end_date=D(2024, 12, 1),
        end_reason="better_job",
    )
    closed.refresh_from_db()
    assert closed.stage == "closed"


def test_upsert_job_can_skip_the_hooks_for_history(seeker, employer):
    seen = []
    with hooks.register_temporarily(JOB_STARTED, lambda job: seen.append(job.ref)):
        services.upsert_job(
            seeker=seeker,
            employer=employer,
            ref="J9",
            title="Cook",
            start_date=D(2026, 2, 1),
            run_job_hooks=False,
        )
    assert seen == []
