"""Workspace screen: invite job seekers to the portal (casework roles of their program)."""

from django.urls import include, path, reverse
from wagtail import hooks

from cms import workspace_urls
from ips.menu import RoleMenuItem
from ips.roles import CASEWORK_MENU_ROLES


@hooks.register("register_admin_urls")
def register_portal_invitation_urls():
    return [path("portal-invitations/", include(workspace_urls))]


@hooks.register("register_admin_menu_item")
def register_portal_invitations_menu_item():
    return RoleMenuItem(
        "Portal invitations",
        reverse("portal_invitations:index"),
        icon_name="mail",
        order=900,
        roles=CASEWORK_MENU_ROLES,
    )
