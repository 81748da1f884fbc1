"""The recommender's workspace screens: URLs and menu item (its seeker-record panel is
listed in jobseekers.panels).
(Matches are refreshed by jobseekers.matching.receivers and the services, not here.)"""

from __future__ import annotations

from django.urls import include, path, reverse_lazy
from wagtail import hooks

from ips.menu import RoleMenuItem
from jobseekers.matching import urls, views


@hooks.register("register_admin_urls")
def register_matching_urls():
    return [path("matching/", include(urls))]


@hooks.register("register_admin_menu_item")
def register_openings_and_matches_menu_item():
    return RoleMenuItem(
        "Openings and matches",
        reverse_lazy("matching:openings"),
        icon_name="link",
        order=210,
        permission=views.VIEW_MATCHES,
    )
