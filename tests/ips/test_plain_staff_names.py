"""Staff shown by their plain name (red team, issue 17): no "(Employment specialist,
North Team)" after the name in the referral's specialist choice, the caseload's "Show"
select, or the titles of a staff member's pages."""

from __future__ import annotations

import re

import pytest

from ips.roles import Role

pytestmark = pytest.mark.django_db


def _without_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_referral_offers_specialists_by_name(client, users, staff):
    specialist = staff[Role.SPECIALIST]
    client.force_login(users["supervisor"])
    page = client.get("/admin/jobseekers/refer/").content.decode()
    assert f">{specialist.display_name}</option>" in page
    assert "(Employment specialist" not in page


def test_the_caseload_show_select_names_specialists_plainly(client, users, staff):
    specialist = staff[Role.SPECIALIST]
    client.force_login(users["supervisor"])
    page = client.get("/admin/jobseekers/caseload/").content.decode()
    select = page.split('id="id_specialist"')[1].split("</select>")[0]
    assert f">{specialist.display_name}</option>" in select
    assert "North Team" not in select


@pytest.mark.parametrize("view", ["inspect", "edit"])
def test_a_staff_members_pages_are_titled_by_their_name(client, users, staff, view):
    supervisor = staff[Role.SUPERVISOR]
    client.force_login(users["director"])
    response = client.get(f"/admin/staff/{view}/{supervisor.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert supervisor.display_name in title
    assert "(Supervisor" not in title
    assert "(Supervisor," not in _without_tags(page.split("<main")[1])
