"""The DiWoo sitemaps read only their own rows: a sitemap page builds the documents of
that page only, the index builds none and gets each page's latest change from the
database; both in a number of queries that does not grow with the documents."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from advice.models import CouncilInformationLetter, ResponseLetter
from motions.models import CompletionLetter
from opendata import diwoo, diwoo_sitemap
from tests.test_diwoo import ADVICE_INDEX, NS, advice, get, letter, motion, site  # noqa: F401

pytestmark = pytest.mark.usefixtures("site")  # both towns' sites, as in test_diwoo

PAGE = "/woo/sitemap-diwoo-infocat010-{}.xml"


@pytest.fixture
def built(monkeypatch):
    """The documents each answer builds, counted."""
    counted = []
    for name in ("advice_document", "letter_document"):
        original = getattr(diwoo, name)

        def counting(*args, original=original, **kwargs):
            counted.append(1)
            return original(*args, **kwargs)

        monkeypatch.setattr(diwoo, name, counting)
    return counted


def add(town):
    shown = advice(town)
    letter(ResponseLetter, advice=shown)
    letter(CouncilInformationLetter, advice=shown)
    letter(CompletionLetter, motion=motion(town))


def test_a_page_builds_only_its_own_documents_and_the_index_none(town, monkeypatch, built):
    monkeypatch.setattr(diwoo_sitemap, "PAGE_SIZE", 3)
    for __ in range(4):
        add(town)  # 8 documents in the advice category: pages of 3, 3 and 2
    index = etree.fromstring(get(ADVICE_INDEX).content)
    assert built == []
    entries = index.findall("s:sitemap", NS)
    assert len(entries) == 3
    seen = []
    for number, entry in enumerate(entries, start=1):
        built.clear()
        response = get(PAGE.format(number))
        page = etree.fromstring(response.content)
        urls = page.findall("s:url", NS)
        assert len(built) == len(urls) == (3 if number < 3 else 2)
        lastmods = [url.findtext("s:lastmod", namespaces=NS) for url in urls]
        latest = max(datetime.datetime.fromisoformat(moment) for moment in lastmods)
        index_lastmod = entry.findtext("s:lastmod", namespaces=NS)
        assert datetime.datetime.fromisoformat(index_lastmod) == latest
        seen += [url.findtext("s:loc", namespaces=NS) for url in urls]
    assert len(seen) == len(set(seen)) == 8
    assert get(PAGE.format(4)).status_code == 404


def test_the_keys_of_a_page_come_from_one_limited_query(town, monkeypatch):
    monkeypatch.setattr(diwoo_sitemap, "PAGE_SIZE", 3)
    for __ in range(4):
        add(town)
    rows = diwoo.category_rows(town.municipality, diwoo.ADVICE, None)
    with CaptureQueriesContext(connection) as context:
        keys = diwoo_sitemap.page_keys(rows, 2)
        lastmods = diwoo_sitemap.page_lastmods(rows)
    assert len(context) == 2
    assert "LIMIT 3" in context.captured_queries[0]["sql"]
    assert len(keys) == 3 and len(lastmods) == 3
    everything = list(rows.order_by(*diwoo.DOCUMENT_ORDER))
    assert keys == [(kind, pk) for __, kind, pk, __ in everything[3:6]]
    assert lastmods == [max(row[3] for row in everything[i : i + 3]) for i in (0, 3, 6)]


def test_the_query_count_of_index_and_page_does_not_grow(town, monkeypatch):
    monkeypatch.setattr(diwoo_sitemap, "PAGE_SIZE", 3)

    def count(path):
        with CaptureQueriesContext(connection) as context:
            assert get(path).status_code == 200
        return len(context)

    for __ in range(3):
        add(town)
    few = [count(ADVICE_INDEX), count(PAGE.format(2))]
    for __ in range(9):
        add(town)
    assert [count(ADVICE_INDEX), count(PAGE.format(2))] == few
