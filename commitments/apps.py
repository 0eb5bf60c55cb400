from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    """Toezeggingen of portefeuillehouders, from the meeting to their completion."""

    name = "commitments"
    verbose_name = _("Commitments")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from governance.admin_search import AdminSearchSource, register_admin_search_source
        from governance.search import register_search_source
        from governance.watchlist import register_source
        from motions.agenda_list import register_row_source

        from .agenda_list import commitment_rows
        from .models import Commitment
        from .permissions import CommitmentPermissionPolicy
        from .search import COMMITMENTS
        from .watch import CommitmentDeadlines

        register_permission_policy(Commitment, CommitmentPermissionPolicy(Commitment))
        register_search_source(COMMITMENTS)
        register_admin_search_source(
            AdminSearchSource(
                Commitment,
                ("number", "title", "text", "progress"),
                "commitment:inspect",
                describe=lambda commitment: commitment.text,
            )
        )
        register_source(CommitmentDeadlines())
        register_row_source(commitment_rows)
