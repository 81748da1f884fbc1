from django.urls import include, path, reverse
from wagtail import hooks

from employers import urls
from employers.choosers import opening_chooser_viewset, person_chooser_viewset
from employers.services import (
    MERGE_ACTION,
    NEXT_STEP_DONE_ACTION,
    NEXT_STEP_REOPENED_ACTION,
    UNDO_ACTION,
)
from employers.viewsets import EmployersGroup
from ips.menu import RoleMenuItem
from ips.roles import CASEWORK_MENU_ROLES


@hooks.register("register_admin_viewset")
def register_employer_viewsets():
    return EmployersGroup()


@hooks.register("register_admin_viewset")
def register_person_chooser():
    return person_chooser_viewset


@hooks.register("register_admin_viewset")
def register_opening_chooser():
    return opening_chooser_viewset


@hooks.register("register_admin_urls")
def register_crm_urls():
    return [path("crm/", include(urls))]


@hooks.register("register_admin_menu_item")
def register_quick_log_menu_item():
    return RoleMenuItem(
        "Log a contact",
        reverse("crm:quick_log"),
        icon_name="plus",
        order=10,
        roles=CASEWORK_MENU_ROLES,
    )


@hooks.register("register_admin_menu_item")
def register_my_week_menu_item():
    return RoleMenuItem(
        "My week", reverse("crm:my_week"), icon_name="date", order=11, roles=CASEWORK_MENU_ROLES
    )


@hooks.register("register_log_actions")
def register_merge_action(actions):
    actions.register_action(MERGE_ACTION, "Merge", "Merged a duplicate employer into this one")
    actions.register_action(NEXT_STEP_DONE_ACTION, "Next step done", "Ticked off the next step")
    actions.register_action(
        NEXT_STEP_REOPENED_ACTION, "Next step due again", "Took back the tick of the next step"
    )
    actions.register_action(UNDO_ACTION, "Contact undone", "Took back a contact just logged")
