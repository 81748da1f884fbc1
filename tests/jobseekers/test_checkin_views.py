"""Status check-ins in the workspace: entry, the person's timeline, the program view."""

import datetime as dt

import pytest
from django.utils import timezone

from jobseekers.models import StatusCheckIn


def url(seeker, what="check-in"):
    return f"/admin/seekers/{seeker.pk}/{what}/"


def test_specialist_records_a_check_in_with_only_the_date(client, users, seeker):
    client.force_login(users["specialist"])
    response = client.post(url(seeker), {"date": "2026-03-01"})
    assert response.status_code == 302
    check_in = StatusCheckIn.objects.get()
    assert (check_in.seeker, check_in.program, check_in.date) == (
        seeker,
        seeker.program,
        dt.date(2026, 3, 1),
    )
    assert check_in.recorded_by.user == users["specialist"]
    assert check_in.housing == ""
    assert check_in.quality_of_life is None


def test_a_full_check_in_keeps_every_answer(client, users, seeker):
    client.force_login(users["specialist"])
    client.post(
        url(seeker),
        {
            "date": "2026-03-01", "housing": "supported", "housing_moves": "1",
            "education_enrolled": "true", "education_completed": "false", "justice": "none",
            "inpatient_admissions": "1", "inpatient_days": "4", "er_visits": "2",
            "social_supports": "3", "quality_of_life": "4", "service_rating": "5",
        },
    )  # fmt: skip
    saved = StatusCheckIn.objects.get()
    assert (saved.housing, saved.education_enrolled, saved.education_completed) == (
        "supported",
        True,
        False,
    )
    assert (saved.inpatient_days, saved.er_visits, saved.quality_of_life) == (4, 2, 4)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": ""}, b"This field is required"),
        ({"date": "2026-02-30"}, b"Enter a valid date"),
        ({"date": "2099-01-01"}, b"cannot be dated in the future"),
        ({"date": "2025-12-01"}, b"before the person was referred"),
        ({"date": "2026-03-01", "quality_of_life": "6"}, b"less than or equal to 5"),
        ({"date": "2026-03-01", "er_visits": "-1"}, b"greater than or equal to 0"),
        ({"date": "2026-03-01", "housing": "castle"}, b"Select a valid choice"),
        (
            {"date": "2026-03-01", "inpatient_admissions": "0", "inpatient_days": "3"},
            b"need at least one admission",
        ),
    ],
)
def test_bad_check_in_is_explained_and_nothing_is_saved(client, users, seeker, data, message):
    client.force_login(users["specialist"])
    response = client.post(url(seeker), data)
    assert response.status_code == 200
    assert message in response.content
    assert not StatusCheckIn.objects.exists()


def test_staff_of_another_program_cannot_reach_or_write_check_ins(client, outsider, seeker):
    client.force_login(outsider)
    assert client.get(url(seeker)).status_code == 404
    assert client.post(url(seeker), {"date": "2026-03-01"}).status_code == 404
    assert client.get(url(seeker, "life")).status_code == 404
    assert not StatusCheckIn.objects.exists()


