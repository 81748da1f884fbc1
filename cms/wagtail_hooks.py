"""Workspace screen: invite job seekers to the portal (casework roles of their program)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms import views
from ips.roles import has_role
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


class CaseworkMenuItem(MenuItem):
    def is_shown(self, request):
        return has_role(request.user, CASEWORK_ROLES)


@hooks.register("register_admin_menu_item")
def register_portal_invitations_menu_item():
    return CaseworkMenuItem(
        "Portal invitations",
        reverse("cms_portal_invitations"),
        icon_name="mail",
        order=900,
    )
