"""Workspace URLs of the spreadsheet import (mounted at /admin/fidelity/import/, its
address since before the importer was its own app)."""

from django.urls import path

from importer import views

app_name = "importer"
urlpatterns = [
    path("", views.import_upload, name="upload"),
    path("template.zip", views.import_template, name="template"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/status/", views.import_status, name="status"),
    path("<int:pk>/confirm/", views.import_confirm, name="confirm"),
]
