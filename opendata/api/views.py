"""The read-only API views: per municipality (its host, or /gemeenten/<TOOI code>/),
JSON only, GET/HEAD/OPTIONS only (anything else is a 405), rate-limited per client
address, with ETag and Last-Modified and a 304 for a client that has the answer."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from commitments.constants import CommitmentStatus
from commitments.timeline import public_steps as commitment_steps
from governance.models import Party
from motions.constants import MotionStatus
from motions.timeline import public_steps as motion_steps
from opendata.figures import yearly_figures

from . import filters as f
from . import query, serializers
from .links import Links
from .municipality import municipality_for
from .pagination import DutchPagination
from .serializers import LetterKind
from .throttling import ClientAddressThrottle

TOO_MANY = _("Too many requests from your address; try again in %(seconds)s seconds.")


class PublicApiMixin:
    """What every API view shares: the municipality, the links, the rate limit and
    conditional GET. A view sets `self.last_modified` to the latest change it shows."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    throttle_classes = [ClientAddressThrottle]
    http_method_names = ["get", "head", "options"]
    last_modified = None

    def initial(self, request, *args, **kwargs):
        # An answer kept by operations.public_cache counts against the rate limit too.
        request._request.counts_against_rate_limit = True
        super().initial(request, *args, **kwargs)
        self.municipality = municipality_for(request, kwargs.get("tooi_code"))
        self.links = Links(request, self.municipality, kwargs.get("tooi_code"))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "links": self.links}

    def throttled(self, request, wait):
        seconds = int(wait or 1)
        raise Throttled(wait=wait, detail=TOO_MANY % {"seconds": seconds})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        set_response_etag(response)
        if self.last_modified is not None:
            response.headers["Last-Modified"] = http_date(self.last_modified.timestamp())
        return get_conditional_response(
            request,
            etag=response.headers["ETag"],
            last_modified=parse_http_date_safe(response.headers.get("Last-Modified", "")),
            response=response,
        )


def find(queryset, **lookup):
    """The one record, or DRF's Dutch 404 ("Niet gevonden."), not Django's English one."""
    try:
        record = queryset.filter(**lookup).first()
    except (ValueError, DjangoValidationError):  # "abc" where an id is a number
        record = None
    if record is None:
        raise NotFound
    return record


