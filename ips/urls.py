from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from ips import signin

urlpatterns = [
    # Django's own admin stays for superusers; staff work in the Wagtail workspace.
    path("django-admin/", admin.site.urls),
    # Wagtail's own page, but a new password also lifts the account's sign-in pause.
    path(
        "admin/password_reset/confirm/<uidb64>/<token>/",
        signin.PasswordResetConfirmView.as_view(),
        name="ips_password_reset_confirm",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("portal/", include("cms.urls")),  # the job seeker portal
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
