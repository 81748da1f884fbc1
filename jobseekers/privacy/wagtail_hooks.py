"""Workspace URLs of a person's rights (supervisors and directors; linked from the record)."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from jobseekers.privacy import views


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path("privacy/seeker/<int:seeker_id>/", views.rights, name="ips_privacy"),
        path(
            "privacy/seeker/<int:seeker_id>/record.<str:fmt>",
            views.download,
            name="ips_privacy_download",
        ),
        path("privacy/seeker/<int:seeker_id>/erase/", views.erase, name="ips_privacy_erase"),
    ]
