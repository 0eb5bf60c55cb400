"""The chooser of the motie a raadsbrief is for (issue 16): thousands of moties can be
in progress, too many for a <select>."""

from django.utils.translation import gettext_lazy as _

from governance.choosers import ScopedChooserViewSet

from .constants import MotionStatus
from .models import Motion


def motions_for_a_letter(user):
    """The moties a new raadsbrief can be for: in progress, and seen by the user (the
    griffie's municipality, college staff's own portfolios); newest meeting first."""
    return (
        Motion.objects.visible_to(user)
        .filter(status=MotionStatus.in_progress)
        .select_related("municipality")
        .order_by("-meeting_held_on", "number", "pk")
    )


class LetterMotionChooserViewSet(ScopedChooserViewSet):
    """Choose a motie in progress for a raadsbrief, searched on number and texts."""

    model = Motion
    icon = "list-ul"
    choose_one_text = _("Choose a motion")
    choose_another_text = _("Choose another motion")
    search_fields = ("number", "title", "operative_text", "recitals")  # as its trigram index

    def choosable(self, user):
        return motions_for_a_letter(user)


letter_motion_chooser = LetterMotionChooserViewSet("letter_motion_chooser")
