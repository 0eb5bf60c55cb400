"""The college's response form one group of points at a time: groups per theme in the
order of the advies, progress, saving a group (and only that group), the error summary
after a validation error, bad `groep` values, who may respond, the query count, and the
completeness refusal and the advies's page linking each point they name to the form."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advice.constants import AdviceStatus as S
from advice.constants import Position
from advice.lifecycle import take_step
from advice.models import Advice, AdvicePoint, PointResponse
from advice.responding import group_points
from tests.admin_helpers import client_for
from tests.factories import AdviceFactory

# Point number → theme, in the order of the advies: three themes and six points without.
THEMES = {1: "Wonen", 2: "Wonen", 3: "Zorg", 4: "Zorg", 5: "Zorg", 6: "Werk"}
THEMES.update(dict.fromkeys(range(7, 13), ""))


def advice_with_points(town, themes=THEMES, status=S.submitted):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=0,
    )
    for number, theme in themes.items():
        AdvicePoint.objects.create(
            advice=advice, number=number, theme=theme, text=f"Advies {number}.", sort_order=number
        )
    take_step(advice, town.advisory_member, "submit", on=datetime.date(2026, 11, 3))
    if status != S.submitted:
        Advice.objects.filter(pk=advice.pk).update(status=status)
    advice.refresh_from_db()
    return advice


def point(advice, number):
    return advice.points.get(number=number)


def url(advice, group=None):
    base = reverse("advice:respond", args=[advice.pk])
    return base if group is None else f"{base}?groep={group}"


def answer(advice, numbers, position=Position.adopted, text="Akkoord.", reasons=""):
    """The POST of a group's forms: these points answered so."""
    data = {}
    for number in numbers:
        prefix = f"point-{point(advice, number).pk}"
        data.update(
            {f"{prefix}-position": position, f"{prefix}-text": text, f"{prefix}-reasons": reasons}
        )
    return data


def respond(advice, numbers):
    for number in numbers:
        PointResponse.objects.create(
            point=point(advice, number), position=Position.adopted, text="Ja."
        )


# The groups


def test_points_are_grouped_per_theme_and_those_without_a_few_at_a_time(town):
    advice = advice_with_points(town)
    points = list(advice.points.select_related("response").order_by("sort_order"))
    groups = group_points(points)
    assert [[p.number for p in g.points] for g in groups] == [
        [1, 2],
        [3, 4, 5],
        [6],
        [7, 8, 9],
        [10, 11, 12],
    ]
    assert [str(g) for g in groups] == ["Wonen", "Zorg", "Werk", "Punten 7–9", "Punten 10–12"]


def test_a_long_theme_is_split_in_equal_parts(town):
    advice = advice_with_points(town, dict.fromkeys(range(1, 24), "Zorg"))
    groups = group_points(list(advice.points.order_by("sort_order")))
    assert [len(g.points) for g in groups] == [8, 8, 7]
    assert str(groups[1]) == "Zorg (deel 2 van 3)"


def test_the_page_shows_one_group_the_progress_and_links_to_every_group(town):
    advice = advice_with_points(town)
    respond(advice, [1, 2, 3])
    page = client_for(town.staff).get(url(advice, 2)).text
    assert "3 van de 12 punten hebben een volledige reactie" in page
    assert 'max="12" value="3"' in page
    assert "Groep 2 van 5: Zorg" in page
    fieldsets = re.findall(r'<fieldset class="w-mb-8" id="point-(\d+)"', page)
    assert fieldsets == [str(point(advice, n).pk) for n in (3, 4, 5)]
    for number in range(1, 6):
        assert f'href="{url(advice, number)}"' in page
    assert f'href="{url(advice, 2)}" aria-current="step"' in page
    # Wonen is done, Zorg has two points open
    assert re.search(r"Wonen</a>\s*—\s*<span class=\"w-status w-status--primary\">\s*klaar", page)
    assert "2 punten zonder volledige reactie" in page
    assert "Vorige groep: Wonen" in page and "Volgende groep: Werk" in page


def test_without_groep_the_first_group_is_shown(town):
    advice = advice_with_points(town)
    page = client_for(town.staff).get(url(advice)).text
    assert "Groep 1 van 5: Wonen" in page
    assert "Die groep bestaat niet" not in page


@pytest.mark.parametrize("value", ["abc", "0", "6", "-1", "", "2.5", "9" * 40, "<b>1</b>"])
def test_a_bad_groep_shows_the_first_group_with_a_dutch_message(town, value):
    advice = advice_with_points(town)
    response = client_for(town.staff).get(url(advice), {"groep": value})
    assert response.status_code == 200
    assert "Groep 1 van 5: Wonen" in response.text
    assert "Die groep bestaat niet; je ziet nu de eerste groep." in response.text


