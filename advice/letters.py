"""The college's response letter to the adviesraad and the raadsinformatiebrief that
sends advice and response to the raad: what they need, what they say, sending them."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from django.db import transaction
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from governance.constants import NotificationKind
from governance.letters import (
    LetterError,
    LetterStatus,
    contact_line,
    data_uri,
    reference_rows,
    render_pdf,
)
from governance.notifications import notify
from governance.roles import scope_for
from governance.wording import standard_paragraph

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
        "case_number_notice": standard_paragraph(
            letterhead, "wording_case_number_notice", wording_values(letter)
        ),
        "closing_paragraph": standard_paragraph(
            letterhead, "wording_closing", wording_values(letter)
        ),
    }


# "Advies Maatregelenpakket", "Advies over de Wmo-verordening": the subject without
# the word the letter says itself ("Reactie op het advies ‘…’").
ADVICE_WORD = re.compile(
    r"^\s*(?:ongevraagd\s+)?advies\b\s*(?:(?:over|inzake|betreffende|m\.b\.t\.|op)\b)?\s*[:\-–]?\s*",
    re.I,
)


def bare_subject(advice) -> str:
    """The advies's subject without a leading "Advies (over)"."""
    bare = ADVICE_WORD.sub("", advice.subject).strip()
    return bare[:1].upper() + bare[1:] if bare else advice.subject


def wording_values(letter, enclosed: str = "") -> dict:
    """What the placeholders of the standard paragraphs stand for in this letter."""
    advice = letter.advice
    day = letter.letter_date or timezone.localdate()
    received = advice.received_date or advice.date
    return {
        "datum": date_format(day, "j F Y"),
        "onderwerp": bare_subject(advice),
        "kenmerk": letter.case_number,
        "uw_kenmerk": advice.reference,
        "uw_brief_van": date_format(advice.date, "j F Y") if advice.date else "",
        "ontvangen": date_format(received, "j F Y") if received else "",
        "adviesraad": advice.advisory_council.name,
        "gemeente": advice.municipality.name,
        "behandeld_door": contact_line(letter),
        "bijlagen": enclosed,
    }


def _theme_key(theme: str) -> str:
    """Themes that differ only in numbering, case, spacing or a closing colon are one."""
    key = re.sub(r"^\s*(?:\d+(?:\.\d+)*|[a-z])[.)]\s+", "", theme.strip(), flags=re.I)
    return " ".join(key.rstrip(" :.").split()).casefold()


def points_by_theme(advice) -> list[tuple[str, list]]:
    """The points in the advice's order with their responses, consecutive points of one
    theme (and section) together under it, as (theme, points): the advies's own order
    is kept, so a theme that comes back later is a heading again."""
    groups: list[tuple[str, list]] = []
    points = advice.points.select_related("response").order_by("sort_order", "number")

    def key(point):
        return _theme_key(point.section), _theme_key(point.theme)

    for _key, run in groupby(points, key=key):
        run = list(run)
        groups.append((run[0].theme.strip(), run))
    return groups


def points_by_section(advice) -> list[tuple[str, list[tuple[str, list]]]]:
    """The points grouped as the advies's sections, each section's points grouped by
    theme: (section, [(theme, points)]). A point whose theme is the section itself
    (no section above it) opens a section of its own; a theme equal to its section
    gets no second heading."""
    sections: list[tuple[str, list[tuple[str, list]]]] = []
    for theme, points in points_by_theme(advice):
        section = points[0].section.strip() or theme
        if not sections or _theme_key(sections[-1][0]) != _theme_key(section):
            sections.append((section, []))
        shown = "" if _theme_key(theme) == _theme_key(section) else theme
        sections[-1][1].append((shown, points))
    return sections


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()).casefold()


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+|\n+", text) if part.strip()]


def new_reasons(response) -> str:
    """The reasons without what the response itself says already: a reason sentence
    the response contains is not printed twice."""
    said = _plain(response.text)
    kept = [s for s in _sentences(response.reasons) if _plain(s) and _plain(s) not in said]
    return " ".join(kept)


def answer_html(point) -> str:
    """The college's answer to a point as one answer: the position opening its first
    paragraph, then the response, then — labelled, as it stands apart — the reasons,
    without the sentences the response already says."""
    response = getattr(point, "response", None)
    if response is None:
        return ""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", response.text) if part.strip()]
    html = []
    lead = (
        format_html("<strong>{}.</strong> ", response.get_position_display())
        if response.position
        else ""
    )
    if paragraphs:
        html.append(format_html("<p>{}{}</p>", lead, linebreaksbr(paragraphs[0])))
        html += [format_html("<p>{}</p>", linebreaksbr(part)) for part in paragraphs[1:]]
    elif lead:
        html.append(format_html("<p>{}</p>", lead))
    reasons = new_reasons(response)
    if reasons:
        html.append(format_html("<p><em>{}:</em> {}</p>", _("Motivation"), reasons))
    return mark_safe("".join(html))


