"""The staff search page at /admin/search/ and the header box that opens it."""

from django.urls import include, path
from wagtail import hooks

from ips.find import urls, views


@hooks.register("register_admin_urls")
def register_search_url():
    return [path("search/", include(urls))]


@hooks.register("register_admin_search_area")
def staff_search_area():
    # Order 10: before Wagtail's page search, so the header's box opens the staff search.
    return views.StaffSearchArea()
