"""Workspace URLs of portal invitations (casework roles of the seeker's program), mounted
under /admin/portal-invitations/ by wagtail_hooks.py; the portal itself is cms/urls.py."""

from django.urls import path

from cms import views

app_name = "portal_invitations"

urlpatterns = [
    path("", views.invitations, name="index"),
    path("<int:seeker_id>/invite/", views.invite, name="invite"),
]
