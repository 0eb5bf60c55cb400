"""The admin's search box: the moties, toezeggingen, adviezen, advice points, letters and
adviesaanvragen the user may see, found by number, title, text, indiener or letter
number, instead of Wagtail's search of
pages (which finds nothing of this work). Each app registers what it searches; each
source searches only what its permission policy lets the user see, so nothing of
another municipality, portfolio or adviesraad is ever found."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q
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
        condition = reduce(or_, (Q(**{f"{name}__icontains": query}) for name in self.fields))
        found = (
            self.visible(user)
            .filter(condition)
            .select_related(*self.select_related)
            .distinct()
            .order_by("-pk")
        )
        return list(found[: PER_SOURCE + 1])

    @property
    def label(self) -> str:
        return capfirst(self.model._meta.verbose_name_plural)

    def url(self, record) -> str:
        target = getattr(record, self.visible_through) if self.visible_through else record
        return reverse(self.url_name, args=[target.pk])


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
