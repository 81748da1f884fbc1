"""Workspace screens of the employer CRM (mounted under /admin/crm/ by wagtail_hooks)."""

from django.urls import path

from employers import views

app_name = "crm"
urlpatterns = [
    path("log/", views.quick_log, name="quick_log"),
    path("log/employers/", views.employer_options, name="employer_options"),
    path("log/seekers/", views.seeker_options, name="seeker_options"),
    path("week/", views.my_week, name="my_week"),
    path("contacts/<int:pk>/next-step-done/", views.next_step_done, name="next_step_done"),
    path("contacts/<int:pk>/next-step-undo/", views.next_step_undo, name="next_step_undo"),
    path("contacts/<int:pk>/undo/", views.undo_contact, name="undo_contact"),
    path("employers/<int:pk>/merge/", views.merge, name="merge"),
]