class PublicViewSet(PublicApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """A list (and a detail) of one resource. Subclasses give `records()`, the
    filters, and the field whose latest value is the list's Last-Modified."""

    pagination_class = DutchPagination
    filters: tuple = ()
    changed_field: str | None = None
    lookup_field = "pk"
    lookup_url_kwarg = "key"
    model = None

    def records(self):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return self.model.objects.none()
        return self.records()

    def filter_queryset(self, queryset):
        return f.apply_filters(self.filters, queryset, self.request, self.municipality)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        # The municipality's last public change, not the newest row of the list: that
        # was a scan of every published record on every request (docs/scale.md).
        self.last_modified = self.municipality.public_changed_at
        page = self.prepare(self.paginate_queryset(queryset))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def prepare(self, records: list) -> list:
        """The rows of a page, once fetched (for what a prefetch cannot attach)."""
        return records

    def retrieve(self, request, *args, **kwargs):
        record = find(self.get_queryset(), **{self.lookup_field: kwargs["key"]})
        record = self.prepare_detail(record)
        if self.changed_field:
            self.last_modified = getattr(record, self.changed_field)
        return Response(self.get_serializer(record).data)

    def prepare_detail(self, record):
        return self.prepare([record])[0]


MOTION_FILTERS = (
    f.ChoiceFilter("status", "status", "Status van de motie.", choices=MotionStatus),
    f.year("meeting_held_on", "de vergadering waarin over de motie werd gestemd"),
    f.portfolio(),
    f.changed_since("updated_at"),
)
COMMITMENT_FILTERS = (
    f.ChoiceFilter("status", "status", "Status van de toezegging.", choices=CommitmentStatus),
    f.year("meeting_held_on", "de vergadering waarin de toezegging werd gedaan"),
    f.portfolio(),
    f.changed_since("updated_at"),
)
ADVICE_FILTERS = (
    f.year("date", "de brief van het advies"),
    f.changed_since("last_change"),
)
MEETING_FILTERS = (f.year("date", "de vergadering"),)


def parameters(filters):
    return [filter_.parameter() for filter_ in filters]


@extend_schema_view(
    list=extend_schema(summary="Moties", parameters=parameters(MOTION_FILTERS)),
    retrieve=extend_schema(summary="Eén motie, met tekst, geschiedenis en brieven"),
)
class MotionViewSet(PublicViewSet):
    """Gepubliceerde moties van de gemeente, met indieners, stemming en stemresultaat
    per fractie."""

    model = query.Motion
    filters = MOTION_FILTERS
    changed_field = "updated_at"
    lookup_field = "number"

    def records(self):
        return query.motions(self.municipality)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.MotionDetailSerializer
        return serializers.MotionSerializer

    def prepare_detail(self, motion):
        motion.public_steps = motion_steps(motion)
        motion.sent_letters = query.marked(
            query.sent(query.CompletionLetter).filter(motion=motion), "raadsbrief-afdoening"
        )
        return motion


@extend_schema_view(
    list=extend_schema(summary="Toezeggingen", parameters=parameters(COMMITMENT_FILTERS)),
    retrieve=extend_schema(summary="Eén toezegging, met geschiedenis"),
)
class CommitmentViewSet(PublicViewSet):
    """Gepubliceerde toezeggingen van de gemeente."""

    model = query.Commitment
    filters = COMMITMENT_FILTERS
    changed_field = "updated_at"
    lookup_field = "number"

    def records(self):
        return query.commitments(self.municipality)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.CommitmentDetailSerializer
        return serializers.CommitmentSerializer

    def prepare_detail(self, commitment):
        commitment.public_steps = commitment_steps(commitment)
        return commitment


@extend_schema_view(
    list=extend_schema(summary="Adviezen", parameters=parameters(ADVICE_FILTERS)),
    retrieve=extend_schema(summary="Eén advies"),
)
class AdviceViewSet(PublicViewSet):
    """Gepubliceerde adviezen van de adviesraad, met per punt het standpunt en de
    reactie van het college."""

    model = query.Advice
    serializer_class = serializers.AdviceSerializer
    filters = ADVICE_FILTERS
    changed_field = "last_change"

    def records(self):
        return query.advices(self.municipality)

    def prepare(self, records):
        return query.with_advice_letters(records)


@extend_schema_view(
    list=extend_schema(summary="Vergaderingen", parameters=parameters(MEETING_FILTERS)),
    retrieve=extend_schema(summary="Eén vergadering"),
)
class MeetingViewSet(PublicViewSet):
    """Vergaderingen van de raad en zijn commissies waarin een gepubliceerde motie in
    stemming kwam of een gepubliceerde toezegging werd gedaan."""

    model = query.Meeting
    serializer_class = serializers.MeetingResourceSerializer
    filters = MEETING_FILTERS

    def records(self):
        return query.meetings(self.municipality).prefetch_related(
            query.published_motions_of(), query.published_commitments_of()
        )


@extend_schema_view(
    list=extend_schema(summary="Fracties"), retrieve=extend_schema(summary="Eén fractie")
)
class PartyViewSet(PublicViewSet):
    """De fracties in de gemeenteraad."""

    model = Party
    serializer_class = serializers.PartySerializer

    def records(self):
        return Party.objects.filter(municipality=self.municipality).order_by("name")


LETTER_FILTERS = (
    f.ChoiceFilter(
        "soort",
        "",
        "Soort brief.",
        choices=LetterKind,
    ),
    f.year("letter_date", "de brief"),
    f.changed_since("sent_at"),
)


class LetterViewSet(PublicApiMixin, viewsets.GenericViewSet):
    """Verzonden brieven bij gepubliceerde moties en adviezen: gegevens, SHA-256 van
    de PDF en een downloadlink."""

    serializer_class = serializers.LetterSerializer
    pagination_class = DutchPagination
    filters = LETTER_FILTERS[1:]

    def kinds(self):
        kind = self.request.query_params.get("soort")
        if kind:
            LETTER_FILTERS[0].parse(kind)
        return query.letters(self.municipality, kind or None)

    @extend_schema(summary="Brieven", parameters=parameters(LETTER_FILTERS))
    def list(self, request, *args, **kwargs):
        querysets = {
            kind: f.apply_filters(self.filters, qs, request, self.municipality)
            for kind, qs in self.kinds().items()
        }
        self.last_modified = self.municipality.public_changed_at
        # The kinds are paged together in SQL (a union of keys, newest sent first), and
        # only the page's letters are read: the list never loads every letter.
        keys = self.paginate_queryset(query.letter_keys(querysets))
        page = query.letters_by_key(querysets, keys)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Eén brief",
        parameters=[
            OpenApiParameter("kind", str, OpenApiParameter.PATH, enum=[*LetterKind.values]),
            OpenApiParameter("key", int, OpenApiParameter.PATH),
        ],
    )
    def retrieve(self, request, *args, **kwargs):
        querysets = query.letters(self.municipality, kwargs["kind"])
        if not querysets:
            raise NotFound
        letter = find(querysets[kwargs["kind"]], pk=kwargs["key"])
        letter.api_kind = kwargs["kind"]
        self.last_modified = letter.sent_at
        return Response(self.get_serializer(letter).data)


NOT_BEGUN = _("%(year)s has not begun yet: there are no figures for it.")
FIGURE_YEAR = f.year("", "de cijfers; zonder jaar: alle jaren")


class FiguresView(PublicApiMixin, APIView):
    """De cijfers van de gemeente per jaar, dezelfde als op /cijfers/ en in de CSV:
    moties aangenomen, afgedaan, op tijd afgedaan, nu over de termijn, mediaan dagen tot
    afdoening; adviespunten per standpunt van het college en reacties binnen de termijn.
    Alleen gepubliceerde moties en adviezen tellen mee (docs/figures.md)."""

    @extend_schema(
        summary="Cijfers per jaar",
        parameters=[FIGURE_YEAR.parameter()],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, *args, **kwargs):
        raw = request.query_params.get("jaar", "")
        year = FIGURE_YEAR.parse(raw[: f.MAX_VALUE]) if raw else None
        if year is not None and year > timezone.localdate().year:
            raise f.refuse("jaar", NOT_BEGUN % {"year": year})
        return Response(yearly_figures(self.municipality, year))


class ApiRootView(PublicApiMixin, APIView):
    """De ingang van de API van één gemeente: de gemeente en haar resources."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        municipality = self.municipality
        names = ("moties", "toezeggingen", "adviezen", "brieven", "vergaderingen", "fracties")
        resources = {name: self.links.api(f"{name}-list") for name in names}
        return Response(
            {
                "gemeente": {
                    "naam": municipality.name,
                    "tooi_code": municipality.tooi_code,
                    "tooi_uri": (
                        f"https://identifier.overheid.nl/tooi/id/gemeente/{municipality.tooi_code}"
                    ),
                },
                "resources": {**resources, "cijfers": self.links.api("cijfers")},
                "schema": request.build_absolute_uri(reverse("api_schema")),
                "documentatie": request.build_absolute_uri(reverse("api_docs")),
            }
        )
