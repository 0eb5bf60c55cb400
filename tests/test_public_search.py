"""Public search: one result per published motie, toezegging or advies of the site's
municipality, with its matching sent letters under it; indieners are searchable."""

import datetime
import html
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from advice.constants import AdviceStatus
from advice.models import Advice, ResponseLetter
from advice.pages import AdviceIndexPage
from governance.letters import LetterStatus
from governance.pages import HomePage
from governance.public_changes import public_changed
from motions.models import Motion
from motions.pages import MotionIndexPage
from motions.publication import set_published
from tests.factories import (
    AdviceFactory,
    CommitmentFactory,
    MeetingFactory,
    MotionFactory,
    PersonFactory,
)


@pytest.fixture
def site(town, other_town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for town_, host in ((town, "dijkhoven.example"), (other_town, "lindeburg.example")):
        home = root.add_child(instance=HomePage(title=host, slug=host[:9]))
        home.add_child(instance=MotionIndexPage(title="Moties", slug="moties"))
        home.add_child(instance=AdviceIndexPage(title="Adviezen", slug="adviezen"))
        town_.municipality.site = Site.objects.create(
            hostname=host, port=80, root_page=home, is_default_site=town_ is town
        )
        town_.municipality.save()


def search(query, host="dijkhoven.example"):
    response = Client().get("/zoeken/", {"q": query}, HTTP_HOST=host)
    assert response.status_code == 200
    return response.text


def motion(town, title, publish=True):
    created = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        title=title,
    )
    if publish:
        set_published(created, town.griffie, True)
    return created


def test_only_published_moties_are_found_and_a_withdrawn_one_disappears(town, site):
    shown = motion(town, "Buurtbus naar het gezondheidscentrum")
    motion(town, "Buurtbus geheim concept", publish=False)
    page = search("buurtbus")
    assert "gezondheidscentrum" in page and "geheim concept" not in page
    set_published(shown, town.griffie, False)
    assert "gezondheidscentrum" not in search("buurtbus")


def test_another_municipality_is_not_searched(town, other_town, site):
    elsewhere = MotionFactory(
        municipality=other_town.municipality,
        meeting=other_town.meeting,
        portfolio=other_town.portfolio,
        in_progress=True,
        title="Lindeburgse buurtbus",
    )
    set_published(elsewhere, other_town.griffie, True)
    assert "Lindeburgse buurtbus" not in search("buurtbus")
    assert "Lindeburgse buurtbus" in search("buurtbus", host="lindeburg.example")


def test_points_and_responses_of_published_advice_are_found_drafts_never(town, site):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=1,
        subject="Advies mantelzorg",
    )
    point = advice.points.get()
    point.text = "Wij adviseren respijtzorg in de avonduren."
    point.save()
    assert "Advies mantelzorg" not in search("respijtzorg")
    Advice.objects.filter(pk=advice.pk).update(status=AdviceStatus.published)
    Advice.objects.get(pk=advice.pk).save()  # reindex, as the publish step does
    assert "Advies mantelzorg" in search("respijtzorg")


@pytest.mark.parametrize(
    "query",
    ["x" * 5000, "' OR 1=1 --", "<script>alert(1)</script>", '"""', "%", "\\", "AND OR NOT"],
)
def test_odd_queries_answer_with_a_page_and_echo_no_markup(town, site, query):
    motion(town, "Iets")
    assert "<script>alert(1)</script>" not in search(query)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's")
def test_dutch_stemming_finds_other_forms_of_a_word(town, site):
    motion(town, "Bezuinigingen op preventie schrappen")
    assert "Bezuinigingen op preventie" in search("bezuiniging")


def test_sent_letters_are_found_drafts_never(town, site):
    from governance.models import Letterhead
    from motions.models import CompletionLetter

    Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        secretary_name="S.",
        mayor_name="B.",
    )
    shown = motion(town, "Taalpunten")
    CompletionLetter.objects.create(motion=shown, core_message="<p>Wij openden zes taalcafés.</p>")
    assert "Raadsbrief" not in search("taalcafés")
    letter = CompletionLetter.objects.get()
    letter.send(town.staff)
    assert "Raadsbrief" in search("taalcafés")


# One result per record, with its letters under it -------------------------------------


def results(page: str) -> int:
    return page.count('class="search-result"')


def sent_completion_letter(motion, text, **fields):
    from motions.models import CompletionLetter

    return CompletionLetter.objects.create(
        motion=motion,
        status=LetterStatus.sent,
        core_message=f"<p>{text}</p>",
        letter_date=datetime.date(2026, 11, 20),
        **fields,
    )


