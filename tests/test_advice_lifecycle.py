"""The lifecycle of an advies: submission freezes the text, the completeness gate,
required reasons, corrections as versions, and every refused step."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from advice.constants import AdviceStatus as S
from advice.constants import Position, RequestStatus
from advice.lifecycle import STEPS, AdviceStepError, correct_text, take_step
from advice.models import Advice, PointResponse
from advice.timeline import advice_timeline
from tests.admin_helpers import client_for
from tests.factories import AdviceFactory, AdviceRequestFactory

D = datetime.date


@pytest.fixture
def advice(town):
    return AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=3,
        text="Oorspronkelijke tekst.",
    )


def respond(advice, numbers, position=Position.adopted, reasons=""):
    for point in advice.points.filter(number__in=numbers):
        PointResponse.objects.update_or_create(
            point=point, defaults={"position": position, "text": "Reactie.", "reasons": reasons}
        )


def to_preparation(advice, town):
    take_step(advice, town.advisory_member, "submit", on=D(2026, 11, 3))
    return take_step(advice, town.staff, "start_response")


def test_submission_records_receipt_the_response_due_date_and_version_1(town, advice):
    town.advisory_council.response_term_length = 6
    town.advisory_council.save()
    saved = take_step(advice, town.advisory_member, "submit", on=D(2026, 11, 3))
    assert saved.status == S.submitted
    assert saved.received_date == D(2026, 11, 3)
    assert saved.response_due_date == D(2026, 12, 15)
    assert [(v.number, v.text) for v in saved.versions.all()] == [(1, "Oorspronkelijke tekst.")]


def test_submitting_an_answer_marks_the_request_advised(town):
    request = AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        request=request,
        points=1,
    )
    take_step(advice, town.advisory_member, "submit", on=D(2026, 11, 3))
    request.refresh_from_db()
    assert request.status == RequestStatus.advised


def test_an_advice_without_points_cannot_be_submitted(town):
    empty = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    with translation.override("nl"), pytest.raises(AdviceStepError, match="ten minste één punt"):
        take_step(empty, town.advisory_member, "submit")
    assert Advice.objects.get(pk=empty.pk).status == S.draft


def test_the_college_cannot_adopt_while_points_lack_a_response(town, advice):
    to_preparation(advice, town)
    respond(advice, [2])
    with translation.override("nl"), pytest.raises(AdviceStepError) as refused:
        take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    assert str(refused.value) == (
        "Het college kan de reactie nog niet vaststellen: de punten 1 en 3 hebben nog geen "
        "volledige reactie."
    )
    assert Advice.objects.get(pk=advice.pk).status == S.response_in_preparation


def test_a_response_without_required_reasons_is_incomplete(town, advice):
    to_preparation(advice, town)
    respond(advice, [1, 2])
    PointResponse.objects.create(
        point=advice.points.get(number=3), position=Position.not_adopted, text="Nee."
    )
    with (
        translation.override("nl"),
        pytest.raises(AdviceStepError, match="punt 3 heeft nog geen volledige reactie"),
    ):
        take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))


def test_reasons_are_required_unless_adopted(town, advice):
    point = advice.points.first()
    for position in (Position.partly_adopted, Position.not_adopted, Position.noted):
        response = PointResponse(point=point, position=position, text="Reactie.")
        with translation.override("nl"), pytest.raises(ValidationError) as error:
            response.full_clean()
        assert error.value.message_dict["reasons"] == [
            "Geef een motivering, want het punt wordt niet overgenomen."
        ]
    PointResponse(point=point, position=Position.adopted, text="Ja.").full_clean()


def test_the_whole_way_to_publication(town, advice):
    to_preparation(advice, town)
    respond(advice, [1, 2])
    respond(advice, [3], Position.not_adopted, reasons="Te duur.")
    take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    take_step(advice, town.staff, "send_response", on=D(2026, 11, 21))
    published = take_step(advice, town.griffie, "publish")
    assert published.status == S.published
    response = published.college_response
    assert (response.adopted_on, response.sent_on) == (D(2026, 11, 20), D(2026, 11, 21))
    reasons = list(published.history.values_list("history_change_reason", flat=True))
    assert "Publiceren" in reasons and "Indienen bij het college" in reasons


def test_sending_before_adoption_is_refused(town, advice):
    to_preparation(advice, town)
    respond(advice, [1, 2, 3])
    take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    with translation.override("nl"), pytest.raises(AdviceStepError, match="vóór de vaststelling"):
        take_step(advice, town.staff, "send_response", on=D(2026, 11, 19))


ALLOWED = {
    ("submit", S.draft),
    ("start_response", S.submitted),
    ("adopt_response", S.response_in_preparation),
    ("send_response", S.response_adopted),
    ("publish", S.response_sent),
    ("withdraw_publication", S.published),
}
WHO = {
    "submit": "advisory_member",
    "start_response": "staff",
    "adopt_response": "staff",
    "send_response": "staff",
    "publish": "griffie",
    "withdraw_publication": "griffie",
}


@pytest.mark.parametrize(
    ("step", "status"),
    [(step, status) for step in STEPS for status in S.values if (step, status) not in ALLOWED],
)
def test_every_other_step_is_refused(town, advice, step, status):
    Advice.objects.filter(pk=advice.pk).update(status=status)
    advice.refresh_from_db()
    with translation.override("nl"), pytest.raises(AdviceStepError, match="niet mogelijk"):
        take_step(advice, getattr(town, WHO[step]), step)
    assert Advice.objects.get(pk=advice.pk).status == status


@pytest.mark.parametrize("step", sorted(STEPS))
@pytest.mark.parametrize(
    "who",
    [
        "griffie",
        "staff",
        "staff_other_portfolio",
        "advisory_member",
        "other_griffie",
        "other_staff",
        "other_advisory_member",
    ],
)
def test_only_the_right_role_takes_each_step(town, other_town, advice, step, who):
    source = next(status for (name, status) in ALLOWED if name == step)
    Advice.objects.filter(pk=advice.pk).update(status=source)
    advice.refresh_from_db()
    user = (
        getattr(other_town, who.removeprefix("other_"))
        if who.startswith("other_")
        else getattr(town, who)
    )
    if who == WHO[step]:
        if step == "adopt_response":
            respond(advice, [1, 2, 3])
        take_step(advice, user, step, on=D(2026, 11, 20))
        assert Advice.objects.get(pk=advice.pk).status != source
    else:
        with translation.override("nl"), pytest.raises(AdviceStepError, match="geen recht"):
            take_step(advice, user, step)
        assert Advice.objects.get(pk=advice.pk).status == source


def test_a_correction_is_a_new_version_and_the_old_text_stays(town, advice):
    take_step(advice, town.advisory_member, "submit", on=D(2026, 11, 3))
    version = correct_text(advice, town.advisory_member, "Verbeterde tekst.", "Typfout in punt 2.")
    advice.refresh_from_db()
    assert version.number == 2
    assert advice.text == "Verbeterde tekst."
    assert [(v.number, v.text) for v in advice.versions.order_by("number")] == [
        (1, "Oorspronkelijke tekst."),
        (2, "Verbeterde tekst."),
    ]


@pytest.mark.parametrize(
    ("who", "text", "reason", "message"),
    [
        ("advisory_member", "Nieuw.", "", "Geef de reden van de correctie."),
        ("staff", "Nieuw.", "Reden", "Alleen de adviesraad corrigeert zijn advies."),
        ("advisory_member", "Oorspronkelijke tekst.", "Reden", "gelijk aan de huidige tekst"),
    ],
)
def test_a_refused_correction_changes_nothing(town, advice, who, text, reason, message):
    take_step(advice, town.advisory_member, "submit", on=D(2026, 11, 3))
    with translation.override("nl"), pytest.raises(AdviceStepError, match=message):
        correct_text(advice, getattr(town, who), text, reason)
    advice.refresh_from_db()
    assert advice.text == "Oorspronkelijke tekst."
    assert advice.versions.count() == 1


def test_a_draft_is_not_corrected(town, advice):
    with translation.override("nl"), pytest.raises(AdviceStepError, match="concept"):
        correct_text(advice, town.advisory_member, "Nieuw.", "Reden")


def test_progress_in_the_list_agrees_with_the_points(town, advice):
    to_preparation(advice, town)
    respond(advice, [1])
    respond(advice, [2], Position.noted)  # no reasons: incomplete
    annotated = Advice.objects.with_progress().get(pk=advice.pk)
    assert (annotated.answered_count, annotated.point_count) == (1, 3)
    complete = [p.response.is_complete for p in advice.points.exclude(response=None)]
    assert complete.count(True) == annotated.answered_count


def test_an_advice_without_portfolio_cannot_be_submitted(town, advice):
    Advice.objects.filter(pk=advice.pk).update(portfolio=None)
    advice.refresh_from_db()
    with translation.override("nl"), pytest.raises(AdviceStepError, match="Kies de portefeuille"):
        take_step(advice, town.advisory_member, "submit", on=D(2026, 11, 3))


def test_receipt_before_the_letter_and_adoption_before_receipt_are_refused(town, advice):
    with translation.override("nl"), pytest.raises(AdviceStepError, match="vóór de datum van de"):
        take_step(advice, town.advisory_member, "submit", on=D(2026, 10, 1))
    to_preparation(advice, town)
    respond(advice, [1, 2, 3])
    with translation.override("nl"), pytest.raises(AdviceStepError, match="vóór de ontvangst"):
        take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 1))


def test_the_history_tab_shows_each_step_dated_by_when_it_happened(town, other_town, advice):
    advice = to_preparation(advice, town)
    respond(advice, [1, 2, 3])
    take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 17))
    take_step(advice, town.staff, "send_response", on=D(2026, 11, 18))
    entries = advice_timeline(Advice.objects.get(pk=advice.pk))
    assert [(e.what, e.happened_on) for e in entries[:3]] == [
        ("Reactie verzonden", D(2026, 11, 18)),
        ("Reactie vastgesteld door het college", D(2026, 11, 17)),
        ("Reactie in voorbereiding genomen", timezone.localdate(entries[2].recorded_at)),
    ]
    assert ("Ingediend bij het college", D(2026, 11, 3)) in [
        (e.what, e.happened_on) for e in entries
    ]
    url = reverse("advice:history", args=[advice.pk])
    page = client_for(town.staff).get(url)
    assert page.status_code == 200 and "Reactie vastgesteld door het college" in page.text
    assert client_for(other_town.griffie).get(url).status_code == 404
