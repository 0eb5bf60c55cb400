"""The public URLs of open data, served per municipality (found by the request's host)."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("opendata.api.urls")),
]