def published_advice(town, subject, status=AdviceStatus.published):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=1,
        subject=subject,
    )
    Advice.objects.filter(pk=advice.pk).update(status=status)
    advice = Advice.objects.get(pk=advice.pk)
    advice.save()  # reindex, as the publish step does
    return advice


def test_a_motie_with_several_matching_letters_is_one_result_with_the_letters_under_it(town, site):
    shown = motion(town, "Taalpunten in de bibliotheek")
    first = sent_completion_letter(shown, "Wij openden zes taalcafés.", document_number="D-1")
    second = sent_completion_letter(
        shown,
        "Er kwamen twee taalcafés bij.",
        document_number="D-2",
        version=2,
        pdf=ContentFile(b"%PDF-1.7 brief", name="brief.pdf"),
    )
    page = search("taalcafés")
    assert results(page) == 1
    assert "1 resultaat voor" in page
    assert "Gevonden brieven:" in page
    number = shown.number
    assert f'href="/moties/{number}/">Raadsbrief D-1</a>' in page  # no PDF yet: the motie
    assert f'href="/moties/{number}/brief/{second.pk}/">Raadsbrief D-2 (PDF)</a>' in page
    assert "Verzonden op 20 november 2026" in page
    assert first.pk != second.pk
    linked = Client().get(f"/moties/{number}/brief/{second.pk}/", HTTP_HOST="dijkhoven.example")
    assert linked.status_code == 200 and b"".join(linked.streaming_content).startswith(b"%PDF")


def test_a_motie_found_by_its_own_text_and_a_letter_is_one_result(town, site):
    shown = motion(town, "Taalcafés in elke wijk")
    sent_completion_letter(shown, "Er zijn nu taalcafés in elke wijk.", document_number="D-3")
    page = search("taalcafés")
    assert results(page) == 1
    assert "Gevonden brief:" in page and "Raadsbrief D-3" in page


def test_a_letter_of_an_unpublished_motie_finds_nothing(town, site):
    hidden = motion(town, "Geheim plan", publish=False)
    sent_completion_letter(hidden, "Wij openden zes taalcafés.")
    page = search("taalcafés")
    assert results(page) == 0 and "Geheim plan" not in page
    assert "Er is niets gepubliceerd dat bij deze woorden past." in page


def test_a_draft_letter_of_a_published_motie_finds_nothing(town, site):
    from motions.models import CompletionLetter

    shown = motion(town, "Taalpunten")
    CompletionLetter.objects.create(motion=shown, core_message="<p>Zes taalcafés.</p>")
    assert results(search("taalcafés")) == 0


def test_a_letter_of_another_municipality_is_not_found_here(town, other_town, site):
    elsewhere = MotionFactory(
        municipality=other_town.municipality,
        meeting=other_town.meeting,
        portfolio=other_town.portfolio,
        in_progress=True,
        title="Lindeburgse taalpunten",
    )
    set_published(elsewhere, other_town.griffie, True)
    sent_completion_letter(elsewhere, "Wij openden zes taalcafés.")
    assert results(search("taalcafés")) == 0
    assert results(search("taalcafés", host="lindeburg.example")) == 1


def test_a_sent_letter_finds_its_published_advies_with_the_letter_under_it(town, site):
    from advice.models import CouncilInformationLetter, ResponseLetter

    advice = published_advice(town, "Advies mantelzorg")
    ResponseLetter.objects.create(
        advice=advice,
        status=LetterStatus.sent,
        opening="Het college dankt de adviesraad voor het advies over respijtzorg.",
        document_number="R-7",
        letter_date=datetime.date(2026, 11, 21),
    )
    CouncilInformationLetter.objects.create(
        advice=advice,
        status=LetterStatus.sent,
        body="Hierbij ontvangt u het advies over respijtzorg.",
        document_number="RIB-8",
    )
    page = search("respijtzorg")
    assert results(page) == 1
    assert f'href="/adviezen/{advice.pk}/">Collegereactie R-7</a>' in page
    assert f'href="/adviezen/{advice.pk}/">Raadsinformatiebrief RIB-8</a>' in page
    assert page.index("Collegereactie R-7") < page.index("Raadsinformatiebrief RIB-8")


