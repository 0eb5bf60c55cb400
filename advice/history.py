"""The history of each point of an advies and of the college's response to it,
read in two queries for all points together."""

from collections import defaultdict

from .models import AdvicePoint, PointResponse


def point_histories(points) -> dict[int, list]:
    """For each point id, its history rows and those of its response, newest first."""
    ids = [point.pk for point in points]
    rows = defaultdict(list)
    for record in AdvicePoint.history.filter(id__in=ids).select_related("history_user"):
        rows[record.id].append(("point", record))
    for record in PointResponse.history.filter(point_id__in=ids).select_related("history_user"):
        rows[record.point_id].append(("response", record))
    return {pk: sorted(rows[pk], key=lambda row: row[1].history_date, reverse=True) for pk in ids}
