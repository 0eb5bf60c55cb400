"""The choosers of the advies a response letter or raadsinformatiebrief is about
(issue 16): the answered adviezen without such a letter grow with the years, too many
for a <select>."""

from django.utils.translation import gettext_lazy as _

from governance.choosers import ScopedChooserViewSet

from .constants import AdviceStatus
from .models import Advice, CouncilInformationLetter, ResponseLetter


def advice_for_a_letter(letter_model, user):
    """The adviezen that can get a letter of `letter_model` now: answered or being
    answered, and without such a letter yet (an existing one is edited, or corrected
    with a new version). The response letter is for an advies whose response is not
    sent. Newest received first."""
    choices = (
        Advice.objects.visible_to(user)
        .exclude(status__in=(AdviceStatus.draft, AdviceStatus.submitted))
        .filter(portfolio__isnull=False)
        .exclude(pk__in=letter_model.objects.values("advice"))
    )
    if letter_model is ResponseLetter:
        choices = choices.filter(
            status__in=(AdviceStatus.response_in_preparation, AdviceStatus.response_adopted)
        )
    return choices.order_by("-received_date", "-pk")


class LetterAdviceChooserViewSet(ScopedChooserViewSet):
    """Choose an advies for a letter of `letter_model`, searched on reference and texts."""

    model = Advice
    icon = "doc-full"
    choose_one_text = _("Choose an advice")
    choose_another_text = _("Choose another advice")
    search_fields = ("reference", "subject", "text")  # as its trigram index
    letter_model = None

    def choosable(self, user):
        return advice_for_a_letter(self.letter_model, user)


response_letter_advice_chooser = LetterAdviceChooserViewSet(
    "response_letter_advice_chooser", letter_model=ResponseLetter
)
information_letter_advice_chooser = LetterAdviceChooserViewSet(
    "information_letter_advice_chooser", letter_model=CouncilInformationLetter
)
LETTER_ADVICE_CHOOSERS = {
    ResponseLetter: response_letter_advice_chooser,
    CouncilInformationLetter: information_letter_advice_chooser,
}
