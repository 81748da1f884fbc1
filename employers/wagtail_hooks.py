from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from employers import views
from employers.selectors import casework_programs
from employers.services import MERGE_ACTION, NEXT_STEP_DONE_ACTION, UNDO_ACTION
from employers.viewsets import EmployersGroup

crm_urls = [
    path("log/", views.quick_log, name="quick_log"),
    path("log/employers/", views.employer_options, name="employer_options"),
    path("log/seekers/", views.seeker_options, name="seeker_options"),
    path("week/", views.my_week, name="my_week"),
    path("contacts/<int:pk>/next-step-done/", views.next_step_done, name="next_step_done"),
    path("contacts/<int:pk>/undo/", views.undo_contact, name="undo_contact"),
    path("employers/<int:pk>/merge/", views.merge, name="merge"),
]


@hooks.register("register_admin_viewset")
def register_employer_viewsets():
    return EmployersGroup()


@hooks.register("register_admin_urls")
def register_crm_urls():
    return [path("crm/", include((crm_urls, "crm"), namespace="crm"))]


class CaseworkMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(casework_programs(request.user))


@hooks.register("register_admin_menu_item")
def register_quick_log_menu_item():
    return CaseworkMenuItem("Log a contact", reverse("crm:quick_log"), icon_name="plus", order=10)


@hooks.register("register_admin_menu_item")
def register_my_week_menu_item():
    return CaseworkMenuItem("My week", reverse("crm:my_week"), icon_name="date", order=11)


@hooks.register("register_log_actions")
def register_merge_action(actions):
    actions.register_action(MERGE_ACTION, "Merge", "Merged a duplicate employer into this one")
    actions.register_action(NEXT_STEP_DONE_ACTION, "Next step done", "Ticked off the next step")
    actions.register_action(UNDO_ACTION, "Contact undone", "Took back a contact just logged")
