"""The raadsbrief that proposes to close a motie: what it needs, what it says, and
sending it."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from governance.letters import LetterError, data_uri
from governance.roles import scope_for

from .constants import CompletionRoute, MotionStatus
from .lifecycle import TransitionError, apply_transition


def check_completion_letter(letter) -> None:
    """Raise LetterError, in Dutch, for what the letter still lacks."""
    motion = letter.motion
    letterhead = getattr(motion.municipality, "letterhead", None)
    if letterhead is None:
        raise LetterError(_("The municipality has no letterhead yet; the griffie sets it up."))
    missing = letterhead.missing_for_letters()
    if missing:
        raise LetterError(
            _("The letterhead lacks %(what)s, who signs the letter.")
            % {"what": get_text_list(missing, _("and"))}
        )
    if not motion.vote_date:
        raise LetterError(_("The motion has no date of the vote."))


REQUESTS_THE_COLLEGE = re.compile(
    r"^\s*(?:verzoekt|draagt)\s+het\s+college"
    r"(?:\s+van\s+(?:b\s*&\s*w|burgemeester\s+en\s+wethouders))?\s*,?\s*"
    r"(?:op\s*,?\s*)?(?:om\s+)?",
    re.I,
)
GOES_ON = re.compile(r",?\s*en\s+gaat\s+over\s+tot\s+de\s+orde\s+van\s+de\s+dag\.?\s*$", re.I)


def opening(motion) -> str:
    """INLEIDING's first sentence, from the record: the date of the vote and what the
    raad asked, quoted from the dictum without its "verzoekt het college"."""
    request = REQUESTS_THE_COLLEGE.sub("", motion.operative_text.strip())
    request = GOES_ON.sub("", request).rstrip(",.; ")
    return _("On %(date)s you asked the college '%(request)s'.") % {
        "date": date_format(motion.vote_date, "j F Y"),
        "request": request,
    }


def completion_letter_context(letter) -> dict:
    motion = letter.motion
    letterhead = motion.municipality.letterhead
    return {
        "letter": letter,
        "motion": motion,
        "letterhead": letterhead,
        "logo": data_uri(letterhead.logo) if letterhead.logo else "",
        "title": _("Completion of motion '%(title)s'") % {"title": motion.title},
        "opening": opening(motion),
        "letter_date": letter.letter_date or timezone.localdate(),
        "portfolio": motion.portfolio.name if motion.portfolio_id else "",
        "is_draft": not letter.is_sent,
    }


def can_send(letter, user) -> bool:
    scope = scope_for(user)
    motion = letter.motion
    return scope.is_griffie_of(motion.municipality_id) or scope.is_staff_for(motion.portfolio_id)


def send_completion_letter(letter, user, **choices):
    """Send the raadsbrief and move the motie to completion proposed, all or nothing.
    A corrected version is sent without moving the motie again."""
    if not strip_tags(letter.core_message or "").strip():
        raise LetterError(_("Write the core message (KERNBOODSCHAP) before sending."))
    correction = letter.replaces_id is not None
    if not correction and letter.motion.status != MotionStatus.in_progress:
        raise LetterError(
            _("The motion is %(status)s; a completion letter is sent for a motion in progress.")
            % {"status": letter.motion.get_status_display().lower()}
        )
    with transaction.atomic():
        letter.mark_sent(user, letter.motion.municipality, **choices)
        if correction:
            return letter
        try:
            letter.motion = apply_transition(
                letter.motion,
                user,
                "propose_completion",
                reason=_("Completion letter %(number)s sent") % {"number": letter.document_number},
                route=CompletionRoute.council_letter,
                reference=letter.document_number,
                on=letter.letter_date or timezone.localdate(),
            )
        except TransitionError as error:
            raise LetterError(str(error)) from error
    return letter
