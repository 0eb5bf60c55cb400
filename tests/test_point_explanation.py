"""The toelichting of an advice point: proposed with the point, reviewed (merging joins
the explanations), saved, edited in the admin, in the point's history, on the public
page; never in the college's response letter."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from advice.constants import AdviceStatus as S
from advice.extraction import ProposedPoint
from advice.models import Advice, AdvicePoint
from tests.admin_helpers import client_for
from tests.factories import AdviceFactory

TEXT = "Wij adviseren het college het formulier in te korten. " + "Toelichting volgt. " * 30


Proposal = ProposedPoint  # number, theme, text, explanation


PROPOSALS = [
    Proposal(1, "Toegang", "Kort het formulier in.", "Het formulier telt nu 14 pagina's."),
    Proposal(2, "Toegang", "Help bij het invullen.", "Veel inwoners haken af."),
    Proposal(3, "Geld", "Verhoog de bijdrage.", ""),
]


@pytest.fixture
def proposals(monkeypatch):
    monkeypatch.setattr("advice.views.extract_points", lambda text: PROPOSALS)


def draft(town, points=0, **kwargs):
    return AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=points,
        **kwargs,
    )


def review_data(rows):
    data = {
        "source_text": TEXT,
        "save_points": "1",
        "points-TOTAL_FORMS": str(len(rows)),
        "points-INITIAL_FORMS": str(len(rows)),
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "500",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            if value is not False:
                data[f"points-{index}-{key}"] = "on" if value is True else value
    return data


def row(number, text, explanation="", keep=True, merge_up=False, theme="Toegang"):
    return {
        "keep": keep,
        "merge_up": merge_up,
        "number": str(number),
        "theme": theme,
        "text": text,
        "explanation": explanation,
    }


def test_the_review_step_shows_each_proposed_explanation_in_its_own_field(town, proposals):
    advice = draft(town)
    response = client_for(town.advisory_member).post(
        reverse("advice:propose", args=[advice.pk]), {"text": TEXT}
    )
    forms = response.context["formset"].forms
    assert [f.initial.get("explanation") for f in forms[:3]] == [
        "Het formulier telt nu 14 pagina's.",
        "Veel inwoners haken af.",
        "",
    ]
    assert 'name="points-0-explanation"' in response.text
    assert "Het formulier telt nu 14 pagina&#x27;s." in response.text
    assert "Toelichting" in response.text and "Samenvoegen met het punt erboven" in response.text


def test_saving_the_reviewed_points_keeps_their_explanations(town):
    advice = draft(town)
    rows = [row(1, "Kort het formulier in.", "Het telt 14 pagina's."), row(2, "Help.")]
    response = client_for(town.advisory_member).post(
        reverse("advice:propose", args=[advice.pk]), review_data(rows)
    )
    assert response.status_code == 302
    assert list(advice.points.order_by("number").values_list("text", "explanation")) == [
        ("Kort het formulier in.", "Het telt 14 pagina's."),
        ("Help.", ""),
    ]


def test_merging_a_point_into_the_one_above_joins_texts_and_explanations(town):
    advice = draft(town)
    rows = [
        row(1, "Kort het formulier in.", "Het telt 14 pagina's."),
        row(2, "Help bij het invullen.", "Veel inwoners haken af.", merge_up=True),
        row(3, "Verhoog de bijdrage.", theme="Geld"),
        row(4, "Weg.", "Ook weg.", keep=False),
    ]
    client_for(town.advisory_member).post(
        reverse("advice:propose", args=[advice.pk]), review_data(rows)
    )
    assert list(advice.points.order_by("number").values_list("number", "text", "explanation")) == [
        (
            1,
            "Kort het formulier in. Help bij het invullen.",
            "Het telt 14 pagina's.\n\nVeel inwoners haken af.",
        ),
        (2, "Verhoog de bijdrage.", ""),  # numbered in the order on screen
    ]


def test_a_merged_point_skips_a_point_that_is_left_out(town):
    advice = draft(town)
    rows = [
        row(1, "Een.", ""),
        row(2, "Weg.", "Weg.", keep=False),
        row(3, "Drie.", "Uitleg drie.", merge_up=True),
    ]
    client_for(town.advisory_member).post(
        reverse("advice:propose", args=[advice.pk]), review_data(rows)
    )
    assert list(advice.points.values_list("number", "text", "explanation")) == [
        (1, "Een. Drie.", "Uitleg drie.")
    ]


def test_the_first_point_cannot_be_merged_upwards(town):
    advice = draft(town, points=2)
    rows = [row(1, "Een.", merge_up=True), row(2, "Twee.")]
    response = client_for(town.advisory_member).post(
        reverse("advice:propose", args=[advice.pk]), review_data(rows)
    )
    assert response.status_code == 200
    assert "Het eerste behouden punt heeft geen punt erboven" in response.text
    assert list(advice.points.values_list("text", flat=True)) == [
        "Wij adviseren punt 1.",
        "Wij adviseren punt 2.",
    ]


def test_an_explanation_over_the_limit_after_merging_is_refused(town):
    advice = draft(town)
    half = "x" * 12_000
    rows = [row(1, "Een.", half), row(2, "Twee.", half, merge_up=True)]
    response = client_for(town.advisory_member).post(
        reverse("advice:propose", args=[advice.pk]), review_data(rows)
    )
    assert "Punt 1 is na het samenvoegen te lang." in response.text
    assert not advice.points.exists()


def edit_data(advice, explanation):
    point = advice.points.get()
    return {
        "municipality": advice.municipality_id,
        "advisory_council": advice.advisory_council_id,
        "request": "",
        "solicited": "on",
        "reference": advice.reference,
        "date": advice.date.isoformat(),
        "subject": advice.subject,
        "portfolio": advice.portfolio_id,
        "text": advice.text,
        "points-TOTAL_FORMS": "1",
        "points-INITIAL_FORMS": "1",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
        "points-0-id": str(point.pk),
        "points-0-number": "1",
        "points-0-theme": point.theme,
        "points-0-text": point.text,
        "points-0-explanation": explanation,
        "points-0-ORDER": "1",
        "points-0-DELETE": "",
    }


def test_the_admin_form_edits_the_explanation_and_the_history_names_it(town):
    advice = draft(town, points=1)
    client = client_for(town.advisory_member)
    form = client.get(reverse("advice:edit", args=[advice.pk]))
    assert 'name="points-0-explanation"' in form.text
    response = client.post(
        reverse("advice:edit", args=[advice.pk]), edit_data(advice, "Zo zit het.")
    )
    assert response.status_code == 302
    assert advice.points.get().explanation == "Zo zit het."
    page = client.get(reverse("advice:inspect", args=[advice.pk])).text
    assert "Zo zit het." in page
    assert "(toelichting)" in page  # the point's history says what changed


def test_the_history_of_a_point_names_only_what_changed(town):
    advice = draft(town, points=1)
    point = advice.points.get()
    point.explanation = "Uitleg."
    point.save()
    point.text = "Nieuwe tekst."
    point.save()
    page = client_for(town.advisory_member).get(reverse("advice:inspect", args=[advice.pk])).text
    assert "(toelichting)" in page and "(tekst)" in page
    assert "(tekst, toelichting)" not in page


@pytest.fixture
def answered(town):
    from advice.lifecycle import take_step
    from advice.models import PointResponse

    advice = draft(town, points=1, subject="Advies over armoede")
    AdvicePoint.objects.filter(advice=advice).update(explanation="Uitleg van de adviesraad.")
    take_step(advice, town.advisory_member, "submit", on=datetime.date(2026, 11, 3))
    take_step(advice, town.staff, "start_response")
    PointResponse.objects.create(point=advice.points.get(), position="adopted", text="Ja.")
    return Advice.objects.get(pk=advice.pk)


def test_the_public_page_shows_the_explanation_under_the_point(town, answered):
    from django.test import Client
    from wagtail.models import Page, Site

    from advice.pages import AdviceIndexPage
    from governance.pages import HomePage

    root = Page.get_first_root_node()
    Site.objects.all().delete()
    home = root.add_child(instance=HomePage(title="Raadsvolg Dijkhoven", slug="dijkhoven"))
    home.add_child(instance=AdviceIndexPage(title="Adviezen", slug="adviezen"))
    town.municipality.site = Site.objects.create(
        hostname="dijkhoven.example", port=80, root_page=home, is_default_site=True
    )
    town.municipality.save()
    Advice.objects.filter(pk=answered.pk).update(status=S.published)
    page = Client().get(f"/adviezen/{answered.pk}/", HTTP_HOST="dijkhoven.example").text
    assert (
        page.index("Wij adviseren punt 1.")
        < page.index("Toelichting van de adviesraad:")
        < page.index("Uitleg van de adviesraad.")
        < page.index("Ja.")
    )


def test_the_response_letter_does_not_quote_the_explanation(town, answered):
    from advice.models import ResponseLetter
    from governance.models import Letterhead

    Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        secretary_name="mr. J. de Wit",
        mayor_name="H. Pieters",
    )
    html, _pdf = ResponseLetter(advice=answered).render()
    assert "Wij adviseren punt 1." in html
    assert "Uitleg van de adviesraad." not in html


def test_the_command_prints_the_explanation_where_there_is_one(tmp_path, monkeypatch):
    monkeypatch.setattr(
        "advice.management.commands.extract_advice_points.extract_points",
        lambda text: PROPOSALS,
    )
    path = tmp_path / "advies.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = io.StringIO()
    call_command("extract_advice_points", str(path), "--json", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed[0] == {
        "number": 1,
        "theme": "Toegang",
        "text": "Kort het formulier in.",
        "explanation": "Het formulier telt nu 14 pagina's.",
    }
    assert "explanation" not in printed[2]


def test_the_college_reads_the_explanation_while_responding(town):
    from advice.lifecycle import take_step

    advice = draft(town, points=1)
    AdvicePoint.objects.filter(advice=advice).update(explanation="Waarom dit punt.")
    take_step(advice, town.advisory_member, "submit", on=datetime.date(2026, 11, 3))
    page = client_for(town.staff).get(reverse("advice:respond", args=[advice.pk])).text
    assert page.index("Wij adviseren punt 1.") < page.index("Waarom dit punt.")
