"""Admin forms whose choices stay inside the user's municipalities."""

import functools

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.permissions import policy_registry

from .cleaning import ReadableRichTextMixin, VisibleTextMixin
from .concurrency import VersionedFormMixin
from .constants import RoleKind
from .models import AdvisoryCouncil, Meeting, Municipality, Person, Portfolio, Role
from .roles import scope_for

GRIFFIE, STAFF, ADVISORY = "griffie", "staff", "advisory"

# Choices that follow from the user's roles: set and hidden when only one is possible.
ROLE_FIELDS = ("municipality", "advisory_council")


def restrict_choices_to_scope(fields, user, *, mode=GRIFFIE) -> None:
    """Limit every choice of a municipality, or of a record of one, to what the user
    works for in this form: as griffie (`GRIFFIE`), as griffie or college staff for their
    own portfolios (`STAFF`), or as member of an adviesraad for the municipalities it
    serves (`ADVISORY`). Superusers keep every choice."""
    for field in fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset.model is Person:
            field.queryset = field.queryset.select_related("party")  # its label shows the party
    scope = scope_for(user)
    if user is None or scope.is_superuser:
        return
    municipalities, portfolios, councils = _allowed(scope, mode)
    for field in fields.values():
        if not isinstance(field, forms.ModelChoiceField):
            continue
        model = field.queryset.model
        names = {f.name for f in model._meta.get_fields()}
        if model is Municipality:
            field.queryset = field.queryset.filter(pk__in=municipalities)
        elif model is Portfolio:
            field.queryset = field.queryset.filter(portfolios)
        elif model is AdvisoryCouncil and councils is not None:
            field.queryset = field.queryset.filter(pk__in=councils)
        elif "municipality" in names:
            field.queryset = field.queryset.filter(municipality_id__in=municipalities)
            if councils is not None and "advisory_council" in names:
                field.queryset = field.queryset.filter(advisory_council_id__in=councils)
        elif "municipalities" in names:
            field.queryset = field.queryset.filter(municipalities__in=municipalities).distinct()
        visible = visible_records(model, user)
        if visible is not None:
            field.queryset = field.queryset.filter(pk__in=visible.values("pk"))


def visible_records(model, user):
    """The records of `model` the user may see, exactly as its admin list shows them
    (its permission policy's "view"), or None where the choice is not of such records
    (municipalities, meetings, people, portfolios: the form's mode decides those).
    A motie of another portfolio or a draft advies is then never offered as a choice,
    nor shown as the label of one."""
    policy = policy_registry.get_by_type(model, fallback=False)
    if not getattr(policy, "limits_choices", False):
        return None
    return policy.instances_user_has_permission_for(user, "view")


def keep_only_the_value(field: forms.ModelChoiceField, value) -> None:
    """A disabled choice offers just the value it holds (Django ignores what is posted
    for it), so its <select> names no other record."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        values = [getattr(v, "pk", v) for v in value or ()]
        field.queryset = field.queryset.filter(pk__in=values)
    else:
        field.queryset = field.queryset.filter(pk=getattr(value, "pk", value))


def _allowed(scope, mode):
    """(municipality ids, portfolio filter, adviesraad ids or None) for a form mode."""
    if mode == ADVISORY:
        councils = scope.advisory_council_ids
        municipalities = set(
            Municipality.objects.filter(advisory_councils__in=councils).values_list("pk", flat=True)
        )
        return municipalities, Q(municipality_id__in=municipalities), councils
    griffie = scope.griffie_municipality_ids
    if mode == STAFF:
        portfolios = Q(municipality_id__in=griffie) | Q(pk__in=scope.staff_portfolio_ids)
        return scope.municipality_ids, portfolios, None
    return griffie, Q(municipality_id__in=griffie), None


class ScopedChoicesMixin:
    """Restricts the form's choices to the user's scope once it is built."""

    # Who fills in this form: the griffie (default), also college staff, or the adviesraad.
    scope_mode = GRIFFIE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices_to_scope(self.fields, self.for_user, mode=self.scope_mode)

    def __getitem__(self, name):
        # Here rather than in __init__: subclasses disable fields after it ran.
        field = self.fields.get(name)
        if isinstance(field, forms.ModelChoiceField) and field.disabled:
            keep_only_the_value(field, self.get_initial_for_field(field, name))
        return super().__getitem__(name)


@functools.cache
def scoped_child_form(form_class, mode=GRIFFIE):
    """The same inline child form class, with its choices scoped to the user.

    Wagtail builds an InlinePanel's child form itself (from WagtailAdminModelForm),
    so the scoping is mixed into whatever class it chose."""
    if issubclass(form_class, ScopedChoicesMixin):
        return form_class
    return type(form_class)(
        f"Scoped{form_class.__name__}",
        (ScopedChoicesMixin, form_class),
        {"scope_mode": mode},
    )


# The meetings a form offers (issue 16): the last ones held and the next ones planned.
# A motie or toezegging is registered for a meeting just held or coming up, so a year of
# raad and committee meetings is plenty; an older one is kept only as the stored value.
RECENT_MEETINGS = 50
UPCOMING_MEETINGS = 25


def bound_choices(field: forms.ModelChoiceField, bound, current=None) -> None:
    """Offer only the records of `bound` (a queryset of the field's model, limited as
    the domain allows) and the value the record holds (`current`, a pk), so that the
    <select> keeps its size however many records there are, and editing a record whose
    value is outside the bound keeps it. The field's own scoping stays in force."""
    keep = Q(pk__in=bound.values("pk"))
    if current is not None:
        keep |= Q(pk=current)
    field.queryset = field.queryset.filter(keep)


