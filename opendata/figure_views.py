"""The figures page /cijfers/ and its CSV, per municipality (found by the request's host)."""

import csv
import re
from dataclasses import dataclass

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.public_site import municipality_or_404
from governance.viewsets import not_a_formula

from . import figures as figure_data
from .charts import Bar, bar_chart
from .figures import Figures, YearFigures

YEAR = re.compile(r"[1-9][0-9]{3}")  # ASCII: \d also takes the digits of other scripts


@dataclass(frozen=True)
class Figure:
    """One figure: where it is in `YearFigures`, its label and how it is counted."""

    group: str  # "motions" or "advice"
    name: str
    label: str
    definition: str

    def value(self, year: YearFigures):
        return getattr(getattr(year, self.group), self.name)


MOTION_FIGURES = [
    Figure(
        "motions",
        "adopted",
        gettext_lazy("Motions adopted"),
        gettext_lazy(
            "Published motions the raad adopted in this year (by the date of the vote), "
            "whatever became of them since."
        ),
    ),
    Figure(
        "motions",
        "completed",
        gettext_lazy("Completed"),
        gettext_lazy("Of these, the motions the raad has since declared completed (afgedaan)."),
    ),
    Figure(
        "motions",
        "completed_on_time",
        gettext_lazy("Completed on time"),
        gettext_lazy(
            "Of the completed motions, those the raad declared completed on or before their "
            "deadline. A motion without a deadline does not count as on time."
        ),
    ),
    Figure(
        "motions",
        "overdue",
        gettext_lazy("Overdue now"),
        gettext_lazy(
            "Of the adopted motions, those not yet completed whose deadline has passed on "
            "the reference date."
        ),
    ),
    Figure(
        "motions",
        "median_days_to_completion",
        gettext_lazy("Median days to completion"),
        gettext_lazy(
            "The median number of days from the vote to the raad's decision that the motion "
            "is completed, over the completed motions of this year; — when none is completed."
        ),
    ),
]
ADVICE_FIGURES = [
    Figure(
        "advice",
        "advices",
        gettext_lazy("Advice published"),
        gettext_lazy("Published advice of the adviesraad dated in this year."),
    ),
    Figure("advice", "points", gettext_lazy("Advice points"), gettext_lazy("Their points.")),
    Figure(
        "advice",
        "adopted",
        gettext_lazy("Points adopted"),
        gettext_lazy("Points the college adopted (overgenomen) in its response per point."),
    ),
    Figure(
        "advice",
        "partly_adopted",
        gettext_lazy("Points partly adopted"),
        gettext_lazy("Points the college partly adopted (gedeeltelijk overgenomen)."),
    ),
    Figure(
        "advice",
        "not_adopted",
        gettext_lazy("Points not adopted"),
        gettext_lazy("Points the college did not adopt (niet overgenomen)."),
    ),
    Figure(
        "advice",
        "noted",
        gettext_lazy("Points noted"),
        gettext_lazy("Points the college noted (voor kennisgeving aangenomen)."),
    ),
    Figure(
        "advice",
        "responses_sent",
        gettext_lazy("Responses sent"),
        gettext_lazy("Published advice to which the college sent its response."),
    ),
    Figure(
        "advice",
        "responses_within_term",
        gettext_lazy("Responses within the term"),
        gettext_lazy(
            "Of these, the responses sent on or before the day they were due: the "
            "adviesraad's response term from the receipt of the advice, with the Algemene "
            "termijnenwet where it applies."
        ),
    ),
]
ALL_FIGURES = MOTION_FIGURES + ADVICE_FIGURES


class YearError(ValueError):
    """A `jaar` that is no year we can give figures for; its message is Dutch."""


