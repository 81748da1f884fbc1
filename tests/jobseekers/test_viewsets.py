"""The generic workspace listings keep the services' rules: profiles stay versioned,
job starts go through the record, corrections keep the competitive-wage rule."""

import datetime as dt

import pytest
from django.urls import reverse

from jobseekers import services
from jobseekers.models import CareerProfile, Job


@pytest.fixture
def job(seeker, employer):
    return services.record_job_start(
        seeker=seeker, employer=employer, title="Baker", start_date=dt.date(2026, 2, 1)
    )


def test_profile_edit_in_the_listing_goes_to_the_versioned_form(client, seeker, users):
    profile = services.update_career_profile(seeker=seeker, changes={"dream_job": "Chef"}, by=None)
    client.force_login(users["specialist"])
    response = client.get(reverse("career_profiles:edit", args=[profile.pk]))
    assert response["Location"] == reverse("jobseekers:profile", args=[seeker.pk])
    assert CareerProfile.objects.count() == 1


def test_profile_edit_of_another_program_is_404(client, other_seeker, users):
    profile = services.update_career_profile(seeker=other_seeker, changes={}, by=None)
    client.force_login(users["specialist"])
    assert client.get(reverse("career_profiles:edit", args=[profile.pk])).status_code == 404


def test_job_add_in_the_listing_points_to_the_record(client, users):
    client.force_login(users["specialist"])
    response = client.post(reverse("jobs:add"), {"title": "Sneaky"})
    assert response["Location"] == reverse("jobseekers:caseload")
    assert not Job.objects.exists()


def test_job_correction_keeps_the_competitive_wage_rule(client, job, users, program):
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("jobs:edit", args=[job.pk]),
        {
            "program": program.pk,
            "seeker": job.seeker_id,
            "employer": job.employer_id,
            "title": "Baker",
            "start_date": "2026-02-01",
            "hourly_wage": "6.00",
            "competitive": "on",
            "permanent": "on",
        },
    )
    assert response.status_code == 200
    assert "minimum wage" in response.content.decode()
    job.refresh_from_db()
    assert job.hourly_wage is None


def test_seeker_listing_links_to_the_record(client, seeker, users):
    client.force_login(users["specialist"])
    page = client.get(reverse("seekers:index")).content.decode()
    assert reverse("jobseekers:record", args=[seeker.pk]) in page
