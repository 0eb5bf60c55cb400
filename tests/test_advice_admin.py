"""Adviezen in the admin: who sees and does what, by direct URL too; drafts stay with
their adviesraad; proposing points, responding and correcting; bad input."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advice.constants import AdviceStatus as S
from advice.lifecycle import take_step
from advice.models import Advice, AdvicePoint, PointResponse
from tests.admin_helpers import client_for, is_refused
from tests.factories import AdviceFactory

ACTORS = [
    "advisory_member",
    "griffie",
    "staff",
    "staff_other_portfolio",
    "other_advisory_member",
    "other_griffie",
    "other_staff",
]


def actor(name, town, other_town):
    if name.startswith("other_"):
        return getattr(other_town, name.removeprefix("other_"))
    return getattr(town, name)


def make(town, status=S.draft, points=2, **kwargs):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=points,
        subject="Advies over mantelzorg",
        **kwargs,
    )
    if status != S.draft:
        take_step(advice, town.advisory_member, "submit", on=datetime.date(2026, 11, 3))
        Advice.objects.filter(pk=advice.pk).update(status=status)
        advice.refresh_from_db()
    return advice


@pytest.mark.parametrize("who", ACTORS)
def test_a_draft_is_seen_only_by_its_adviesraad(town, other_town, who):
    advice = make(town)
    client = client_for(actor(who, town, other_town))
    page = client.get(reverse("advice:inspect", args=[advice.pk]))
    listing = client.get(reverse("advice:index"))
    if who == "advisory_member":
        assert page.status_code == 200
        assert "Advies over mantelzorg" in listing.text
    else:
        assert is_refused(page)
        assert "Advies over mantelzorg" not in listing.text


@pytest.mark.parametrize("who", ACTORS)
def test_a_submitted_advice_is_seen_by_adviesraad_griffie_and_portfolio_staff(
    town, other_town, who
):
    advice = make(town, S.submitted)
    page = client_for(actor(who, town, other_town)).get(reverse("advice:inspect", args=[advice.pk]))
    if who in ("advisory_member", "griffie", "staff"):
        assert page.status_code == 200
        assert "Advies over mantelzorg" in page.text
    else:
        assert is_refused(page)


@pytest.mark.parametrize("who", ACTORS)
def test_only_the_adviesraad_edits_its_draft(town, other_town, who):
    advice = make(town)
    response = client_for(actor(who, town, other_town)).get(
        reverse("advice:edit", args=[advice.pk])
    )
    assert (response.status_code == 200) is (who == "advisory_member")


def test_a_submitted_advice_can_no_longer_be_edited(town):
    advice = make(town, S.submitted)
    response = client_for(town.advisory_member).get(reverse("advice:edit", args=[advice.pk]))
    assert is_refused(response)


@pytest.mark.parametrize("who", ACTORS)
def test_only_portfolio_staff_respond(town, other_town, who):
    advice = make(town, S.submitted)
    point = advice.points.first()
    client = client_for(actor(who, town, other_town))
    data = {
        f"point-{p.pk}-{field}": value
        for p in advice.points.all()
        for field, value in (("position", "adopted"), ("text", "Akkoord."), ("reasons", ""))
    }
    client.post(reverse("advice:respond", args=[advice.pk]), data)
    saved = PointResponse.objects.filter(point=point).exists()
    assert saved is (who == "staff")
    if who == "staff":
        advice.refresh_from_db()
        assert advice.status == S.response_in_preparation


def test_responding_without_reasons_shows_the_rule_and_saves_nothing(town):
    advice = make(town, S.submitted, points=1)
    point = advice.points.get()
    response = client_for(town.staff).post(
        reverse("advice:respond", args=[advice.pk]),
        {
            f"point-{point.pk}-position": "not_adopted",
            f"point-{point.pk}-text": "Nee.",
            f"point-{point.pk}-reasons": "",
        },
    )
    assert "Geef een motivering, want het punt wordt niet overgenomen." in response.text
    assert not PointResponse.objects.exists()


def test_the_college_cannot_change_the_advice(town):
    advice = make(town, S.submitted)
    client = client_for(town.staff)
    assert is_refused(client.get(reverse("advice:edit", args=[advice.pk])))
    response = client.post(
        reverse("advice:correct", args=[advice.pk]),
        {"text": "Anders.", "reason": "Omdat."},
        follow=True,
    )
    assert "Alleen de adviesraad corrigeert" in response.text
    advice.refresh_from_db()
    assert advice.text != "Anders."


def test_proposing_points_from_pasted_text_then_saving_the_reviewed_points(town):
    advice = make(town, points=0)
    client = client_for(town.advisory_member)
    url = reverse("advice:propose", args=[advice.pk])
    text = (
        "1. Toegang\n\nWij adviseren het college het formulier in te korten.\n\n"
        "De adviesraad adviseert ook hulp bij het invullen.\n" + "Toelichting. " * 30
    )
    proposal = client.post(url, {"text": text})
    formset = proposal.context["formset"]
    assert [f.initial["theme"] for f in formset.forms[:2]] == ["Toegang", "Toegang"]
    assert not AdvicePoint.objects.exists()  # nothing saved before the review
    data = {
        "source_text": text,
        "save_points": "1",
        "points-TOTAL_FORMS": "3",
        "points-INITIAL_FORMS": "2",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "500",
        # edited, and split: part of the text becomes the point right after it
        "points-0-keep": "on",
        "points-0-theme": "Toegang",
        "points-0-text": "Kort het formulier in.",
        "points-0-split_off": "Help bij het invullen.",
        # left out
        "points-1-theme": "Toegang",
        "points-1-text": "weg",
        # a new point added in the empty row, at the end
        "points-2-keep": "on",
        "points-2-theme": "Toegang",
        "points-2-text": "Bied het formulier ook digitaal aan.",
    }
    assert client.post(url, data).status_code == 302
    # numbered in the order on screen, the split-off point in its place
    assert list(advice.points.order_by("number").values_list("number", "text")) == [
        (1, "Kort het formulier in."),
        (2, "Help bij het invullen."),
        (3, "Bied het formulier ook digitaal aan."),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("advies.pdf", b"geen pdf", "Dit bestand is geen PDF"),
        ("advies.docx", b"%PDF-1.4", "Dit bestand is geen Word-document"),
        ("advies.png", b"\x89PNG....", "Upload een PDF"),
    ],
)
def test_a_wrong_file_gives_a_dutch_error_and_keeps_the_points(town, name, content, message):
    advice = make(town, points=2)
    response = client_for(town.advisory_member).post(
        reverse("advice:propose", args=[advice.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert message in response.text
    assert advice.points.count() == 2


def test_a_file_over_the_limit_is_refused(town, settings):
    settings.RAADSVOLG_MAX_UPLOAD_MB = 1
    advice = make(town, points=2)
    response = client_for(town.advisory_member).post(
        reverse("advice:propose", args=[advice.pk]),
        {"file": SimpleUploadedFile("advies.txt", b"a" * (1024 * 1024 + 10))},
    )
    assert "Het bestand is groter dan 1 MB." in response.text
    assert advice.points.count() == 2


def test_markup_in_any_text_field_is_shown_as_text(town):
    advice = make(town, points=0, text="<b>vet</b>")
    AdvicePoint.objects.create(
        advice=advice,
        number=1,
        theme="<img src=x onerror=alert(1)>",
        text="<script>alert('punt')</script>",
        sort_order=1,
    )
    page = client_for(town.advisory_member).get(reverse("advice:inspect", args=[advice.pk])).text
    assert "<script>alert('punt')</script>" not in page
    assert "&lt;script&gt;alert(&#x27;punt&#x27;)&lt;/script&gt;" in page
    assert "<img src=x onerror" not in page


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_advice_list_query_count_does_not_grow(town):
    client = client_for(town.advisory_member)
    url = reverse("advice:index")
    make(town)
    client.get(url)
    few = _count(client, url)
    for _ in range(15):
        make(town, points=3)
    assert _count(client, url) == few


@pytest.mark.parametrize("who", ["advisory_member", "griffie"])
def test_the_advice_list_counts_its_adviezen_without_their_points(town, who):
    """The progress per advies (points, complete responses) is computed for the page's
    rows only: the list's count reads the adviezen alone, not every point and response
    grouped by advies (at 10,000 adviezen that count took 80 of the page's 140 ms)."""
    client = client_for(getattr(town, who))
    make(town, S.submitted, points=3)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("advice:index"))
    assert response.status_code == 200 and "Advies over mantelzorg" in response.text
    (count,) = [q["sql"] for q in queries if "COUNT(*)" in q["sql"] and "advice_advice" in q["sql"]]
    assert "advice_advicepoint" not in count and "advice_pointresponse" not in count


