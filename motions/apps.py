from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MotionsConfig(AppConfig):
    """Moties of the council, from the vote to their completion (afdoening)."""

    name = "motions"
    verbose_name = _("Motions")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from governance.admin_search import AdminSearchSource, register_admin_search_source
        from governance.letters import describe_letter
        from governance.search import register_search_source
        from governance.watchlist import register_source

        from .models import CompletionLetter, Motion
        from .permissions import CompletionLetterPermissionPolicy, MotionPermissionPolicy
        from .search import MOTIONS
        from .watch import MotionDeadlines

        register_permission_policy(Motion, MotionPermissionPolicy(Motion))
        register_permission_policy(
            CompletionLetter, CompletionLetterPermissionPolicy(CompletionLetter)
        )
        register_search_source(MOTIONS)
        register_admin_search_source(
            AdminSearchSource(
                Motion,
                ("number", "title", "operative_text", "recitals", "submitters__person__name"),
                "motion:inspect",
                describe=lambda motion: motion.operative_text,
            )
        )
        register_admin_search_source(
            AdminSearchSource(
                CompletionLetter,
                ("case_number", "document_number", "motion__number", "motion__title"),
                "completion_letter:inspect",
                describe=describe_letter,
                select_related=("motion",),
            )
        )
        register_source(MotionDeadlines())
