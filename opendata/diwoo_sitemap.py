"""The DiWoo sitemaps the Woo-harvester reads: per informatiecategorie a sitemap index
(named `sitemapindex-diwoo-infocatNNN.xml`, as the harvester requires), its sitemaps of
at most PAGE_SIZE documents, and each document's `<url>` with `<loc>`, `<lastmod>` and
a `<diwoo:Document>` carrying its metadata (opendata.diwoo)."""

import datetime
import re
import xml.etree.ElementTree as ET

from .diwoo import DIWOO_NS, DOCUMENT_ORDER, DUTCH, SCHEMA_VERSION, WooDocument, w3c_datetime
from .paging import lastmod_per_page

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{DIWOO_NS} https://standaarden.overheid.nl/diwoo/metadata/{SCHEMA_VERSION}"
    "/xsd/diwoo/diwoo-metadata.xsd"
)
# The sitemap protocol allows 50,000 entries a file; a document with its DiWoo metadata
# takes about 2 KB and 0.7 ms to build, so 200 a page keep an answer near 400 KB and
# well under 200 ms (docs/scale.md).
PAGE_SIZE = 200

# Characters XML 1.0 does not allow at all; text pasted from a PDF may hold them, and one
# of them would make the whole sitemap unreadable to the harvester.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ET.register_namespace("", SITEMAP_NS)
ET.register_namespace("diwoo", DIWOO_NS)
ET.register_namespace("xsi", XSI_NS)


def page_keys(rows, number: int) -> list[tuple[str, int]]:
    """The (kind code, id) of the documents on sitemap page `number` (from 1) of the
    rows of `diwoo.category_rows`: only that page's rows leave the database."""
    start = (number - 1) * PAGE_SIZE
    page = rows.order_by(*DOCUMENT_ORDER)[start : start + PAGE_SIZE]
    return [(kind, pk) for __, kind, pk, __ in page]


def page_lastmods(rows) -> list[datetime.datetime]:
    """The latest lastmod of each sitemap page of the rows, first page first, from one
    query that returns one row a page."""
    return lastmod_per_page(rows, ", ".join(DOCUMENT_ORDER), "woo_mod", PAGE_SIZE)


def sitemap_index(pages: list[tuple[str, object]]) -> bytes:
    """A sitemap index of (url, lastmod or None) pairs."""
    root = ET.Element(_s("sitemapindex"))
    for url, lastmod in pages:
        entry = ET.SubElement(root, _s("sitemap"))
        ET.SubElement(entry, _s("loc")).text = url
        if lastmod is not None:
            ET.SubElement(entry, _s("lastmod")).text = w3c_datetime(lastmod)
    return _serialise(root)


def sitemap(documents: list[WooDocument]) -> bytes:
    """A sitemap with one `<url>` per document, its DiWoo metadata inside."""
    root = ET.Element(_s("urlset"), {f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION})
    for document in documents:
        url = ET.SubElement(root, _s("url"))
        ET.SubElement(url, _s("loc")).text = document.url
        ET.SubElement(url, _s("lastmod")).text = w3c_datetime(document.lastmod)
        url.append(document_element(document))
    return _serialise(root)


def document_element(document: WooDocument) -> ET.Element:
    """`<diwoo:Document><diwoo:DiWoo>…`, in the order of DiWooType."""
    element = ET.Element(_d("Document"))
    diwoo = ET.SubElement(element, _d("DiWoo"))
    if document.identifiers:
        _list(diwoo, "identifiers", "identifier", document.identifiers)
    _term(diwoo, "publisher", document.municipality_term)
    _term(diwoo, "verantwoordelijke", document.municipality_term)
    if document.author:
        _term(diwoo, "opsteller", document.author)
    if document.author_name:
        _text(diwoo, "naamOpsteller", document.author_name)
    titles = ET.SubElement(diwoo, _d("titelcollectie"))
    _text(titles, "officieleTitel", document.title)
    classification = ET.SubElement(diwoo, _d("classificatiecollectie"))
    categories = ET.SubElement(classification, _d("informatiecategorieen"))
    _term(categories, "informatiecategorie", document.category.term)
    kinds = ET.SubElement(classification, _d("documentsoorten"))
    _term(kinds, "documentsoort", document.kind)
    _text(diwoo, "creatiedatum", document.created.isoformat())
    _term(diwoo, "language", DUTCH)
    _term(diwoo, "format", document.format)
    _handlings(diwoo, document)
    if document.relations:
        _relations(diwoo, document)
    return element


def _handlings(parent, document):
    handlings = ET.SubElement(parent, _d("documenthandelingen"))
    for handling in document.handlings:
        entry = ET.SubElement(handlings, _d("documenthandeling"))
        _term(entry, "soortHandeling", handling.kind)
        _text(entry, "atTime", w3c_datetime(handling.at))


def _relations(parent, document):
    relations = ET.SubElement(parent, _d("documentrelaties"))
    for relation in document.relations:
        entry = ET.SubElement(relations, _d("documentrelatie"))
        _term(entry, "role", relation.role)
        relation_element = ET.SubElement(entry, _d("relation"), {"resource": relation.url})
        relation_element.text = NOT_XML.sub("", relation.title)


def _term(parent, name, term):
    ET.SubElement(parent, _d(name), {"resource": term.resource}).text = term.label


def _text(parent, name, text):
    ET.SubElement(parent, _d(name)).text = NOT_XML.sub("", text)


def _list(parent, name, item, values):
    container = ET.SubElement(parent, _d(name))
    for value in values:
        _text(container, item, value)


def _s(name):
    return f"{{{SITEMAP_NS}}}{name}"


def _d(name):
    return f"{{{DIWOO_NS}}}{name}"


def _serialise(root) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
