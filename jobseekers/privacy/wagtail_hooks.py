"""Workspace URLs of a person's rights (supervisors and directors; linked from the record)."""

from __future__ import annotations

from django.urls import include, path
from wagtail import hooks

from jobseekers.privacy import urls


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [path("privacy/", include(urls))]