def bound_meeting_choices(form) -> None:
    """Every meeting choice of the form: the recent and upcoming meetings of the user's
    scope (see RECENT_MEETINGS), plus the stored one."""
    today = timezone.localdate()
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField) or field.queryset.model is not Meeting:
            continue
        if isinstance(field, forms.ModelMultipleChoiceField) or field.disabled:
            continue
        recent = recent_meetings(field.queryset, today)
        bound_choices(field, recent, getattr(form.instance, f"{name}_id", None))


def recent_meetings(scoped, today):
    """The meetings of `scoped` a choice offers: the last RECENT_MEETINGS held and the
    next UPCOMING_MEETINGS planned."""
    held = scoped.filter(date__lte=today).order_by("-date", "-pk")[:RECENT_MEETINGS]
    planned = scoped.filter(date__gt=today).order_by("date", "pk")[:UPCOMING_MEETINGS]
    return scoped.filter(Q(pk__in=held.values("pk")) | Q(pk__in=planned.values("pk")))


def settle_single_choice(field: forms.ModelChoiceField, *, unless_stored=None) -> bool:
    """A required choice with one possible value is set to it, hidden and disabled (a
    posted value, another municipality's id say, is ignored). Not when the record holds
    another value already (`unless_stored`). Returns whether it was settled."""
    if not field.required:
        return False
    only = list(field.queryset[:2])
    if len(only) != 1 or (unless_stored is not None and unless_stored != only[0].pk):
        return False
    field.initial = only[0].pk
    field.disabled = True
    field.widget = forms.HiddenInput()
    return True


class ScopedAdminForm(
    ReadableRichTextMixin,
    VisibleTextMixin,
    VersionedFormMixin,
    ScopedChoicesMixin,
    WagtailAdminModelForm,
):
    """The base form of every Raadsvolg admin form for municipality records; its inline
    child forms (e.g. a motie's submitters) are scoped the same way. It carries the
    version it was opened on (governance.concurrency)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for formset in self.formsets.values():
            formset.form = scoped_child_form(formset.form, self.scope_mode)
            formset.form_kwargs["for_user"] = self.for_user
        if self.for_user is not None:
            self.settle_role_fields()
        bound_meeting_choices(self)

    def settle_role_fields(self) -> None:
        """A municipality or adviesraad with one possible value for this user follows
        from their role: it is set to that value and not asked. The field is disabled,
        so a posted value (another municipality's id, say) is ignored, never stored."""
        for name in ROLE_FIELDS:
            field = self.fields.get(name)
            if not isinstance(field, forms.ModelChoiceField):
                continue
            stored = getattr(self.instance, f"{name}_id", None)
            if settle_single_choice(field, unless_stored=stored):
                self.initial[name] = field.initial

    def clean(self):
        """Texts as typed, with the line endings browsers send (CRLF) made plain, so
        that saving an unchanged text does not record it as changed."""
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and "\r" in value:
                cleaned[name] = value.replace("\r\n", "\n")
        return cleaned


class RoleForm(WagtailAdminModelForm):
    """A role: its scope must fit its kind, and portfolios its municipality."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        portfolios = self.fields["portfolios"]
        portfolios.queryset = portfolios.queryset.select_related("municipality")
        portfolios.label_from_instance = lambda p: f"{p.name} ({p.municipality})"

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        portfolios = cleaned.get("portfolios") or []
        if cleaned.get("kind") != RoleKind.college_staff and portfolios:
            self.add_error("portfolios", _("Only college staff work for portfolios."))
        foreign = [
            p.name for p in portfolios if municipality and p.municipality_id != municipality.pk
        ]
        if foreign:
            self.add_error(
                "portfolios",
                _("These portfolios belong to another municipality: %(names)s.")
                % {"names": ", ".join(foreign)},
            )
        return cleaned

    class Meta:
        model = Role
        fields = ["user", "kind", "municipality", "advisory_council", "portfolios"]


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with a translated password label.

    Wagtail redeclares the password field without a label, so Django falls back to the
    untranslated field name ("Password") where Django's own form says "Wachtwoord"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
