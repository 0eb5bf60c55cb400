from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Municipalities, their council and college, people, roles and (later) deadlines."""

    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.permissions import register_permission_policy

        # audit and oidc: their signal receivers are connected on import.
        from . import audit, dates, oidc, security  # noqa: F401

        security.give_choosers_the_nonce()
        # Every change a public answer shows renews its municipality's cached answers.
        from .public_changes import connect

        connect()
        from django.db.models.signals import m2m_changed

        from .models import Role
        from .roles import refuse_foreign_portfolios

        m2m_changed.connect(
            refuse_foreign_portfolios,
            sender=Role.portfolios.through,
            dispatch_uid="refuse_foreign_portfolios",
        )
        # One date field in the whole admin: dd-mm-jjjj, never rewritten by a picker.
        register_form_field_override(
            models.DateField, override={"form_class": dates.DateField, "widget": dates.DateInput}
        )

        from .models import EqualisedDay, Letterhead, Meeting, Party, Person, Portfolio
        from .permissions import EqualisedDayPolicy, GriffieRecordPolicy

        for model in (Meeting, Party, Person, Portfolio, Letterhead):
            register_permission_policy(model, GriffieRecordPolicy(model))
        register_permission_policy(EqualisedDay, EqualisedDayPolicy(EqualisedDay))
