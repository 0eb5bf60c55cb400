"""The public figures of one municipality per year: what became of the moties the raad
adopted, and how the college answered the adviesraad (docs/figures.md defines each).

Figures are public, so they count only what the public may see: published moties and
published adviezen of the one municipality. They are computed with four queries
whatever the number of records; the median reads only the middle row or two of each
year (a window query that is the same on SQLite and PostgreSQL). `yearly_figures()` gives them as
JSON-ready data: the page, the CSV and the API show the same numbers.

At 100,000 moties those four queries take some 400 ms, so the public answers read
`current()`: the figures stored in a `FiguresSummary` row, computed again only when the
municipality's public records changed (`Municipality.public_changed_at`, which every
public change moves) or the day changed ("overdue now" depends on it)."""

import statistics
from dataclasses import asdict, dataclass, field
from datetime import date

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Window
from django.db.models.functions import Coalesce, ExtractYear, RowNumber
from django.utils import timezone

from advice.constants import AdviceStatus, Position
from advice.models import Advice, AdvicePoint
from motions.constants import ADOPTED_STATUSES, MotionStatus
from motions.models import Motion


@dataclass(frozen=True)
class MotionFigures:
    """The moties adopted in one year (by the date of the vote) and what became of them."""

    adopted: int = 0
    completed: int = 0
    completed_on_time: int = 0
    overdue: int = 0
    # Days from the vote to the raad's decision that the motie is completed; None when
    # no motie of the year was completed.
    median_days_to_completion: float | None = None


@dataclass(frozen=True)
class AdviceFigures:
    """The adviezen of one year (by the date of the advies): the college's position on
    their points, and whether its response was sent within the term."""

    advices: int = 0
    points: int = 0
    adopted: int = 0
    partly_adopted: int = 0
    not_adopted: int = 0
    noted: int = 0
    responses_sent: int = 0
    responses_within_term: int = 0


@dataclass(frozen=True)
class YearFigures:
    """The figures of one year."""

    year: int
    motions: MotionFigures = field(default_factory=MotionFigures)
    advice: AdviceFigures = field(default_factory=AdviceFigures)

    @property
    def has_data(self) -> bool:
        return bool(self.motions.adopted or self.advice.advices)


@dataclass(frozen=True)
class Figures:
    """Every year's figures of one municipality, as they stand on `reference_date`
    ("overdue now" depends on it), oldest year first."""

    municipality: object
    reference_date: date
    years: list[YearFigures]

    def year(self, year: int) -> YearFigures:
        """That year's figures; all zero for a year without published records."""
        return next((y for y in self.years if y.year == year), YearFigures(year))

    @property
    def years_with_data(self) -> list[int]:
        return [y.year for y in self.years if y.has_data]


def compute(municipality, today: date | None = None) -> Figures:
    """Every year's figures of the municipality; four queries."""
    today = today or timezone.localdate()
    motions = _motion_counts(municipality, today)
    medians = _median_days(municipality)
    points = _point_counts(municipality)
    responses = _response_counts(municipality)
    years = sorted(set(motions) | set(points) | set(responses) | {today.year})
    return Figures(
        municipality=municipality,
        reference_date=today,
        years=[
            YearFigures(
                year,
                MotionFigures(**motions.get(year, {}), median_days_to_completion=medians.get(year)),
                AdviceFigures(**points.get(year, {}), **responses.get(year, {})),
            )
            for year in years
        ],
    )


def current(municipality) -> Figures:
    """Today's figures: the stored summary while it is of today and nothing public of
    the municipality changed since it was computed; else computed and stored (two
    queries when stored, seven when not)."""
    from governance.models import Municipality

    from .models import FiguresSummary

    today = timezone.localdate()
    # Read here, not from `municipality`, which may have been loaded before a change.
    # Read before computing: a change committed meanwhile leaves a stamp that no
    # longer matches, so what was computed then is computed again.
    changed_at = (
        Municipality.objects.filter(pk=municipality.pk)
        .values_list("public_changed_at", flat=True)
        .first()
    )
    stored = FiguresSummary.objects.filter(
        municipality_id=municipality.pk,
        reference_date=today,
        **({"changed_at": changed_at} if changed_at else {"changed_at__isnull": True}),
    ).first()
    if stored is not None:
        return Figures(municipality, today, [_year_from_json(y) for y in stored.years])
    figures = compute(municipality, today)
    summary = FiguresSummary(
        municipality_id=municipality.pk,
        reference_date=today,
        changed_at=changed_at,
        years=[asdict(y) for y in figures.years],
        computed_at=timezone.now(),
    )
    # An upsert: two requests that both missed write the same row, neither fails.
    FiguresSummary.objects.bulk_create(
        [summary],
        update_conflicts=True,
        unique_fields=["municipality"],
        update_fields=["reference_date", "changed_at", "years", "computed_at"],
    )
    return figures


