"""What a user may reach: the scope of their roles, read once per request.

Every permission check in Raadsvolg starts from `scope_for(user)`, so the rule
"nothing of one municipality is visible or editable from another" lives here."""

from dataclasses import dataclass

from .constants import RoleKind


@dataclass(frozen=True)
class Scope:
    """The municipalities, portfolios and adviesraden a user works for, by role."""

    is_superuser: bool = False
    griffie_municipality_ids: frozenset[int] = frozenset()
    staff_municipality_ids: frozenset[int] = frozenset()
    staff_portfolio_ids: frozenset[int] = frozenset()
    advisory_council_ids: frozenset[int] = frozenset()

    @property
    def has_role(self) -> bool:
        return bool(
            self.griffie_municipality_ids
            or self.staff_municipality_ids
            or self.advisory_council_ids
        )

    @property
    def municipality_ids(self) -> frozenset[int]:
        """Municipalities where the user is griffie or college staff."""
        return self.griffie_municipality_ids | self.staff_municipality_ids

    def is_griffie_of(self, municipality_id: int | None) -> bool:
        return self.is_superuser or municipality_id in self.griffie_municipality_ids

    def staff_reach(self, prefix: str = ""):
        """The records of the user's portfolios as college staff, as a condition on
        records (`prefix` leads to the record: "motion__" for a raadsbrief). It names
        the municipality beside the portfolios: the same records, as a role's
        portfolios are of its municipality (`Role.portfolios`, checked when they are
        added), but an index that starts with the municipality can then serve the
        lists in their order (docs/scale.md)."""
        from django.db.models import Q

        return Q(
            **{
                f"{prefix}municipality_id__in": self.staff_municipality_ids,
                f"{prefix}portfolio_id__in": self.staff_portfolio_ids,
            }
        )

    def is_staff_for(self, portfolio_id: int | None) -> bool:
        return portfolio_id is not None and portfolio_id in self.staff_portfolio_ids


EMPTY_SCOPE = Scope()


def scope_for(user) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, "_raadsvolg_scope", None)
    if cached is None:
        cached = user._raadsvolg_scope = _load_scope(user)
    return cached


def forget_scope(user) -> None:
    """Drop the cached scope, e.g. after the user's roles changed."""
    user.__dict__.pop("_raadsvolg_scope", None)


def _load_scope(user) -> Scope:
    from .models import Role

    roles = list(user.raadsvolg_roles.values_list("kind", "municipality_id", "advisory_council_id"))
    portfolio_ids = Role.portfolios.through.objects.filter(
        role__user=user, role__kind=RoleKind.college_staff
    ).values_list("portfolio_id", flat=True)

    def ids(kind, column):
        return frozenset(role[column] for role in roles if role[0] == kind)

    return Scope(
        is_superuser=user.is_superuser,
        griffie_municipality_ids=ids(RoleKind.griffie, 1),
        staff_municipality_ids=ids(RoleKind.college_staff, 1),
        staff_portfolio_ids=frozenset(portfolio_ids),
        advisory_council_ids=ids(RoleKind.advisory_member, 2),
    )


def refuse_foreign_portfolios(sender, instance, action, pk_set, reverse=False, **kwargs):
    """A role's portfolios are of the role's municipality, however they are added (the
    role form says so to the user first; a shell or an import meets this): the lists
    of college staff rely on it (`Scope.staff_reach`)."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from .models import Portfolio, Role

    if action != "pre_add" or not pk_set:
        return
    if reverse:  # portfolio.roles.add(role, …)
        foreign = Role.objects.filter(pk__in=pk_set).exclude(
            municipality_id=instance.municipality_id
        )
        names = [instance.name] if foreign.exists() else []
    else:
        names = list(
            Portfolio.objects.filter(pk__in=pk_set)
            .exclude(municipality_id=instance.municipality_id)
            .values_list("name", flat=True)
        )
    if names:
        raise ValidationError(
            _("These portfolios belong to another municipality: %(names)s.")
            % {"names": ", ".join(sorted(names))}
        )
