"""Workspace URLs of the program report (mounted at /admin/fidelity/, where directors
have bookmarked them since before the report was its own app)."""

from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report.<str:fmt>", views.report_export, name="report"),
    path("tables/<str:name>.csv", views.report_table, name="report_table"),
    path("chart/<str:name>.svg", views.chart_download, name="chart"),
    path("chart/<str:name>.png", views.chart_download, {"fmt": "png"}, name="chart_png"),
    path("quarterly/", views.quarterly_return, name="quarterly"),
    path("supervision/", views.supervision_report, name="supervision"),
]
