"""Every public page type in a real browser (Debian's Chromium, driven by Playwright):
axe-core finds no WCAG 2.1 A/AA violation, at a desktop's and a phone's width, and the
filters work by keyboard alone. The layout itself: tests/test_browser_layout.py.

Needs /usr/bin/chromium and site/node_modules/axe-core (`cd site && npm ci`); outside
CI the tests are skipped without them, in CI their absence is a failure."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page, Site

from advice.constants import AdviceStatus
from advice.lifecycle import take_step
from advice.models import Advice, PointResponse
from advice.pages import AdviceIndexPage
from commitments.pages import CommitmentIndexPage
from commitments.publication import set_published as publish_commitment
from governance.demo_site import demo_logo
from governance.models import Letterhead
from governance.pages import ContentPage, HomePage, PublicSiteSettings
from motions.pages import MotionIndexPage
from motions.publication import set_published
from motions.votes import record_vote
from tests.browser import AXE, BROWSER_TEST
from tests.factories import AdviceFactory, CommitmentFactory, MotionFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def public_site(town, live_server):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    home = root.add_child(instance=HomePage(title="Raadsvolg Dijkhoven", slug="dijkhoven"))
    statement = ContentPage(
        title="Toegankelijkheidsverklaring",
        slug="toegankelijkheid",
        body="<p>Wij streven naar WCAG 2.1 AA.</p>",
    )
    for page in (
        MotionIndexPage(title="Moties", slug="moties"),
        CommitmentIndexPage(title="Toezeggingen", slug="toezeggingen"),
        AdviceIndexPage(title="Adviezen", slug="adviezen"),
        statement,
    ):
        home.add_child(instance=page)
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    town.municipality.site = Site.objects.get()
    town.municipality.save()
    PublicSiteSettings.objects.create(site=town.municipality.site, accessibility_page=statement)
    Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        logo=SimpleUploadedFile("logo.png", demo_logo("#1f4e79")),
    )
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        title="Taalhuis",
        submitters=[town.person],
    )
    record_vote(
        motion,
        town.griffie,
        outcome="adopted",
        votes_for=18,
        votes_against=9,
        party_votes={town.party: "for"},
    )
    set_published(motion, town.griffie, True)
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=2,
        subject="Advies armoede",
    )
    take_step(advice, town.advisory_member, "submit", on=datetime.date(2026, 11, 3))
    for point in advice.points.all():
        PointResponse.objects.create(point=point, position="adopted", text="Akkoord.")
    Advice.objects.filter(pk=advice.pk).update(status=AdviceStatus.published)
    commitment = CommitmentFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title="Informatie over de wachttijden",
        progress="De raadsinformatiebrief is in voorbereiding.",
    )
    publish_commitment(commitment, town.griffie, True)
    return {
        "base": live_server.url,
        "motion": motion,
        "advice": advice,
        "commitment": commitment,
    }


def violations(page) -> list:
    page.evaluate(AXE.read_text())  # not a script tag: the page's CSP would refuse it
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def paths(site):
    return [
        "/",
        "/moties/",
        f"/moties/{site['motion'].number}/",
        "/toezeggingen/",
        f"/toezeggingen/{site['commitment'].number}/",
        "/adviezen/",
        f"/adviezen/{site['advice'].pk}/",
        "/toegankelijkheid/",
        "/moties/?status=onzin",
        "/moties/?status=in_progress&overdue=on",
        "/zoeken/",
        "/zoeken/?q=Taalhuis",
    ]


# A desktop's and a phone's width: the layout changes between them (site.css).
WIDTHS = {"desktop": 1280, "phone": 375}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_public_page_type_has_no_accessibility_violation(public_site, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    for path in paths(public_site):
        response = page.goto(public_site["base"] + path)
        assert response.status == 200, path
        assert violations(page) == [], (width, path)
    response = page.goto(public_site["base"] + "/bestaat-niet/")
    assert response.status == 404
    assert violations(page) == [], (width, "404")


def test_the_filters_work_by_keyboard_alone(public_site, browser):
    page = browser.new_page()
    page.goto(public_site["base"] + "/moties/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Naar de inhoud"
    tab_to(page, "document.activeElement.id === 'id_status'")
    page.keyboard.press("ArrowDown")  # choose the first status without a mouse
    tab_to(page, "document.activeElement.type === 'submit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "status=submitted" in page.url
    assert page.locator("main").is_visible()


def tab_to(page, condition, limit=30):
    for _ in range(limit):
        if page.evaluate(f"() => {condition}"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"keyboard focus never reached: {condition}")


def test_search_works_by_keyboard(public_site, browser):
    page = browser.new_page()
    page.goto(public_site["base"] + "/zoeken/")
    tab_to(page, "document.activeElement.id === 'q'")
    page.keyboard.type("Taalhuis")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Taalhuis" in page.locator("main").inner_text()


def test_pages_work_without_javascript(public_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(public_site["base"] + "/moties/?status=in_progress")
    assert "Taalhuis" in page.content()
    context.close()
