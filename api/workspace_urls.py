"""Workspace URL of the API tokens page (mounted at /admin/api/tokens/ by wagtail_hooks.py);
the API itself is api/urls.py."""

from django.urls import path

from api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.token_list, name="index"),
]