def test_letters_of_an_unpublished_advies_and_draft_letters_find_nothing(town, other_town, site):
    from advice.models import ResponseLetter

    unpublished = published_advice(town, "Advies in behandeling", AdviceStatus.response_sent)
    ResponseLetter.objects.create(
        advice=unpublished, status=LetterStatus.sent, opening="Over respijtzorg."
    )
    shown = published_advice(town, "Advies mantelzorg")
    ResponseLetter.objects.create(advice=shown, opening="Concept over respijtzorg.")
    elsewhere = published_advice(other_town, "Lindeburgs advies")
    ResponseLetter.objects.create(
        advice=elsewhere, status=LetterStatus.sent, opening="Over respijtzorg."
    )
    page = search("respijtzorg")
    assert results(page) == 0
    assert results(search("respijtzorg", host="lindeburg.example")) == 1


def test_only_published_toezeggingen_of_this_municipality_are_found(town, other_town, site):
    from commitments.pages import CommitmentIndexPage
    from commitments.publication import set_published as publish

    for town_ in (town, other_town):
        home = town_.municipality.site.root_page
        home.add_child(instance=CommitmentIndexPage(title="Toezeggingen", slug="toezeggingen"))
    shown = CommitmentFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title="Wachttijden jeugdzorg in kaart",
    )
    publish(shown, town.griffie, True)
    CommitmentFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title="Wachttijden geheim",
    )
    elsewhere = CommitmentFactory(
        municipality=other_town.municipality,
        meeting=other_town.meeting,
        portfolio=other_town.portfolio,
        title="Wachttijden Lindeburg",
    )
    publish(elsewhere, other_town.griffie, True)
    page = search("wachttijden")
    assert results(page) == 1 and "Wachttijden jeugdzorg in kaart" in page
    assert f'href="/toezeggingen/{shown.number}/"' in page
    assert '<span class="utrecht-data-badge">Toezegging</span>' in page


def test_each_result_shows_its_kind_and_status_as_badges(town, site):
    motion(town, "Buurtbus naar het gezondheidscentrum")
    published_advice(town, "Advies over de buurtbus")
    page = search("buurtbus")
    assert '<span class="utrecht-data-badge">Motie</span>' in page
    assert '<span class="utrecht-data-badge">Advies</span>' in page
    assert "Status: In uitvoering" in page
    assert "Status: Gepubliceerd" in page


def test_an_overdue_motie_is_marked_in_its_status(town, site):
    overdue = motion(town, "Buurtbus")
    Motion.objects.filter(pk=overdue.pk).update(deadline=datetime.date(2026, 1, 1))
    page = search("buurtbus")
    assert "utrecht-status-badge--danger" in page and "Status: In uitvoering — te laat" in page


# Indieners -------------------------------------------------------------------------------


def test_a_motie_is_found_by_the_name_of_an_indiener_and_of_their_fractie(town, site):
    town.party.name, town.party.abbreviation = "Groen Dijkhoven", "GD"
    town.party.save()
    town.person.name = "Anna Jansen"
    town.person.save()
    shown = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        title="Speeltuin opknappen",
        submitters=[town.person],
    )
    set_published(shown, town.griffie, True)
    for query in ("Jansen", "anna jansen", "Groen Dijkhoven", "GD"):
        page = search(query)
        assert "Speeltuin opknappen" in page, query
    assert "Ingediend door: Anna Jansen (GD)" in search("jansen")


def test_a_renamed_indiener_or_fractie_is_found_by_the_new_name(town, site):
    shown = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        title="Speeltuin opknappen",
        submitters=[town.person],
    )
    set_published(shown, town.griffie, True)
    town.person.name = "Bram Terpstra"
    town.person.save()
    town.party.abbreviation = "LTD"
    town.party.save()
    assert "Speeltuin opknappen" in search("Terpstra")
    assert "Speeltuin opknappen" in search("LTD")


def test_an_indiener_added_or_removed_in_the_admin_is_searchable_at_once(town, site):
    from governance.models import Person
    from tests.admin_helpers import client_for, edit_form_data

    shown = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        title="Speeltuin opknappen",
        submitters=[town.person],
    )
    set_published(shown, town.griffie, True)
    other = Person.objects.create(
        municipality=town.municipality, name="Carla Vermeulen", party=town.party
    )
    client = client_for(town.griffie)
    url = reverse("motion:edit", args=[shown.pk])
    token = re.search(r'name="edit_version" value="([^"]*)"', client.get(url).text).group(1)
    data = edit_form_data(
        Motion.objects.get(pk=shown.pk),
        town,
        edit_version=html.unescape(token),
        **{"submitters-0-person": other.pk},
    )
    assert client.post(url, data).status_code == 302
    assert "Speeltuin opknappen" in search("Vermeulen")
    assert "Speeltuin opknappen" not in search(town.person.name)


