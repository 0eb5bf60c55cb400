from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    """Adviesaanvragen and adviezen of the adviesraad sociaal domein, and the college's
    point-by-point responses."""

    name = "advice"
    verbose_name = _("Advice")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from governance.admin_search import AdminSearchSource, register_admin_search_source
        from governance.letters import describe_letter
        from governance.search import register_search_source
        from governance.watchlist import register_source

        from .models import (
            Advice,
            AdvicePoint,
            AdviceRequest,
            CouncilInformationLetter,
            ResponseLetter,
        )
        from .permissions import (
            AdviceLetterPermissionPolicy,
            AdvicePermissionPolicy,
            AdviceRequestPermissionPolicy,
        )
        from .search import ADVICE
        from .watch import AdviceRequestDeadlines, AdviceResponseDeadlines

        register_permission_policy(AdviceRequest, AdviceRequestPermissionPolicy(AdviceRequest))
        register_permission_policy(Advice, AdvicePermissionPolicy(Advice))
        for letter_model in (ResponseLetter, CouncilInformationLetter):
            register_permission_policy(letter_model, AdviceLetterPermissionPolicy(letter_model))
        register_search_source(ADVICE)
        register_admin_search_source(
            AdminSearchSource(
                Advice,
                ("reference", "subject", "text"),
                "advice:inspect",
                describe=lambda advice: advice.text,
            )
        )
        register_admin_search_source(
            AdminSearchSource(
                AdvicePoint,
                ("text", "explanation", "theme"),
                "advice:inspect",
                describe=lambda point: point.text,
                visible_through="advice",
                select_related=("advice",),
                title=lambda point: f"{point.advice} – {point}",
            )
        )
        for letter_model, url_name in (
            (ResponseLetter, "response_letter:inspect"),
            (CouncilInformationLetter, "council_information_letter:inspect"),
        ):
            register_admin_search_source(
                AdminSearchSource(
                    letter_model,
                    ("case_number", "document_number", "advice__reference", "advice__subject"),
                    url_name,
                    describe=describe_letter,
                    select_related=("advice",),
                )
            )
        register_admin_search_source(
            AdminSearchSource(
                AdviceRequest,
                ("subject", "description"),
                "advice_request:inspect",
                describe=lambda request: request.description,
            )
        )
        register_source(AdviceRequestDeadlines())
        register_source(AdviceResponseDeadlines())
        _recompute_when_terms_change()


def _recompute_when_terms_change():
    from django.db.models.signals import post_delete, post_save

    from governance.models import AdvisoryCouncil, EqualisedDay

    from .deadlines import recompute_due_dates

    def recompute(sender, **kwargs):
        if not kwargs.get("raw"):
            recompute_due_dates()

    for model in (EqualisedDay, AdvisoryCouncil):
        uid = f"recompute-due-dates-{model.__name__}"
        post_save.connect(recompute, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(recompute, sender=model, weak=False, dispatch_uid=uid)
