"""Workspace URLs of a person's rights (supervisors and directors; linked from the record),
mounted under /admin/privacy/ by wagtail_hooks.py."""

from django.urls import path

from jobseekers.privacy import views

app_name = "privacy"

urlpatterns = [
    path("seeker/<int:seeker_id>/", views.rights, name="rights"),
    path("seeker/<int:seeker_id>/record.<str:fmt>", views.download, name="download"),
    path("seeker/<int:seeker_id>/erase/", views.erase, name="erase"),
]
