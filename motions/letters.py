"""The raadsbrief that proposes to close a motie: what it needs, what it says, and
sending it."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.letters import LetterError, data_uri, reference_rows
from governance.roles import scope_for

from .constants import CompletionRoute, MotionStatus
from .dictum import parse_dictum
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


# "Op 12 maart 2026 heeft u het college verzocht ‘…’", as the seed raadsbrief opens;
# the participle follows the dictum's verb (see motions/dictum.py).
REQUEST_INLINE = {
    "verzocht": gettext_lazy("%(when)s you asked the college '%(request)s'."),
    "opgedragen": gettext_lazy("%(when)s you instructed the college '%(request)s'."),
    "opgeroepen": gettext_lazy("%(when)s you called on the college '%(request)s'."),
    "gevraagd": gettext_lazy("%(when)s you requested of the college '%(request)s'."),
}
REQUEST_LIST = {
    "verzocht": gettext_lazy("%(when)s you asked the college:"),
    "opgedragen": gettext_lazy("%(when)s you instructed the college:"),
    "opgeroepen": gettext_lazy("%(when)s you called on the college:"),
    "gevraagd": gettext_lazy("%(when)s you requested of the college:"),
}
# WeasyPrint does not map type="a" to letters by itself: letters/base.html's style does
# (a rule, not a style attribute, which the preview's Content-Security-Policy refuses).
LIST_TAGS = {"number": ("ol", ""), "letter": ("ol", "a"), "bullet": ("ul", "")}


def opening(motion) -> str:
    """INLEIDING's first sentences, from the record: the date of the vote and what the raad
    asked of the college, quoted from the dictum without "De raad", the verb and the
    closing formula; a dictum of several items as a list, what the raad stated ("spreekt
    uit") first. A dictum that asks nothing of the college is quoted whole."""
    dictum = parse_dictum(motion.operative_text)
    date = date_format(motion.vote_date, "j F Y")
    when = _("On %(date)s") % {"date": date}
    parts = []
    if dictum.statements:
        parts.append(_statements(dictum.statements, date))
        when = _("In the same motion")
    if dictum.asks_the_college:
        parts.append(_request(dictum, when))
    if not parts:
        quoted = _(
            "On %(date)s you adopted motion %(number)s '%(title)s', which reads: '%(dictum)s'."
        )
        parts.append(
            _paragraph(
                quoted, date=date, number=motion.number, title=motion.title, dictum=dictum.whole
            )
        )
    return mark_safe("".join(parts))


def _statements(statements, date) -> str:
    if len(statements) == 1:
        return _paragraph(
            _("On %(date)s you stated that %(statement)s."), date=date, statement=statements[0]
        )
    return _paragraph(_("On %(date)s you stated that:"), date=date) + _list(statements, "bullet")


def _request(dictum, when) -> str:
    if dictum.request:
        return _paragraph(REQUEST_INLINE[dictum.participle], when=when, request=dictum.request)
    return _paragraph(REQUEST_LIST[dictum.participle], when=when) + _list(
        dictum.items, dictum.list_kind
    )


def _paragraph(template, **values) -> str:
    """A translated sentence with the record's text escaped into it."""
    escaped = {key: conditional_escape(value) for key, value in values.items()}
    return format_html("<p>{}</p>", mark_safe(str(template) % escaped))


def _list(items, kind) -> str:
    tag, numbering = LIST_TAGS.get(kind, LIST_TAGS["bullet"])
    entries = format_html_join("", "<li>{}</li>", ((item,) for item in items))
    if numbering:
        return format_html('<{} type="{}">{}</{}>', tag, numbering, entries, tag)
    return format_html("<{}>{}</{}>", tag, entries, tag)


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
        # A raadsbrief is a document of the raad's meeting, as the Twenterand one: no
        # envelope address, and its date stands once, above the signatures; the
        # subject, the numbers and the attachments have their own sections.
        "address_lines": [],
        "reference": reference_rows(letter, numbers=False, dated=False),
    }


def can_send(letter, user) -> bool:
    scope = scope_for(user)
    motion = letter.motion
    return scope.is_griffie_of(motion.municipality_id) or scope.is_staff_for(motion.portfolio_id)


def completion_send_refusal(letter) -> str:
    """Why the raadsbrief cannot be sent now, or "" when it can."""
    if not strip_tags(letter.core_message or "").strip():
        return _("Write the core message (KERNBOODSCHAP) before sending.")
    if letter.replaces_id is None and letter.motion.status != MotionStatus.in_progress:
        return _(
            "The motion is %(status)s; a completion letter is sent for a motion in progress."
        ) % {"status": letter.motion.get_status_display().lower()}
    return ""


def send_completion_letter(letter, user, **choices):
    """Send the raadsbrief and move the motie to completion proposed, all or nothing.
    A corrected version is sent without moving the motie again."""
    correction = letter.replaces_id is not None
    if refusal := completion_send_refusal(letter):
        raise LetterError(refusal)
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
