"""Staff shown by their plain name (red team, issue 17): no "(Employment specialist,
North Team)" after the name in the referral's specialist choice, the caseload's "Show"
select, or the titles of a staff member's pages."""

from __future__ import annotations

import re
from html import unescape

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


def test_saving_a_staff_member_says_their_plain_name_in_the_message_and_history(
    client, users, staff
):
    """Red team (issue 17): StaffMember's own name for itself read "Maria Lopez
    (Employment specialist, North Team)" in Wagtail's messages and history; it is the
    person's name now."""
    from tests.support.html_forms import form_data

    specialist = staff[Role.SPECIALIST]
    client.force_login(users["director"])
    url = f"/admin/staff/edit/{specialist.pk}/"
    data = form_data(client.get(url).content.decode(), having="fte")
    response = client.post(url, {**data, "fte": "0.80"}, follow=True)
    assert response.status_code == 200
    shown = [unescape(str(message)) for message in response.context["messages"]]
    assert any(f"'{specialist.display_name}'" in message for message in shown), shown
    assert not any("(Employment specialist" in message for message in shown), shown
    history = client.get(f"/admin/staff/history/{specialist.pk}/").content.decode()
    assert specialist.display_name in history
    assert "(Employment specialist" not in history
    assert str(specialist) == specialist.display_name