def requested_year(request, figures: Figures) -> int | None:
    """The `jaar` asked for, or None for none; YearError when it is no year."""
    text = request.GET.get("jaar", "").strip()
    if not text:
        return None
    if not YEAR.fullmatch(text):
        raise YearError(
            _("“%(value)s” is not a year. Give a year of four digits, such as %(year)s.")
            % {"value": text[:20], "year": figures.reference_date.year}
        )
    year = int(text)
    if year > figures.reference_date.year:
        raise YearError(
            _("%(year)s has not begun yet: there are no figures for it.") % {"year": year}
        )
    return year


def public_figures(request):
    municipality = municipality_or_404(request)
    figures = figure_data.current(municipality)
    context = {"municipality": municipality, "figures": figures, "title": _("Figures")}
    try:
        year = requested_year(request, figures)
    except YearError as error:
        context["error"] = str(error)
        return render(request, "opendata/figures.html", context, status=400)
    year = figures.reference_date.year if year is None else year
    current = figures.year(year)
    context.update(
        year=year,
        current=current,
        other_years=[y.year for y in figures.years if y.year != year],  # and this year
        motion_rows=[(f, f.value(current)) for f in MOTION_FIGURES],
        advice_rows=[(f, f.value(current)) for f in ADVICE_FIGURES],
        overview=overview(figures),
        charts=charts(current),
        definitions=ALL_FIGURES,
    )
    return render(request, "opendata/figures.html", context)


def overview(figures: Figures) -> dict:
    """The multi-year table: a row per figure, a column per year."""
    return {
        "years": [y.year for y in figures.years],
        "motion_rows": [(f, [f.value(y) for y in figures.years]) for f in MOTION_FIGURES],
        "advice_rows": [(f, [f.value(y) for y in figures.years]) for f in ADVICE_FIGURES],
    }


def charts(current: YearFigures) -> dict:
    year = current.year
    bars = [Bar(f.label, f.value(current)) for f in MOTION_FIGURES[:4]]
    points = [Bar(f.label, f.value(current)) for f in ADVICE_FIGURES[2:6]]
    responses = [Bar(f.label, f.value(current)) for f in (ADVICE_FIGURES[0], *ADVICE_FIGURES[6:])]
    return {
        "motions": bar_chart(
            "chart-motions", _("Motions adopted in %(year)s") % {"year": year}, bars
        ),
        "points": bar_chart(
            "chart-points",
            _("The college's position on the advice points of %(year)s") % {"year": year},
            points,
        ),
        "responses": bar_chart(
            "chart-responses",
            _("Responses to the advice of %(year)s") % {"year": year},
            responses,
        ),
    }


class Echo:
    """A file that hands back what is written to it, for streaming the CSV."""

    def write(self, value):
        return value.encode("utf-8")


def public_figures_csv(request):
    """The figures as CSV, as the admin's exports write it (comma, UTF-8, text guarded
    against formulas): the one `jaar`, or every year."""
    municipality = municipality_or_404(request)
    figures = figure_data.current(municipality)
    try:
        year = requested_year(request, figures)
    except YearError as error:
        context = {"municipality": municipality, "figures": figures, "error": str(error)}
        return render(request, "opendata/figures.html", context, status=400)
    years = figures.years if year is None else [figures.year(year)]
    writer = csv.writer(Echo())
    rows = [csv_headings(), *(csv_row(figures, y) for y in years)]
    response = StreamingHttpResponse(
        (writer.writerow([not_a_formula(cell) for cell in row]) for row in rows),
        content_type="text/csv; charset=utf-8",
    )
    name = f"cijfers-{slugify(municipality.name)}-{'alle-jaren' if year is None else year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_headings() -> list[str]:
    return [_("Municipality"), _("Year"), _("Reference date")] + [str(f.label) for f in ALL_FIGURES]


def csv_row(figures: Figures, year: YearFigures) -> list:
    """A year's figures; the median with a decimal point (as a machine reads it), empty
    when no motion was completed."""
    values = ["" if (v := f.value(year)) is None else v for f in ALL_FIGURES]
    reference = figures.reference_date.strftime("%d-%m-%Y")
    return [figures.municipality.name, year.year, reference, *values]
