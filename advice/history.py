"""The history of each point of an advies and of the college's response to it,
read in two queries for all points together."""

from collections import defaultdict

from .models import AdvicePoint, PointResponse

# The fields of a point whose change its history names (its explanation among them).
POINT_FIELDS = ("number", "theme", "text", "explanation")


def point_histories(points, *, with_responses=True) -> dict[int, list]:
    """For each point id, its history rows and those of its response (unless
    `with_responses` is False: the adviesraad before the response is sent), newest
    first. A point's row carries `changed_fields`: the names of what that change changed."""
    ids = [point.pk for point in points]
    rows = defaultdict(list)
    records = AdvicePoint.history.filter(id__in=ids).select_related("history_user")
    previous = {}
    for record in records.order_by("history_date", "history_id"):
        record.changed_fields = _changed(previous.get(record.id), record)
        previous[record.id] = record
        rows[record.id].append(("point", record))
    responses = PointResponse.history.filter(point_id__in=ids if with_responses else [])
    for record in responses.select_related("history_user"):
        rows[record.point_id].append(("response", record))
    return {pk: sorted(rows[pk], key=lambda row: row[1].history_date, reverse=True) for pk in ids}


def _changed(old, new) -> list[str]:
    if old is None or new.history_type != "~":
        return []
    return [
        str(AdvicePoint._meta.get_field(name).verbose_name)
        for name in POINT_FIELDS
        if (getattr(old, name) or "") != (getattr(new, name) or "")
    ]