# Saving a group


def test_saving_a_group_saves_its_points_and_keeps_the_other_groups(town):
    advice = advice_with_points(town)
    respond(advice, [1, 2])
    response = client_for(town.staff).post(url(advice, 2), answer(advice, [3, 4, 5]))
    assert response.status_code == 302
    assert response.url == url(advice, 2)
    stored = {r.point.number: r.text for r in PointResponse.objects.select_related("point")}
    assert stored == {1: "Ja.", 2: "Ja.", 3: "Akkoord.", 4: "Akkoord.", 5: "Akkoord."}
    advice.refresh_from_db()
    assert advice.status == S.response_in_preparation
    record = PointResponse.history.filter(point__number=3).get()
    assert record.history_user == town.staff


def test_save_and_next_group_goes_to_the_next_group_and_from_the_last_to_the_advice(town):
    advice = advice_with_points(town)
    client = client_for(town.staff)
    response = client.post(url(advice, 1), {**answer(advice, [1, 2]), "next": "1"})
    assert response.url == url(advice, 2)
    page = client.get(response.url).text
    assert "De reacties bij ‘Wonen’ zijn opgeslagen." in page
    response = client.post(url(advice, 5), {**answer(advice, [10, 11, 12]), "next": "1"})
    assert response.url == reverse("advice:inspect", args=[advice.pk])


def test_a_form_that_does_not_match_the_group_saves_nothing(town):
    advice = advice_with_points(town)
    client = client_for(town.staff)
    response = client.post(url(advice, 1), answer(advice, [3, 4, 5]), follow=True)
    assert "Het formulier hoorde niet bij deze groep; er is niets opgeslagen." in response.text
    response = client.post(url(advice, "x"), answer(advice, [1, 2]), follow=True)
    assert "Het formulier hoorde niet bij deze groep" in response.text
    assert not PointResponse.objects.exists()


def test_an_error_shows_a_summary_linking_each_field_and_keeps_what_was_typed(town):
    advice = advice_with_points(town)
    data = {
        **answer(advice, [3]),
        **answer(advice, [4, 5], Position.not_adopted, text="Dat doen we niet."),
    }
    response = client_for(town.staff).post(url(advice, 2), data)
    assert response.status_code == 200
    page = response.text
    summary = re.search(r'<div [^>]*id="error-summary"[^>]*>.*?</div>', page, re.S).group(0)
    opening = summary[: summary.index(">")]
    assert 'role="alert"' in opening and 'tabindex="-1"' in opening
    assert "Er ging iets mis" in summary
    for number in (4, 5):
        pk = point(advice, number).pk
        assert (
            f'<a href="#id_point-{pk}-reasons">Punt {number}, Motivering: Geef een motivering, '
            "want het punt wordt niet overgenomen.</a>"
        ) in summary
        field = re.search(rf'<textarea[^>]*id="id_point-{pk}-reasons"[^>]*>', page).group(0)
        assert 'aria-invalid="true"' in field
        assert (
            f'aria-describedby="id_point-{pk}-reasons-error id_point-{pk}-reasons-helptext"'
            in field
        )
        assert f'id="id_point-{pk}-reasons-error"' in page
    # the summary comes before the first point of the group
    assert page.index("error-summary") < page.index(f'id="point-{point(advice, 3).pk}"')
    assert page.count("Dat doen we niet.") == 2
    assert '<option value="not_adopted" selected>' in page
    assert not PointResponse.objects.exists()
    assert Advice.objects.get(pk=advice.pk).status == S.submitted
    # the progress counts what is saved, not what was typed
    assert "0 van de 12 punten hebben een volledige reactie" in page


def test_without_errors_there_is_no_summary(town):
    advice = advice_with_points(town)
    page = client_for(town.staff).get(url(advice, 2)).text
    assert 'id="error-summary"' not in page and "Er ging iets mis" not in page
    assert "aria-invalid" not in page


# Who may respond


def test_another_municipalitys_advice_is_not_found(town, other_town):
    advice = advice_with_points(town)
    for method in ("get", "post"):
        response = getattr(client_for(other_town.staff), method)(url(advice, 1))
        assert response.status_code == 404
    assert not PointResponse.objects.exists()


def test_staff_of_another_portfolio_do_not_find_the_advice(town):
    advice = advice_with_points(town)
    response = client_for(town.staff_other_portfolio).post(url(advice, 1), answer(advice, [1]))
    assert response.status_code == 404
    assert not PointResponse.objects.exists()


