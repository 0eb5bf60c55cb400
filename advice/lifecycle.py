"""The lifecycle of an advies: draft → submitted → response in preparation → response
adopted → response sent → published, and corrections after submission.

Each step checks the state and the user's role, runs in a transaction on a locked
row and leaves a history row with who and why. A refused step raises
`AdviceStepError` with a Dutch message and changes nothing."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from governance.audit import AuditKind, record
from governance.constants import NotificationKind
from governance.lifecycle import Lifecycle, TransitionError
from governance.lifecycle import Transition as Step
from governance.roles import Scope, scope_for

from .constants import AdviceStatus as S
from .constants import RequestStatus
from .models import Advice, AdviceResponse, AdviceVersion

# One exception for every lifecycle; the advice app has always called it this.
AdviceStepError = TransitionError


def is_member(scope: Scope, advice: Advice) -> bool:
    return scope.is_superuser or advice.advisory_council_id in scope.advisory_council_ids


def is_college(scope: Scope, advice: Advice) -> bool:
    return scope.is_superuser or scope.is_staff_for(advice.portfolio_id)


def is_griffie(scope: Scope, advice: Advice) -> bool:
    return scope.is_griffie_of(advice.municipality_id)


STEPS = {
    step.name: step
    for step in (
        Step(
            "submit",
            gettext_lazy("Submit to the college"),
            (S.draft,),
            S.submitted,
            is_member,
            asks_date=True,
            consequence=gettext_lazy(
                "The advies goes to the college: its text is frozen as version 1 (a correction "
                "is a new version with a reason), the date of receipt is recorded and the "
                "college's response is due within its term."
            ),
            done=gettext_lazy("Advice %(record)s was submitted to the college."),
            notifies=NotificationKind.advice_submitted,
        ),
        Step(
            "start_response",
            gettext_lazy("Start the response"),
            (S.submitted,),
            S.response_in_preparation,
            is_college,
            done=gettext_lazy("The response to advice %(record)s has started."),
        ),
        Step(
            "adopt_response",
            gettext_lazy("Record adoption by the college"),
            (S.response_in_preparation,),
            S.response_adopted,
            is_college,
            asks_date=True,
            consequence=gettext_lazy(
                "The response per point is fixed as the college adopted it; it is then sent "
                "with the response letter."
            ),
            done=gettext_lazy("The college adopted the response to advice %(record)s."),
        ),
        Step(
            "send_response",
            gettext_lazy("Record sending the response"),
            (S.response_adopted,),
            S.response_sent,
            is_college,
            asks_date=True,
            consequence=gettext_lazy(
                "The response is recorded as sent on this date; the griffie can then publish it."
            ),
            done=gettext_lazy("The response to advice %(record)s was sent."),
            notifies=NotificationKind.response_sent,
        ),
        Step(
            "publish",
            gettext_lazy("Publish"),
            (S.response_sent,),
            S.published,
            is_griffie,
            consequence=gettext_lazy(
                "The advies, the college's response per point and the sent letters appear on "
                "the municipality's public site, in its search and its feeds."
            ),
            done=gettext_lazy("Advice %(record)s was published."),
            notifies=NotificationKind.published,
        ),
        Step(
            "withdraw_publication",
            gettext_lazy("Withdraw publication"),
            (S.published,),
            S.response_sent,
            is_griffie,
            consequence=gettext_lazy(
                "The advies disappears from the public site, its search and its feeds; it stays "
                "in Raadsvolg and can be published again."
            ),
            done=gettext_lazy("Advice %(record)s is no longer published."),
        ),
    )
}


LIFECYCLE = Lifecycle(
    Advice,
    STEPS.values(),
    not_allowed=gettext_lazy("You are not allowed to take this step for this advice."),
    not_possible=gettext_lazy("This step is not possible: the advice is %(status)s."),
    reason_required=False,
)


def allowed_steps(advice: Advice, user) -> list[Step]:
    return LIFECYCLE.allowed_transitions(advice, user)


def get_step(name: str) -> Step:
    return LIFECYCLE.get_transition(name)


def check_step(advice: Advice, user, step: Step) -> None:
    LIFECYCLE.check_transition(advice, user, step)


def take_step(advice: Advice, user, name: str, *, reason: str = "", on=None) -> Advice:
    """Take step `name` and return the saved advies."""
    step = get_step(name)
    with transaction.atomic():  # the step and its audit event together
        advice = LIFECYCLE.apply_transition(
            advice,
            user,
            step,
            reason=reason,
            set_fields=lambda locked: EFFECTS[step.name](locked, user, on or timezone.localdate()),
        )
        if kind := AUDITED_STEPS.get(name):
            record(kind, user=user, obj=advice)
    return advice


# Steps that make an advies public or take it back: in the audit log.
AUDITED_STEPS = {"publish": AuditKind.published, "withdraw_publication": AuditKind.unpublished}


def _submit(advice, user, on):
    if not advice.points.exists():
        raise AdviceStepError(_("An advice needs at least one point before it is submitted."))
    if not advice.portfolio_id:
        raise AdviceStepError(
            _("Choose the portfolio that prepares the response before submitting the advice.")
        )
    if on > timezone.localdate():
        raise AdviceStepError(_("The date of receipt cannot be in the future."))
    if on < advice.date:
        raise AdviceStepError(_("The date of receipt cannot be before the date of the letter."))
    advice.received_date = on
    advice.response_due_date = advice.compute_response_due_date()
    AdviceVersion.objects.create(
        advice=advice, number=1, text=advice.text, created_by=user, reason=_("Submitted")
    )
    if advice.request_id:
        advice.request.status = RequestStatus.advised
        advice.request._history_user = user
        advice.request.save()


def _start_response(advice, user, on):
    AdviceResponse.objects.get_or_create(advice=advice)


def is_answered(point) -> bool:
    """Whether the point has a complete response: THE rule of completeness, for the
    adopt step, the progress on the advies's page and the response form alike (select
    the response along with the points: `select_related("response")`)."""
    response = getattr(point, "response", None)
    return response is not None and response.is_complete


def incomplete_points(advice) -> list:
    """The points that lack a position, a response text, or required reasons."""
    points = advice.points.select_related("response").order_by("sort_order", "number")
    return [point for point in points if not is_answered(point)]


class IncompletePointsError(AdviceStepError):
    """The college cannot adopt its response while these points lack a complete one."""

    def __init__(self, points: list):
        self.points = points
        super().__init__(incomplete_message([str(point.number) for point in points]))


def incomplete_message(numbers: list, *, html: bool = False) -> str:
    """The refusal naming the points: "… punt 7 heeft nog geen volledige reactie", "… de
    punten 3, 5 en 7 hebben nog geen volledige reactie".
    With `html`, `numbers` are safe HTML (links to the points) and so is the result."""
    template = ngettext(
        "The college cannot adopt the response yet: point %(numbers)s lacks a complete response.",
        "The college cannot adopt the response yet: points %(numbers)s lack a complete response.",
        len(numbers),
    )
    if not html:
        return template % {"numbers": text_list(numbers)}
    listed = mark_safe(text_list([conditional_escape(n) for n in numbers]))
    return mark_safe(conditional_escape(template) % {"numbers": listed})


def text_list(items: list) -> str:
    """The items as a Dutch list: "3", "3 en 5", "3, 5 en 7". Plain joining, so that a
    list of escaped links stays one that may be marked safe."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_('and')} {items[-1]}"


