"""Admin forms whose choices stay inside the user's municipalities."""

from django import forms
from wagtail.admin.forms.models import WagtailAdminModelForm, WagtailAdminModelFormMetaclass

from .models import Municipality
from .roles import scope_for


def restrict_choices_to_scope(fields, user) -> None:
    """Limit every choice of a municipality, or of a record of one, to the municipalities
    where the user is griffie; superusers keep every choice."""
    scope = scope_for(user)
    if user is None or scope.is_superuser:
        return
    allowed = scope.griffie_municipality_ids
    for field in fields.values():
        if not isinstance(field, forms.ModelChoiceField):
            continue
        model = field.queryset.model
        if model is Municipality:
            field.queryset = field.queryset.filter(pk__in=allowed)
        elif any(f.name == "municipality" for f in model._meta.get_fields()):
            field.queryset = field.queryset.filter(municipality_id__in=allowed)


class ScopedFormMetaclass(WagtailAdminModelFormMetaclass):
    @classmethod
    def child_form(cls):
        # Inline child forms (e.g. a motie's submitters) are scoped the same way.
        return ScopedAdminForm


class ScopedAdminForm(WagtailAdminModelForm, metaclass=ScopedFormMetaclass):
    """The base form of every Raadsvolg admin form for municipality records."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices_to_scope(self.fields, self.for_user)
        for formset in self.formsets.values():
            formset.form_kwargs["for_user"] = self.for_user
        municipality = self.fields.get("municipality")
        if municipality is not None and not self.instance.pk:
            only = list(municipality.queryset[:2])
            if len(only) == 1:
                municipality.initial = only[0].pk
