"""The read-only API: per municipality, only what was published, in every list,
detail, nested row and letter."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone, translation

from advice.constants import AdviceStatus
from advice.models import Advice
from commitments.publication import set_published as publish_commitment
from governance.audit_models import AuditEvent
from governance.public_changes import public_changed
from motions.publication import set_published
from tests.api_helpers import (
    CompletionLetter,
    CouncilInformationLetter,
    ResponseLetter,
    advice,
    commitment,
    get,
    letter,
    motion,
    sites,  # noqa: F401  (a fixture)
)
from tests.factories import MeetingFactory, MotionFactory, PortfolioFactory

pytestmark = pytest.mark.usefixtures("sites")


def results(path, host="dijkhoven.example"):
    response = get(path, host)
    assert response.status_code == 200, response.content
    return response.json()["resultaten"]


def names(path, field="name", host="dijkhoven.example"):
    return [row[field] for row in results(path, host)]


# Which municipality


def test_the_root_names_the_municipality_of_the_host(town):
    body = get("/api/v1/").json()
    assert body["gemeente"]["tooi_code"] == "gm9901"
    assert body["resources"]["moties"] == "http://dijkhoven.example/api/v1/moties/"


def test_the_tooi_code_names_the_municipality_on_any_host(other_town):
    body = get("/api/v1/gemeenten/gm9902/", host="elders.example").json()
    assert body["gemeente"]["naam"] == "Lindeburg"
    assert body["resources"]["moties"].endswith("/api/v1/gemeenten/gm9902/moties/")


def test_an_unknown_host_is_a_dutch_404_not_the_default_municipality():
    response = get("/api/v1/moties/", host="onbekend.example")
    assert response.status_code == 404
    assert "hoort bij geen gemeente" in response.json()["detail"]


def test_an_unknown_tooi_code_is_a_dutch_404():
    response = get("/api/v1/gemeenten/gm0000/moties/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Geen gemeente heeft de TOOI-code gm0000."


# The publication rule, per resource


def test_only_published_moties_and_a_withdrawn_one_disappears(town):
    shown, hidden = motion(town, "Openbaar"), motion(town, "Concept")
    set_published(shown, town.griffie, True)
    assert names("/api/v1/moties/") == ["Openbaar"]
    assert get(f"/api/v1/moties/{shown.number}/").status_code == 200
    refused = get(f"/api/v1/moties/{hidden.number}/")
    assert refused.status_code == 404 and refused.json() == {"detail": "Niet gevonden."}
    set_published(shown, town.griffie, False)
    assert names("/api/v1/moties/") == []
    assert get(f"/api/v1/moties/{shown.number}/").status_code == 404


def test_another_municipalitys_moties_never_show(town, other_town):
    elsewhere = motion(other_town, "Lindebergs besluit")
    set_published(elsewhere, other_town.griffie, True)
    assert names("/api/v1/moties/") == []
    assert names("/api/v1/gemeenten/gm9901/moties/") == []
    assert get(f"/api/v1/moties/{elsewhere.number}/").status_code == 404
    assert names("/api/v1/moties/", host="lindeburg.example") == ["Lindebergs besluit"]
    assert names("/api/v1/gemeenten/gm9902/moties/") == ["Lindebergs besluit"]


def test_only_published_toezeggingen(town, other_town):
    shown, hidden = commitment(town, "Openbaar"), commitment(town, "Concept")
    elsewhere = commitment(other_town, "Lindeburgs")
    publish_commitment(shown, town.griffie, True)
    publish_commitment(elsewhere, other_town.griffie, True)
    assert names("/api/v1/toezeggingen/") == ["Openbaar"]
    assert get(f"/api/v1/toezeggingen/{hidden.number}/").status_code == 404
    publish_commitment(shown, town.griffie, False)
    assert names("/api/v1/toezeggingen/") == []
    assert get(f"/api/v1/toezeggingen/{shown.number}/").status_code == 404


@pytest.mark.parametrize("status", [s for s in AdviceStatus.values if s != AdviceStatus.published])
def test_an_advies_shows_only_once_published(town, status):
    hidden = advice(town, "Nog niet", status=status)
    assert names("/api/v1/adviezen/", "onderwerp") == []
    assert get(f"/api/v1/adviezen/{hidden.pk}/").status_code == 404
    Advice.objects.filter(pk=hidden.pk).update(status=AdviceStatus.published)
    public_changed([town.municipality.pk])  # an update() sends no signal
    assert names("/api/v1/adviezen/", "onderwerp") == ["Nog niet"]


def test_another_municipalitys_advies_never_shows(town, other_town):
    elsewhere = advice(other_town, "Lindeburgs advies")
    assert names("/api/v1/adviezen/", "onderwerp") == []
    assert get(f"/api/v1/adviezen/{elsewhere.pk}/").status_code == 404


def test_only_sent_letters_of_published_records(town, other_town):
    shown_motion, hidden_motion = motion(town, "Openbaar"), motion(town, "Concept")
    set_published(shown_motion, town.griffie, True)
    published, draft_advice = advice(town), advice(town, status=AdviceStatus.response_sent)
    sent = [
        letter(CompletionLetter, motion=shown_motion),
        letter(ResponseLetter, advice=published),
        letter(CouncilInformationLetter, advice=published),
    ]
    letter(CompletionLetter, sent=False, motion=shown_motion, version=2)
    letter(CompletionLetter, motion=hidden_motion)
    letter(ResponseLetter, advice=draft_advice)
    letter(ResponseLetter, advice=advice(other_town))
    listed = results("/api/v1/brieven/")
    assert sorted((row["soort"], row["id"]) for row in listed) == sorted(
        [
            ("raadsbrief-afdoening", sent[0].pk),
            ("collegereactie", sent[1].pk),
            ("raadsinformatiebrief", sent[2].pk),
        ]
    )
    assert get(f"/api/v1/brieven/collegereactie/{sent[1].pk}/").status_code == 200
    assert get("/api/v1/brieven/raadsbrief-afdoening/99999/").status_code == 404
    hidden_pk = CompletionLetter.objects.get(motion=hidden_motion).pk
    assert get(f"/api/v1/brieven/raadsbrief-afdoening/{hidden_pk}/").status_code == 404
    set_published(shown_motion, town.griffie, False)
    assert "raadsbrief-afdoening" not in {row["soort"] for row in results("/api/v1/brieven/")}


def test_letters_of_every_kind_are_paged_together_newest_sent_first(town):
    """The kinds are one list, paged in the database: newest sent first, each letter on
    exactly one page, the count over all kinds."""
    shown = motion(town, "Openbaar")
    set_published(shown, town.griffie, True)
    published = advice(town)
    made = [
        letter(CompletionLetter, motion=shown),
        letter(ResponseLetter, advice=published),
        letter(CouncilInformationLetter, advice=published),
        letter(CompletionLetter, motion=shown, version=2),
    ]
    start = timezone.now() - datetime.timedelta(days=10)
    for day, made_letter in zip((3, 1, 4, 2), made, strict=True):
        type(made_letter).objects.filter(pk=made_letter.pk).update(
            sent_at=start + datetime.timedelta(days=day)
        )
    public_changed([town.municipality.pk])
    pages = [get(f"/api/v1/brieven/?per_pagina=3&pagina={n}").json() for n in (1, 2)]
    assert [body["aantal"] for body in pages] == [4, 4]
    listed = [(row["soort"], row["id"]) for body in pages for row in body["resultaten"]]
    newest_first = [made[2], made[0], made[3], made[1]]
    kinds = {
        CompletionLetter: "raadsbrief-afdoening",
        ResponseLetter: "collegereactie",
        CouncilInformationLetter: "raadsinformatiebrief",
    }
    assert listed == [(kinds[type(item)], item.pk) for item in newest_first]


def test_a_letter_gives_its_checksum_and_a_working_download_but_no_civil_servant(town):
    shown = motion(town, "Openbaar")
    set_published(shown, town.griffie, True)
    sent = letter(CompletionLetter, motion=shown)
    body = get(f"/api/v1/brieven/raadsbrief-afdoening/{sent.pk}/").json()
    assert body["sha256"] == sent.sha256 and len(body["sha256"]) == 64
    assert body["download"] == f"http://dijkhoven.example/moties/{shown.number}/brief/{sent.pk}/"
    download = Client().get(body["download"], HTTP_HOST="dijkhoven.example")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert body["onderwerp"]["url"].endswith(f"/api/v1/moties/{shown.number}/")
    assert "Ambtenaar Geheim" not in str(body)


def test_the_motie_detail_lists_only_its_sent_letters(town):
    shown = motion(town, "Openbaar")
    set_published(shown, town.griffie, True)
    sent = letter(CompletionLetter, motion=shown)
    letter(CompletionLetter, sent=False, motion=shown, version=2)
    body = get(f"/api/v1/moties/{shown.number}/").json()
    assert [b["id"] for b in body["brieven"]] == [sent.pk]


def test_meetings_only_with_something_published(town, other_town):
    empty = MeetingFactory(municipality=town.municipality, title="Lege vergadering")
    shown = motion(town, "Openbaar")
    hidden_meeting = MeetingFactory(municipality=town.municipality, title="Alleen concept")
    MotionFactory(
        municipality=town.municipality,
        meeting=hidden_meeting,
        portfolio=town.portfolio,
        in_progress=True,
        title="Concept",
    )
    motion(town, "Concept in dezelfde vergadering")
    set_published(shown, town.griffie, True)
    listed = results("/api/v1/vergaderingen/")
    assert [row["id"] for row in listed] == [town.meeting.pk]
    assert [m["name"] for m in listed[0]["moties"]] == ["Openbaar"]
    assert get(f"/api/v1/vergaderingen/{empty.pk}/").status_code == 404
    assert get(f"/api/v1/vergaderingen/{other_town.meeting.pk}/").status_code == 404


@pytest.mark.parametrize(
    "path", ["adviezen/abc/", "fracties/1x/", "vergaderingen/-1/", "moties/%20/"]
)
def test_a_key_that_is_no_record_is_a_404(town, path):
    response = get(f"/api/v1/{path}")
    assert response.status_code == 404 and response.json() == {"detail": "Niet gevonden."}


def test_parties_of_the_municipality_only(town, other_town):
    assert [row["id"] for row in results("/api/v1/fracties/")] == [town.party.pk]
    assert get(f"/api/v1/fracties/{other_town.party.pk}/").status_code == 404


# What a record shows


def test_a_motie_shows_submitters_the_vote_per_party_and_its_history(town):
    from motions.lifecycle import apply_transition
    from motions.votes import record_vote

    meeting = MeetingFactory(municipality=town.municipality, date=datetime.date(2026, 11, 9))
    voted = MotionFactory(
        municipality=town.municipality,
        meeting=meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        title="Speeltuinen",
    )
    apply_transition(
        voted, town.griffie, "adopt", reason="Besluitenlijst.", deadline_unknown_reason="?"
    )
    record_vote(
        voted,
        town.griffie,
        outcome="adopted",
        votes_for=18,
        votes_against=9,
        party_votes={town.party: "for"},
    )
    set_published(voted, town.griffie, True)
    body = get(f"/api/v1/moties/{voted.number}/").json()
    assert body["creator"]["name"] == town.person.name
    assert body["creator"]["fractie"]["id"] == town.party.pk
    vote = body["vote_event"]
    assert vote["result"] == "adopted"
    assert vote["counts"] == [{"option": "for", "value": 18}, {"option": "against", "value": 9}]
    assert vote["votes"][0]["fractie"]["id"] == town.party.pk
    assert vote["votes"][0]["option_omschrijving"] == "Voor"
    assert {"datum": "2026-11-09", "gebeurtenis": vote["samenvatting"]} in body["geschiedenis"]


def test_an_advies_shows_each_point_with_the_colleges_position_and_response(town):
    made = advice(town)
    body = get(f"/api/v1/adviezen/{made.pk}/").json()
    first = body["punten"][0]
    assert first["nummer"] == 1
    assert first["standpunt"] == "not_adopted"
    assert "niet overgenomen" in first["standpunt_omschrijving"].lower()
    assert first["reactie"] == "Het college doet punt 1 niet."
    assert first["redenen"] == "Geen geld."
    assert body["webpagina"] == f"http://dijkhoven.example/adviezen/{made.pk}/"


def test_a_toezegging_shows_who_promised_it_and_its_history(town):
    made = commitment(town, "Wachttijden", progress="Brief in voorbereiding.")
    publish_commitment(made, town.griffie, True)
    body = get(f"/api/v1/toezeggingen/{made.number}/").json()
    assert body["stand_van_zaken"] == "Brief in voorbereiding."
    assert body["toegezegd_door"] == made.promised_by.name
    assert body["geschiedenis"][0]["datum"] == town.meeting.date.isoformat()


# Filters


def test_filters_status_year_portfolio_and_changed_since(town):
    late = motion(town, "In uitvoering", in_progress=True)
    done = motion(town, "Afgedaan", completed=True)
    other = PortfolioFactory(municipality=town.municipality, name="Wonen")
    done.portfolio = other
    done.save()
    for record in (late, done):
        set_published(record, town.griffie, True)
    assert names("/api/v1/moties/?status=completed") == ["Afgedaan"]
    assert names(f"/api/v1/moties/?portefeuille={other.pk}") == ["Afgedaan"]
    year = town.meeting.date.year
    assert len(names(f"/api/v1/moties/?jaar={year}")) == 2
    assert names(f"/api/v1/moties/?jaar={year + 1}") == []
    assert len(names("/api/v1/moties/?gewijzigd_sinds=2000-01-01")) == 2
    assert names("/api/v1/moties/?gewijzigd_sinds=2999-01-01T00:00:00%2B01:00") == []


def test_adviezen_and_letters_filter_by_year_and_change(town):
    made = advice(town)
    letter(ResponseLetter, advice=made)
    assert names("/api/v1/adviezen/?jaar=2026", "onderwerp") == ["Advies armoede"]
    assert names("/api/v1/adviezen/?jaar=2025", "onderwerp") == []
    assert names("/api/v1/adviezen/?gewijzigd_sinds=2999-01-01", "onderwerp") == []
    assert len(results("/api/v1/brieven/?jaar=2026&soort=collegereactie")) == 1
    assert results("/api/v1/brieven/?soort=raadsinformatiebrief") == []
    assert results("/api/v1/brieven/?gewijzigd_sinds=2999-01-01") == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("status=onzin", "Onbekende waarde 'onzin'; kies uit: submitted"),
        ("jaar=26", "Geef een jaar van vier cijfers, bijvoorbeeld 2026, niet '26'."),
        ("portefeuille=abc", "Geef het id van een portefeuille, niet 'abc'."),
        ("portefeuille=999999", "999999 is niet het id van een portefeuille van deze gemeente."),
        ("gewijzigd_sinds=gisteren", "Geef een datum of een moment in ISO 8601"),
        ("gewijzigd_sinds=2026-13-45", "Geef een datum of een moment in ISO 8601"),
        ("pagina=0", "Geef een geheel getal van 1 of meer, niet '0'."),
        ("per_pagina=500", "Hoogstens 100 per pagina."),
    ],
)
def test_a_wrong_filter_value_is_a_400_with_a_dutch_message(town, query, message):
    response = get(f"/api/v1/moties/?{query}")
    assert response.status_code == 400
    parameter = query.split("=")[0]
    assert message in response.json()[parameter][0]


def test_another_municipalitys_portfolio_is_refused(town, other_town):
    response = get(f"/api/v1/moties/?portefeuille={other_town.portfolio.pk}")
    assert response.status_code == 400


def test_letters_refuse_an_unknown_kind(town):
    response = get("/api/v1/brieven/?soort=memo")
    assert response.status_code == 400
    assert "Onbekende waarde 'memo'" in response.json()["soort"][0]


# Pagination


def test_pages_with_a_dutch_parameter_and_a_count(town):
    for n in range(5):
        set_published(motion(town, f"Motie {n}"), town.griffie, True)
    body = get("/api/v1/moties/?per_pagina=2").json()
    assert body["aantal"] == 5 and len(body["resultaten"]) == 2
    assert body["volgende"] == "http://dijkhoven.example/api/v1/moties/?pagina=2&per_pagina=2"
    assert body["vorige"] is None
    last = get("/api/v1/moties/?per_pagina=2&pagina=3").json()
    assert len(last["resultaten"]) == 1 and last["volgende"] is None
    beyond = get("/api/v1/moties/?per_pagina=2&pagina=4")
    assert beyond.status_code == 404
    assert beyond.json()["detail"] == "Pagina 4 bestaat niet; er zijn er 3."


# Conditional GET


def test_etag_and_a_304_when_nothing_changed(town):
    set_published(motion(town, "Openbaar"), town.griffie, True)
    first = get("/api/v1/moties/")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = get("/api/v1/moties/", HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = get("/api/v1/moties/", HTTP_IF_MODIFIED_SINCE=first.headers["Last-Modified"])
    assert since.status_code == 304
    set_published(motion(town, "Nieuw"), town.griffie, True)
    assert get("/api/v1/moties/", HTTP_IF_NONE_MATCH=first.headers["ETag"]).status_code == 200


def test_a_withdrawn_publication_makes_the_list_modified(town):
    import time_machine

    shown = motion(town, "Openbaar")
    with time_machine.travel(datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC)):
        set_published(shown, town.griffie, True)
        set_published(motion(town, "Blijft"), town.griffie, True)
        modified = get("/api/v1/moties/").headers["Last-Modified"]
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)):
        set_published(shown, town.griffie, False)
    assert AuditEvent.objects.filter(kind="unpublished").exists()
    after = get("/api/v1/moties/", HTTP_IF_MODIFIED_SINCE=modified)
    assert after.status_code == 200
    assert names("/api/v1/moties/") == ["Blijft"]


def test_a_detail_has_an_etag_and_last_modified(town):
    shown = motion(town, "Openbaar")
    set_published(shown, town.griffie, True)
    first = get(f"/api/v1/moties/{shown.number}/")
    assert first.headers["Last-Modified"]
    again = get(f"/api/v1/moties/{shown.number}/", HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert again.status_code == 304


# CORS, methods, rate limit


def test_open_cors_for_reading_the_api_without_credentials(town):
    response = get("/api/v1/moties/", HTTP_ORIGIN="https://krant.example")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = Client().options(
        "/api/v1/moties/",
        HTTP_HOST="dijkhoven.example",
        HTTP_ORIGIN="https://krant.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_no_cors_outside_the_api(town):
    response = get("/moties/", HTTP_ORIGIN="https://krant.example")
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(town, method):
    shown = motion(town, "Openbaar")
    set_published(shown, town.griffie, True)
    for path in ("/api/v1/moties/", f"/api/v1/moties/{shown.number}/"):
        response = getattr(Client(), method)(path, HTTP_HOST="dijkhoven.example")
        assert response.status_code == 405
        assert "niet toegestaan" in response.json()["detail"]


def test_head_answers_like_get(town):
    response = Client().head("/api/v1/moties/", HTTP_HOST="dijkhoven.example")
    assert response.status_code == 200 and response.headers["ETag"]


def test_too_many_requests_from_one_address_get_a_dutch_429(town, settings):
    settings.RAADSVOLG_API_RATE_LIMIT = "3/minute"
    for _ in range(3):
        assert get("/api/v1/fracties/").status_code == 200
    refused = get("/api/v1/fracties/")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Te veel verzoeken vanaf uw adres")
    assert refused.headers["Retry-After"]


def test_the_rate_limit_counts_per_client_behind_a_trusted_proxy(town, settings):
    settings.RAADSVOLG_API_RATE_LIMIT = "2/minute"
    settings.RAADSVOLG_TRUSTED_PROXIES = 1
    for _ in range(2):
        assert get("/api/v1/fracties/", HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 200
    assert get("/api/v1/fracties/", HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 429
    assert get("/api/v1/fracties/", HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 200


# Schema and documentation


def test_the_schema_generates_without_warnings():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_the_schema_is_served_and_documents_every_list(town):
    response = get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    text = response.content.decode()
    for name in ("moties", "toezeggingen", "adviezen", "brieven", "vergaderingen", "fracties"):
        assert f"/api/v1/gemeenten/{{tooi_code}}/{name}/" in text


def test_the_documentation_page_is_dutch_and_lists_the_filters(town):
    with translation.override("nl"):
        page = get("/api/v1/docs/").content.decode()
    assert "<h1" in page and "gewijzigd_sinds" in page and "portefeuille" in page
    assert "Moties" in page


def test_the_documentation_page_names_the_entrance_of_the_sites_municipality(town):
    """The footer of every public page links the documentation; on a host the API does
    not know (the default site answering), the entrance by TOOI code still works."""
    page = get("/api/v1/docs/", host="elders.example").content.decode()
    entrance = "http://elders.example/api/v1/gemeenten/gm9901/"
    assert f"De API van {town.municipality.name} begint bij" in page
    assert f'href="{entrance}"' in page
    assert get(entrance, host="elders.example").json()["gemeente"]["tooi_code"] == "gm9901"
