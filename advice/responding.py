"""The college's response form in parts: the points of an advies in groups (a theme at
a time, in the order of the advies; points without a theme a few at a time), how far
each group is, and the address of each point in the form."""

import math
from dataclasses import dataclass, field
from itertools import groupby

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .lifecycle import incomplete_message, is_answered

# Points without a theme come a few at a time; a theme with more points than this is
# split in equal parts, so that no page grows long again.
UNTHEMED_GROUP_SIZE = 5
THEME_GROUP_SIZE = 10

GROUP_PARAMETER = "groep"


@dataclass
class PointGroup:
    """One page of the response form: some points of one theme, in the advies's order."""

    number: int
    theme: str
    points: list
    part: int = 1
    parts: int = 1
    # Counted when the group is made, from the responses as saved: a bound form
    # changes its response in memory while it validates.
    answered: int = field(init=False)

    def __post_init__(self):
        self.answered = sum(1 for point in self.points if is_answered(point))

    def __str__(self):
        if self.theme and self.parts > 1:
            return _("%(theme)s (part %(part)s of %(parts)s)") % {
                "theme": self.theme,
                "part": self.part,
                "parts": self.parts,
            }
        if self.theme:
            return self.theme
        first, last = self.points[0].number, self.points[-1].number
        if first == last:
            return _("Point %(number)s") % {"number": first}
        return _("Points %(first)s–%(last)s") % {"first": first, "last": last}

    @property
    def open(self) -> int:
        return len(self.points) - self.answered


def group_points(points: list) -> list[PointGroup]:
    """The points (in the advies's order, responses selected along) in groups: each run
    of points under one theme, split when long; points without theme by five or so."""
    groups: list[PointGroup] = []
    for theme, run in groupby(points, key=lambda point: point.theme.strip()):
        chunks = _split(list(run), THEME_GROUP_SIZE if theme else UNTHEMED_GROUP_SIZE)
        for part, chunk in enumerate(chunks, start=1):
            groups.append(PointGroup(len(groups) + 1, theme, chunk, part, len(chunks)))
    return groups


def _split(items: list, size: int) -> list[list]:
    """The items in as few parts of at most `size` as possible, of (nearly) equal length."""
    parts = math.ceil(len(items) / size)
    length = math.ceil(len(items) / parts)
    return [items[i : i + length] for i in range(0, len(items), length)]


def choose_group(groups: list[PointGroup], value: str | None) -> tuple[PointGroup | None, bool]:
    """The group that `?groep=` asks for and whether it exists; the first one when the
    parameter is absent, not a number or out of range."""
    if not groups:
        return None, True
    if value is None:
        return groups[0], True
    try:
        number = int(value)
    except ValueError:
        return groups[0], False
    if 1 <= number <= len(groups):
        return groups[number - 1], True
    return groups[0], False


def group_url(advice_pk: int, group: PointGroup) -> str:
    return f"{reverse('advice:respond', args=[advice_pk])}?{GROUP_PARAMETER}={group.number}"


def point_urls(advice_pk: int, groups: list[PointGroup]) -> dict[int, str]:
    """The address of each point's place in the response form, by the point's pk."""
    return {
        point.pk: f"{group_url(advice_pk, group)}#point-{point.pk}"
        for group in groups
        for point in group.points
    }


def linked_incomplete_message(advice, points: list) -> str:
    """The refusal of the adopt step with each point it names linked to the form."""
    urls = point_urls(advice.pk, group_points(_points_of(advice)))
    links = [format_html('<a href="{}">{}</a>', urls[p.pk], p.number) for p in points]
    return incomplete_message(links, html=True)


def _points_of(advice) -> list:
    return list(advice.points.select_related("response").order_by("sort_order", "number"))