def test_moties_registered_for_a_meeting_are_indexed_with_their_indieners(town):
    from wagtail.search.backends import get_search_backend

    from motions.registration import MotionRow, register_meeting_motions

    town.person.name = "Dirk Hoekstra"
    town.person.save()
    rows = [
        MotionRow(
            number="M2026-500",
            title="Bankjes",
            operative_text="verzoekt …",
            submitters=[town.person],
        )
    ]
    register_meeting_motions(town.meeting, town.griffie, rows)
    found = get_search_backend().search("Hoekstra", Motion.objects.all())
    assert [motion.number for motion in found] == ["M2026-500"]


# Order, pages, messages -----------------------------------------------------------------


def test_a_motie_with_the_word_in_its_title_comes_before_one_with_it_in_its_text(town, site):
    text_only = motion(town, "Vervoer voor ouderen")
    Motion.objects.filter(pk=text_only.pk).update(
        operative_text="verzoekt een buurtbus in te zetten"
    )
    Motion.objects.get(pk=text_only.pk).save()
    motion(town, "Buurtbus voor ouderen")
    page = search("buurtbus")
    assert results(page) == 2
    assert page.index("Buurtbus voor ouderen") < page.index("Vervoer voor ouderen")


def test_of_equally_relevant_results_the_newest_comes_first(town, site):
    older = MeetingFactory(municipality=town.municipality, date=datetime.date(2025, 3, 1))
    newer = MeetingFactory(municipality=town.municipality, date=datetime.date(2026, 3, 1))
    for meeting, number in ((older, "M2025-001"), (newer, "M2026-001")):
        MotionFactory(
            municipality=town.municipality,
            meeting=meeting,
            portfolio=town.portfolio,
            in_progress=True,
            number=number,
            title="Buurtbus",
            published_at=timezone.now(),
        )
    page = search("buurtbus")
    assert page.index("M2026-001 Buurtbus") < page.index("M2025-001 Buurtbus")


def published_buurtbus_moties(town, count):
    for _ in range(count):
        MotionFactory(
            municipality=town.municipality,
            meeting=town.meeting,
            portfolio=town.portfolio,
            in_progress=True,
            title="Buurtbus",
            published_at=timezone.now(),
        )


def test_results_are_paged_twenty_at_a_time(town, site):
    published_buurtbus_moties(town, 23)
    first = search("buurtbus")
    assert "23 resultaten voor “buurtbus”" in first and results(first) == 20
    assert "pagina=2" in first and "Pagina 1 van 2" in first
    second = Client().get("/zoeken/", {"q": "buurtbus", "pagina": 2}, HTTP_HOST="dijkhoven.example")
    assert results(second.text) == 3 and 'start="21"' in second.text


@pytest.mark.parametrize("query", ["", "   ", "?!%"])
def test_an_empty_query_asks_for_words(town, site, query):
    page = search(query)
    assert "Vul een of meer woorden in om op te zoeken." in page
    assert 'aria-invalid="true"' in page and "resultaten voor" not in page


def test_the_search_page_without_a_query_shows_only_the_form(town, site):
    response = Client().get("/zoeken/", HTTP_HOST="dijkhoven.example")
    page = response.text
    assert (
        '<label class="utrecht-form-label" for="q">Zoeken in moties, toezeggingen en adviezen'
        in page
    )
    assert "Vul een of meer woorden" not in page and "resultaten voor" not in page


@pytest.mark.usefixtures("without_public_cache")
def test_the_number_of_queries_does_not_grow_with_the_hits(town, site):
    from advice.models import ResponseLetter

    def counted():
        with CaptureQueriesContext(connection) as queries:
            assert results(search("buurtbus")) > 0
        return len(queries)

    # One of each kind, and of each kind of letter, before counting: the queries that read
    # a page's records and letters are one per kind shown.
    sent_completion_letter(motion(town, "Buurtbus"), "De buurtbus rijdt.")
    first = published_advice(town, "Advies buurtbus")
    ResponseLetter.objects.create(advice=first, status=LetterStatus.sent, opening="Buurtbus.")
    counted()  # the first request fills caches (the site's root paths)
    few = counted()
    for _ in range(4):
        more = MotionFactory(
            municipality=town.municipality,
            meeting=town.meeting,
            portfolio=town.portfolio,
            in_progress=True,
            title="Buurtbus",
            published_at=timezone.now(),
            submitters=[town.person, PersonFactory(municipality=town.municipality)],
        )
        sent_completion_letter(more, "De buurtbus rijdt.")
        advice = published_advice(town, "Advies buurtbus")
        ResponseLetter.objects.create(advice=advice, status=LetterStatus.sent, opening="Buurtbus.")
    assert counted() == few


