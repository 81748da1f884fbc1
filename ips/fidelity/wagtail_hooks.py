"""Workspace URLs and menu of the fidelity screens (supervisors and directors only)."""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ips.fidelity import views
from ips.roles import LEADERSHIP, has_role

app_name = "fidelity"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report.<str:fmt>", views.report_export, name="report"),
    path("tables/<str:name>.csv", views.report_table, name="report_table"),
    path("chart/<str:name>.svg", views.chart_download, name="chart"),
    path("chart/<str:name>.png", views.chart_download, {"fmt": "png"}, name="chart_png"),
    path("quarterly/", views.quarterly_return, name="quarterly"),
    path("supervision/", views.supervision_report, name="supervision"),
    path("import/", views.import_upload, name="import"),
    path("import/template.zip", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("import/<int:pk>/status/", views.import_status, name="import_status"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/compare/", views.review_compare, name="compare"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/export.<str:fmt>", views.review_export, name="review_export"),
]


@hooks.register("register_admin_urls")
def register_fidelity_urls():
    return [path("fidelity/", include((urlpatterns, app_name), namespace=app_name))]


class LeadershipMenuItem(MenuItem):
    def is_shown(self, request):
        return has_role(request.user, LEADERSHIP)


@hooks.register("register_admin_menu_item")
def register_fidelity_menu():
    return LeadershipMenuItem(
        "Fidelity and outcomes", reverse("fidelity:dashboard"), icon_name="table", order=900
    )


@hooks.register("register_admin_menu_item")
def register_import_menu():
    return LeadershipMenuItem(
        "Import spreadsheets", reverse("fidelity:import"), icon_name="upload", order=910
    )
