"""Small horizontal bar charts as inline SVG, drawn on the server.

Written here rather than taken from a charting library: the charts are a handful of bars,
and what matters is what a library would have to be configured into — an `<svg
role="img">` named by its `<title>` and described by a `<desc>` that holds every number,
a text label and the value beside every bar (no meaning in colour alone), colours by
presentation attribute (the Content-Security-Policy allows no `style` attribute), no
JavaScript. The numbers stand in a real table beside each chart as well."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Units of the viewBox; the chart scales to its column (about 1:1 on a phone, 1.2:1 at
# most on a desktop: figures.css), so font-size 16 reads as the text around it.
WIDTH = 320
LABEL_HEIGHT = 22  # the label stands above its bar, so long Dutch labels fit on a phone
BAR_HEIGHT = 18
ROW_GAP = 12
BAR_SPACE = 250  # the longest bar; the value is written after the bar's end
BAR_COLOUR = "#1f4e79"  # the theme's primary colour: 8.6:1 against white
TEXT_COLOUR = "#1a1a1a"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def bar_chart(chart_id: str, title: str, bars: list[Bar]) -> SafeString:
    """An accessible SVG bar chart: `chart_id` must be unique on the page."""
    height = len(bars) * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP)
    largest = max((bar.value for bar in bars), default=0) or 1
    rows = format_html_join(
        "", "{}", ((_row(bar, index, largest),) for index, bar in enumerate(bars))
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="figures-chart" role="img" '
        'aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" font-size="16" '
        'font-family="inherit"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{desc}</desc><g aria-hidden="true">{rows}</g></svg>',
        id=chart_id,
        width=WIDTH,
        height=height,
        title=title,
        desc=description(bars),
        rows=rows,
    )


def description(bars: list[Bar]) -> str:
    """Every bar in words, for whoever does not see the chart: "Aangenomen: 12; …"."""
    return "; ".join(f"{bar.label}: {bar.value}" for bar in bars)


def _row(bar: Bar, index: int, largest: float) -> SafeString:
    top = index * (LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP)
    length = round(BAR_SPACE * bar.value / largest, 1)
    return format_html(
        '<text x="0" y="{label_y}" fill="{text}">{label}</text>'
        '<rect x="0" y="{bar_y}" width="{length}" height="{bar_height}" fill="{bar}"/>'
        '<text x="{value_x}" y="{value_y}" fill="{text}" font-weight="700">{value}</text>',
        label_y=top + LABEL_HEIGHT - 6,
        text=TEXT_COLOUR,
        label=bar.label,
        bar_y=top + LABEL_HEIGHT,
        length=length,
        bar_height=BAR_HEIGHT,
        bar=BAR_COLOUR,
        value_x=length + 6,
        value_y=top + LABEL_HEIGHT + BAR_HEIGHT - 4,
        value=bar.value,
    )
