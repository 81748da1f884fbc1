"""Workspace URLs of fidelity reviews (supervisors and directors only). Their menu entry
is the report's ("Fidelity and outcomes", reports.wagtail_hooks), which links to them."""

from __future__ import annotations

from django.urls import include, path
from wagtail import hooks

from ips.fidelity import urls


@hooks.register("register_admin_urls")
def register_fidelity_urls():
    return [path("fidelity/", include(urls))]
