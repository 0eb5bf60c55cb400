"""The lists' queries use the indexes made for them (docs/scale.md, "Indexes, counts and
search"). On PostgreSQL only: the indexes are partial or on a tsvector expression, and
SQLite plans differently. Sequential scans are switched off, so that a handful of rows
shows the plan a large table gets; without the index (or its migration) the plan names
no index of ours and the test fails."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from advice.constants import AdviceStatus
from advice.models import Advice
from commitments.models import Commitment
from governance.admin_search import HAYSTACK, SOURCES, Haystack
from governance.search import SCORE, plain_terms
from motions.models import Motion
from tests.factories import AdviceFactory, CommitmentFactory, MotionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "connection.vendor != 'postgresql'",
        reason="partial and GIN expression indexes are planned on PostgreSQL only",
    ),
]

TODAY = datetime.date(2027, 6, 1)


def plan(sql, params=(), *, off=("seqscan",)) -> str:
    with connection.cursor() as cursor:
        for method in off:
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def plan_of(queryset, **kwargs) -> str:
    return plan(*queryset.query.sql_with_params(), **kwargs)


# On a handful of rows every index that can serve a query is as cheap as another (the
# foreign keys' own indexes too), and which one the planner takes then depends on the
# statistics earlier tests left. So a test sets aside (drops, in its own transaction)
# every other non-unique index of the table: the plan then shows whether the index
# under test serves the query, and without it no index of ours would.


def only_index(model, kept: str) -> str:
    """Set aside every non-unique index of the model's table but `kept` (the name
    without the model's prefix); returns its full name."""
    name = f"{model._meta.model_name}_{kept}"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname <> %s"
            " AND indexdef NOT LIKE 'CREATE UNIQUE%%'",
            [model._meta.db_table, name],
        )
        for (other,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{other}"')
    return name


@pytest.fixture
def records(town):
    municipality = town.municipality
    for n in range(3):
        MotionFactory(municipality=municipality, adopted=True, title=f"Mantelzorg {n}")
        CommitmentFactory(municipality=municipality)
        AdviceFactory(municipality=municipality, status=AdviceStatus.published)
    Motion.objects.update(published_at=timezone.now())
    Commitment.objects.update(published_at=timezone.now())
    return municipality


@pytest.mark.parametrize("model", [Motion, Commitment])
def test_overdue_by_deadline_uses_the_partial_open_index(records, model):
    """The overdue records of a municipality, soonest deadline first (the dashboard)."""
    overdue = model.objects.overdue(TODAY).filter(municipality=records).order_by("deadline")
    assert only_index(model, "open_deadline") in plan_of(overdue[:10])


@pytest.mark.parametrize("model", [Motion, Commitment])
def test_feed_and_changed_since_use_the_published_index(records, model):
    published = model.objects.published().filter(municipality=records)
    name = only_index(model, "published_updated")
    assert name in plan_of(published.order_by("-updated_at")[:50])
    since = timezone.now() - datetime.timedelta(days=30)
    assert name in plan_of(published.filter(updated_at__gte=since))


@pytest.mark.parametrize("model", [Motion, Commitment])
def test_the_lists_default_order_is_read_from_the_meeting_date_index(records, model):
    """Newest meeting first, by number: the public and admin lists and the API."""
    published = model.objects.published().filter(municipality=records)
    # Read in order from the index: no sort step (the unique (municipality, number)
    # index could find the rows too, and then sort them).
    assert only_index(model, "by_meeting") in plan_of(published[:20], off=("seqscan", "sort"))


@pytest.mark.parametrize("model", [Motion, Commitment])
def test_a_meetings_published_records_are_found_by_the_partial_index(records, model):
    """The API's vergaderingen: which meetings have a published record, and which."""
    meeting = model.objects.values_list("meeting_id", flat=True).first()
    found = model.objects.published().filter(meeting_id=meeting).order_by()
    assert only_index(model, "published_meeting") in plan_of(found.values("pk"))


def test_public_advice_list_uses_the_published_index(records):
    advices = Advice.objects.filter(municipality=records, status=AdviceStatus.published)
    assert "advice_published_date" in plan_of(advices.order_by("-date", "subject")[:20])


VECTOR = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body")'


def test_search_uses_the_gin_index_on_the_search_vector(records):
    """Wagtail filters on `title || body` (its own GIN indexes are on each apart); our
    index has that expression. With a few moties the planner loops over them, so the
    entries' side of Wagtail's query is planned on its own, among many entries."""
    published = Motion.objects.published().filter(municipality_id=records.pk)
    backend = get_search_backend()
    with CaptureQueriesContext(connection) as queries:
        found = list(backend.search(plain_terms("mantelzorg"), published).annotate_score(SCORE))
    assert len(found) == 3
    search_sql = next(q["sql"] for q in queries.captured_queries if "@@" in q["sql"])
    # Wagtail's condition: `(title || body) @@ (to_tsquery('dutch'::regconfig, …))`.
    condition = re.search(re.escape(VECTOR) + r" @@ \(to_tsquery\('dutch'[^()]*\)\)", search_sql)
    assert condition, search_sql
    condition = condition.group(0)
    unrelated_entries(2000)
    entries = f"SELECT object_id FROM wagtailsearch_indexentry WHERE {condition}"
    assert "search_title_body_gin" in plan(entries)


def unrelated_entries(count) -> None:
    """Index entries of moties that match nothing searched for, as in a full table: with
    only the few matching ones, the content type's btree would be as good as the GIN."""
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO wagtailsearch_indexentry
            (object_id, title_norm, content_type_id, autocomplete, title, body,
             title_text, body_text)
            SELECT 'x' || n, 1.0, content_type_id, '', to_tsvector('dutch', 'fietspad'),
                   to_tsvector('dutch', 'verzoekt het college'), '', ''
            FROM generate_series(1, %s) n,
                 (SELECT content_type_id FROM wagtailsearch_indexentry LIMIT 1) t""",
            [count],
        )
        cursor.execute("ANALYZE wagtailsearch_indexentry")


@pytest.mark.parametrize(
    "source",
    # The letters are left out: they have no index of their own (their record's
    # number and title are searched through the record's index: the next test).
    [source for source in SOURCES if "Letter" not in source.model.__name__],
    ids=lambda source: source.model.__name__,
)
def test_admin_search_uses_the_trigram_index_of_its_table(records, source):
    """The admin search's text condition is the indexed expression, also when it is
    combined (OR) with the indieners' subquery. Plain index scans are off too: on a few
    rows, walking the primary key would be cheaper than any index of the condition."""
    found = source.matching(source.model.objects.all(), "mantelzorg")
    name = f"{source.model._meta.model_name}_admin_search_trgm"
    assert name in plan_of(found, off=("seqscan", "indexscan"))


@pytest.mark.parametrize(
    "source",
    [source for source in SOURCES if "Letter" in source.model.__name__],
    ids=lambda source: source.model.__name__,
)
def test_admin_search_finds_a_letters_record_through_the_records_trigram_index(records, source):
    """A letter is found by its motie's or advies's number and title: those are looked
    up in a subquery on the record's table, through the record's own trigram index,
    not by joining every letter with its record."""
    found = source.matching(source.model.objects.all(), "mantelzorg")
    record = source.model._meta.get_field(source.select_related[0]).related_model
    name = f"{record._meta.model_name}_admin_search_trgm"
    assert name in plan_of(found, off=("seqscan", "indexscan"))


@pytest.mark.parametrize(
    "hooks, viewset",
    [
        ("motions.wagtail_hooks", "MotionViewSet"),
        ("commitments.wagtail_hooks", "CommitmentViewSet"),
        ("advice.wagtail_hooks", "AdviceViewSet"),
        ("advice.wagtail_hooks", "AdviceRequestViewSet"),
    ],
)
def test_the_admin_lists_search_box_uses_the_trigram_index(records, hooks, viewset):
    """The lists' search box (ScopedIndexView.search_queryset) searches their
    search_fields as one text: the same fields, in the same order, as the index."""
    from importlib import import_module

    viewset = getattr(import_module(hooks), viewset)
    model = viewset.model
    found = model.objects.alias(**{HAYSTACK: Haystack(*viewset.search_fields)}).filter(
        **{f"{HAYSTACK}__icontains": "mantelzorg"}
    )
    name = f"{model._meta.model_name}_admin_search_trgm"
    assert name in plan_of(found, off=("seqscan", "indexscan"))


@pytest.mark.parametrize("model", [Motion, Commitment])
def test_college_staffs_overdue_records_use_the_portfolio_index(records, model):
    """College staff reach their portfolios, not the municipality: the dashboard's
    overdue count and list for them read the open records by portfolio."""
    portfolios = list(model.objects.values_list("portfolio_id", flat=True).distinct())
    overdue = model.objects.overdue(TODAY).filter(portfolio_id__in=portfolios)
    assert only_index(model, "open_portfolio") in plan_of(overdue.order_by().values("pk"))


@pytest.mark.parametrize("model", [Motion, Commitment])
def test_the_sitemap_pages_published_records_from_the_key_index_alone(records, model):
    """The sitemap index: a municipality's published records in key order with their
    latest change (opendata.sitemaps.page_lastmods), from the index without the table."""
    published = model.objects.published().filter(municipality=records)
    name = only_index(model, "published_key")
    found = plan_of(published.order_by("pk").values_list("pk", "updated_at"))
    assert f"Index Only Scan using {name}" in found


@pytest.mark.parametrize("model", [Motion, Advice])
def test_the_api_letters_join_published_records_from_the_key_index_alone(records, model):
    """The API's brieven (and their count): a letter's record must be published, of this
    municipality; the keys of those records are read from the index alone."""
    if model is Motion:
        published = model.objects.published().filter(municipality=records)
    else:
        published = model.objects.filter(municipality=records, status=AdviceStatus.published)
    name = only_index(model, "published_key")
    assert f"Index Only Scan using {name}" in plan_of(published.order_by().values("pk"))


@pytest.mark.parametrize("model", [Motion, Commitment])
def test_the_administrators_overdue_records_use_the_deadline_index(records, model):
    """The functional administrator's dashboard: overdue records of every municipality,
    soonest deadline first, read in order (no municipality to start an index with)."""
    overdue = model.objects.overdue(TODAY).order_by("deadline")
    assert only_index(model, "open_by_deadline") in plan_of(overdue[:10], off=("seqscan", "sort"))


def test_the_letter_lists_count_the_moties_in_reach_from_the_key_index(records):
    """The admin's raadsbrieven: the letters of the moties of the user's municipality,
    counted with the moties' keys read from the index alone."""
    from motions.models import CompletionLetter

    letters = CompletionLetter.objects.filter(motion__municipality_id__in=[records.pk])
    name = only_index(Motion, "municipality_key")
    sql, params = letters.order_by().values("pk").query.sql_with_params()
    assert f"Index Only Scan using {name}" in plan(f"SELECT COUNT(*) FROM ({sql}) counted", params)


def test_college_staffs_list_is_read_in_order_from_the_meeting_date_index(records, town):
    """Their reach names the municipality beside the portfolios (Scope.staff_reach), so
    the (municipality, meeting date, number) index gives their moties in the list's
    order; on portfolios alone PostgreSQL 15 sorts every motie of them."""
    from governance.roles import scope_for

    Motion.objects.update(portfolio=town.portfolio)
    reach = Motion.objects.visible_to_scope(scope_for(town.staff))
    ordered = reach.order_by("-meeting_held_on", "number")[:50]
    planned = plan_of(ordered, off=("seqscan", "sort"))
    assert only_index(Motion, "by_meeting") in planned and "Sort" not in planned, planned


def test_the_public_search_reads_the_gin_index_of_its_own_table(records):
    """governance.public_index: one query on (municipality, vector), among many entries
    of other words and another municipality."""
    from governance import public_index
    from governance.models import PublicSearchEntry

    public_index.rebuild()  # the fixture published the moties past the signals
    assert PublicSearchEntry.objects.filter(municipality=records).count() == 9
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO governance_publicsearchentry
            (municipality_id, record_type_id, record_id, entry_type_id, entry_id, title,
             vector)
            SELECT municipality_id, record_type_id, record_id, entry_type_id,
                   100000 + n, title, to_tsvector('dutch', 'fietspad')
            FROM generate_series(1, 2000) n,
                 (SELECT * FROM governance_publicsearchentry LIMIT 1) t"""
        )
        cursor.execute("ANALYZE governance_publicsearchentry")
        # As only_index(): the foreign keys' own indexes set aside.
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'governance_publicsearchentry'"
            " AND indexname <> 'public_search_vector' AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
        )
        for (other,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{other}"')
    with CaptureQueriesContext(connection) as queries:
        found = public_index.search(records, plain_terms("mantelzorg"), [Motion], 300)
    assert len(found) == 3
    (sql,) = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert "public_search_vector" in plan(sql)
