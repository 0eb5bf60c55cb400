"""Choosers for a choice of records too many for a <select> (issue 16).

A form offers such a choice as Wagtail's chooser: a button that opens a modal with a
searchable, paginated list. Every view of it (choose, results, chosen) reads the
records from `choosable(user)`, the same scoped queryset the form validates against,
so that another municipality's record is neither listed nor found by its id (404),
and the widget names the chosen record only when the user may choose it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from .admin_search import HAYSTACK, Haystack

# Up to this many choices a form keeps its <select>; beyond it, the chooser.
SELECT_LIMIT = 100


class ScopedChooserMixin:
    """Reads the records from `choosable(user)`, given by the viewset."""

    choosable = None  # a callable: user -> queryset

    def get_object_list(self):
        return self.choosable(self.request.user)


class ScopedChooseView(ScopedChooserMixin, chooser_views.ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooserMixin, chooser_views.ChooseResultsView):
    pass


class ScopedChosenView(ScopedChooserMixin, chooser_views.ChosenView):
    def get_object(self, pk):
        return self.get_object_list().get(pk=pk)


class ScopedChosenMultipleView(ScopedChooserMixin, chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        return self.get_object_list().filter(pk__in=pks)


def search_form_class(fields):
    """A chooser's search box: `icontains` on `fields` as one text, like the admin
    lists' search (ScopedIndexView.search_queryset), which their trigram index serves."""

    class SearchForm(BaseFilterForm):
        q = forms.CharField(
            label=_("Search term"),
            required=False,
            widget=forms.TextInput(),
        )

        def filter(self, objects):
            query = (self.cleaned_data.get("q") or "").strip()
            if not query:
                return objects
            self.is_searching, self.search_query = True, query
            return objects.alias(**{HAYSTACK: Haystack(*fields)}).filter(
                **{f"{HAYSTACK}__icontains": query}
            )

    return SearchForm


class ScopedChooser(BaseChooser):
    """The chooser widget; it shows the stored or posted value only when it is in
    `queryset` (the form field's), so a posted id of another municipality's record is
    not named on the form that refuses it."""

    queryset = None

    def get_instance(self, value):
        if value is None or self.queryset is None or isinstance(value, self.model_class):
            return super().get_instance(value)
        return self.queryset.filter(pk=value).first()


class ScopedChooserViewSet(ChooserViewSet):
    """A chooser whose views read from `choosable(user)`; no "create" tab, and no
    widget registered for every foreign key to the model: a form opts in with
    `use_chooser`."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    base_widget_class = ScopedChooser
    register_widget = False
    per_page = 20
    search_fields: tuple[str, ...] = ()

    def choosable(self, user):
        raise NotImplementedError

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(choosable=self.choosable, **kwargs)

    @property
    def choose_view(self):
        return self.construct_view(
            self.choose_view_class,
            icon=self.icon,
            page_title=self.page_title,
            search_tab_label=self.search_tab_label,
            creation_tab_label=self.creation_tab_label,
            filter_form_class=search_form_class(self.search_fields),
        )

    @property
    def choose_results_view(self):
        return self.construct_view(
            self.choose_results_view_class,
            filter_form_class=search_form_class(self.search_fields),
        )


def use_chooser(field: forms.ModelChoiceField, viewset, limit=None) -> bool:
    """Offer the field's choices through `viewset`'s chooser when there are more than
    `limit` (SELECT_LIMIT); a <select> otherwise. Returns whether the chooser is used."""
    limit = SELECT_LIMIT if limit is None else limit
    if len(field.queryset.values_list("pk", flat=True)[: limit + 1]) <= limit:
        return False
    widget = viewset.widget_class()
    widget.queryset = field.queryset
    field.widget = widget
    return True
