"""The figures page /cijfers/ in Chromium at a desktop and a phone width: axe-core finds
no WCAG 2.1 A/AA violation, the Content-Security-Policy refuses nothing, the charts need
no JavaScript and nothing is wider than the phone's screen."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from advice.constants import AdviceStatus, Position
from advice.models import AdviceResponse, PointResponse
from governance.pages import HomePage
from tests.browser import BROWSER_TEST
from tests.factories import AdviceFactory, MotionFactory
from tests.test_browser import violations
from tests.test_browser_csp import LISTEN, REFUSED

pytestmark = BROWSER_TEST

WIDTHS = [(1280, 800), (375, 740)]


@pytest.fixture
def figures_site(town, live_server):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    home = root.add_child(instance=HomePage(title="Raadsvolg Dijkhoven", slug="dijkhoven"))
    town.municipality.site = Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True
    )
    town.municipality.save()
    year = timezone.localdate().year
    vote = datetime.date(year, 1, 2)
    for days, deadline in ((30, 60), (120, 60)):
        MotionFactory(
            municipality=town.municipality,
            meeting=town.meeting,
            portfolio=town.portfolio,
            completed=True,
            vote_date=vote,
            deadline=vote + datetime.timedelta(days=deadline),
            completion_date=vote + datetime.timedelta(days=days),
            published_at=timezone.now(),
        )
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=3,
        status=AdviceStatus.published,
        date=vote,
        response_due_date=vote + datetime.timedelta(days=42),
    )
    positions = (Position.adopted, Position.partly_adopted, Position.not_adopted)
    for point, position in zip(advice.points.order_by("number"), positions, strict=True):
        PointResponse.objects.create(point=point, position=position, text="Reactie.")
    AdviceResponse.objects.create(advice=advice, sent_on=vote + datetime.timedelta(days=40))
    return live_server.url


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_figures_page_is_accessible_and_breaks_no_policy(figures_site, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    context.add_init_script(LISTEN)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if REFUSED.search(m.text) else None)
    for path in (
        "/cijfers/",
        "/cijfers/?jaar=onzin",
        f"/cijfers/?jaar={timezone.localdate().year - 1}",
    ):
        response = page.goto(figures_site + path)
        assert response.status in (200, 400), path
        page.wait_for_timeout(50)  # violation events are queued as tasks
        assert page.evaluate("window.__csp") == [], path
        assert violations(page) == [], path
        wider = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not wider, f"{path} is wider than {width} px"
    assert console == []
    context.close()


def test_the_charts_show_without_javascript(figures_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(figures_site + "/cijfers/")
    chart = page.get_by_role("img", name=f"Moties aangenomen in {timezone.localdate().year}")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert 300 < box["width"] <= 375 and box["height"] > 100
    context.close()
