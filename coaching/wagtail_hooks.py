from django.urls import include, path, reverse
from wagtail import hooks

from coaching import urls
from coaching.viewsets import CoachingGroup
from ips.menu import RoleMenuItem
from ips.roles import FOLLOW_ALONG_MENU_ROLES


@hooks.register("register_admin_viewset")
def register_coaching_viewsets():
    return CoachingGroup()


@hooks.register("register_admin_urls")
def register_coaching_urls():
    return [path("coaching/", include(urls))]


@hooks.register("register_admin_menu_item")
def register_due_menu_item():
    return RoleMenuItem(
        "What's due",
        reverse("coaching:due"),
        icon_name="date",
        order=290,
        permission="coaching.view_retentionmilestone",
        roles=FOLLOW_ALONG_MENU_ROLES,
    )


@hooks.register("register_admin_menu_item")
def register_log_menu_item():
    return RoleMenuItem(
        "Log support",
        reverse("coaching:log"),
        icon_name="edit",
        order=291,
        permission="coaching.add_supportcontact",
        roles=FOLLOW_ALONG_MENU_ROLES,
    )


@hooks.register("register_admin_menu_item")
def register_hours_menu_item():
    return RoleMenuItem(
        "My hours",
        reverse("coaching:hours"),
        icon_name="time",
        order=292,
        permission="ips.add_timeentry",
    )
