"""Employer, contact and opening listings: filters, search, export, constant query counts."""

import datetime as dt

import pytest

from employers.filters import EmployerContactFilterSet
from employers.models import EmployerContact
from ips.roles import Role
from tests.conftest import make_staff
from tests.employers.conftest import TODAY, make_contact, make_employer, make_opening

DETROIT = {"latitude": 42.331, "longitude": -83.046}  # ZIP 48226
FLINT = {"latitude": 43.01, "longitude": -83.69}  # ~60 miles away


@pytest.fixture
def as_supervisor(client, users):
    client.force_login(users[Role.SUPERVISOR])
    return client


@pytest.fixture
def two_employers(program):
    near = make_employer(program, name="Near Diner", zip="48226", industry="Food", **DETROIT)
    far = make_employer(program, name="Far Garage", zip="48502", industry="Auto repair", **FLINT)
    return near, far


def listed(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_employers_within_a_radius_of_a_zip_show_their_distance(as_supervisor, two_employers):
    page = listed(as_supervisor.get("/admin/employers/?near_zip=48226&radius=10"))
    assert "Near Diner" in page
    assert "Far Garage" not in page
    assert "Miles away" in page


def test_unknown_zip_is_a_clear_error_and_filters_nothing(as_supervisor, two_employers):
    page = listed(as_supervisor.get("/admin/employers/?near_zip=00000&radius=10"))
    assert "know that ZIP code" in page
    assert "Near Diner" in page
    assert "Far Garage" in page


def test_employers_filter_by_industry_and_search_by_name(as_supervisor, two_employers):
    assert "Near Diner" not in listed(as_supervisor.get("/admin/employers/?industry=auto"))
    assert "Far Garage" not in listed(as_supervisor.get("/admin/employers/?q=diner"))


def test_employers_filter_by_specialist_who_met_them(as_supervisor, program, two_employers, staff):
    near, far = two_employers
    make_contact(staff[Role.SPECIALIST], near)
    page = listed(as_supervisor.get(f"/admin/employers/?specialist={staff[Role.SPECIALIST].pk}"))
    assert "Near Diner" in page
    assert "Far Garage" not in page


@pytest.fixture
def contacts(program, staff, two_employers):
    near, far = two_employers
    colleague = make_staff(program, Role.SPECIALIST, "colleague_north")
    return [
        make_contact(staff[Role.SPECIALIST], near, date=TODAY, purpose="follow_up"),
        make_contact(colleague, far, date=TODAY - dt.timedelta(days=40), mode="phone"),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mode=phone", [1]),
        ("purpose=follow_up", [0]),
        ("date_from=2026-11-01&date_to=2026-11-30", [0]),
        ("industry=auto", [1]),
        ("near_zip=48226&radius=25", [0]),
        ("", [0, 1]),
    ],
)
def test_contact_filters(rf, users, contacts, query, expected):
    request = rf.get(f"/?{query}")
    request.user = users[Role.SUPERVISOR]
    data = request.GET
    filterset = EmployerContactFilterSet(data=data, request=request)
    assert filterset.is_valid()
    found = filterset.filter_queryset(EmployerContact.objects.for_user(request.user))
    assert sorted(found, key=lambda c: c.pk) == [contacts[i] for i in expected]


def test_contact_filter_offers_only_the_users_programs_staff(rf, users, other_staff, contacts):
    request = rf.get("/")
    request.user = users[Role.SUPERVISOR]
    choices = EmployerContactFilterSet(data={}, request=request).form.fields["specialist"].queryset
    assert other_staff[Role.SPECIALIST] not in choices
    assert contacts[0].specialist in choices


def test_contacts_export_as_csv_with_the_filters_applied(as_supervisor, contacts):
    response = as_supervisor.get("/admin/employer_contacts/?export=csv&mode=phone")
    body = b"".join(response.streaming_content).decode()
    assert "Far Garage" in body
    assert "Near Diner" not in body


def test_openings_export_as_xlsx(as_supervisor, two_employers):
    make_opening(two_employers[0], title="Dishwasher")
    response = as_supervisor.get("/admin/openings/?export=xlsx")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_openings_filter_by_status_and_radius(as_supervisor, two_employers):
    near, far = two_employers
    make_opening(near, title="Dishwasher", status="open", **DETROIT)
    make_opening(far, title="Mechanic", status="open", **FLINT)
    make_opening(near, title="Old cook job", status="filled", **DETROIT)
    page = listed(as_supervisor.get("/admin/openings/?status=open&near_zip=48226&radius=10"))
    assert "Dishwasher" in page
    assert "Mechanic" not in page
    assert "Old cook job" not in page


def build(program, staff, size: int):
    specialist = staff[Role.SPECIALIST]
    for n in range(size):
        employer = make_employer(program, name=f"Employer {n}", zip="48226", **DETROIT)
        make_contact(specialist, employer, date=TODAY - dt.timedelta(days=n))
        make_opening(employer, title=f"Job {n}", **DETROIT)


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(
    "url",
    [
        "/admin/employers/",
        "/admin/employers/?near_zip=48226&radius=10&industry=&q=Employer",
        "/admin/employer_contacts/?mode=face_to_face&near_zip=48226&radius=10",
        "/admin/openings/?status=open&near_zip=48226",
        "/admin/crm/week/",
        "/admin/crm/log/",
    ],
)
def test_listing_query_count_does_not_grow_with_rows(
    as_supervisor, program, staff, size, url, django_assert_max_num_queries
):
    build(program, staff, size)
    with django_assert_max_num_queries(16):
        assert as_supervisor.get(url).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_employer_record_query_count_does_not_grow_with_history(
    as_supervisor, program, staff, seeker, size, django_assert_max_num_queries
):
    employer = make_employer(program)
    for n in range(size):
        make_contact(staff[Role.SPECIALIST], employer, date=TODAY - dt.timedelta(days=n))
        make_opening(employer, title=f"Job {n}")
        employer.people.create(program=program, name=f"Person {n}")
    with django_assert_max_num_queries(21):
        assert as_supervisor.get(f"/admin/employers/inspect/{employer.pk}/").status_code == 200


def test_radius_filter_keeps_points_inside_the_circle_not_the_box_corners(program):
    from employers.filters import within
    from employers.models import Employer
    from ips.geo import haversine_miles

    lat0, lon0 = 42.33, -83.05
    inside = make_employer(program, name="In", latitude=lat0 + 0.14, longitude=lon0)  # ~9.7 mi
    make_employer(program, name="Edge", latitude=lat0 + 0.15, longitude=lon0)  # ~10.4 mi
    make_employer(program, name="Corner", latitude=lat0 + 0.13, longitude=lon0 + 0.18)  # box corner
    assert haversine_miles(lat0, lon0, lat0 + 0.14, lon0) < 10
    found = Employer.objects.filter(pk__in=within(Employer, (lat0, lon0), 10))
    assert list(found) == [inside]