def refused(response) -> bool:
    """Wagtail's answer to a missing permission: back to the dashboard (or a plain 403)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_coach_neither_reads_nor_records_check_ins_of_the_people_they_coach(client, users, seeker):
    """Issue 13, finding 6: a coach sees the person (they had a job) but their role holds
    no check-in permission, so the housing and justice answers stay out of reach."""
    from tests.factories import JobFactory

    JobFactory(seeker=seeker)  # the coach now sees this person
    StatusCheckIn.objects.create(
        program=seeker.program, seeker=seeker, date=dt.date(2026, 2, 1), justice="new_charge"
    )
    client.force_login(users["coach"])
    assert refused(client.get(url(seeker)))
    assert refused(client.get(url(seeker, "life")))
    assert refused(client.post(url(seeker), {"date": "2026-03-01", "justice": "incarceration"}))
    assert StatusCheckIn.objects.count() == 1
    record = client.get(f"/admin/jobseekers/record/{seeker.pk}/")
    assert record.status_code == 200
    assert b"Life beyond the job" not in record.content  # the panel with the latest answers


def test_a_coach_is_refused_alike_whether_or_not_the_person_is_visible(client, users, seeker):
    client.force_login(users["coach"])
    assert refused(client.post(url(seeker), {"date": "2026-03-01"}))
    assert refused(client.post("/admin/seekers/987654321/check-in/", {"date": "2026-03-01"}))
    assert not StatusCheckIn.objects.exists()


@pytest.mark.parametrize("who", ["seeker_user", "anonymous"])
def test_portal_users_and_the_public_never_reach_check_ins(client, seeker, seeker_user, who):
    if who == "seeker_user":
        client.force_login(seeker_user)
    response = client.post(url(seeker), {"date": "2026-03-01"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not StatusCheckIn.objects.exists()


def test_timeline_shows_check_ins_in_plain_words_newest_first(client, users, seeker):
    StatusCheckIn.objects.create(
        program=seeker.program, seeker=seeker, date=dt.date(2026, 2, 1), housing="shelter"
    )
    StatusCheckIn.objects.create(
        program=seeker.program, seeker=seeker, date=dt.date(2026, 5, 1), housing="supported"
    )
    client.force_login(users["specialist"])
    page = client.get(url(seeker, "life")).content.decode()
    assert page.index("Supported housing") < page.index("Shelter")
    assert "Next check-in" in page


@pytest.fixture
def quarter_of_check_ins(seeker, other_seeker):
    today = timezone.localdate()
    StatusCheckIn.objects.create(
        program=seeker.program, seeker=seeker, date=today, housing="supported", er_visits=1
    )
    StatusCheckIn.objects.create(
        program=other_seeker.program, seeker=other_seeker, date=today, housing="homeless"
    )


@pytest.mark.parametrize("role", ["supervisor", "director"])
def test_leadership_sees_their_programs_life_outcomes(
    client, users, quarter_of_check_ins, role, django_assert_max_num_queries
):
    client.force_login(users[role])
    with django_assert_max_num_queries(20):
        response = client.get("/admin/life-outcomes/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures.people, figures.stable_housing_share) == (1, 1.0)


@pytest.mark.parametrize("role", ["specialist", "coach"])
def test_other_staff_are_turned_away_from_the_program_view(client, users, role):
    client.force_login(users[role])
    response = client.get("/admin/life-outcomes/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_a_director_cannot_ask_for_another_programs_figures(
    client, users, other_program, quarter_of_check_ins
):
    client.force_login(users["director"])
    response = client.get(f"/admin/life-outcomes/?program={other_program.pk}")
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_bad_period_is_explained(client, users):
    client.force_login(users["director"])
    response = client.get("/admin/life-outcomes/?start=2026-09-30&end=2026-07-01")
    assert response.status_code == 200
    assert b"the end not before the start" in response.content


def test_the_record_shows_life_beyond_the_job_and_is_audited(client, users, seeker):
    from ips.models import AuditEvent

    StatusCheckIn.objects.create(
        program=seeker.program, seeker=seeker, date=dt.date(2026, 3, 1), housing="supported"
    )
    client.force_login(users["specialist"])
    page = client.get(f"/admin/jobseekers/record/{seeker.pk}/").content.decode()
    assert "Life beyond the job" in page
    assert "Last check-in: Sun 1 Mar 2026 (supported housing)" in page
    assert "Person's rights" not in page  # leadership only
    assert AuditEvent.objects.filter(seeker_id=seeker.pk, action="view").count() == 1


def test_leadership_finds_the_rights_page_from_the_record(client, users, seeker):
    client.force_login(users["supervisor"])
    page = client.get(f"/admin/jobseekers/record/{seeker.pk}/").content.decode()
    assert f"/admin/privacy/seeker/{seeker.pk}/" in page
