"""Workspace URLs and menu entry of the program report (supervisors and directors only)."""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks

from ips.menu import RoleMenuItem
from ips.roles import LEADERSHIP
from reports import urls


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("fidelity/", include(urls))]


@hooks.register("register_admin_menu_item")
def register_report_menu():
    return RoleMenuItem(
        "Fidelity and outcomes",
        reverse("reports:dashboard"),
        icon_name="table",
        order=900,
        roles=LEADERSHIP,
    )
