"""The recommender's hooks: refresh on opening and profile changes, workspace panels."""

from __future__ import annotations

from celery import chain
from django.db import transaction
from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ips.hooks import OPENING_SAVED, PERIODIC_TASKS, PROFILE_SAVED
from jobseekers.matching import urls, views
from jobseekers.matching.tasks import (
    locate_seeker_task,
    refresh_matches_for_opening_task,
    refresh_matches_task,
)

SEEKER_RECORD_PANELS = "ips_seeker_record_panels"  # fn(request, seeker) -> safe HTML | None


@hooks.register(OPENING_SAVED)
def refresh_matches_after_opening_saved(opening) -> None:
    opening_id = opening.pk
    transaction.on_commit(lambda: refresh_matches_for_opening_task.delay(opening_id))


@hooks.register(PROFILE_SAVED)
def relocate_and_refresh_after_profile_saved(profile) -> None:
    seeker_id = profile.seeker_id
    transaction.on_commit(
        lambda: chain(
            locate_seeker_task.si(seeker_id), refresh_matches_task.si([seeker_id])
        ).delay()
    )


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


@hooks.register(PERIODIC_TASKS)
def matching_schedules():
    """The nightly entries, so `manage.py setup_schedules` (run by `make beat`) makes them too."""
    from jobseekers.matching.schedule import NIGHTLY

    return [
        {
            "name": name,
            "task": task,
            "crontab": {"minute": minute, "hour": hour},
            "description": "The recommender's nightly work.",
        }
        for name, task, hour, minute in NIGHTLY
    ]
