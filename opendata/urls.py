"""The public URLs of open data, served per municipality (found by the request's host)."""

from django.urls import path

from .figure_views import public_figures, public_figures_csv

urlpatterns = [
    path("cijfers/", public_figures, name="public_figures"),
    path("cijfers/cijfers.csv", public_figures_csv, name="public_figures_csv"),
]
