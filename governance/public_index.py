"""The public search's own table on PostgreSQL (`PublicSearchEntry`): what the public
may find, one row per published record and per sent letter of one, with the
municipality, the record it shows and what orders it beside the text vector.

Why: Wagtail's index holds one row per object of every kind and every municipality,
with no publication. The public search had to join each kind's matches with its records
to keep the published ones of one municipality: six queries that each read every
matching entry (docs/scale.md). Here one query, on a GIN index of (municipality,
vector), finds every kind at once, ranked, without a join.

Derived data, kept by the search backend (`governance.search_backend`): after Wagtail
writes or deletes the index entry of a record or letter, `refresh()` writes the entries
of its record again (a record's publication, or a letter being sent, is a save, and so
a new index entry). The vectors are Wagtail's own (`title || body`), so stemming and
weights are the same as the rest of the search. Writing entries renews the
municipality's cached public answers. A rebuild of the index (`update_index`) refills
the table through the same path and deletes the entries of records gone or withdrawn
past the signals (`delete_stale`); `rebuild()` refills it alone.

Nothing here decides what is shown: the hits are checked against the published records
of the municipality, and the page's records read from them (`governance.search`), so
an entry that is behind (the worker has not run yet) never shows or counts a withdrawn
record."""

from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from .letters import LetterStatus
from .public_changes import public_changed
from .search_models import PublicSearchEntry

BATCH = 1000
UPDATED = ("municipality_id", "record_type_id", "record_id", "title", "date", "vector")
FOUND = ("record_type_id", "record_id", "entry_type_id", "entry_id", "title", "date", "relevance")
COLUMNS = "municipality_id, record_type_id, record_id, entry_type_id, entry_id, title, date"


def batched(iterable, size=BATCH):
    """Tuples of `size` items of `iterable` (itertools.batched from Python 3.12)."""
    iterator = iter(iterable)
    while chunk := tuple(islice(iterator, size)):
        yield chunk


def sources() -> list:
    from .search import SOURCES

    return SOURCES


def source_of(model):
    """(source, field of the record) for a record model (field None) or a letter model
    of a registered source; (None, None) for any other model."""
    for source in sources():
        if model is source.model:
            return source, None
        for letter_model, owner in source.letters:
            if model is letter_model:
                return source, owner
    return None, None


def in_use() -> bool:
    return connection.vendor == "postgresql"


def refresh(model, objs) -> None:
    """Write again the entries of the records of `objs` (records or letters of `model`,
    saved or just deleted)."""
    source, owner = source_of(model)
    if source is None or not in_use():
        return
    attname = f"{owner}_id" if owner else "pk"
    refresh_records(source, {getattr(obj, attname) for obj in objs})


def refresh_keys(model, pks) -> None:
    """Write again the entries of the records `pks` of the record model `model`."""
    source, owner = source_of(model)
    if source is not None and owner is None and in_use():
        refresh_records(source, pks)


def refresh_records(source, pks) -> int:
    """Delete the entries of the records `pks` of `source` and write those of the
    published ones and their sent letters again. Returns how many were written."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return 0
    record_type = ContentType.objects.get_for_model(source.model).pk
    records = source.model.objects.filter(pk__in=pks) & source.published()
    rows = {
        record.pk: (
            record.municipality_id,
            record_type,
            record.pk,
            record_type,
            record.pk,
            source.title(record),
            getattr(record, source.date),
        )
        for record in records.only("municipality_id", *source.fields)
    }
    letter_rows = []
    for letter_model, owner in source.letters:
        letter_type = ContentType.objects.get_for_model(letter_model).pk
        letters = letter_model.objects.filter(
            **{f"{owner}_id__in": list(rows)}, status=LetterStatus.sent
        ).values_list("pk", f"{owner}_id")
        for pk, record_pk in letters:
            municipality, _, _, _, _, title, date = rows[record_pk]
            letter_rows.append((municipality, record_type, record_pk, letter_type, pk, title, date))
    written = 0
    with transaction.atomic():
        old = PublicSearchEntry.objects.filter(record_type_id=record_type, record_id__in=pks)
        municipalities = {row[0] for row in rows.values()}
        municipalities |= set(old.values_list("municipality_id", flat=True).distinct())
        deleted, _ = old.delete()
        for chunk in batched([*rows.values(), *letter_rows], BATCH):
            written += insert(chunk)
        if deleted or written:
            # What the public search finds changed: its cached answers are renewed. A
            # publication renewed them already, but the index task that writes these
            # entries may run later (the worker), and a search answered in between
            # would otherwise be kept without them.
            public_changed(municipalities)
    return written


def delete_stale() -> int:
    """Delete the entries of records that are gone or no longer published (removed or
    changed past the signals); a rebuild of Wagtail's index does this too."""
    deleted = 0
    for source in sources():
        record_type = ContentType.objects.get_for_model(source.model).pk
        stale = PublicSearchEntry.objects.filter(record_type_id=record_type).exclude(
            record_id__in=source.published().values("pk")
        )
        deleted += stale.delete()[0]
    return deleted


