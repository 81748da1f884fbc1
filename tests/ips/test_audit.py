"""The audit trail: who viewed or changed a job seeker's record, when, from where."""

import pytest
from django.utils import timezone

from ips.models import AuditEvent


def test_viewing_a_seeker_in_the_workspace_is_recorded_with_who_and_where(client, users, seeker):
    client.force_login(users["specialist"])
    response = client.get(
        f"/admin/seekers/inspect/{seeker.pk}/", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Phone"
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get()
    assert (event.action, event.seeker_id, event.user, event.program_id) == (
        "view",
        seeker.pk,
        users["specialist"],
        seeker.program_id,
    )
    assert (event.ip_address, event.user_agent) == ("10.1.2.3", "Phone")


def test_changing_a_seeker_is_recorded_as_a_change_without_the_content(client, users, seeker):
    client.force_login(users["specialist"])
    url = f"/admin/seekers/edit/{seeker.pk}/"
    client.post(url, {"program": seeker.program_id, "name": "Alex R.", "stage": "job_search"})
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "change" in actions
    assert not AuditEvent.objects.filter(summary__icontains="Alex").exists()


def test_outsider_refused_leaves_no_view_event(client, outsider, seeker):
    client.force_login(outsider)
    assert client.get(f"/admin/seekers/inspect/{seeker.pk}/").status_code == 404
    assert not AuditEvent.objects.exists()


def test_rows_not_about_a_person_are_not_audited(client, users, program):
    from employers.models import Employer

    employer = Employer.objects.create(program=program, name="Bakery", zip="48226")
    client.force_login(users["specialist"])
    assert client.get(f"/admin/employers/inspect/{employer.pk}/").status_code == 200
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", ["supervisor", "director"])
def test_leadership_reads_the_trail(client, users, seeker, role):
    AuditEvent.objects.create(
        program=seeker.program, user_label="x", action="view", object_type="t", seeker_id=seeker.pk
    )
    client.force_login(users[role])
    assert client.get("/admin/audit/").status_code == 200


@pytest.mark.parametrize("role", ["specialist", "coach"])
def test_other_staff_are_turned_away_from_the_trail(client, users, seeker, role):
    AuditEvent.objects.create(
        program=seeker.program, user_label="x", action="view", object_type="t", seeker_id=seeker.pk
    )
    client.force_login(users[role])
    response = client.get("/admin/audit/")
    # Wagtail answers a missing permission with a redirect to the dashboard and a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_another_programs_director_sees_none_of_the_trail(client, other_staff, seeker):
    AuditEvent.objects.create(
        program=seeker.program, user_label="x", action="view", object_type="t", seeker_id=seeker.pk
    )
    assert AuditEvent.objects.for_user(other_staff["director"].user).count() == 0


def test_trail_outlives_the_record(client, users, seeker):
    client.force_login(users["specialist"])
    client.get(f"/admin/seekers/inspect/{seeker.pk}/")
    seeker_id = seeker.pk
    seeker.delete()
    assert AuditEvent.objects.filter(seeker_id=seeker_id).count() == 1


def test_the_trail_shows_record_types_and_times_as_people_read_them(client, users, seeker):
    import datetime as dt

    from django.utils import timezone

    event = AuditEvent.objects.create(
        program=seeker.program,
        user_label="Ana Ruiz",
        action="view",
        object_type="jobseekers.JobSeeker",
        seeker_id=seeker.pk,
    )
    at = dt.datetime(2026, 12, 1, 5, 27, tzinfo=dt.UTC)
    AuditEvent.objects.filter(pk=event.pk).update(at=at)
    local = timezone.localtime(at)
    shown = f"{local:%a} {local.day} {local:%b %Y, %H:%M}"
    client.force_login(users["supervisor"])
    listing = client.get("/admin/audit/").content.decode()
    assert "Job seeker" in listing
    assert "jobseekers.JobSeeker" not in listing
    page = client.get(f"/admin/audit/inspect/{event.pk}/").content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert shown in title
    assert "2026-12-01" not in title
    assert "Job seeker" in title
    assert "jobseekers.JobSeeker" not in page.split("<main")[1]


def test_the_trail_export_names_record_types_as_people_read_them(client, users, seeker):
    """Red team (issue 17): the export wrote the stored key ("jobseekers.jobseeker"); it
    now writes the record type the listing and the page title show ("Job seeker")."""
    import csv
    import io

    AuditEvent.objects.create(
        program=seeker.program,
        user_label="Ana Ruiz",
        action="view",
        object_type="jobseekers.jobseeker",
        object_id=str(seeker.pk),
        seeker_id=seeker.pk,
    )
    client.force_login(users["supervisor"])
    response = client.get("/admin/audit/?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    mine = [row for row in rows if row["Who"] == "Ana Ruiz"]
    assert [row["Record"] for row in mine] == ["Job seeker"]
    assert "jobseekers.jobseeker" not in text
    # Local time, the action in words, plain headings (red team, issue 17).
    [row] = mine
    event = AuditEvent.objects.get(user_label="Ana Ruiz")
    local = timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S")
    assert (row["When (local time)"], row["Action"]) == (local, "Viewed")
    assert (row["Record id"], row["Job seeker id"]) == (str(seeker.pk), str(seeker.pk))
    assert "IP address" in row


def test_the_trail_listing_says_ip_address(client, users, seeker):
    AuditEvent.objects.create(
        program=seeker.program, user_label="Ana Ruiz", action="view", object_type="x.y"
    )
    client.force_login(users["supervisor"])
    page = client.get("/admin/audit/").content.decode()
    assert "IP address" in page
    assert "Ip address" not in page
