"""Three repairs to what WeasyPrint writes into a tagged PDF, for `render_pdf`.

1. **One structure element per HTML element.** WeasyPrint builds the structure tree page
   by page: an element that a page break splits (the `<main>` of every letter, a list,
   a list item, a paragraph) becomes one structure element per page, so a screen reader
   meets a 3-item list broken over two pages as two lists. We note which HTML element
   each structure element comes from while WeasyPrint builds the tree, and afterwards
   join the pieces that continue each other across a page break.
2. **The page margins are artifacts.** The page number and the draft marker of later
   pages are marked as pagination artifacts, not as text whose structure element
   WeasyPrint leaves outside the tree.
3. **`dc:language` in the XMP metadata**, which PDF/UA asks for and WeasyPrint leaves out
   (it writes the language only to the catalogue's /Lang).

All three hook into WeasyPrint internals (`weasyprint.pdf.tags`); `tests/test_letter_layout.py`
pins the result, so an upgrade that changes them fails there rather than in a letter."""

import inspect
import logging
import threading
from xml.etree.ElementTree import SubElement, fromstring, tostring

# Structure types that only group other structure elements, so joining two pieces of
# one is safe: their kids keep their own page (/Pg) and marked content. Links, figures
# and table cells carry marked content or annotations themselves and are left alone.
JOINABLE = {"/Part", "/Art", "/Sect", "/Div", "/BlockQuote", "/L", "/LI", "/LBody", "/P"}

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"

logger = logging.getLogger(__name__)
BUILD_PARAMETERS = ["box", "parent", "pdf", "page_number", "nums", "annotations", "tags"]

_installed = threading.Lock()
_state = {"installed": False}


def install() -> None:
    """Wrap WeasyPrint's tree building once per process (idempotent, thread-safe)."""
    with _installed:
        if _state["installed"]:
            return
        import weasyprint.pdf as pdf_module
        from weasyprint.formatting_structure.boxes import MarginBox
        from weasyprint.pdf import tags as tags_module

        build = tags_module._build_box_tree
        add_tags = pdf_module.add_tags
        if list(inspect.signature(build).parameters) != BUILD_PARAMETERS:
            # Another WeasyPrint: letters still render, without these repairs (the
            # layout tests then fail and say so).
            logger.warning("WeasyPrint's tagging changed; the structure tree is not repaired.")
            _state["installed"] = True
            return

        def tracked_build(box, parent, pdf, page_number, nums, annotations, tags):
            if isinstance(box, MarginBox):
                # Its content gets structure elements outside the tree: note its MCIDs.
                before = set(nums)
                yield from build(box, parent, pdf, page_number, nums, annotations, tags)
                margins = pdf.__dict__.setdefault("_raadsvolg_margins", {})
                margins.setdefault(page_number, set()).update(set(nums) - before)
                return
            source = _source(box)
            sources = pdf.__dict__.setdefault("_raadsvolg_sources", {})
            for element in build(box, parent, pdf, page_number, nums, annotations, tags):
                if source is not None:
                    sources[id(element)] = (element, source)
                yield element

        def joined_add_tags(pdf, document, pdf_version, page_streams):
            add_tags(pdf, document, pdf_version, page_streams)
            mark_margins_as_artifacts(pdf, page_streams)
            join_split_elements(pdf)

        tags_module._build_box_tree = tracked_build  # its recursion goes through this too
        pdf_module.add_tags = joined_add_tags
        _state["installed"] = True


def _source(box):
    box = getattr(box, "_box", box)  # an absolutely placed box stands in for its box
    element = getattr(box, "element", None)
    if element is None:
        return None
    return (id(element), box.element_tag)


def _resolve(pdf, reference):
    """The object a reference ("12 0 R") points to, or None for anything else."""
    if not isinstance(reference, bytes) or not reference.endswith(b" R"):
        return None
    return pdf.objects[int(reference.split()[0])]


def mark_margins_as_artifacts(pdf, page_streams) -> None:
    """Make the content of the page margins (page number, draft marker) pagination
    artifacts, as PDF/UA wants running headers and footers. WeasyPrint marks it as a
    /Span with an MCID whose structure element it leaves out of the tree."""
    import pydyf

    margins = pdf.__dict__.pop("_raadsvolg_margins", {})
    root = _resolve(pdf, pdf.catalog.get("StructTreeRoot"))
    if root is None or not margins:
        return
    numbers = _resolve(pdf, root["ParentTree"])["Nums"]
    per_page = dict(zip(numbers[0::2], numbers[1::2], strict=True))
    for page_number, mcids in margins.items():
        operations = page_streams[page_number].stream
        for index, item in enumerate(operations):
            if isinstance(item, dict) and item.get("MCID") in mcids and index:
                mcid = item["MCID"]
                operations[index - 1] = "/Artifact"
                operations[index] = pydyf.Dictionary({"Type": "/Pagination"})
                # The parent tree's array for a page is indexed by MCID.
                orphan = _resolve(pdf, per_page[page_number][mcid])
                if orphan is not None:
                    orphan.clear()
                per_page[page_number][mcid] = b"null"


def join_split_elements(pdf) -> None:
    """Join the structure elements that continue one HTML element across a page break."""
    sources = pdf.__dict__.pop("_raadsvolg_sources", {})
    root = _resolve(pdf, pdf.catalog.get("StructTreeRoot"))
    if root is None:
        return
    for reference in root["K"]:
        _join_kids(pdf, _resolve(pdf, reference), sources)


def _join_kids(pdf, element, sources) -> None:
    kids = element.get("K") if hasattr(element, "get") else None
    if not isinstance(kids, list):
        return
    joined = []
    for reference in kids:
        kid = _resolve(pdf, reference)
        previous = _resolve(pdf, joined[-1]) if joined else None
        if previous is not None and kid is not None and _continues(pdf, previous, kid, sources):
            for grandchild in kid["K"]:
                _resolve(pdf, grandchild)["P"] = previous.reference
            previous["K"].extend(kid["K"])
            kid.clear()  # an empty, unreferenced object: nothing points to it any more
            continue
        joined.append(reference)
    kids[:] = joined
    for reference in joined:
        kid = _resolve(pdf, reference)
        if kid is not None and kid.get("Type") == "/StructElem":
            _join_kids(pdf, kid, sources)


def _continues(pdf, previous, kid, sources) -> bool:
    """Whether `kid` is the rest, on a later page, of the HTML element of `previous`."""
    first, second = sources.get(id(previous)), sources.get(id(kid))
    if first is None or second is None or first[1] != second[1]:
        return False
    if previous.get("S") != kid.get("S") or kid.get("S") not in JOINABLE:
        return False
    if previous.get("Pg") == kid.get("Pg"):
        return False  # two boxes of one element on one page: not a page break
    # Only structure elements move; marked content and annotations stay where they are.
    return all(
        getattr(_resolve(pdf, grandchild), "get", lambda _key: None)("Type") == "/StructElem"
        for grandchild in kid["K"]
    )


def metadata_with_language(metadata, language: str):
    """`metadata` (a WeasyPrint DocumentMetadata) writing `language` as dc:language."""
    base = type(metadata)

    class LetterMetadata(base):
        def generate_rdf_metadata(self, variant, version, conformance):
            rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
            description = SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
            bag = SubElement(SubElement(description, f"{{{DC}}}language"), f"{{{RDF}}}Bag")
            SubElement(bag, f"{{{RDF}}}li").text = language
            return tostring(rdf, encoding="utf-8")

    copy = LetterMetadata.__new__(LetterMetadata)
    copy.__dict__.update(metadata.__dict__)
    return copy
