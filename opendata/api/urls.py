"""The API's addresses: each resource on the municipality's own host (/api/v1/…) and
under /api/v1/gemeenten/<TOOI code>/… on any host; the schema and the documentation
once for all."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from . import docs, views

LIST, DETAIL = {"get": "list"}, {"get": "retrieve"}
RESOURCES = {
    "moties": views.MotionViewSet,
    "toezeggingen": views.CommitmentViewSet,
    "adviezen": views.AdviceViewSet,
    "vergaderingen": views.MeetingViewSet,
    "fracties": views.PartyViewSet,
}


def resource_patterns(prefix: str) -> list:
    """The resources, their URL names starting with `prefix` (api- or api-tooi-)."""
    root = "api_root" if prefix == "api-" else "api_tooi_root"
    patterns = [path("", views.ApiRootView.as_view(), name=root)]
    for name, viewset in RESOURCES.items():
        patterns += [
            path(f"{name}/", viewset.as_view(LIST), name=f"{prefix}{name}-list"),
            path(f"{name}/<str:key>/", viewset.as_view(DETAIL), name=f"{prefix}{name}-detail"),
        ]
    patterns += [
        path("cijfers/", views.FiguresView.as_view(), name=f"{prefix}cijfers"),
        path("brieven/", views.LetterViewSet.as_view(LIST), name=f"{prefix}brieven-list"),
        path(
            "brieven/<str:kind>/<int:key>/",
            views.LetterViewSet.as_view(DETAIL),
            name=f"{prefix}brieven-detail",
        ),
    ]
    return patterns


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", docs.api_docs, name="api_docs"),
    path("gemeenten/<str:tooi_code>/", include(resource_patterns("api-tooi-"))),
    *resource_patterns("api-"),
]