@pytest.mark.parametrize("who", ["advisory_member", "griffie"])
def test_who_may_see_but_not_respond_is_sent_back_with_the_reason(town, who):
    advice = advice_with_points(town)
    client = client_for(getattr(town, who))
    response = client.post(url(advice, 1), answer(advice, [1, 2]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("advice:inspect", args=[advice.pk])
    assert "Alleen medewerkers van de portefeuille reageren op dit advies." in response.text
    assert not PointResponse.objects.exists()


def test_after_adoption_the_response_can_no_longer_be_changed(town):
    advice = advice_with_points(town, status=S.response_adopted)
    response = client_for(town.staff).get(url(advice, 1), follow=True)
    assert "De reactie kan niet meer worden gewijzigd." in response.text


# Query count


def _count(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_query_count_of_the_form_does_not_grow_with_the_points(town):
    client = client_for(town.staff)
    small = advice_with_points(town, {1: "Wonen", 2: "Zorg"})
    big = advice_with_points(town, {n: f"Thema {n // 7}" for n in range(1, 61)})
    respond(big, range(1, 31))
    client.get(url(small, 1))
    few = _count(client, url(small, 2))
    # The advies and its points with their responses, besides the admin's own queries
    # (its menu asks the user's site permissions for the site settings: one of them).
    assert few <= 15
    assert _count(client, url(big, 3)) == few
    assert _count(client, url(big, 9)) == few


# The completeness refusal and the advies's page


def adopt(client, advice):
    return client.post(
        reverse("advice:step", args=[advice.pk, "adopt_response"]), {"on": "03-11-2026"}
    )


def test_the_refusal_names_one_point_and_links_it_to_its_place_in_the_form(town):
    advice = advice_with_points(town, status=S.response_in_preparation)
    respond(advice, [n for n in THEMES if n != 4])
    page = adopt(client_for(town.staff), advice).text
    link = f'<a href="{url(advice, 2)}#point-{point(advice, 4).pk}">4</a>'
    assert (
        f"Het college kan de reactie nog niet vaststellen: punt {link} heeft nog geen "
        "volledige reactie."
    ) in page
    assert Advice.objects.get(pk=advice.pk).status == S.response_in_preparation


def test_the_refusal_names_several_points_each_linked(town):
    advice = advice_with_points(town, status=S.response_in_preparation)
    respond(advice, [n for n in THEMES if n not in (1, 6, 11)])
    page = adopt(client_for(town.staff), advice).text

    def link(number, group):
        return f'<a href="{url(advice, group)}#point-{point(advice, number).pk}">{number}</a>'

    assert (
        "Het college kan de reactie nog niet vaststellen: de punten "
        f"{link(1, 1)}, {link(6, 3)} en {link(11, 5)} hebben nog geen volledige reactie."
    ) in page


def test_the_advice_page_links_each_incomplete_point_to_the_form_for_the_college(town):
    advice = advice_with_points(town, status=S.response_in_preparation)
    respond(advice, [n for n in THEMES if n != 4])
    link = (
        f'<a href="{url(advice, 2)}#point-{point(advice, 4).pk}">Nog niet volledig beantwoord.</a>'
    )
    assert link in client_for(town.staff).get(reverse("advice:inspect", args=[advice.pk])).text
    griffie = client_for(town.griffie).get(reverse("advice:inspect", args=[advice.pk])).text
    assert "Nog niet volledig beantwoord." in griffie
    assert "?groep=" not in griffie


def test_the_adopt_step_page_names_the_open_points_before_it_is_tried(town):
    advice = advice_with_points(town, status=S.response_in_preparation)
    respond(advice, [n for n in THEMES if n not in (4, 6)])
    client = client_for(town.staff)
    page = client.get(reverse("advice:step", args=[advice.pk, "adopt_response"])).text
    four = f'<a href="{url(advice, 2)}#point-{point(advice, 4).pk}">4</a>'
    six = f'<a href="{url(advice, 3)}#point-{point(advice, 6).pk}">6</a>'
    assert f"de punten {four} en {six} hebben nog geen volledige reactie" in page
    respond(advice, [4, 6])
    page = client.get(reverse("advice:step", args=[advice.pk, "adopt_response"])).text
    assert "volledige reactie" not in page


def test_one_answered_point_is_counted_in_the_singular(town):
    advice = advice_with_points(town, themes={1: "Wonen", 2: "Wonen", 3: "Zorg"})
    respond(advice, [1])
    page = client_for(town.staff).get(url(advice)).text
    assert "1 van de 3 punten heeft een volledige reactie" in page