def test_the_upgrade_reindexes_existing_moties_and_letters(town, site):
    """What the migrations queue for the rows that were indexed without their indieners
    or not at all (advice letters): afterwards they are found."""
    import importlib

    from django.apps import apps
    from wagtail.search.models import IndexEntry

    from advice.models import ResponseLetter
    from governance.models import PublicSearchEntry

    town.person.name = "Eva Smit"
    town.person.save()
    MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        title="Speeltuin",
        published_at=timezone.now(),
        submitters=[town.person],
    )
    advice = published_advice(town, "Advies mantelzorg")
    ResponseLetter.objects.create(advice=advice, status=LetterStatus.sent, opening="Respijtzorg.")
    # As before the upgrade: nothing of these indexed (nor, then, in the public table).
    IndexEntry.objects.all().delete()
    PublicSearchEntry.objects.all().delete()
    assert results(search("Smit")) == results(search("respijtzorg")) == 0
    for module in (
        "motions.migrations.0011_search_index_submitters_and_letter_numbers",
        "advice.migrations.0013_search_index_letters",
    ):
        importlib.import_module(module).reindex_existing(apps, None)
    public_changed()  # as after every migrate (operations/apps.py)
    assert "Speeltuin" in search("Smit")
    # The advies itself is indexed on its next save; its letter is found now.
    assert results(search("respijtzorg")) == 1


@pytest.mark.usefixtures("without_public_cache")
def test_only_the_shown_page_of_moties_has_its_indieners_read(town, site):
    """The results are made for the page shown: the indieners of the 23 moties found
    are not read, only those of the 20 on the page (and of the 3 on page 2)."""
    published_buurtbus_moties(town, 23)

    def indieners_read(page):
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(
                "/zoeken/", {"q": "buurtbus", "pagina": page}, HTTP_HOST="dijkhoven.example"
            )
        assert response.status_code == 200
        (sql,) = [q["sql"] for q in queries if 'FROM "motions_motionsubmitter"' in q["sql"]]
        return len(re.search(r'"motion_id" IN \(([^)]*)\)', sql).group(1).split(","))

    assert indieners_read(1) == 20
    assert indieners_read(2) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the public search's own table")
@pytest.mark.usefixtures("without_public_cache")
def test_one_query_on_the_public_table_finds_every_kind(town, site):
    """governance.public_index: one query finds moties, letters and adviezen at once,
    in the municipality's entries of the public table, without a join."""
    sent_completion_letter(motion(town, "Buurtbus"), "De buurtbus rijdt.")
    published_advice(town, "Advies buurtbus")
    with CaptureQueriesContext(connection) as queries:
        assert results(search("buurtbus")) == 2
    (sql,) = [q["sql"] for q in queries if "@@" in q["sql"]]
    assert 'FROM "governance_publicsearchentry"' in sql and "JOIN" not in sql
    assert f'"municipality_id" = {town.municipality.pk}' in sql


# The public search's own table (PostgreSQL) ----------------------------------------------

needs_table = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the public search's own table"
)


def entries():
    from governance.models import PublicSearchEntry

    return set(
        PublicSearchEntry.objects.values_list(
            "municipality_id", "record_id", "entry_type__model", "entry_id", "title", "date"
        )
    )


@needs_table
def test_the_table_follows_the_deletion_of_a_record(town, site):
    kept = motion(town, "Buurtbus")
    letter = sent_completion_letter(kept, "De buurtbus rijdt.")
    gone = motion(town, "Buurtbus twee")
    assert {(entry[2], entry[3]) for entry in entries()} == {
        ("motion", kept.pk),
        ("completionletter", letter.pk),
        ("motion", gone.pk),
    }
    gone.delete()
    assert {(entry[2], entry[3]) for entry in entries()} == {
        ("motion", kept.pk),
        ("completionletter", letter.pk),
    }
    assert results(search("buurtbus")) == 1


