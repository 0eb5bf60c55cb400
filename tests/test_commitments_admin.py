"""Every role × action × municipality for toezeggingen, through the admin and by direct
URL; and the register's query count.

Allowed means the page answers or the change is made; refused means 404, 403 or a
redirect (to the admin home, or to the toezegging's page with the reason), and
nothing changes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.constants import CommitmentStatus
from commitments.models import Commitment
from tests.admin_helpers import client_for, is_refused
from tests.factories import CommitmentFactory

ACTORS = [
    "griffie",
    "staff",
    "staff_other_portfolio",
    "advisory_member",
    "other_griffie",
    "other_staff",
    "admin",
]
SEES = {"griffie", "staff", "admin"}
EDITS = {"griffie", "admin"}


def actor(name, town, other_town):
    if name == "admin":
        from tests.factories import UserFactory

        return UserFactory(username="beheer", is_superuser=True, is_staff=True)
    if name.startswith("other_"):
        return getattr(other_town, name.removeprefix("other_"))
    return getattr(town, name)


@pytest.fixture
def commitment(town, other_town):
    return CommitmentFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title="Zichtbaar alleen binnen Dijkhoven",
    )


def form_data(town, **overrides) -> dict:
    data = {
        "municipality": town.municipality.pk,
        "number": "T2026-50",
        "title": "Brief over de wachttijden",
        "meeting": town.meeting.pk,
        "text": "De wethouder zegt toe de raad voor 1 maart te informeren.",
        "portfolio": town.portfolio.pk,
        "holder": "",
        "deadline": "01-03-2027",
        "deadline_unknown_reason": "",
        "progress": "",
        "change_reason": "",
    }
    data.update(overrides)
    return data


def edit_data(commitment, town, **overrides) -> dict:
    current = {
        "number": commitment.number,
        "title": commitment.title,
        "meeting": commitment.meeting_id,
        "text": commitment.text,
        "portfolio": commitment.portfolio_id,
        "deadline": commitment.deadline.isoformat() if commitment.deadline else "",
    }
    return form_data(town, **(current | overrides))


@pytest.mark.parametrize("who", ACTORS)
def test_the_list_shows_only_what_the_role_reaches(town, other_town, commitment, who):
    response = client_for(actor(who, town, other_town)).get(reverse("commitment:index"))
    if who == "advisory_member":
        assert is_refused(response)
        return
    assert response.status_code == 200
    assert (commitment.title in response.text) is (who in SEES)


@pytest.mark.parametrize("view", ["inspect", "history"])
@pytest.mark.parametrize("who", ACTORS)
def test_pages_by_direct_url(town, other_town, commitment, who, view):
    response = client_for(actor(who, town, other_town)).get(
        reverse(f"commitment:{view}", args=[commitment.pk])
    )
    if who in SEES:
        assert response.status_code == 200
        assert commitment.title in response.text
    else:
        assert is_refused(response)
        assert commitment.title not in response.text


@pytest.mark.parametrize("who", ACTORS)
def test_edit_form_by_direct_url(town, other_town, commitment, who):
    response = client_for(actor(who, town, other_town)).get(
        reverse("commitment:edit", args=[commitment.pk])
    )
    assert (response.status_code == 200) is (who in EDITS)
    if who not in EDITS:
        assert is_refused(response)


@pytest.mark.parametrize("who", ACTORS)
def test_edit_post_changes_only_for_the_griffie(town, other_town, commitment, who):
    data = edit_data(commitment, town, title="Gewijzigde titel")
    response = client_for(actor(who, town, other_town)).post(
        reverse("commitment:edit", args=[commitment.pk]), data
    )
    commitment.refresh_from_db()
    if who in EDITS:
        assert response.status_code == 302, response.context and response.context["form"].errors
        assert commitment.title == "Gewijzigde titel"
    else:
        assert is_refused(response)
        assert commitment.title == "Zichtbaar alleen binnen Dijkhoven"


@pytest.mark.parametrize("who", ACTORS)
def test_add_is_for_the_griffie_of_that_municipality(town, other_town, who):
    response = client_for(actor(who, town, other_town)).post(
        reverse("commitment:add"), form_data(town)
    )
    created = Commitment.objects.filter(number="T2026-50").first()
    if who in EDITS:
        assert response.status_code == 302, response.context and response.context["form"].errors
        assert created.deadline == datetime.date(2027, 3, 1)
        assert created.status == CommitmentStatus.open
    elif who == "other_griffie":
        # Lindeburg's griffie may add toezeggingen, but not in Dijkhoven.
        assert response.status_code == 200
        assert "Selecteer een geldige keuze" in response.text
        assert created is None
    else:
        assert is_refused(response)
        assert created is None


@pytest.mark.parametrize("field", ["meeting", "portfolio", "holder"])
def test_another_municipalitys_record_is_refused_in_every_field(town, other_town, field):
    foreign = {
        "meeting": other_town.meeting.pk,
        "portfolio": other_town.portfolio.pk,
        "holder": other_town.portfolio.holder.pk,
    }[field]
    response = client_for(town.griffie).post(
        reverse("commitment:add"), form_data(town, **{field: foreign})
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.text
    assert response.context["form"].errors[field]
    assert not Commitment.objects.exists()


@pytest.mark.parametrize("field", ["meeting", "portfolio", "holder"])
def test_even_the_administrator_cannot_mix_municipalities(town, other_town, field):
    foreign = {
        "meeting": other_town.meeting.pk,
        "portfolio": other_town.portfolio.pk,
        "holder": other_town.portfolio.holder.pk,
    }[field]
    admin = actor("admin", town, other_town)
    response = client_for(admin).post(
        reverse("commitment:add"), form_data(town, **{field: foreign})
    )
    assert response.status_code == 200
    assert "Dit hoort bij een andere gemeente." in response.text
    assert not Commitment.objects.exists()


def test_a_deadline_or_a_reason_is_asked_in_the_form(town):
    response = client_for(town.griffie).post(
        reverse("commitment:add"), form_data(town, deadline="")
    )
    assert response.status_code == 200
    assert "Een toezegging heeft een termijn nodig" in response.text


def test_the_add_form_suggests_the_next_number(town):
    CommitmentFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        number="T2026-04",
    )
    import time_machine

    with time_machine.travel(datetime.date(2026, 11, 24)):
        response = client_for(town.griffie).get(reverse("commitment:add"))
    assert 'value="T2026-05"' in response.text


@pytest.mark.parametrize("who", ACTORS)
def test_delete_of_an_open_unpublished_commitment_is_for_its_griffie(
    town, other_town, commitment, who
):
    response = client_for(actor(who, town, other_town)).post(
        reverse("commitment:delete", args=[commitment.pk])
    )
    exists = Commitment.objects.filter(pk=commitment.pk).exists()
    if who in EDITS:
        assert response.status_code == 302
        assert not exists
    else:
        assert is_refused(response)
        assert exists


@pytest.mark.parametrize("traits", [{"completed": True}, {"published_at": "2026-11-01T10:00Z"}])
def test_a_commitment_that_is_record_is_not_deleted_even_by_the_administrator(
    town, other_town, traits
):
    commitment = CommitmentFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio, **traits
    )
    for user in (town.griffie, actor("admin", town, other_town)):
        response = client_for(user).post(reverse("commitment:delete", args=[commitment.pk]))
        assert is_refused(response) or response.status_code == 403
    assert Commitment.objects.filter(pk=commitment.pk).exists()


PROPOSES = {"griffie", "staff", "admin"}


@pytest.mark.parametrize("who", ACTORS)
def test_proposing_completion_by_direct_url(town, other_town, commitment, who):
    url = reverse("commitment:transition", args=[commitment.pk, "propose_completion"])
    client = client_for(actor(who, town, other_town))
    page = client.get(url)
    response = client.post(url, {"reason": "Raadsinformatiebrief verstuurd."})
    commitment.refresh_from_db()
    if who in PROPOSES:
        assert page.status_code == 200
        assert response.status_code == 302
        assert commitment.status == CommitmentStatus.completion_proposed
    else:
        assert page.status_code != 200
        assert commitment.status == CommitmentStatus.open


@pytest.mark.parametrize("who", ACTORS)
def test_recording_completion_by_direct_url(town, other_town, who):
    commitment = CommitmentFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        completion_proposed=True,
    )
    url = reverse("commitment:transition", args=[commitment.pk, "complete"])
    response = client_for(actor(who, town, other_town)).post(
        url, {"reason": "De raad stemde in.", "on": "12-11-2026"}
    )
    commitment.refresh_from_db()
    if who in EDITS:
        assert response.status_code == 302
        assert commitment.status == CommitmentStatus.completed
        assert commitment.completion_date == datetime.date(2026, 11, 12)
    else:
        assert commitment.status == CommitmentStatus.completion_proposed
        if who == "staff":
            # Staff see the toezegging: they are sent back to it with the reason.
            assert response.url == reverse("commitment:inspect", args=[commitment.pk])
        else:
            assert is_refused(response)


def test_a_refused_date_is_shown_in_dutch_on_the_form(town):
    commitment = CommitmentFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        completion_proposed=True,
    )
    url = reverse("commitment:transition", args=[commitment.pk, "complete"])
    response = client_for(town.griffie).post(url, {"reason": "Akkoord.", "on": "01-01-2020"})
    assert response.status_code == 200
    assert "De datum van afdoening kan niet vóór de vergadering (12-03-2026) liggen." in (
        response.text
    )
    response = client_for(town.griffie).post(url, {"reason": "", "on": ""})
    assert "Dit is een verplicht veld." in response.text


def test_staff_refused_a_step_see_why(town, commitment):
    url = reverse("commitment:transition", args=[commitment.pk, "lapse"])
    response = client_for(town.staff).get(url, follow=True)
    assert "Je hebt geen recht om deze stap voor deze toezegging te zetten." in response.text


UPDATES_PROGRESS = {"griffie", "staff", "admin"}


@pytest.mark.parametrize("who", ACTORS)
def test_updating_progress_by_direct_url(town, other_town, commitment, who):
    url = reverse("commitment:progress", args=[commitment.pk])
    client = client_for(actor(who, town, other_town))
    page = client.get(url)
    response = client.post(url, {"progress": "De brief is in voorbereiding.", "reason": ""})
    commitment.refresh_from_db()
    if who in UPDATES_PROGRESS:
        assert page.status_code == 200
        assert response.status_code == 302
        assert commitment.progress == "De brief is in voorbereiding."
    else:
        assert page.status_code != 200
        assert commitment.progress == ""


@pytest.mark.parametrize("who", ACTORS)
def test_publishing_is_for_the_griffie(town, other_town, commitment, who):
    client_for(actor(who, town, other_town)).post(
        reverse("commitment:publication", args=[commitment.pk]), {"publish": "1"}
    )
    commitment.refresh_from_db()
    assert (commitment.published_at is not None) is (who in EDITS)


def test_staff_see_why_they_cannot_publish(town, commitment):
    response = client_for(town.staff).post(
        reverse("commitment:publication", args=[commitment.pk]), {"publish": "1"}, follow=True
    )
    assert "Alleen de griffie publiceert toezeggingen." in response.text


def test_the_inspect_page_shows_the_timeline(town, commitment):
    from commitments.lifecycle import apply_transition

    apply_transition(commitment, town.staff, "propose_completion", reason="Brief verstuurd.")
    response = client_for(town.griffie).get(reverse("commitment:inspect", args=[commitment.pk]))
    assert "Brief verstuurd." in response.text
    assert "Open → Afdoening voorgesteld" in response.text
    assert reverse("commitment:transition", args=[commitment.pk, "complete"]) in response.text


def add_commitments(town, count, start=0):
    Commitment.objects.bulk_create(
        Commitment(
            municipality=town.municipality,
            meeting=town.meeting,
            meeting_held_on=town.meeting.date,
            portfolio=town.portfolio if i % 2 else town.other_portfolio,
            number=f"Q{start + i:04d}",
            title=f"Toezegging {start + i}",
            text="De wethouder zegt toe …",
            deadline=datetime.date(2026, 4, 1) if i % 3 else None,
            deadline_unknown_reason="" if i % 3 else "Onbekend.",
        )
        for i in range(count)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "query", ["", "?overdue=yes", "?status=open", "?q=toezegging", "?ordering=portfolio__name"]
)
@pytest.mark.parametrize("who", ["griffie", "staff"])
def test_list_query_count_is_the_same_at_5_and_at_50(town, query, who):
    client = client_for(getattr(town, who))
    url = reverse("commitment:index") + query
    add_commitments(town, 5)
    client.get(url)  # warm up caches that are filled once per process
    at_5 = count_queries(client, url)
    add_commitments(town, 45, start=5)
    at_50 = count_queries(client, url)
    assert at_5 == at_50, f"{at_5} queries at 5 toezeggingen, {at_50} at 50"


@pytest.mark.parametrize("publish", ["1", "0"])
def test_publishing_and_withdrawing_ask_first(town, commitment, publish):
    from django.utils import timezone

    if publish == "0":
        Commitment.objects.filter(pk=commitment.pk).update(published_at=timezone.now())
    url = reverse("commitment:publication", args=[commitment.pk])
    inspect = client_for(town.griffie).get(reverse("commitment:inspect", args=[commitment.pk]))
    assert f'href="{url}?publish={publish}"' in inspect.text
    page = client_for(town.griffie).get(url, {"publish": publish})
    assert page.status_code == 200
    expected = "op de openbare site" if publish == "1" else "verdwijnt van de openbare site"
    assert expected in page.text
    before = Commitment.objects.get(pk=commitment.pk).published_at
    assert Commitment.objects.get(pk=commitment.pk).published_at == before  # asking changes nothing
    client_for(town.griffie).post(url, {"publish": publish})
    assert (Commitment.objects.get(pk=commitment.pk).published_at is not None) is (publish == "1")


def test_the_question_to_publish_is_not_put_to_staff(town, commitment):
    url = reverse("commitment:publication", args=[commitment.pk])
    response = client_for(town.staff).get(url, {"publish": "1"}, follow=True)
    assert response.redirect_chain[0][0] == reverse("commitment:inspect", args=[commitment.pk])
    assert "Alleen de griffie publiceert" in response.text
