"""The filters of the API's lists: each parses its query parameter strictly and
answers a value it cannot read with a 400 and a Dutch message, never by ignoring it.

A view lists its filters in `filters`; each is a `Filter` that knows its parameter
name, how to read the value, how to apply it to a queryset, and how the OpenAPI
schema describes it."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

MAX_VALUE = 100


def refuse(name: str, message) -> ValidationError:
    return ValidationError({name: [message]})


@dataclass
class Filter:
    """One query parameter: `name`, the `field` it filters on, its schema description."""

    name: str
    field: str
    description: str

    def apply(self, queryset: QuerySet, request) -> QuerySet:
        raw = request.query_params.get(self.name)
        if raw is None or raw == "":
            return queryset
        return self.filter(queryset, self.parse(raw[:MAX_VALUE]))

    def filter(self, queryset: QuerySet, value) -> QuerySet:
        return queryset.filter(**{self.field: value})

    def parse(self, raw: str):
        return raw

    def parameter(self) -> OpenApiParameter:
        return OpenApiParameter(self.name, OpenApiTypes.STR, description=self.description)


@dataclass
class ChoiceFilter(Filter):
    """A value out of a TextChoices: `status=in_progress`."""

    choices: type = None

    def parse(self, raw: str):
        if raw not in self.choices.values:
            raise refuse(
                self.name,
                _("Unknown value '%(value)s'; choose from: %(choices)s.")
                % {"value": raw, "choices": ", ".join(self.choices.values)},
            )
        return raw

    def parameter(self) -> OpenApiParameter:
        return OpenApiParameter(
            self.name,
            OpenApiTypes.STR,
            enum=list(self.choices.values),
            description=self.description,
        )


@dataclass
class YearFilter(Filter):
    """A year of four digits: `jaar=2026`; `field` is a date field."""

    def parse(self, raw: str):
        if not (raw.isdigit() and len(raw) == 4):
            raise refuse(
                self.name,
                _("Give a year of four digits, e.g. 2026, not '%(value)s'.") % {"value": raw},
            )
        return int(raw)

    def filter(self, queryset, value):
        return queryset.filter(**{f"{self.field}__year": value})

    def parameter(self) -> OpenApiParameter:
        return OpenApiParameter(self.name, OpenApiTypes.INT, description=self.description)


@dataclass
class PortfolioFilter(Filter):
    """The id of a portefeuille of the municipality: `portefeuille=3`. An id that is
    no portefeuille of this municipality is an error too: a typo must not answer with
    an empty list that looks like a real answer."""

    def parse(self, raw: str):
        if not raw.isdigit():
            raise refuse(
                self.name, _("Give the id of a portfolio, not '%(value)s'.") % {"value": raw}
            )
        return int(raw)

    def check(self, value: int, municipality) -> None:
        if not municipality.portfolios.filter(pk=value).exists():
            raise refuse(
                self.name,
                _("%(value)s is not the id of a portfolio of this municipality.")
                % {"value": value},
            )

    def parameter(self) -> OpenApiParameter:
        return OpenApiParameter(self.name, OpenApiTypes.INT, description=self.description)


@dataclass
class ChangedSinceFilter(Filter):
    """Changed on or after a date or a moment, ISO 8601: `2026-11-01` or
    `2026-11-01T09:30:00+01:00` (a moment without offset is Dutch time)."""

    def parse(self, raw: str) -> datetime.datetime:
        try:
            moment = parse_datetime(raw)
            day = None if moment else parse_date(raw)
        except ValueError:
            moment = day = None
        if day is not None:
            moment = datetime.datetime.combine(day, datetime.time.min)
        if moment is None:
            raise refuse(
                self.name,
                _(
                    "Give a date or a moment in ISO 8601, e.g. 2026-11-01 or "
                    "2026-11-01T09:30:00+01:00, not '%(value)s'."
                )
                % {"value": raw},
            )
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def filter(self, queryset, value):
        return queryset.filter(**{f"{self.field}__gte": value})

    def parameter(self) -> OpenApiParameter:
        return OpenApiParameter(self.name, OpenApiTypes.STR, description=self.description)


def apply_filters(filters, queryset, request, municipality):
    """Every filter of the view on `queryset`, for the request's municipality."""
    for filter_ in filters:
        raw = request.query_params.get(filter_.name)
        if isinstance(filter_, PortfolioFilter) and raw:
            filter_.check(filter_.parse(raw[:MAX_VALUE]), municipality)
        queryset = filter_.apply(queryset, request)
    return queryset


# Shared descriptions (the schema and the documentation page are Dutch).
def year(field, what):
    return YearFilter("jaar", field, f"Jaar van {what}, vier cijfers (bijvoorbeeld 2026).")


def changed_since(field):
    return ChangedSinceFilter(
        "gewijzigd_sinds",
        field,
        "Alleen wat op of na dit moment gewijzigd is: een datum (2026-11-01) of een "
        "moment in ISO 8601 (2026-11-01T09:30:00+01:00).",
    )


def portfolio(field="portfolio_id"):
    return PortfolioFilter(
        "portefeuille", field, "Id van een portefeuille (zie het veld portefeuille.id)."
    )