def _adopt_response(advice, user, on):
    missing = incomplete_points(advice)
    if missing:
        raise IncompletePointsError(missing)
    _record_response_date(advice, "adopted_on", on)


def _send_response(advice, user, on):
    response = _record_response_date(advice, "sent_on", on)
    if response.adopted_on and on < response.adopted_on:
        raise AdviceStepError(
            _("The response cannot be sent before it was adopted (%(date)s).")
            % {"date": date_format(response.adopted_on, "j F Y")}
        )


def _record_response_date(advice, field, on: datetime.date):
    if on > timezone.localdate():
        raise AdviceStepError(_("This date cannot be in the future."))
    if advice.received_date and on < advice.received_date:
        raise AdviceStepError(
            _("This date cannot be before the advice was received (%(date)s).")
            % {"date": date_format(advice.received_date, "j F Y")}
        )
    response, _created = AdviceResponse.objects.get_or_create(advice=advice)
    setattr(response, field, on)
    response.save(update_fields=[field])
    return response


def _publish(advice, user, on):
    # The moment, not the date asked: as a motie's (governance.publication).
    advice.published_at = timezone.now()


def _withdraw_publication(advice, user, on):
    advice.published_at = None


EFFECTS = {
    "submit": _submit,
    "start_response": _start_response,
    "adopt_response": _adopt_response,
    "send_response": _send_response,
    "publish": _publish,
    "withdraw_publication": _withdraw_publication,
}


def correct_text(advice: Advice, user, text: str, reason: str) -> AdviceVersion:
    """A correction of a submitted advies: a new version with its reason; the old text
    stays readable in the earlier versions."""
    reason = (reason or "").strip()
    if not reason:
        raise AdviceStepError(_("Give the reason for the correction."))
    with transaction.atomic():
        locked = Advice.objects.select_for_update().get(pk=advice.pk)
        if not is_member(scope_for(user), locked):
            raise AdviceStepError(_("Only the adviesraad corrects its advice."))
        if locked.is_draft:
            raise AdviceStepError(_("A draft is edited, not corrected."))
        if text.strip() == locked.text.strip():
            raise AdviceStepError(_("The corrected text is the same as the current text."))
        number = (locked.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = AdviceVersion.objects.create(
            advice=locked, number=number, text=text, reason=reason, created_by=user
        )
        locked.text = text
        locked._change_reason = reason
        locked._history_user = user
        locked.save(update_fields=["text"])
    return version
