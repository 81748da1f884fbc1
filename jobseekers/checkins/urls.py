"""Workspace URLs of PSR status check-ins and life outcomes, mounted at /admin/ by
jobseekers/wagtail_hooks.py (the paths predate the namespace and are kept)."""

from django.urls import path

from jobseekers.checkins import views

app_name = "checkins"

urlpatterns = [
    path("seekers/<int:seeker_id>/check-in/", views.check_in, name="check_in"),
    path("seekers/<int:seeker_id>/life/", views.timeline, name="timeline"),
    path("life-outcomes/", views.program_outcomes, name="life_outcomes"),
]
