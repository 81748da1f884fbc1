"""Workspace screen: invite job seekers to the portal (casework roles of their program)."""

from django.urls import path, reverse
from wagtail import hooks

from cms import views
from ips.menu import RoleMenuItem
from jobseekers.models import CASEWORK_ROLES


@hooks.register("register_admin_urls")
def register_portal_invitation_urls():
    return [
        path("portal-invitations/", views.invitations, name="cms_portal_invitations"),
        path(
            "portal-invitations/<int:seeker_id>/invite/",
            views.invite,
            name="cms_portal_invite",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_portal_invitations_menu_item():
    return RoleMenuItem(
        "Portal invitations",
        reverse("cms_portal_invitations"),
        icon_name="mail",
        order=900,
        roles=CASEWORK_ROLES,
    )
