"""The public URLs of open data, served per municipality (found by the request's host)."""

urlpatterns = []