def test_an_advice_with_50_points_costs_no_more_queries_than_one_with_2(town):
    client = client_for(town.staff)
    small, big = make(town, S.submitted, points=2), make(town, S.submitted, points=50)
    for advice in (small, big):
        for point in advice.points.all():
            PointResponse.objects.create(point=point, position="adopted", text="Ja.")
    client.get(reverse("advice:inspect", args=[small.pk]))
    assert _count(client, reverse("advice:inspect", args=[big.pk])) == _count(
        client, reverse("advice:inspect", args=[small.pk])
    )
    respond_small = _count(client, reverse("advice:respond", args=[small.pk]))
    assert _count(client, reverse("advice:respond", args=[big.pk])) == respond_small


def test_the_page_shows_each_point_with_its_response_and_the_progress(town):
    advice = make(town, S.submitted, points=3)
    PointResponse.objects.create(
        point=advice.points.get(number=1), position="adopted", text="Dat doen we."
    )
    page = client_for(town.griffie).get(reverse("advice:inspect", args=[advice.pk])).text
    assert "1 van 3 punten beantwoord" in page
    assert "Overgenomen" in page and "Dat doen we." in page
    assert page.count("Nog niet volledig beantwoord.") == 2


@pytest.mark.parametrize("who", ACTORS)
def test_the_letter_is_downloaded_only_by_those_who_see_the_advice(town, other_town, who):
    advice = make(town, S.submitted)
    advice.letter.save("advies.txt", SimpleUploadedFile("advies.txt", b"Ons advies."))
    response = client_for(actor(who, town, other_town)).get(
        reverse("advice:letter", args=[advice.pk])
    )
    if who in ("advisory_member", "griffie", "staff"):
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"Ons advies."
    else:
        assert is_refused(response)


