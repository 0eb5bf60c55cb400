"""The admin's search box: the moties, toezeggingen, adviezen, advice points, letters and
adviesaanvragen the user may see, found by number, title, text, indiener or letter
number, instead of Wagtail's search of
pages (which finds nothing of this work). Each app registers what it searches; each
source searches only what its permission policy lets the user see, so nothing of
another municipality, portfolio or adviesraad is ever found."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import BooleanField, F, Func, Q, Subquery, TextField
from django.urls import reverse
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.search import SearchArea
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from .roles import scope_for

MIN_QUERY, MAX_QUERY = 2, 200
PER_SOURCE = 20
HAYSTACK = "_admin_search_text"


class Haystack(Func):
    """A record's own searched fields as one text, a line apart: the query (from which
    line breaks are removed) can match within one field only, as with a condition per
    field, but PostgreSQL answers it from one trigram index per table (see
    `haystack_index_sql` and docs/scale.md) instead of reading every row."""

    template = "(%(expressions)s)"
    arg_joiner = " || chr(10) || "
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, arg_joiner=" || char(10) || ", **extra)


def haystack_index_sql(table, fields, name, quote) -> str:
    """The trigram GIN index (PostgreSQL, pg_trgm) that serves `icontains` on
    `Haystack(*fields)`: Django writes that as UPPER((a || chr(10) || b)::text) LIKE …,
    and the index must have the same expression (written out: Django's GinIndex with
    OpClass puts the operator class inside the expression's parentheses)."""
    text = " || chr(10) || ".join(quote(field) for field in fields)
    expression = f"UPPER(({text})::text) gin_trgm_ops"
    return f"CREATE INDEX {quote(name)} ON {quote(table)} USING gin ({expression})"


def haystack_migration(app_label, model_name, fields, name):
    """A migration operation that adds `haystack_index_sql` on PostgreSQL (with the pg_trgm
    extension, trusted since PostgreSQL 13: the database's owner may create it) and
    nothing on SQLite, where the admin search reads the rows as before."""
    from django.db import migrations

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            table = apps.get_model(app_label, model_name)._meta.db_table
            schema_editor.execute(haystack_index_sql(table, fields, name, schema_editor.quote_name))

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(forward, backward, elidable=False)


class InArray(Func):
    """`pk = ANY(ARRAY(subquery))`: PostgreSQL runs the subquery once and looks the
    keys up in the primary key's index, so it can combine that with the trigram index
    of an OR (`pk IN (subquery)` in an OR makes it read every row). SQLite: IN."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra):
        column, subquery = (compiler.compile(part) for part in self.source_expressions)
        return f"{column[0]} = ANY(ARRAY{subquery[0]})", (*column[1], *subquery[1])

    def as_sqlite(self, compiler, connection, **extra):
        column, subquery = (compiler.compile(part) for part in self.source_expressions)
        return f"{column[0]} IN {subquery[0]}", (*column[1], *subquery[1])


def many_valued(model, path: str) -> bool:
    """Whether the lookup `path` passes through a relation to many rows (a motie's
    indieners): a join there repeats the record, so it is searched in a subquery."""
    for name in path.split("__")[:-1]:
        field = model._meta.get_field(name)
        if field.one_to_many or field.many_to_many:
            return True
        model = field.related_model
    return False


@dataclass(frozen=True)
class AdminSearchSource:
    """What one kind of record contributes: the fields searched, the admin page of a
    record, and a one-line description of it."""

    model: type
    fields: tuple[str, ...]
    url_name: str
    describe: object  # record -> str
    visible_through: str = ""  # a point is visible through its advies
    select_related: tuple[str, ...] = field(default_factory=tuple)
    title: object = str  # record -> str

    def visible(self, user):
        if not self.visible_through:
            return policy_registry.get_by_type(self.model).instances_user_has_permission_for(
                user, "view"
            )
        parent = self.model._meta.get_field(self.visible_through).related_model
        parents = policy_registry.get_by_type(parent).instances_user_has_permission_for(
            user, "view"
        )
        return self.model.objects.filter(**{f"{self.visible_through}__in": parents})

    def search(self, user, query: str):
        """The newest PER_SOURCE + 1 records the user may see that match `query`."""
        found = self.matching(self.visible(user), query)
        return list(found.select_related(*self.select_related).order_by("-pk")[: PER_SOURCE + 1])

    @property
    def own_fields(self) -> list[str]:
        """The record's own searched fields, in order: the text its index holds."""
        return [name for name in self.fields if "__" not in name]

    def matching(self, records, query: str):
        """The `records` with `query` in one of the fields: the record's own fields
        through one indexed text, a field through a relation to many rows in a subquery
        (so no DISTINCT over every match is needed), fields of the record a foreign key
        points to in a subquery on that record's table (`related_keys`), other paths
        as they are."""
        own = self.own_fields
        conditions = [Q(**{f"{HAYSTACK}__icontains": query})] if own else []
        related: dict[str, list[str]] = {}
        for name in self.fields:
            if name in own:
                continue
            if many_valued(self.model, name):
                conditions.append(Q(InArray(F("pk"), Subquery(self.keys_matching(name, query)))))
            elif name.count("__") == 1:
                relation, field_name = name.split("__")
                related.setdefault(relation, []).append(field_name)
            else:
                conditions.append(Q(**{f"{name}__icontains": query}))
        for relation, names in related.items():
            key = self.model._meta.get_field(relation)
            keys = related_keys(key.related_model, names, query)
            # IN, not InArray: PostgreSQL then hashes the keys once (a hashed SubPlan);
            # compared with an array it would read the array for every row.
            conditions.append(Q(**{f"{key.attname}__in": keys}))
        if own:
            records = records.alias(**{HAYSTACK: Haystack(*own)})
        return records.filter(reduce(or_, conditions))

    def keys_matching(self, path: str, query: str):
        """The keys of the records with `query` in the field at `path`: read from the
        rows of the relation to many (a motie's indieners: `motion_id`), when the path
        starts with one, without the records themselves."""
        first, rest = path.split("__", 1)
        relation = self.model._meta.get_field(first)
        if relation.one_to_many:
            rows = relation.related_model.objects.filter(**{f"{rest}__icontains": query})
            return rows.order_by().values(relation.field.attname)
        matching = self.model.objects.filter(**{f"{path}__icontains": query})
        return matching.order_by().values("pk")

    @property
    def label(self) -> str:
        return capfirst(self.model._meta.verbose_name_plural)

    def url(self, record) -> str:
        target = getattr(record, self.visible_through) if self.visible_through else record
        return reverse(self.url_name, args=[target.pk])


def related_keys(model, names, query: str):
    """The keys of `model`'s rows with `query` in one of its fields `names` (a letter is
    found by its motie's number or title). When `model` is searched itself and its
    indexed text holds those fields, that text must hold the query too (it has no line
    break), so the condition is added for its trigram index to find the candidates:
    a join of every letter with its motie read every motie of the municipality."""
    rows = model.objects.alias(**{HAYSTACK: Haystack(*names)})
    rows = rows.filter(**{f"{HAYSTACK}__icontains": query})
    for source in SOURCES:
        if source.model is model and set(names) <= set(source.own_fields):
            indexed = f"{HAYSTACK}_indexed"
            rows = rows.alias(**{indexed: Haystack(*source.own_fields)})
            rows = rows.filter(**{f"{indexed}__icontains": query})
            break
    return rows.order_by().values("pk")


SOURCES: list[AdminSearchSource] = []


def register_admin_search_source(source: AdminSearchSource) -> None:
    SOURCES.append(source)


class AdminSearchView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "governance/admin/search.html"
    page_title = gettext_lazy("Search")
    header_icon = "search"
    _show_breadcrumbs = True

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        query = " ".join(self.request.GET.get("q", "").split())[:MAX_QUERY]
        groups, message = [], ""
        if query and len(query) < MIN_QUERY:
            message = _("Type at least %(count)s characters.") % {"count": MIN_QUERY}
        elif query:
            for source in SOURCES:
                found = source.search(self.request.user, query)
                if found:
                    groups.append(
                        {
                            "label": source.label,
                            "more": len(found) > PER_SOURCE,
                            "results": [
                                {
                                    "url": source.url(record),
                                    "title": source.title(record),
                                    "summary": Truncator(source.describe(record)).chars(160),
                                }
                                for record in found[:PER_SOURCE]
                            ],
                        }
                    )
            if not groups:
                message = _("Nothing found for '%(query)s'.") % {"query": query}
        return super().get_context_data(
            query=query, groups=groups, message=message, per_source=PER_SOURCE, **kwargs
        )


class RaadsvolgSearchArea(SearchArea):
    """First in the list, so the sidebar's search box searches the user's work."""

    def __init__(self):
        super().__init__(
            gettext_lazy("Moties, toezeggingen and adviezen"),
            reverse("raadsvolg_search"),
            name="raadsvolg",
            icon_name="search",
            order=10,
        )

    def is_shown(self, request):
        return request.user.is_superuser or scope_for(request.user).has_role