def response_letter_context(letter) -> dict:
    advice = letter.advice
    common = _common(letter)
    title = _("Response to the advice '%(subject)s'") % {"subject": bare_subject(advice)}
    return {
        **common,
        "title": title,
        "sections": [
            (
                section,
                [
                    (theme, [(point, answer_html(point)) for point in points])
                    for theme, points in themes
                ],
            )
            for section, themes in points_by_section(advice)
        ],
        "salutation": advice.advisory_council.salutation_line(),
        "address_lines": advice.advisory_council.address_lines(),
        "reference": reference_rows(
            letter,
            subject=title,
            your_reference=advice.reference,
            your_letter_date=advice.date,
        ),
        "opening_paragraph": standard_paragraph(
            common["letterhead"], "wording_response_opening", wording_values(letter)
        ),
    }


def latest_sent_response(advice):
    return advice.response_letters.filter(status=LetterStatus.sent).order_by("-version").first()


@dataclass
class Enclosure:
    """A document the raadsinformatiebrief encloses: listed in it and embedded in its PDF."""

    kind: str  # "advice" or "response"
    label: str
    name: str
    description: str
    load: Callable[[], bytes] | None  # None: a draft's response, enclosed once sent


def council_information_enclosures(letter) -> list[Enclosure]:
    """What the raadsinformatiebrief encloses, from what there is: the advies as
    uploaded, or as typed in (a text file) when nothing was uploaded; and the sent
    response letter."""
    advice = letter.advice
    enclosures = []
    advice_label = _("The advice of the advisory council: %(subject)s") % {
        "subject": bare_subject(advice)
    }
    if advice.letter:
        name = advice.letter.name.rsplit("/", 1)[-1]
        enclosures.append(
            Enclosure(
                "advice",
                advice_label,
                name,
                _("The advice of the adviesraad"),
                lambda: _read(advice.letter),
            )
        )
    elif advice.text.strip():
        enclosures.append(
            Enclosure(
                "advice",
                advice_label,
                "advies.pdf",
                _("The advice of the adviesraad"),
                lambda: advice_text_pdf(advice),
            )
        )
    response = latest_sent_response(advice)
    response_label = _("The response of the college to the advisory council")
    if response is not None and response.pdf:
        enclosures.append(
            Enclosure(
                "response",
                f"{response_label} ({response.document_number})",
                "collegereactie.pdf",
                _("The response of the college"),
                response.stored_pdf,
            )
        )
    elif not letter.is_sent:
        enclosures.append(
            Enclosure(
                "response",
                _("%(what)s (enclosed once it is sent)") % {"what": response_label},
                "",
                "",
                None,
            )
        )
    return enclosures


def _read(file) -> bytes:
    with file.open("rb") as opened:
        return opened.read()


def enclosed_phrase(enclosures) -> str:
    """{bijlagen}: what the letter says the raad receives with it."""
    if any(enclosure.kind == "advice" for enclosure in enclosures):
        return _("the advice of the advisory council and our response")
    return _("our response to the advisory council")


def council_information_context(letter, enclosures=None) -> dict:
    advice = letter.advice
    if enclosures is None:
        enclosures = council_information_enclosures(letter)
    common = _common(letter)
    title = _("Advice and response on '%(subject)s'") % {"subject": bare_subject(advice)}
    return {
        **common,
        "title": title,
        "response_letter": latest_sent_response(advice),
        "enclosures": enclosures,
        "address_lines": common["letterhead"].council_address_lines(),
        "reference": reference_rows(letter, subject=title, enclosures=len(enclosures)),
        "body_paragraph": standard_paragraph(
            common["letterhead"],
            "wording_council_information",
            wording_values(letter, enclosed_phrase(enclosures)),
        ),
    }


def advice_text_pdf(advice) -> bytes:
    """The typed or pasted advies as a tagged PDF, to enclose where no file was uploaded."""
    title = _("Advice '%(subject)s'") % {"subject": bare_subject(advice)}
    return render_pdf("letters/advies_tekst.html", {"advice": advice, "title": title})[1]


def render_with_attachments(letter) -> tuple[str, bytes]:
    """The raadsinformatiebrief with exactly the documents it lists embedded."""
    enclosures = council_information_enclosures(letter)
    attachments = [
        (enclosure.name, enclosure.load(), enclosure.description)
        for enclosure in enclosures
        if enclosure.load is not None
    ]
    context = council_information_context(letter, enclosures)
    return render_pdf(letter.template_name, context, attachments=attachments)


def can_send(letter, user) -> bool:
    advice = letter.advice
    scope = scope_for(user)
    return scope.is_griffie_of(advice.municipality_id) or scope.is_staff_for(advice.portfolio_id)


def response_send_refusal(letter) -> str:
    """Why the response letter cannot be sent now, or "" when it can."""
    if letter.replaces_id is None and letter.advice.status != AdviceStatus.response_adopted:
        return _("The response is sent once the college adopted it; the advice is %(status)s.") % {
            "status": letter.advice.get_status_display().lower()
        }
    return ""


def council_information_send_refusal(letter) -> str:
    if not letter.advice.response_letters.filter(status=LetterStatus.sent).exists():
        return _("Send the response letter to the adviesraad first.")
    return ""


def send_response_letter(letter, user, **choices):
    """Send the response to the adviesraad: the advies moves to response sent. A
    corrected version is sent without moving the advies again."""
    correction = letter.replaces_id is not None
    if refusal := response_send_refusal(letter):
        raise LetterError(refusal)
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
    if refusal := council_information_send_refusal(letter):
        raise LetterError(refusal)
    with transaction.atomic():
        letter.mark_sent(user, letter.advice.municipality, **choices)
    return letter
