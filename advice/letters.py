"""The college's response letter to the adviesraad and the raadsinformatiebrief that
sends advice and response to the raad: what they need, what they say, sending them."""

from collections import OrderedDict

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from governance.constants import NotificationKind
from governance.letters import LetterError, LetterStatus, data_uri, render_pdf
from governance.notifications import notify
from governance.roles import scope_for

from .constants import AdviceStatus
from .lifecycle import AdviceStepError, take_step


def check_advice_letter(letter) -> None:
    """Raise LetterError, in Dutch, for what the letter still lacks."""
    letterhead = getattr(letter.advice.municipality, "letterhead", None)
    if letterhead is None:
        raise LetterError(_("The municipality has no letterhead yet; the griffie sets it up."))
    missing = letterhead.missing_for_letters()
    if missing:
        raise LetterError(
            _("The letterhead lacks %(what)s, who signs the letter.")
            % {"what": get_text_list(missing, _("and"))}
        )
    if not letter.advice.points.exists():
        raise LetterError(_("The advice has no points."))


def _common(letter) -> dict:
    advice = letter.advice
    letterhead = advice.municipality.letterhead
    return {
        "letter": letter,
        "advice": advice,
        "letterhead": letterhead,
        "municipality": advice.municipality,
        "logo": data_uri(letterhead.logo) if letterhead.logo else "",
        "letter_date": letter.letter_date or timezone.localdate(),
        "is_draft": not letter.is_sent,
        "received": date_format(advice.received_date, "j F Y") if advice.received_date else "",
    }


def points_by_theme(advice) -> "OrderedDict[str, list]":
    """The points in the advice's order, grouped under their themes, with responses."""
    grouped: OrderedDict[str, list] = OrderedDict()
    points = advice.points.select_related("response").order_by("sort_order", "number")
    for point in points:
        grouped.setdefault(point.theme, []).append(point)
    return grouped


def response_letter_context(letter) -> dict:
    advice = letter.advice
    return {
        **_common(letter),
        "title": _("Response to the advice '%(subject)s'") % {"subject": advice.subject},
        "themes": points_by_theme(advice),
        "salutation": advice.advisory_council.salutation_line(),
    }


def latest_sent_response(advice):
    return advice.response_letters.filter(status=LetterStatus.sent).order_by("-version").first()


def council_information_context(letter) -> dict:
    advice = letter.advice
    return {
        **_common(letter),
        "title": _("Advice and response on '%(subject)s'") % {"subject": advice.subject},
        "response_letter": latest_sent_response(advice),
    }


def render_with_attachments(letter) -> tuple[str, bytes]:
    """The raadsinformatiebrief with the advice and the response letter embedded."""
    advice = letter.advice
    attachments = []
    if advice.letter:
        with advice.letter.open("rb") as file:
            name = advice.letter.name.rsplit("/", 1)[-1]
            attachments.append((name, file.read(), _("The advice of the adviesraad")))
    response = latest_sent_response(advice)
    if response is not None and response.pdf:
        attachments.append(
            ("collegereactie.pdf", response.stored_pdf(), _("The response of the college"))
        )
    return render_pdf(letter.template_name, letter.context(), attachments=attachments)


def can_send(letter, user) -> bool:
    advice = letter.advice
    scope = scope_for(user)
    return scope.is_griffie_of(advice.municipality_id) or scope.is_staff_for(advice.portfolio_id)


def send_response_letter(letter, user, **choices):
    """Send the response to the adviesraad: the advies moves to response sent. A
    corrected version is sent without moving the advies again."""
    correction = letter.replaces_id is not None
    if not correction and letter.advice.status != AdviceStatus.response_adopted:
        raise LetterError(
            _("The response is sent once the college adopted it; the advice is %(status)s.")
            % {"status": letter.advice.get_status_display().lower()}
        )
    with transaction.atomic():
        letter.mark_sent(user, letter.advice.municipality, **choices)
        if correction:
            # The adviesraad gets the corrected letter too; the advies does not move.
            notify(
                NotificationKind.response_sent,
                letter.advice,
                actor=user,
                occasion=f"letter-{letter.pk}",
            )
            return letter
        try:
            letter.advice = take_step(letter.advice, user, "send_response", on=letter.letter_date)
        except AdviceStepError as error:
            raise LetterError(str(error)) from error
        response = letter.advice.college_response
        response.case_number = letter.case_number
        response.save(update_fields=["case_number"])
    return letter


def send_council_information_letter(letter, user, **choices):
    """Send the raadsinformatiebrief, once the response itself has been sent."""
    if not letter.advice.response_letters.filter(status=LetterStatus.sent).exists():
        raise LetterError(_("Send the response letter to the adviesraad first."))
    with transaction.atomic():
        letter.mark_sent(user, letter.advice.municipality, **choices)
    return letter
