"""Workspace URLs of the recommender (mounted under /admin/matching/ by wagtail_hooks)."""

from django.urls import path

from jobseekers.matching import views

app_name = "matching"
urlpatterns = [
    path("openings/", views.openings_board, name="openings"),
    path("openings/<int:opening_id>/people/", views.opening_people, name="opening_people"),
]
