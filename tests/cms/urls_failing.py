"""A URL conf whose one view fails, to see the 500 page as a visitor would."""

from django.urls import path

from ips.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("deliberate failure for the 500 page test")


# The site's own patterns added as they are (i18n_patterns may not sit in an include()).
urlpatterns = [path("broken/", broken), *site_urlpatterns]
