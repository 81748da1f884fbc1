from django.urls import include, path, reverse
from wagtail import hooks

from ips.menu import RoleMenuItem
from ips.roles import CASEWORK_MENU_ROLES
from jobseekers.choosers import job_chooser_viewset, seeker_chooser_viewset
from jobseekers.viewsets import (
    JobSeekersGroup,
    employer_chooser_viewset,
    occupation_chooser_viewset,
)


@hooks.register("register_admin_viewset")
def register_jobseeker_viewsets():
    return JobSeekersGroup()


@hooks.register("register_admin_viewset")
def register_occupation_chooser():
    return occupation_chooser_viewset


@hooks.register("register_admin_viewset")
def register_employer_chooser():
    return employer_chooser_viewset


@hooks.register("register_admin_viewset")
def register_seeker_chooser():
    return seeker_chooser_viewset


@hooks.register("register_admin_urls")
def register_jobseeker_urls():
    return [path("jobseekers/", include("jobseekers.urls", namespace="jobseekers"))]


@hooks.register("register_admin_menu_item")
def register_caseload_menu_item():
    return RoleMenuItem(
        "Caseload",
        reverse("jobseekers:caseload"),
        icon_name="group",
        order=90,
        roles=CASEWORK_MENU_ROLES,
    )


@hooks.register("register_admin_menu_item")
def register_referral_menu_item():
    return RoleMenuItem(
        "New referral",
        reverse("jobseekers:refer"),
        icon_name="plus",
        order=95,
        roles=CASEWORK_MENU_ROLES,
    )


@hooks.register("register_admin_urls")
def register_check_in_urls():
    from jobseekers.checkins import urls

    return [path("", include(urls))]


@hooks.register("register_admin_menu_item")
def life_outcomes_menu_item():
    from ips.roles import LEADERSHIP

    return RoleMenuItem(
        "Life outcomes",
        reverse("checkins:life_outcomes"),
        icon_name="date",
        order=950,
        roles=LEADERSHIP,
    )


@hooks.register("register_admin_viewset")
def register_job_chooser():
    return job_chooser_viewset
