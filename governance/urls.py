"""Public and private calendar feeds of deadlines."""

from django.urls import path

from . import feeds
from .public_site import public_logo, public_theme
from .search import public_search

urlpatterns = [
    path("zoeken/", public_search, name="public_search"),
    path("logo/", public_logo, name="public_logo"),
    path("thema.css", public_theme, name="public_theme"),
    path("termijnen.ics", feeds.public_deadlines, name="public_deadlines_ics"),
    path(
        "kalender/<slug:token>/portefeuille/<int:pk>.ics",
        feeds.portfolio_deadlines,
        name="portfolio_deadlines_ics",
    ),
    path(
        "kalender/<slug:token>/adviesraad/<int:pk>.ics",
        feeds.advisory_council_deadlines,
        name="advisory_council_deadlines_ics",
    ),
]
