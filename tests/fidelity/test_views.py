"""Permission matrix of every fidelity screen: leadership of the program only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from importer.models import ImportUpload
from ips.fidelity.models import FidelityReview

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2026-01-01", "end": "2026-03-31"}
ALLOWED = {"supervisor", "director"}
REFUSED = {"specialist", "coach"}


def list_urls(program):
    query = f"?program={program.pk}&start=2026-01-01&end=2026-03-31"
    return [
        reverse("reports:dashboard") + query,
        reverse("reports:report", args=["html"]) + query,
        reverse("reports:report", args=["csv"]) + query,
        reverse("reports:report", args=["pdf"]) + query,
        reverse("reports:report", args=["json"]) + query,
        reverse("importer:upload"),
        reverse("fidelity:reviews"),
        reverse("fidelity:compare"),
    ]


def object_urls(review, upload):
    return [
        reverse("fidelity:review", args=[review.pk]),
        reverse("fidelity:review_export", args=[review.pk, "html"]),
        reverse("fidelity:review_export", args=[review.pk, "csv"]),
        reverse("fidelity:review_export", args=[review.pk, "pdf"]),
        reverse("importer:detail", args=[upload.pk]),
        reverse("importer:status", args=[upload.pk]),
    ]


@pytest.fixture
def upload(program, users):
    return ImportUpload.objects.create(
        program=program, uploaded_by=users["director"], status=ImportUpload.Status.PREVIEW
    )


def refused(response) -> bool:
    """Wagtail answers a PermissionDenied in the workspace with a redirect to its home."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_leadership_of_the_program_sees_every_screen(client, program, users, review, upload, role):
    client.force_login(users[role])
    for url in list_urls(program) + object_urls(review, upload):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", sorted(REFUSED))
def test_specialists_and_coaches_are_refused(client, program, users, review, upload, role):
    client.force_login(users[role])
    for url in list_urls(program):
        assert refused(client.get(url)), url
    for url in object_urls(review, upload):
        response = client.get(url)
        assert refused(response) or response.status_code == 404, url


def test_director_of_another_program_cannot_see_this_programs_figures(
    client, program, other_staff, review, upload
):
    client.force_login(other_staff["director"].user)
    dashboard = client.get(list_urls(program)[0])
    assert dashboard.status_code == 200
    assert program.name not in dashboard.content.decode()
    for url in list_urls(program)[1:5]:
        assert client.get(url).status_code == 400, url
    for url in object_urls(review, upload):
        assert client.get(url).status_code == 404, url


def test_outsider_specialist_is_refused(client, program, outsider, review, upload):
    client.force_login(outsider)
    for url in list_urls(program):
        assert refused(client.get(url)), url


def test_seeker_portal_user_never_reaches_the_workspace(
    client, program, seeker_user, review, upload
):
    client.force_login(seeker_user)
    for url in list_urls(program) + object_urls(review, upload):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert program.name not in response.content.decode()


def test_anonymous_visitor_is_sent_to_log_in(client, program, review, upload):
    for url in list_urls(program) + object_urls(review, upload):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_refused_writes_change_nothing(client, program, users, other_staff, review, upload):
    for user in (users["specialist"], users["coach"], other_staff["director"].user):
        client.force_login(user)
        client.post(reverse("fidelity:reviews"), {"program": program.pk, **PERIOD})
        client.post(
            reverse("fidelity:review", args=[review.pk]), {"rating_S1": "5", "complete": "1"}
        )
        client.post(reverse("importer:confirm", args=[upload.pk]))
    assert FidelityReview.objects.count() == 1
    assert not review.ratings.filter(rating__isnull=False).exists()
    upload.refresh_from_db()
    assert upload.status == ImportUpload.Status.PREVIEW


def test_director_of_two_programs_sees_both(client, program, other_program, staff):
    from ips.models import StaffMember

    director = staff["director"]
    StaffMember.objects.create(user=director.user, program=other_program, role="director")
    client.force_login(director.user)
    url = (
        reverse("reports:dashboard")
        + f"?program={other_program.pk}&start=2026-01-01&end=2026-03-31"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert other_program.name in response.content.decode()


def test_bad_period_is_a_clear_message(client, program, users):
    client.force_login(users["director"])
    url = reverse("reports:dashboard") + f"?program={program.pk}&start=2026-04-01&end=2026-03-31"
    response = client.get(url)
    assert response.status_code == 200
    assert "must not be before" in response.content.decode()
