"""Workspace URLs and menu entry of the spreadsheet import (supervisors and directors)."""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks

from importer import urls
from ips.menu import RoleMenuItem
from ips.roles import LEADERSHIP


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("fidelity/import/", include(urls))]


@hooks.register("register_admin_menu_item")
def register_import_menu():
    return RoleMenuItem(
        "Import spreadsheets",
        reverse("importer:upload"),
        icon_name="upload",
        order=910,
        roles=LEADERSHIP,
    )
