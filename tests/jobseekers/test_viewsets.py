"""The generic workspace listings keep the services' rules: profiles stay versioned,
job starts go through the record, corrections keep the competitive-wage rule."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from jobseekers import services
from jobseekers.models import CareerProfile, Job, JobSeeker


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


def job_form(job, **changes):
    data = {
        "program": job.program_id,
        "seeker": job.seeker_id,
        "employer": job.employer_id,
        "title": job.title,
        "start_date": job.start_date.isoformat(),
        "competitive": "on",
        "permanent": "on",
        "version": job.version,
    }
    return {**data, **changes}


def test_job_correction_on_the_jobs_screen_goes_through_update_job(client, job, users):
    client.force_login(users["supervisor"])
    data = job_form(job, hourly_wage="16.00", title="Head baker")
    response = client.post(reverse("jobs:edit", args=[job.pk]), data)
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.title, str(job.hourly_wage)) == ("Head baker", "16.00")
    notes = ModelLogEntry.objects.filter(object_id=str(job.seeker_id)).values_list(
        "data", flat=True
    )
    assert {"note": f"Job {job.pk} changed: hourly_wage, title"} in list(notes)


def test_moving_a_job_to_another_person_on_the_jobs_screen_is_refused(client, job, users, program):
    someone = JobSeeker.objects.create(program=program, name="Kim Else")
    client.force_login(users["supervisor"])
    response = client.post(reverse("jobs:edit", args=[job.pk]), job_form(job, seeker=someone.pk))
    assert response.status_code == 200
    assert "This cannot be changed here." in response.content.decode()
    job.refresh_from_db()
    assert job.seeker_id != someone.pk


def seeker_form(seeker, **changes):
    data = {
        "program": seeker.program_id,
        "ref": seeker.ref,
        "name": seeker.name,
        "specialist": seeker.specialist_id or "",
        "referral_date": seeker.referral_date.isoformat(),
        "zip": seeker.zip,
        "version": seeker.version,
    }
    return {**data, **changes}


def test_seeker_zip_change_on_the_job_seekers_screen_locates_them_again(
    client, seeker, users, django_capture_on_commit_callbacks
):
    seeker.latitude, seeker.longitude = 42.33, -83.05  # 48226, Detroit
    seeker.save()
    client.force_login(users["specialist"])
    seeker.refresh_from_db()
    data = seeker_form(seeker, zip="48502")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("seekers:edit", args=[seeker.pk]), data)
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert (seeker.zip, round(seeker.latitude, 1)) == ("48502", 43.0)  # Flint


def test_person_added_on_the_job_seekers_screen_is_a_located_referral(
    client, program, users, django_capture_on_commit_callbacks
):
    client.force_login(users["specialist"])
    data = {"program": program.pk, "name": "Robin Lee", "referral_date": "2026-03-02"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("seekers:add"), {**data, "zip": "48226"})
    assert response.status_code == 302
    person = JobSeeker.objects.get(name="Robin Lee")
    assert (person.stage, person.stage_changed_on) == ("referred", dt.date(2026, 3, 2))
    assert person.geocode_source == "zip_centroid"


@pytest.mark.parametrize("role", ["specialist", "coach", "supervisor", "director"])
@pytest.mark.parametrize("screen", ["benefits_parameters", "medicaid_1619b_thresholds"])
def test_only_a_superuser_edits_the_yearly_benefits_figures(client, users, role, screen):
    from jobseekers.models import BenefitsParameters, Medicaid1619bThreshold

    row = (
        BenefitsParameters.objects.get(year=2026)
        if screen == "benefits_parameters"
        else Medicaid1619bThreshold.objects.get(parameters__year=2026, state="MD")
    )
    before = {f.name: getattr(row, f.name) for f in row._meta.concrete_fields}
    client.force_login(users[role])
    url = reverse(f"{screen}:edit", args=[row.pk])
    assert client.get(reverse(f"{screen}:index")).status_code == 200  # every role reads
    response = client.post(url, {"threshold": "1", "sga_non_blind": "1", "year": "2026"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    row.refresh_from_db()
    assert {f.name: getattr(row, f.name) for f in row._meta.concrete_fields} == before


def test_a_superuser_edits_a_1619b_threshold(client, superuser):
    from jobseekers.models import Medicaid1619bThreshold

    row = Medicaid1619bThreshold.objects.get(parameters__year=2026, state="MD")
    client.force_login(superuser)
    response = client.post(
        reverse("medicaid_1619b_thresholds:edit", args=[row.pk]),
        {
            "parameters": row.parameters_id,
            "state": "MD",
            "threshold": "63000.00",
            "source": "SSA 1619(b) table",
            "version": row.version,
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.threshold == 63000


def test_the_job_seekers_screens_offer_every_detail_the_service_keeps(client, seeker, users):
    """One list of a seeker's details (services.SEEKER_DETAIL_FIELDS): the add and edit
    screens offer the program and exactly those, in that order."""
    client.force_login(users["specialist"])
    for url in (reverse("seekers:add"), reverse("seekers:edit", args=[seeker.pk])):
        fields = [name for name in client.get(url).context["form"].fields if name != "version"]
        assert fields == ["program", *services.SEEKER_DETAIL_FIELDS], url


def test_person_added_on_the_job_seekers_screen_keeps_every_detail(client, program, users):
    client.force_login(users["specialist"])
    details = {
        "ref": "R-77",
        "name": "Robin Lee",
        "preferred_name": "Rob",
        "email": "rob@example.org",
        "phone": "313 555 0100",
        "referral_date": "2026-03-02",
        "referral_source": "Clinic",
        "employed_at_referral": "on",
    }
    response = client.post(reverse("seekers:add"), {"program": program.pk, **details})
    assert response.status_code == 302
    person = JobSeeker.objects.get(name="Robin Lee")
    kept = {name: getattr(person, name) for name in details}
    assert kept == {
        **details,
        "referral_date": dt.date(2026, 3, 2),
        "employed_at_referral": True,
    }


def test_moving_a_job_start_past_tomorrow_on_the_jobs_screen_is_refused(client, job, users):
    client.force_login(users["supervisor"])
    later = timezone.localdate() + dt.timedelta(days=180)
    before = job.start_date
    response = client.post(
        reverse("jobs:edit", args=[job.pk]), job_form(job, start_date=later.isoformat())
    )
    assert response.status_code == 200
    assert "A job start is recorded from its first day" in response.content.decode()
    job.refresh_from_db()
    assert job.start_date == before