@needs_table
def test_a_rebuild_writes_what_the_saves_wrote(town, other_town, site):
    from governance import public_index

    sent_completion_letter(motion(town, "Buurtbus"), "De buurtbus rijdt.")
    motion(town, "Concept", publish=False)
    advice = published_advice(other_town, "Lindeburgs advies")
    ResponseLetter.objects.create(advice=advice, status=LetterStatus.sent, opening="Antwoord.")
    written = entries()
    assert len(written) == 4 and {entry[0] for entry in written} == {
        town.municipality.pk,
        other_town.municipality.pk,
    }
    public_index.reset()
    assert entries() == set()
    assert public_index.rebuild() == 4
    assert entries() == written


@needs_table
@pytest.mark.usefixtures("without_public_cache")
def test_an_entry_behind_its_record_never_shows_a_withdrawn_record(town, site):
    """An entry is derived data; until the index hears of a change (a worker that has not
    run, an update past the signals) the results are read from the published records."""
    shown = motion(town, "Buurtbus")
    hidden = motion(town, "Buurtbus in de wijk")
    Motion.objects.filter(pk=hidden.pk).update(published_at=None)  # past the signals
    assert ("motion", hidden.pk) in {(entry[2], entry[3]) for entry in entries()}
    page = search("buurtbus")
    assert shown.title in page and hidden.title not in page
    assert results(page) == 1
    assert "1 resultaat voor" in html.unescape(page)  # the count leaves it out too


@needs_table
def test_a_rebuild_of_the_index_deletes_the_entries_of_records_gone_or_withdrawn(town, site):
    from wagtail.search.backends import get_search_backend

    kept = motion(town, "Buurtbus")
    withdrawn = motion(town, "Buurtbus in de wijk")
    Motion.objects.filter(pk=withdrawn.pk).update(published_at=None)  # past the signals
    get_search_backend().get_index_for_model(Motion).delete_stale_entries()
    assert {(entry[2], entry[3]) for entry in entries()} == {("motion", kept.pk)}


@needs_table
def test_publishing_a_motie_with_a_sent_letter_makes_both_findable(town, site):
    draft = motion(town, "Buurtbus", publish=False)
    sent_completion_letter(draft, "De buurtbus rijdt in Dijkhoven.")
    assert entries() == set()
    set_published(draft, town.griffie, True)
    assert {(entry[2], entry[1]) for entry in entries()} == {
        ("motion", draft.pk),
        ("completionletter", draft.pk),
    }
    page = search("dijkhoven")  # only in the letter
    assert results(page) == 1 and "Raadsbrief" in page


@needs_table
def test_new_entries_renew_the_cached_public_answers(town, site):
    """The index task that writes the entries may run after the publication renewed the
    cache (the worker): a search answered in between must not be kept."""
    from governance import public_index
    from governance.models import Municipality
    from motions.search import MOTIONS

    found = motion(town, "Buurtbus")
    before = Municipality.objects.filter(pk=town.municipality.pk).update(
        public_changed_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert before == 1
    public_index.refresh_records(MOTIONS, [found.pk])
    town.municipality.refresh_from_db()
    assert town.municipality.public_changed_at > timezone.now() - datetime.timedelta(minutes=1)
    draft = motion(town, "Concept", publish=False)
    Municipality.objects.filter(pk=town.municipality.pk).update(
        public_changed_at=timezone.now() - datetime.timedelta(days=1)
    )
    public_index.refresh_records(MOTIONS, [draft.pk])  # nothing public: nothing renewed
    town.municipality.refresh_from_db()
    assert town.municipality.public_changed_at < timezone.now() - datetime.timedelta(hours=1)


@needs_table
def test_a_moved_meeting_moves_the_dates_of_its_records_entries(town, site):
    found = motion(town, "Buurtbus")
    sent_completion_letter(found, "De buurtbus rijdt.")
    town.meeting.date = datetime.date(2026, 3, 5)
    town.meeting.save()
    assert {entry[5] for entry in entries()} == {datetime.date(2026, 3, 5)}


@pytest.mark.usefixtures("without_public_cache")
def test_one_kind_matching_often_does_not_crowd_out_another(town, site, monkeypatch):
    """At most LIMIT of each kind are collected, the best of each: many adviezen about a
    word leave room for the one motie that mentions it."""
    from governance import search as searching

    monkeypatch.setattr(searching, "LIMIT", 2)
    for n in range(3):
        published_advice(town, f"Buurtbus buurtbus buurtbus {n}")
    found = motion(town, "Vervoer in de wijk")
    Motion.objects.filter(pk=found.pk).update(operative_text="<p>Ook de buurtbus.</p>")
    Motion.objects.get(pk=found.pk).save()  # reindexed
    page = search("buurtbus")
    assert results(page) == 3 and "Vervoer in de wijk" in page
