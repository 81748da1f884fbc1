"""Workspace URL of the staff search (mounted at /admin/search/ by wagtail_hooks.py)."""

from django.urls import path

from ips.find import views

app_name = "find"
urlpatterns = [
    path("", views.search_page, name="search"),
]
