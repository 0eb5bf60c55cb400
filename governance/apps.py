from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Municipalities, their council and college, people, roles and (later) deadlines."""

    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .models import EqualisedDay, Letterhead, Meeting, Party, Person, Portfolio
        from .permissions import EqualisedDayPolicy, GriffieRecordPolicy

        for model in (Meeting, Party, Person, Portfolio, Letterhead):
            register_permission_policy(model, GriffieRecordPolicy(model))
        register_permission_policy(EqualisedDay, EqualisedDayPolicy(EqualisedDay))
