"""The public site's layout in Chromium at a desktop's and a phone's width: the page
header with the municipality's logo and name at the top, the filters in a row on a
desktop and one under the other on a phone, each advice point beside the college's
response on a desktop and above it on a phone, and no sideways scrolling on a phone.

Screenshots of every checked page go to the test's temporary folder (never into git),
so a failure can be looked at. The checks work on the boxes the browser laid out; the
last test breaks the layout on purpose and shows that they notice.

Needs /usr/bin/chromium (see tests/browser.py)."""

import itertools

import pytest

from tests.browser import BROWSER_TEST
from tests.test_browser import WIDTHS, public_site  # noqa: F401  (fixture)

pytestmark = BROWSER_TEST

DESKTOP, PHONE = WIDTHS["desktop"], WIDTHS["phone"]
# Rounding of sub-pixel boxes.
SLACK = 2


def box(page, selector) -> dict:
    found = page.locator(selector)
    assert found.count() >= 1, f"{selector} is not on the page"
    bounds = found.first.bounding_box()
    assert bounds is not None, f"{selector} is not shown"
    return bounds


def boxes(page, selector) -> list[dict]:
    return [item.bounding_box() for item in page.locator(selector).all()]


@pytest.fixture
def open_at(public_site, browser, tmp_path):  # noqa: F811
    """Open a public path at a width; take a full-page screenshot of it."""
    contexts = []

    def open_(path, width, css=""):
        # A style added by the test has no nonce: only then the page's CSP is bypassed.
        context = browser.new_context(
            viewport={"width": width, "height": 800}, locale="nl-NL", bypass_csp=bool(css)
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(public_site["base"] + path)
        if css:  # injected by a test that breaks the layout on purpose
            page.add_style_tag(content=css)
        name = path.strip("/").replace("/", "-").replace("?", "-") or "home"
        page.screenshot(path=tmp_path / f"{name}-{width}.png", full_page=True)
        return page

    yield open_
    for context in contexts:
        context.close()


def check_header(page, width):
    """The header is at the top, with the logo left of the municipality's name."""
    header = box(page, ".utrecht-page-header")
    logo = box(page, ".raadsvolg-brand__logo img")
    name = box(page, ".raadsvolg-brand__name")
    assert header["y"] <= SLACK, "the page header is not at the top"
    assert page.locator(".raadsvolg-brand__name").inner_text() == "Gemeente Dijkhoven"
    assert page.evaluate("document.querySelector('.raadsvolg-brand__logo img').naturalWidth") > 0
    for part, bounds in (("logo", logo), ("name", name)):
        assert bounds["y"] >= header["y"] - SLACK, f"the {part} sticks out above the header"
        bottom, header_bottom = bounds["y"] + bounds["height"], header["y"] + header["height"]
        assert bottom <= header_bottom + SLACK, f"the {part} falls out of the header"
        assert bounds["width"] > 10 and bounds["height"] > 10, f"the {part} has no size"
    assert logo["x"] + logo["width"] <= name["x"] + SLACK, "the name is not right of the logo"
    assert logo["height"] <= 80, "the logo is not kept small"


def check_no_sideways_scrolling(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page is {scroll} px wide at {width} px: it scrolls sideways"


def filter_fields(page) -> list[dict]:
    return boxes(page, ".raadsvolg-filters__field:not(.raadsvolg-filters__field--checkbox)")


def check_filters_in_a_row(page):
    fields = filter_fields(page)
    assert len(fields) >= 3
    tops = {round(field["y"]) for field in fields}
    assert max(tops) - min(tops) <= SLACK, "the filters are not side by side"
    lefts = [field["x"] for field in fields]
    assert lefts == sorted(lefts) and len(set(lefts)) == len(lefts)


def check_filters_stacked(page):
    fields = filter_fields(page)
    assert len(fields) >= 3
    for upper, lower in itertools.pairwise(fields):
        assert lower["y"] >= upper["y"] + upper["height"] - SLACK, "filters overlap or share a row"
        assert abs(lower["x"] - upper["x"]) <= SLACK, "stacked filters are not aligned"


def point_pairs(page) -> list[tuple[dict, dict]]:
    points = page.locator(".raadsvolg-point").all()
    assert points, "no advice point on the page"
    return [
        (
            point.locator(".raadsvolg-point__advice").bounding_box(),
            point.locator(".raadsvolg-point__response").bounding_box(),
        )
        for point in points
    ]


def check_points_side_by_side(page):
    for advice, response in point_pairs(page):
        assert abs(advice["y"] - response["y"]) <= SLACK, "point and response differ in top"
        assert response["x"] >= advice["x"] + advice["width"] - SLACK, (
            "the response is not right of the point"
        )


def check_list_rows_readable(page, width=None):
    """No cell of a list's rows holds more than its box: on a phone, where each row is a
    block, a cell kept at one line's height lets a wrapped title run into the status."""
    overflowing = page.evaluate(
        """[...document.querySelectorAll('.raadsvolg-records tbody td')]
            .filter(cell => cell.scrollHeight > cell.clientHeight + 1)
            .map(cell => cell.textContent.trim().slice(0, 40))"""
    )
    assert page.locator(".raadsvolg-records tbody td").count() > 0, "no list rows"
    assert overflowing == [], f"cells whose text runs out of their box: {overflowing}"


def check_points_stacked(page):
    for advice, response in point_pairs(page):
        assert response["y"] >= advice["y"] + advice["height"] - SLACK, (
            "the response is not under the point"
        )


def test_the_desktop_layout(public_site, open_at):  # noqa: F811
    for path in ("/", "/moties/", f"/moties/{public_site['motion'].number}/"):
        page = open_at(path, DESKTOP)
        check_header(page, DESKTOP)
        check_no_sideways_scrolling(page, DESKTOP)
    check_filters_in_a_row(open_at("/moties/", DESKTOP))
    check_filters_in_a_row(open_at("/toezeggingen/", DESKTOP))
    check_list_rows_readable(open_at("/moties/", DESKTOP))
    page = open_at(f"/adviezen/{public_site['advice'].pk}/", DESKTOP)
    check_header(page, DESKTOP)
    check_points_side_by_side(page)


def test_the_phone_layout(public_site, open_at):  # noqa: F811
    pages = [
        "/",
        "/moties/",
        f"/moties/{public_site['motion'].number}/",
        "/toezeggingen/",
        f"/toezeggingen/{public_site['commitment'].number}/",
        "/adviezen/",
        "/zoeken/?q=Taalhuis",
        "/toegankelijkheid/",
    ]
    for path in pages:
        page = open_at(path, PHONE)
        check_header(page, PHONE)
        check_no_sideways_scrolling(page, PHONE)
    check_filters_stacked(open_at("/moties/", PHONE))
    check_list_rows_readable(open_at("/moties/", PHONE))
    check_list_rows_readable(open_at("/toezeggingen/", PHONE))
    page = open_at(f"/adviezen/{public_site['advice'].pk}/", PHONE)
    check_header(page, PHONE)
    check_no_sideways_scrolling(page, PHONE)
    check_points_stacked(page)


def test_the_point_comes_before_the_response_in_the_document(public_site, open_at):  # noqa: F811
    page = open_at(f"/adviezen/{public_site['advice'].pk}/", DESKTOP)
    order = page.evaluate(
        "[...document.querySelector('.raadsvolg-point').children].map(e => e.className)"
    )
    assert order == ["raadsvolg-point__advice", "raadsvolg-point__response"]


# Each breaks one part of the layout as a careless change to site.css would.
BREAKAGES = [
    (
        "header",
        DESKTOP,
        "/",
        ".utrecht-page-header { position: absolute; top: 300px; }",
        check_header,
    ),
    (
        "logo",
        DESKTOP,
        "/",
        ".raadsvolg-brand { flex-direction: row-reverse; }",
        check_header,
    ),
    (
        "filters-desktop",
        DESKTOP,
        "/moties/",
        ".raadsvolg-filters { flex-direction: column; }",
        lambda page, width: check_filters_in_a_row(page),
    ),
    (
        "filters-phone",
        PHONE,
        "/moties/",
        ".raadsvolg-filters { flex-direction: row !important; flex-wrap: nowrap; }",
        lambda page, width: check_filters_stacked(page),
    ),
    (
        "points-desktop",
        DESKTOP,
        "advice",
        ".raadsvolg-point { display: block; }",
        lambda page, width: check_points_side_by_side(page),
    ),
    (
        "points-phone",
        PHONE,
        "advice",
        ".raadsvolg-point { grid-template-columns: 1fr 1fr; }",
        lambda page, width: check_points_stacked(page),
    ),
    (
        "rows-phone",
        PHONE,
        "/moties/",
        ".raadsvolg-records td { block-size: 1em !important; }",
        check_list_rows_readable,
    ),
    (
        "sideways",
        PHONE,
        "/moties/",
        ".raadsvolg-main { min-width: 40rem; }",
        check_no_sideways_scrolling,
    ),
]


@pytest.mark.parametrize(
    ("width", "path", "css", "check"),
    [breakage[1:] for breakage in BREAKAGES],
    ids=[breakage[0] for breakage in BREAKAGES],
)
def test_the_checks_catch_a_broken_layout(public_site, open_at, width, path, css, check):  # noqa: F811
    if path == "advice":
        path = f"/adviezen/{public_site['advice'].pk}/"
    check(open_at(path, width), width)  # the unbroken page passes
    with pytest.raises(AssertionError):
        check(open_at(path, width, css=css), width)
