"""One menu item class (ips.menu.RoleMenuItem): each role's workspace menu shows exactly
the entries the role table lets it open (issue 15)."""

from __future__ import annotations

import re

import pytest

from ips.menu import RoleMenuItem

pytestmark = pytest.mark.django_db

# Menu entry -> the roles that see it: each role its own work (issue 17). A director
# oversees: no casework or follow-along entries (the screens still open for them).
ENTRIES = {
    "/admin/crm/log/": {"specialist", "supervisor"},
    "/admin/crm/week/": {"specialist", "supervisor"},
    "/admin/jobseekers/caseload/": {"specialist", "supervisor"},
    "/admin/jobseekers/refer/": {"specialist", "supervisor"},
    "/admin/portal-invitations/": {"specialist", "supervisor"},
    "/admin/coaching/due/": {"specialist", "coach", "supervisor"},
    "/admin/coaching/log/": {"specialist", "coach", "supervisor"},
    "/admin/fidelity/": {"supervisor", "director"},
    "/admin/fidelity/import/": {"supervisor", "director"},
    "/admin/life-outcomes/": {"supervisor", "director"},
    "/admin/coaching/hours/": {"specialist", "coach", "supervisor", "director"},
}


def _menu_links(html: str) -> set[str]:
    """The URLs of the sidebar's menu items (Wagtail renders them as JSON props)."""
    return set(re.findall(r'"url": "(/admin/[^"]*)"', html.replace("&quot;", '"')))


@pytest.mark.parametrize("role", ["specialist", "coach", "supervisor", "director"])
def test_each_role_sees_the_menu_entries_of_its_screens(client, users, role):
    client.force_login(users[role])
    links = _menu_links(client.get("/admin/").content.decode())
    shown = {url for url in ENTRIES if url in links}
    assert shown == {url for url, roles in ENTRIES.items() if role in roles}


@pytest.mark.parametrize("url", ["/admin/crm/log/", "/admin/jobseekers/caseload/"])
def test_a_director_still_opens_a_casework_screen_left_out_of_their_menu(client, users, url):
    client.force_login(users["director"])
    assert client.get(url).status_code == 200


def test_a_director_in_one_program_and_specialist_in_another_sees_casework(
    client, users, other_program
):
    from ips.models import StaffMember

    director = users["director"]
    StaffMember.objects.create(user=director, program=other_program, role="specialist")
    client.force_login(director)
    links = _menu_links(client.get("/admin/").content.decode())
    assert {"/admin/crm/log/", "/admin/jobseekers/caseload/", "/admin/fidelity/"} <= links


def test_a_menu_item_for_everyone_is_refused():
    with pytest.raises(ValueError, match="needs roles, a permission, or both"):
        RoleMenuItem("Everyone", "/admin/")