def insert(rows) -> int:
    """Insert entries with the vector of their object's entry in Wagtail's index (an
    object not yet indexed gets no entry; its indexing refreshes it)."""
    from wagtail.search.models import IndexEntry

    values = ", ".join(
        ["(%s::bigint, %s::integer, %s::bigint, %s::integer, %s::bigint, %s::text, %s::date)"]
        * len(rows)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PublicSearchEntry._meta.db_table} ({COLUMNS}, vector) "
            "SELECT v.municipality_id, v.record_type_id, v.record_id, v.entry_type_id, "
            "v.entry_id, v.title, v.date, e.title || e.body "
            f"FROM (VALUES {values}) AS v({COLUMNS}) "
            f"JOIN {IndexEntry._meta.db_table} e ON e.content_type_id = v.entry_type_id "
            "AND e.object_id = v.entry_id::text "
            # Two writers of one record's entries (a save and a rebuild) may both have
            # deleted before either inserts: the later one's rows win.
            "ON CONFLICT (entry_type_id, entry_id) DO UPDATE SET "
            + ", ".join(f"{column} = EXCLUDED.{column}" for column in UPDATED),
            [value for row in rows for value in row],
        )
        return cursor.rowcount


def reset() -> None:
    if in_use():
        PublicSearchEntry.objects.all()._raw_delete(PublicSearchEntry.objects.db)


def rebuild() -> int:
    """Every entry anew, from Wagtail's index as it is. Returns how many."""
    if not in_use():
        return 0
    written = 0
    with transaction.atomic():
        reset()
        for source in sources():
            pks = source.published().order_by("pk").values_list("pk", flat=True)
            for chunk in batched(pks.iterator(), BATCH):
                written += refresh_records(source, chunk)
    return written


def search(municipality, terms, models, limit) -> list[tuple]:
    """The entries of the municipality's records of `models` that match `terms` (a
    Wagtail PlainText), ranked with Wagtail's weights, at most the best `limit` of each
    kind of entry (records of a kind, letters of a kind: one broad kind cannot crowd
    out the others): rows of (record model, record pk, entry model, entry pk, title,
    date, relevance), best first. One query."""
    from django.contrib.postgres.search import SearchRank
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber
    from modelsearch.backends.database.postgres.weights import get_sql_weights
    from wagtail.search.backends import get_search_backend

    if not models:
        return []
    backend = get_search_backend()
    # The backend's own tsquery for the terms (its stemming, its handling of hyphens).
    compiler = backend.query_compiler_class(models[0].objects.none(), terms)
    tsquery = compiler.build_tsquery(terms, config=backend.config)
    types = ContentType.objects.get_for_models(*models)
    model_of = {content_type.pk: model for model, content_type in types.items()}
    # Of equally relevant entries the newest record's first, as the results show them.
    best_first = [
        F("relevance").desc(),
        F("date").desc(nulls_last=True),
        F("record_id").desc(),
        F("entry_id").desc(),
    ]
    rows = (
        PublicSearchEntry.objects.filter(
            municipality_id=municipality.pk, record_type_id__in=list(model_of), vector=tsquery
        )
        .annotate(relevance=SearchRank(F("vector"), tsquery, weights=get_sql_weights()))
        .annotate(place=Window(RowNumber(), partition_by=F("entry_type_id"), order_by=best_first))
        .filter(place__lte=limit)
        .order_by(*best_first)
        .values_list(*FOUND)
    )
    return [
        (model_of[record_type], record_id, model_for(entry_type), *rest)
        for record_type, record_id, entry_type, *rest in rows
    ]


def model_for(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model_class()
