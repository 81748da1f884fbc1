"""A person may hold different roles in different programs (README). Each row is judged by
the role in the row's own program: a coach in North who supervises South gets no
supervisor powers over North's rows on any Wagtail screen (red-team finding, issue 13)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from employers.models import Employer
from ips.models import Program, StaffMember
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def dual(program, other_program):
    user = make_user("dual_role")
    StaffMember.objects.create(user=user, program=program, role="coach")
    StaffMember.objects.create(user=user, program=other_program, role="supervisor")
    return user


def refused(response) -> bool:
    """Wagtail's "permission denied": a redirect to the admin home (never a 200 form)."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_dual_role_cannot_change_the_program_where_they_coach(client, dual, program, other_program):
    client.force_login(dual)
    assert refused(client.get(reverse("programs:edit", args=[program.pk])))
    response = client.post(
        reverse("programs:edit", args=[program.pk]),
        {"name": program.name, "slug": program.slug, "caseload_standard": "99",
         "minimum_wage": "7.25", "country": "US", "version": program.version},
    )  # fmt: skip
    assert refused(response)
    program.refresh_from_db()
    assert program.caseload_standard != 99
    # Where they supervise, the same screen works.
    assert client.get(reverse("programs:edit", args=[other_program.pk])).status_code == 200


def test_dual_role_cannot_delete_an_employer_where_they_coach(client, dual, program, other_program):
    here = Employer.objects.create(program=program, name="North Cafe")
    there = Employer.objects.create(program=other_program, name="South Cafe")
    client.force_login(dual)
    assert refused(client.post(reverse("employers:delete", args=[here.pk])))
    assert Employer.objects.filter(pk=here.pk).exists()
    assert client.get(reverse("employers:delete", args=[there.pk])).status_code == 200


def test_dual_role_cannot_open_staff_rows_where_they_coach(client, dual, staff, program):
    client.force_login(dual)
    supervisor = staff["supervisor"]
    assert refused(client.get(reverse("staff:edit", args=[supervisor.pk])))
    # The add form offers only the program where their role may add staff.
    form = client.get(reverse("staff:add")).context["form"]
    assert list(form.fields["program"].queryset) == list(Program.objects.exclude(pk=program.pk))


def test_staff_added_into_the_coached_program_is_refused(client, dual, program):
    client.force_login(dual)
    someone = make_user("newcomer")
    response = client.post(
        reverse("staff:add"),
        {"user": someone.pk, "program": program.pk, "role": "specialist", "fte": "1.00",
         "active": "on"},
    )  # fmt: skip
    assert response.status_code == 200  # the form again, with the error
    assert not StaffMember.objects.filter(user=someone).exists()


@pytest.mark.parametrize(
    ("method", "url", "expected"),
    [
        ("get", "/admin/jobseekers/occupation-chooser/chosen/13-2011.00%00/", {404}),
        (
            "get",
            "/admin/jobseekers/occupation-chooser/chosen-multiple/?id=13-2011.00%00",
            {200, 400},
        ),
        ("get", "/admin/occupations/inspect/a%00b/", {404}),
        ("get", "/admin/occupations/edit/a%00b/", {404}),
        ("post", "/admin/editing-sessions/ping/ips/occupation/a%00b/0/", {404}),
    ],
)  # fmt: skip
def test_a_nul_in_a_text_key_is_a_miss_not_a_server_error(client, users, method, url, expected):
    """PostgreSQL refuses NUL in text with an error, not a miss (red-team, issue 13)."""
    client.force_login(users["specialist"])
    response = getattr(client, method)(url)
    assert response.status_code in expected


def test_job_start_form_with_a_nul_occupation_is_shown_again(client, users, seeker):
    client.force_login(users["specialist"])
    url = reverse("jobseekers:job_start", args=[seeker.pk])
    response = client.post(url, {"occupation": "x\x00y", "title": "", "start_date": "bad"})
    assert response.status_code == 200
