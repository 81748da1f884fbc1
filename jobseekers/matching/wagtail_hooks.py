"""The recommender's workspace screens: URLs, menu item and the seeker-record panel.
(Matches are refreshed by jobseekers.matching.receivers and the services, not here.)"""

from __future__ import annotations

from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from jobseekers.matching import urls, views

SEEKER_RECORD_PANELS = "ips_seeker_record_panels"  # fn(request, seeker) -> safe HTML | None


@hooks.register(SEEKER_RECORD_PANELS)
def openings_for_this_person_panel(request, seeker):
    return views.seeker_panel(request, seeker)


@hooks.register("register_admin_urls")
def register_matching_urls():
    return [path("matching/", include((urls.urlpatterns, "matching"), namespace="matching"))]


class OpeningsAndMatchesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW_MATCHES)


@hooks.register("register_admin_menu_item")
def register_openings_and_matches_menu_item():
    return OpeningsAndMatchesMenuItem(
        "Openings and matches", reverse_lazy("matching:openings"), icon_name="link", order=210
    )
