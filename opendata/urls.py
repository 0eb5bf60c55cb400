"""The public URLs of open data, served per municipality (found by the request's host)."""

from django.urls import include, path, re_path

from . import woo_views
from .figure_views import public_figures, public_figures_csv

urlpatterns = [
    path("api/v1/", include("opendata.api.urls")),
    path("cijfers/", public_figures, name="public_figures"),
    path("cijfers/cijfers.csv", public_figures_csv, name="public_figures_csv"),
    # Woo publication (DiWoo): the names follow the Woo-harvester's convention.
    path("robots.txt", woo_views.robots_txt, name="robots_txt"),
    re_path(
        r"^woo/sitemapindex-diwoo-(?P<category>infocat\d{3})\.xml$",
        woo_views.sitemap_index,
        name="diwoo_sitemap_index",
    ),
    re_path(
        r"^woo/sitemap-diwoo-(?P<category>infocat\d{3})-(?P<page>[1-9]\d{0,5})\.xml$",
        woo_views.sitemap,
        name="diwoo_sitemap",
    ),
]
