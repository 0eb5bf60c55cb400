"""The latest change per page of a paged sitemap, computed in the database: the sitemap
indexes (/sitemap.xml and the DiWoo indexes) name every page with its `<lastmod>`
without reading every record."""

import datetime

from django.db import connections
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def lastmod_per_page(rows, order: str, lastmod: str, size: int) -> list[datetime.datetime]:
    """The latest `lastmod` of each page of `size` rows in the order `order` (SQL column
    names of `rows`, a values queryset), first page first: one query that numbers the
    rows, groups them by page and returns one row a page. A sliding window (MAX over
    the next size rows) would be simpler to write, but PostgreSQL recomputes it for
    every row: O(rows × size). Django cannot group by a window nor put one over a
    union, so the queryset's own SQL is wrapped."""
    inner, params = rows.order_by().query.get_compiler(using=rows.db).as_sql()
    sql = (
        f"SELECT MAX({lastmod}) FROM ("
        f"SELECT (ROW_NUMBER() OVER (ORDER BY {order}) - 1) / %s AS page, {lastmod}"
        f" FROM ({inner}) paged_rows"
        ") numbered GROUP BY page ORDER BY page"
    )
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, (size, *params))
        return [as_datetime(value) for (value,) in cursor.fetchall()]


def as_datetime(value) -> datetime.datetime | None:
    """PostgreSQL gives a datetime; SQLite the text it stores, in UTC."""
    if value is None or isinstance(value, datetime.datetime):
        return value
    moment = parse_datetime(value)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, datetime.UTC)
