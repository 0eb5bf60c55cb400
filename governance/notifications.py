"""E-mail at every hand-over: when a step passes a record to other people, they get a
Dutch e-mail with a link into the admin.

Each kind of hand-over (`HANDOVERS`) says who receives it (by role, only in the
record's own municipality, portfolio or adviesraad), what the mail says, and what it
attaches. A step calls `notify()` inside its transaction: one `Notification` row per
recipient, unique per (recipient, key), so a hand-over is never mailed twice. Sending
happens after the commit, through the Tasks API; a failed send stays unsent with its
error and is sent by the retry sweep (`send_unsent()`, run with the daily reminders).

The actor does not get their own mail; inactive users, users without an address and
users who turned the kind off in their account are skipped."""

import contextlib
import contextvars
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from .constants import NotificationKind as K
from .constants import RoleKind
from .models import Notification, NotificationOptOut, Role

logger = logging.getLogger(__name__)

# A refused address or a broken attachment is not retried for ever.
MAX_ATTEMPTS = 10

# Set while demo data is loaded: its steps are no hand-overs anybody must act on.
_silenced = contextvars.ContextVar("notifications_silenced", default=False)


@contextlib.contextmanager
def silenced() -> Iterator[None]:
    """Steps taken inside this block record and send no hand-over mail."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


# The admin viewset (URL namespace) where each kind of record is inspected.
ADMIN_NAMESPACES = {
    "advice.advicerequest": "advice_request",
    "advice.advice": "advice",
    "motions.motion": "motion",
    "commitments.commitment": "commitment",
}


@dataclass(frozen=True)
class Audience:
    """A group of people who receive a hand-over, as the confirmation pages name it."""

    description: str
    users: QuerySet


@dataclass(frozen=True)
class Message:
    """What one hand-over mail says, apart from greeting, link and footer."""

    subject: str
    happened: str
    expected: str = ""
    due: str = ""


@dataclass(frozen=True)
class HandOver:
    """One kind of hand-over: whose account shows it, who receives it, what it says."""

    kind: str
    role_kinds: tuple[str, ...]
    audiences: Callable[[object], list[Audience]]
    message: Callable[[object, str], Message]
    attachment: Callable[[object], str] = field(default=lambda record: "")


# Audiences ---------------------------------------------------------------------------


def _users_with(**role_filter) -> QuerySet:
    return get_user_model().objects.filter(
        pk__in=Role.objects.filter(**role_filter).values("user_id")
    )


def council_members(council) -> Audience:
    return Audience(
        _("the members of %(council)s") % {"council": council},
        _users_with(kind=RoleKind.advisory_member, advisory_council=council),
    )


def griffie_of(municipality) -> Audience:
    return Audience(
        _("the griffie of %(municipality)s") % {"municipality": municipality},
        _users_with(kind=RoleKind.griffie, municipality=municipality),
    )


def portfolio_staff_of(record) -> list[Audience]:
    """College staff of the record's portfolio, in the record's municipality."""
    if not record.portfolio_id:
        return []
    return [
        Audience(
            _("the college staff of portfolio %(portfolio)s") % {"portfolio": record.portfolio},
            _users_with(
                kind=RoleKind.college_staff,
                municipality_id=record.municipality_id,
                portfolios=record.portfolio_id,
            ),
        )
    ]


def _publication_audiences(record) -> list[Audience]:
    # The submitters' side: the adviesraad wrote an advies; the indieners of a motie
    # are councillors without an account, so the college staff who carried it out.
    if record._meta.label_lower == "advice.advice":
        return [council_members(record.advisory_council)]
    return portfolio_staff_of(record)


# Messages ----------------------------------------------------------------------------


def _day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def _kind(record) -> str:
    return str(record._meta.verbose_name).lower()


def _due(text: str, value) -> str:
    return text % {"date": _day(value)} if value else ""


def _advice_subject(advice, with_reference: str, without_reference: str) -> str:
    if advice.reference:
        return with_reference % {"reference": advice.reference, "subject": advice.subject}
    return without_reference % {"subject": advice.subject}


def _request_message(request, actor: str) -> Message:
    return Message(
        subject=_("New advice request: %(subject)s") % {"subject": request.subject},
        happened=_(
            "%(actor)s registered an advice request of the college of %(municipality)s to "
            "%(council)s: '%(subject)s'."
        )
        % {
            "actor": actor,
            "municipality": request.municipality,
            "council": request.advisory_council,
            "subject": request.subject,
        },
        expected=_("The advisory council is asked to give its advice on it."),
        due=_due(_("The advice is due on %(date)s."), request.due_date),
    )


def _submitted_message(advice, actor: str) -> Message:
    return Message(
        subject=_advice_subject(
            advice,
            _("Advice %(reference)s submitted: %(subject)s"),
            _("Advice submitted: %(subject)s"),
        ),
        happened=_(
            "%(actor)s submitted the advice of %(council)s to the college; it was received on "
            "%(date)s."
        )
        % {"actor": actor, "council": advice.advisory_council, "date": _day(advice.received_date)},
        expected=_(
            "The college staff of portfolio %(portfolio)s prepare the college's response to "
            "every point."
        )
        % {"portfolio": advice.portfolio},
        due=_due(_("The response is due on %(date)s."), advice.response_due_date),
    )


def _response_message(advice, actor: str) -> Message:
    response = getattr(advice, "college_response", None)
    sent_on = response.sent_on if response and response.sent_on else timezone.localdate()
    expected = _("Read the college's response to each point in Raadsvolg.")
    if _latest_response_pdf(advice):
        expected += " " + _("The response letter is attached.")
    return Message(
        subject=_advice_subject(
            advice,
            _("Response to advice %(reference)s sent: %(subject)s"),
            _("Response to the advice sent: %(subject)s"),
        ),
        happened=_("%(actor)s sent the college's response to your advice on %(date)s.")
        % {"actor": actor, "date": _day(sent_on)},
        expected=expected,
    )


def _proposed_message(record, actor: str) -> Message:
    names = {"actor": actor, "kind": _kind(record), "record": record}
    happened = (
        _("%(actor)s proposed that the council consider %(kind)s %(record)s completed.") % names
    )
    reference = getattr(record, "completion_reference", "")
    if reference:
        happened += " " + _("The council is informed by %(reference)s.") % {"reference": reference}
    return Message(
        subject=_("Completion proposed: %(kind)s %(record)s") % names,
        happened=happened,
        expected=_("Put the proposal before the council and record its decision in Raadsvolg."),
    )


def _decision_message(record, actor: str) -> Message:
    names = {"actor": actor, "kind": _kind(record), "record": record}
    if record.status == "completed":
        return Message(
            subject=_("The council completed %(kind)s %(record)s") % names,
            happened=_(
                "%(actor)s recorded that the council considers %(kind)s %(record)s completed "
                "(decision of %(date)s)."
            )
            % {**names, "date": _day(record.completion_date)},
            expected=_("Nothing more needs to be done for it."),
        )
    if record.status == "adopted":
        return Message(
            subject=_("Adopted by the council: %(kind)s %(record)s") % names,
            happened=_(
                "%(actor)s recorded that the council adopted %(kind)s %(record)s on %(date)s."
            )
            % {**names, "date": _day(record.vote_date)},
            expected=_("The college staff of the portfolio carry it out."),
            due=_due(_("The deadline is %(date)s."), record.deadline),
        )
    return Message(
        subject=_("The council did not agree to complete %(kind)s %(record)s") % names,
        happened=_(
            "%(actor)s recorded that the council did not agree to consider %(kind)s %(record)s "
            "completed; it is open again."
        )
        % names,
        expected=_("Carry it out further and propose completion again when it is done."),
        due=_due(_("The deadline is %(date)s."), record.deadline),
    )


def _published_message(record, actor: str) -> Message:
    names = {
        "actor": actor,
        "kind": _kind(record),
        "record": record,
        "municipality": record.municipality,
    }
    return Message(
        subject=_("Published: %(kind)s %(record)s") % names,
        happened=_(
            "%(actor)s published %(kind)s %(record)s on the public site of %(municipality)s."
        )
        % names,
        expected=_("You need not do anything."),
    )


def _latest_response_pdf(advice) -> str:
    """The stored PDF of the newest sent response letter (sent letters never change)."""
    from advice.letters import latest_sent_response

    letter = latest_sent_response(advice)
    return letter.pdf.name if letter is not None and letter.pdf else ""


HANDOVERS = {
    handover.kind: handover
    for handover in (
        HandOver(
            K.advice_request,
            (RoleKind.advisory_member,),
            lambda request: [council_members(request.advisory_council)],
            _request_message,
        ),
        HandOver(
            K.advice_submitted,
            (RoleKind.griffie, RoleKind.college_staff),
            lambda advice: [*portfolio_staff_of(advice), griffie_of(advice.municipality)],
            _submitted_message,
        ),
        HandOver(
            K.response_sent,
            (RoleKind.advisory_member,),
            lambda advice: [council_members(advice.advisory_council)],
            _response_message,
            attachment=_latest_response_pdf,
        ),
        HandOver(
            K.completion_proposed,
            (RoleKind.griffie,),
            lambda record: [griffie_of(record.municipality)],
            _proposed_message,
        ),
        HandOver(
            K.council_decision, (RoleKind.college_staff,), portfolio_staff_of, _decision_message
        ),
        HandOver(
            K.published,
            (RoleKind.advisory_member, RoleKind.college_staff),
            _publication_audiences,
            _published_message,
        ),
    )
}


# Recipients ---------------------------------------------------------------------------


def _eligible(users: QuerySet, kind: str, actor) -> QuerySet:
    users = users.filter(is_active=True).exclude(email="")
    users = users.exclude(pk__in=NotificationOptOut.objects.filter(kind=kind).values("user_id"))
    if actor is not None:
        users = users.exclude(pk=actor.pk)
    return users


def recipients(kind: str, record, actor=None) -> QuerySet:
    """The users who get the mail of this hand-over about `record`."""
    audiences = HANDOVERS[kind].audiences(record)
    if not audiences:
        return get_user_model().objects.none()
    anyone = Q()
    for audience in audiences:
        anyone |= Q(pk__in=audience.users.values("pk"))
    return _eligible(get_user_model().objects.filter(anyone), kind, actor).order_by("pk")


def informed(kind: str, record, actor=None) -> str:
    """Who will get an e-mail when `actor` takes the step, for its confirmation page:
    only the groups in which somebody will actually receive it."""
    audiences = [
        audience.description
        for audience in HANDOVERS[kind].audiences(record)
        if _eligible(audience.users, kind, actor).exists()
    ]
    if not audiences:
        return _(
            "Nobody gets an e-mail about this: those who act next have no e-mail address in "
            "Raadsvolg or turned these e-mails off."
        )
    return _("An e-mail about this goes to %(audiences)s.") % {
        "audiences": get_text_list(audiences, _("and"))
    }


# Recording and sending ----------------------------------------------------------------


def admin_link(record) -> str:
    namespace = ADMIN_NAMESPACES[record._meta.label_lower]
    path = reverse(f"{namespace}:inspect", args=[record.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def latest_history_id(record) -> str:
    """The history row the step just left: it tells apart two occasions of the same
    hand-over (a motie proposed for completion again after the raad disagreed)."""
    history_id = record.history.order_by("-history_id").values_list("history_id", flat=True)
    return str(history_id.first() or "")


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def notify(kind: str, record, *, actor, occasion: str | None = None) -> int:
    """Record the mails of a hand-over that `actor` just made, and send them once the
    transaction commits. Returns how many were recorded. Calling it again for the same
    occasion records nothing new."""
    from .tasks import send_notifications_task

    if _silenced.get():
        return 0
    occasion = latest_history_id(record) if occasion is None else occasion
    key = f"{kind}:{record._meta.label_lower}:{record.pk}:{occasion}"
    told = Notification.objects.filter(key=key).values("recipient_id")
    users = list(recipients(kind, record, actor).exclude(pk__in=told))
    if not users:
        return 0
    with translation.override("nl"):
        rows = _compose(HANDOVERS[kind], record, actor, users, key)
    # ignore_conflicts: a concurrent call for the same occasion records nothing twice.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    transaction.on_commit(lambda: send_notifications_task.enqueue(key))
    return len(rows)


def _compose(handover: HandOver, record, actor, users, key: str) -> list[Notification]:
    """One unsaved mail per user: the same message, each addressed by name."""
    message = handover.message(record, display_name(actor))
    link = admin_link(record)
    attachment = handover.attachment(record)
    account_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_account")
    context = {"message": message, "link": link, "account_url": account_url}
    return [
        Notification(
            kind=handover.kind,
            recipient=user,
            key=key,
            subject=" ".join(message.subject.split())[:255],
            body=render_to_string(
                "governance/mail/notification.txt", {**context, "name": display_name(user)}
            ),
            link=link,
            attachment=attachment,
        )
        for user in users
    ]


def send_unsent(key: str | None = None) -> int:
    """Send the recorded mails that were not sent yet (of one hand-over, or all: the
    retry sweep); return how many went out."""
    pending = Notification.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
    if key is not None:
        pending = pending.filter(key=key)
    return sum(_send(pk) for pk in list(pending.values_list("pk", flat=True)))


def _send(pk: int) -> int:
    try:
        with transaction.atomic():
            # Locked, so the sweep and the task cannot both send it.
            notification = (
                Notification.objects.select_for_update().filter(pk=pk, sent_at=None).first()
            )
            if notification is None:
                return 0
            recipient = notification.recipient
            if not recipient.is_active or not recipient.email:
                _give_up(notification, _("The recipient is inactive or has no e-mail address."))
                return 0
            _email(notification, recipient.email).send()
            notification.sent_at = timezone.now()
            notification.attempts += 1
            notification.last_error = ""
            notification.save(update_fields=["sent_at", "attempts", "last_error"])
    except Exception as error:
        # Left unsent with the reason; the retry sweep tries it again.
        logger.exception("Notification %s could not be sent", pk)
        Notification.objects.filter(pk=pk).update(
            attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return 0
    return 1


def _give_up(notification, reason: str) -> None:
    notification.attempts = MAX_ATTEMPTS
    notification.last_error = reason
    notification.save(update_fields=["attempts", "last_error"])


def _email(notification, address: str) -> EmailMessage:
    message = EmailMessage(notification.subject, notification.body, None, [address])
    if notification.attachment:
        with default_storage.open(notification.attachment, "rb") as file:
            data = file.read()
        message.attach(attachment_name(notification.attachment), data, "application/pdf")
    return message


# Preferences ----------------------------------------------------------------------------


def relevant_kinds(user) -> list[str]:
    """The kinds of hand-over mail that the user's roles can bring them."""
    role_kinds = set(user.raadsvolg_roles.values_list("kind", flat=True))
    return [kind for kind, handover in HANDOVERS.items() if role_kinds & set(handover.role_kinds)]


def turned_off(user) -> set[str]:
    return set(user.notification_opt_outs.values_list("kind", flat=True))


def set_preferences(user, wanted: dict[str, bool]) -> None:
    """Turn each kind in `wanted` on or off for the user."""
    off = [kind for kind, on in wanted.items() if not on]
    user.notification_opt_outs.filter(kind__in=[k for k, on in wanted.items() if on]).delete()
    NotificationOptOut.objects.bulk_create(
        [NotificationOptOut(user=user, kind=kind) for kind in off], ignore_conflicts=True
    )


def attachment_name(path: str) -> str:
    """The file name a recipient sees: the stored name without the suffix storage adds
    to keep names unique ("collegereactie-v1_e7ZMyd5.pdf" → "collegereactie-v1.pdf")."""
    stem, extension = os.path.splitext(os.path.basename(path))
    return re.sub(r"_[A-Za-z0-9]{7}$", "", stem) + extension