def _year_from_json(data: dict) -> YearFigures:
    return YearFigures(
        data["year"], MotionFigures(**data["motions"]), AdviceFigures(**data["advice"])
    )


def yearly_figures(municipality, year: int | None = None, today: date | None = None) -> dict:
    """The figures as JSON-ready data: every year, or the one `year` (zero where it has
    no published records), as of `today` (default: the stored figures of today). The
    keys are documented in docs/figures.md."""
    figures = current(municipality) if today is None else compute(municipality, today)
    years = [figures.year(year)] if year is not None else figures.years
    return {
        "municipality": municipality.name,
        "tooi_code": municipality.tooi_code,
        "reference_date": figures.reference_date.isoformat(),
        "years": [asdict(y) for y in years],
    }


def published_adopted_motions(municipality):
    """The moties the figures count: adopted by the raad (whatever happened since),
    published, of this municipality; with the year of the vote (the meeting's date
    where an imported motie has no separate date of the vote)."""
    return (
        Motion.objects.published()
        .filter(municipality=municipality, status__in=ADOPTED_STATUSES)
        .annotate(voted_on=Coalesce("vote_date", "meeting__date"))
        .annotate(year=ExtractYear("voted_on"))
    )


def _motion_counts(municipality, today) -> dict[int, dict]:
    completed = Q(status=MotionStatus.completed)
    on_time = completed & Q(completion_date__lte=F("deadline"))
    # "Overdue" is governance.tracking's rule, the one of the dashboard and reminders.
    overdue = Q(pk__in=Motion.objects.filter(municipality=municipality).overdue(today).values("pk"))
    rows = (
        published_adopted_motions(municipality)
        .order_by()
        .values("year")
        .annotate(
            adopted=Count("pk"),
            completed=Count("pk", filter=completed),
            completed_on_time=Count("pk", filter=on_time),
            overdue=Count("pk", filter=overdue),
        )
    )
    return {row.pop("year"): row for row in rows}


def _median_days(municipality) -> dict[int, float]:
    """Per year of the vote, the median number of days from the vote to completion.
    The database numbers each year's durations in order and returns only the middle one
    (odd count) or two (even count) of every year; their mean is the median. One query
    that reads at most two rows a year, the same SQL on SQLite and PostgreSQL."""
    middle: dict[int, list[int]] = {}
    for year, duration in middle_durations(municipality):
        middle.setdefault(year, []).append(duration.days)
    return {year: _whole_if_possible(statistics.mean(values)) for year, values in middle.items()}


def middle_durations(municipality):
    """(year, duration from vote to completion) of the middle completed motie of each
    year, or the middle two when the year has an even number."""
    days = ExpressionWrapper(F("completion_date") - F("voted_on"), output_field=DurationField())
    in_year = {"partition_by": F("year"), "order_by": F("days").asc()}
    return (
        published_adopted_motions(municipality)
        .filter(status=MotionStatus.completed, completion_date__isnull=False)
        .annotate(days=days)
        .annotate(
            position=Window(RowNumber(), **in_year),
            count=Window(Count("pk"), partition_by=F("year")),
        )
        # Positions (n + 1) // 2 and (n + 2) // 2: the same one when n is odd.
        .filter(position__gte=(F("count") + 1) / 2, position__lte=(F("count") + 2) / 2)
        .order_by()
        .values_list("year", "days")
    )


def _whole_if_possible(number: float) -> float | int:
    """174 rather than 174.0: a median is a half only when the middle two differ by one."""
    return int(number) if number == int(number) else number


def published_advices(municipality):
    return Advice.objects.filter(municipality=municipality, status=AdviceStatus.published)


def _point_counts(municipality) -> dict[int, dict]:
    position = "response__position"
    rows = (
        AdvicePoint.objects.filter(advice__in=published_advices(municipality))
        .annotate(year=ExtractYear("advice__date"))
        .order_by()
        .values("year")
        .annotate(
            points=Count("pk"),
            adopted=Count("pk", filter=Q(**{position: Position.adopted})),
            partly_adopted=Count("pk", filter=Q(**{position: Position.partly_adopted})),
            not_adopted=Count("pk", filter=Q(**{position: Position.not_adopted})),
            noted=Count("pk", filter=Q(**{position: Position.noted})),
        )
    )
    return {row.pop("year"): row for row in rows}


def _response_counts(municipality) -> dict[int, dict]:
    sent_on = "college_response__sent_on"
    rows = (
        published_advices(municipality)
        .annotate(year=ExtractYear("date"))
        .order_by()
        .values("year")
        .annotate(
            advices=Count("pk"),
            responses_sent=Count("pk", filter=Q(**{f"{sent_on}__isnull": False})),
            responses_within_term=Count(
                "pk", filter=Q(**{f"{sent_on}__lte": F("response_due_date")})
            ),
        )
    )
    return {row.pop("year"): row for row in rows}
