"""Workspace screens of the coaching app (mounted under /admin/coaching/)."""

from django.urls import path

from coaching import views

app_name = "coaching"
urlpatterns = [
    path("due/", views.due_list, name="due"),
    path("due/email/", views.digest_setting, name="digest_setting"),
    path("log/", views.log_support, name="log"),
    path("hours/", views.week_of_hours, name="hours"),
    path("jobs/<int:job_id>/", views.job_follow_along, name="job"),
    path("jobs/<int:job_id>/plan/", views.edit_plan, name="plan"),
    path(
        "introduce/<int:seeker_id>/<int:opening_id>/",
        views.plan_introduction,
        name="introduction",
    ),
    path("follow-ups/<int:task_id>/done/", views.complete_follow_up, name="follow_up_done"),
]
