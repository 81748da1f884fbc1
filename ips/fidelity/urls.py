"""Workspace URLs of fidelity reviews (supervisors and directors only)."""

from django.urls import path

from ips.fidelity import views

app_name = "fidelity"
urlpatterns = [
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/compare/", views.review_compare, name="compare"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/export.<str:fmt>", views.review_export, name="review_export"),
]
