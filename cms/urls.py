"""The job seeker portal, mounted at /portal/ (ips/urls.py)."""

from django.urls import path

from cms import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/link/", views.send_link, name="send_link"),
    path("link/<uidb64>/<token>/", views.link, name="link"),
    path("welcome/<uidb64>/<token>/", views.welcome, name="welcome"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("language/", views.choose_language, name="language"),
    path("interested/<int:opening_id>/", views.interested, name="interested"),
    path(
        "interested/<int:opening_id>/take-back/",
        views.withdraw_interest,
        name="withdraw_interest",
    ),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("profile/", views.profile, name="profile"),
    path("preferences/", views.preferences, name="preferences"),
]