def _edit_data(advice, **overrides):
    data = {
        "municipality": advice.municipality_id,
        "advisory_council": advice.advisory_council_id,
        "request": "",
        "solicited": "on",
        "reference": advice.reference,
        "date": advice.date.isoformat(),
        "subject": advice.subject,
        "portfolio": advice.portfolio_id,
        "text": advice.text,
        "points-TOTAL_FORMS": "0",
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_a_letter_that_is_not_what_its_name_says_is_refused_on_the_form(town):
    advice = make(town, points=0)
    response = client_for(town.advisory_member).post(
        reverse("advice:edit", args=[advice.pk]),
        _edit_data(
            advice,
            subject="Nieuw onderwerp",
            letter=SimpleUploadedFile("brief.pdf", b"<html>geen pdf</html>"),
        ),
    )
    assert "Dit bestand is geen PDF, al zegt de naam van wel." in response.text
    advice.refresh_from_db()
    assert advice.subject == "Advies over mantelzorg"
    assert not advice.letter


def test_a_real_letter_is_accepted_on_the_form(town):
    advice = make(town, points=0)
    response = client_for(town.advisory_member).post(
        reverse("advice:edit", args=[advice.pk]),
        _edit_data(advice, letter=SimpleUploadedFile("brief.txt", b"Ons advies.")),
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.letter.read() == b"Ons advies."


def test_nobody_edits_or_deletes_a_submitted_advice_not_even_the_administrator(town):
    from tests.factories import UserFactory

    advice = make(town, S.response_in_preparation)
    admin = client_for(UserFactory(username="beheer", is_superuser=True))
    assert is_refused(admin.get(reverse("advice:edit", args=[advice.pk])))
    admin.post(reverse("advice:edit", args=[advice.pk]), _edit_data(advice, text="Anders"))
    admin.post(reverse("advice:delete", args=[advice.pk]))
    advice.refresh_from_db()
    assert advice.text != "Anders" and advice.points.count() == 2


def test_duplicate_point_numbers_are_refused_on_the_form(town):
    advice = make(town, points=0)
    data = _edit_data(
        advice,
        **{
            "points-TOTAL_FORMS": "2",
            "points-0-number": "1",
            "points-0-theme": "A",
            "points-0-text": "Eén.",
            "points-0-id": "",
            "points-0-ORDER": "1",
            "points-0-DELETE": "",
            "points-1-number": "1",
            "points-1-theme": "A",
            "points-1-text": "Twee.",
            "points-1-id": "",
            "points-1-ORDER": "2",
            "points-1-DELETE": "",
        },
    )
    response = client_for(town.advisory_member).post(reverse("advice:edit", args=[advice.pk]), data)
    assert "Twee punten hebben hetzelfde nummer." in response.text
    assert not advice.points.exists()


def test_the_adviesraad_reads_the_responses_once_they_are_sent(town):
    advice = make(town, S.response_in_preparation, points=1)
    PointResponse.objects.create(point=advice.points.get(), position="adopted", text="Geheim.")
    url = reverse("advice:inspect", args=[advice.pk])
    assert "Geheim." not in client_for(town.advisory_member).get(url).text
    assert "Geheim." in client_for(town.staff).get(url).text
    Advice.objects.filter(pk=advice.pk).update(status=S.response_sent)
    assert "Geheim." in client_for(town.advisory_member).get(url).text


def test_proposing_points_starts_from_the_saved_text(town):
    advice = make(town, points=0, text="Wij adviseren het college het formulier in te korten.")
    response = client_for(town.advisory_member).get(reverse("advice:propose", args=[advice.pk]))
    assert response.context["form"]["text"].value() == advice.text


def test_proposing_points_starts_from_the_saved_letter_when_there_is_no_text(town):
    from django.core.files.base import ContentFile

    advice = make(town, points=0, text="")
    letter = "Geacht college,\n\nWij adviseren het college het formulier in te korten.\n"
    advice.letter.save("advies.txt", ContentFile(letter.encode()), save=True)
    response = client_for(town.advisory_member).get(reverse("advice:propose", args=[advice.pk]))
    assert response.context["form"]["text"].value() == letter


def test_an_uploaded_letter_is_read_instead_of_the_saved_text(town):
    from django.core.files.uploadedfile import SimpleUploadedFile

    advice = make(town, points=0, text="Een oude tekst zonder advies. " * 20)
    letter = "Geacht college,\n\nWij adviseren u de wachttijd te halveren.\n\n" + "Uitleg. " * 40
    response = client_for(town.advisory_member).post(
        reverse("advice:propose", args=[advice.pk]),
        {"text": advice.text, "file": SimpleUploadedFile("advies.txt", letter.encode())},
    )
    assert [f.initial["text"] for f in response.context["formset"].forms[:1]] == [
        "Wij adviseren u de wachttijd te halveren."
    ]


@pytest.mark.parametrize(
    ("step", "status", "who", "says"),
    [
        ("submit", S.draft, "advisory_member", "de tekst wordt vastgezet als versie 1"),
        (
            "adopt_response",
            S.response_in_preparation,
            "staff",
            "wordt vastgelegd zoals het college die heeft",
        ),
        ("publish", S.response_sent, "griffie", "verschijnen op de openbare site"),
        ("withdraw_publication", S.published, "griffie", "verdwijnt van de openbare site"),
    ],
)
def test_a_step_that_cannot_be_undone_says_what_it_does_before_it_is_taken(
    town, step, status, who, says
):
    advice = make(town, status=status)
    response = client_for(getattr(town, who)).get(reverse("advice:step", args=[advice.pk, step]))
    assert response.status_code == 200
    assert says in response.text
    assert Advice.objects.get(pk=advice.pk).status == status  # asking changes nothing


def test_the_points_of_a_draft_do_not_say_the_college_is_answering(town):
    advice = make(town)
    page = client_for(town.advisory_member).get(reverse("advice:inspect", args=[advice.pk])).text
    assert "Het advies is nog niet ingediend." in page
    assert "Het college bereidt zijn reactie voor." not in page
