"""URL configuration: the Wagtail admin, then Wagtail's page serving for the public site."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from opendata import sitemaps
from signin.views import RateLimitedPasswordResetView

urlpatterns = [
    # A sitemap index of the site's sections, each paged (opendata.sitemaps).
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("", include("governance.urls")),
    path("", include("opendata.urls")),  # API, Woo sitemap, figures
    # Wagtail's password reset, limited in how many mails it sends (signin.views).
    path("admin/password_reset/", RateLimitedPasswordResetView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("oidc/", include("governance.oidc")),  # single sign-on; 404 unless configured
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    # Static files only: uploads and letters are private and go through the views that
    # check who may see them, in development too.
    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]
