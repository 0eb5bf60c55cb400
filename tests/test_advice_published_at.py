"""Advice.published_at: the publish step sets it and withdrawal clears it (as a motie's);
the migration fills it from the history as opendata.diwoo computed it before; the
DiWoo metadata and sitemaps read the field."""

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from advice.constants import AdviceStatus as S
from advice.lifecycle import AdviceStepError, take_step
from advice.models import Advice, ResponseLetter
from opendata import diwoo
from tests.factories import AdviceFactory
from tests.test_diwoo import ADVICE_SITEMAP, NS, advice, api_request, get, letter, move, site  # noqa: F401

fill = importlib.import_module("advice.migrations.0016_advice_published_at")

UTC = datetime.UTC


def at(day, hour=9):
    return datetime.datetime(2026, 11, day, hour, tzinfo=UTC)


@pytest.fixture
def sent(town):
    """An advies whose response was sent: the griffie may publish it."""
    return AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        received_date=datetime.date(2026, 11, 3),
        status=S.response_sent,
    )


def test_publishing_sets_the_moment_and_withdrawing_clears_it(town, sent):
    assert sent.published_at is None
    with time_machine.travel(at(10), tick=False):
        published = take_step(sent, town.griffie, "publish")
    assert published.published_at == at(10)
    assert Advice.objects.get(pk=sent.pk).published_at == at(10)
    with time_machine.travel(at(12), tick=False):
        withdrawn = take_step(published, town.griffie, "withdraw_publication")
    assert withdrawn.published_at is None
    assert Advice.objects.get(pk=sent.pk).published_at is None
    with time_machine.travel(at(14), tick=False):
        again = take_step(withdrawn, town.griffie, "publish")
    assert Advice.objects.get(pk=again.pk).published_at == at(14)
    # the history rows carry it too
    moments = list(sent.history.order_by("history_id").values_list("published_at", flat=True))
    assert moments[-3:] == [at(10), None, at(14)]


def test_a_refused_publication_sets_nothing(town, sent):
    with pytest.raises(AdviceStepError, match="Je hebt geen recht om deze stap"):
        take_step(sent, town.staff, "publish")
    assert Advice.objects.get(pk=sent.pk).published_at is None


def test_any_save_keeps_the_field_with_the_status(town, sent):
    with time_machine.travel(at(10), tick=False):
        move(sent, S.published)
    assert Advice.objects.get(pk=sent.pk).published_at == at(10)
    with time_machine.travel(at(11), tick=False):
        sent.text = "Gecorrigeerd."
        sent.save(update_fields=["text"])
        sent.subject = "Ander onderwerp"
        sent.save()  # still published: the moment stays
    assert Advice.objects.get(pk=sent.pk).published_at == at(10)
    sent.status = S.response_sent
    sent.save(update_fields=["status"])
    assert Advice.objects.get(pk=sent.pk).published_at is None


def history_of(record, *steps):
    """Give `record` a history of (day, status) saves, then forget its published_at,
    as an advies published before the field existed."""
    for day, status in steps:
        with time_machine.travel(at(day), tick=False):
            move(record, status)
    Advice.objects.filter(pk=record.pk).update(published_at=None)


def test_the_migration_fills_the_start_of_the_present_published_stretch(town):
    with time_machine.travel(at(5), tick=False):
        sent = AdviceFactory(municipality=town.municipality, status=S.response_sent)
    history_of(sent, (10, S.published), (11, S.published), (12, S.response_sent))
    history_of(sent, (14, S.published), (15, S.published))
    never = AdviceFactory(municipality=town.municipality, status=S.response_sent)
    # published without a history row that shows it (status set behind history's back)
    Advice.objects.filter(pk=never.pk).update(status=S.published, published_at=None)
    draft = AdviceFactory(municipality=town.municipality)
    fill.fill_published_at(apps, None)
    assert Advice.objects.get(pk=sent.pk).published_at == at(14)
    last_change = never.history.latest("history_date").history_date
    assert Advice.objects.get(pk=never.pk).published_at == last_change
    assert Advice.objects.get(pk=draft.pk).published_at is None


def test_published_moments_from_rows():
    rows = [
        (1, at(1), S.draft),
        (1, at(2), S.published),
        (1, at(3), S.published),
        (2, at(1), S.published),
        (2, at(2), S.response_sent),
        (2, at(3), S.published),
        (3, at(4), S.response_sent),
    ]
    assert fill.published_moments(rows) == {1: at(2), 2: at(3), 3: at(4)}


@pytest.mark.usefixtures("site")
def test_the_woo_metadata_reads_the_field(town):
    shown = advice(town)
    letter(ResponseLetter, advice=shown)
    # a moment the history does not show: only the field can give it
    Advice.objects.filter(pk=shown.pk).update(
        published_at=datetime.datetime(2026, 11, 20, 8, tzinfo=UTC)
    )
    request = api_request()
    metadata = diwoo.advice_metadata(Advice.objects.get(pk=shown.pk), request)
    assert metadata["publicatiedatum"] == "2026-11-20T09:00:00+01:00"
    response = diwoo.publishable_letters(town.municipality)[ResponseLetter].get()
    assert response.woo_record_published_at == datetime.datetime(2026, 11, 20, 8, tzinfo=UTC)


@pytest.mark.usefixtures("site")
def test_the_sitemap_orders_by_the_field(town):
    first, second = advice(town), advice(town)
    # published the other way round from what their history says
    Advice.objects.filter(pk=first.pk).update(published_at=at(20))
    Advice.objects.filter(pk=second.pk).update(published_at=at(19))
    page = etree.fromstring(get(ADVICE_SITEMAP).content)
    locs = [loc.text for loc in page.iterfind("s:url/s:loc", NS)]
    assert locs == [
        f"http://dijkhoven.example/adviezen/{second.pk}/",
        f"http://dijkhoven.example/adviezen/{first.pk}/",
    ]


@pytest.mark.usefixtures("site")
def test_the_publishable_adviezen_ask_the_history_only_for_the_last_change(town):
    advice(town)
    with CaptureQueriesContext(connection) as context:
        list(diwoo.publishable_advices(town.municipality))
        rows = list(diwoo.category_rows(town.municipality, diwoo.ADVICE, None))
    assert len(rows) == 1
    # the last change only: once as lastmod, once more as the publication moment's
    # fallback in the sitemap rows; computing the published stretch from the history
    # made that [3, 12] (its letters asked the history too)
    history = [query["sql"].count("advice_historicaladvice") for query in context.captured_queries]
    assert [count for count in history if count] == [1, 2]


def test_the_scale_data_gives_published_adviezen_their_history_moment(db):
    from operations.scale_data import generate

    generate(motions=50, points=2, out=lambda *a: None)
    published = Advice.objects.filter(status=S.published)
    generated = dict(published.values_list("pk", "published_at"))
    assert generated and None not in generated.values()
    assert not Advice.objects.exclude(status=S.published).filter(published_at__isnull=False)
    Advice.objects.update(published_at=None)
    fill.fill_published_at(apps, None)
    assert dict(published.values_list("pk", "published_at")) == generated
