"""One menu item class (ips.menu.RoleMenuItem): each role's workspace menu shows exactly
the entries the role table lets it open (issue 15)."""

from __future__ import annotations

import re

import pytest

from ips.menu import RoleMenuItem

pytestmark = pytest.mark.django_db

# Menu entry -> the roles that see it.
ENTRIES = {
    "/admin/crm/log/": {"specialist", "supervisor", "director"},
    "/admin/crm/week/": {"specialist", "supervisor", "director"},
    "/admin/jobseekers/caseload/": {"specialist", "supervisor", "director"},
    "/admin/portal-invitations/": {"specialist", "supervisor", "director"},
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


def test_a_menu_item_for_everyone_is_refused():
    with pytest.raises(ValueError, match="needs roles, a permission, or both"):
        RoleMenuItem("Everyone", "/admin/")
