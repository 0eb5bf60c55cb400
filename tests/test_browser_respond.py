"""Responding per point as college staff do it, in Chromium with the nl-NL locale: open
the form, go to a group, fill it in with a mistake, land on the error summary at the
top, follow its link to the field, correct it, save and go on to the next group, and
read what was stored. Also without JavaScript: the summary and its links are there."""

import datetime

from advice.constants import AdviceStatus as S
from advice.lifecycle import take_step
from advice.models import Advice, AdvicePoint, PointResponse
from tests.browser import AXE, BROWSER_TEST, PASSWORD, save
from tests.factories import AdviceFactory

pytestmark = BROWSER_TEST

THEMES = ["Wonen", "Wonen", "Zorg", "Zorg", "Zorg", "Werk", "Werk"]
SHOTS = "/tmp/respond"


def submitted(town):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=0,
    )
    for number, theme in enumerate(THEMES, start=1):
        AdvicePoint.objects.create(
            advice=advice,
            number=number,
            theme=theme,
            text=f"Wij adviseren het college om maatregel {number} te nemen. " * 4,
            explanation="De adviesraad sprak met inwoners." if number == 4 else "",
            sort_order=number,
        )
    take_step(advice, town.advisory_member, "submit", on=datetime.date(2026, 11, 3))
    return advice


def in_view(page, selector) -> bool:
    """Whether the element can be seen: in the window and not covered at its top."""
    return page.evaluate(
        """(selector) => {
            const element = document.querySelector(selector);
            const box = element.getBoundingClientRect();
            // in the window, and not under the admin's sticky header
            const seen = document.elementFromPoint(box.left + 2, box.top + 2);
            return box.top >= 0 && box.bottom <= window.innerHeight && element.contains(seen);
        }""",
        selector,
    )


def violations(page) -> list:
    page.evaluate(AXE.read_text())  # not a script tag: the page's CSP would refuse it
    result = page.evaluate(
        "() => axe.run(document.querySelector('main'), {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def test_a_group_is_answered_corrected_after_the_summary_and_stored(town, admin_as):
    advice = submitted(town)
    points = {p.number: p.pk for p in advice.points.all()}
    page = admin_as(town.staff)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{page.base}/admin/advice/{advice.pk}/respond/")
    assert "0 van de 7 punten hebben een volledige reactie" in page.content()
    page.screenshot(path=f"{SHOTS}-1-open.png", full_page=True)
    with page.expect_navigation():
        page.get_by_role("navigation", name="Groepen punten").get_by_role(
            "link", name="Zorg"
        ).click()
    assert page.get_by_role("heading", name="Groep 2 van 3: Zorg").is_visible()

    for number in (3, 4, 5):
        page.locator(f"#id_point-{points[number]}-position").select_option(
            "not_adopted" if number == 4 else "adopted"
        )
        page.locator(f"#id_point-{points[number]}-text").fill(f"Reactie op punt {number}.")
    save(page, "Opslaan")

    # The summary: at the top, focused, with a link to the field in error.
    summary = page.locator("#error-summary")
    assert summary.get_by_role("heading", name="Er ging iets mis").is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert in_view(page, "#error-summary")
    first_point = page.locator(f"#point-{points[3]}").bounding_box()
    assert summary.bounding_box()["y"] < first_point["y"]
    assert page.locator(f"#id_point-{points[4]}-text").input_value() == "Reactie op punt 4."
    assert violations(page) == []
    page.screenshot(path=f"{SHOTS}-2-summary.png", full_page=True)

    reasons = f"#id_point-{points[4]}-reasons"
    summary.get_by_role("link", name="Punt 4, Motivering").click()
    assert page.evaluate("document.activeElement.id") == reasons[1:]
    assert in_view(page, reasons)
    assert in_view(page, f"label[for={reasons[1:]}]")
    page.wait_for_timeout(500)
    page.screenshot(path=f"{SHOTS}-3-field.png")
    assert page.locator(reasons).get_attribute("aria-invalid") == "true"

    page.locator(reasons).fill("Past niet in de begroting.")
    save(page, "Opslaan en volgende groep")
    assert page.url.endswith("/respond/?groep=3")
    assert "De reacties bij ‘Zorg’ zijn opgeslagen." in page.content()
    assert "3 van de 7 punten hebben een volledige reactie" in page.content()
    page.screenshot(path=f"{SHOTS}-4-next.png")
    page.get_by_role("link", name="Vorige groep: Zorg").scroll_into_view_if_needed()
    page.screenshot(path=f"{SHOTS}-5-buttons.png")

    stored = {
        r.point.number: (r.position, r.text, r.reasons)
        for r in PointResponse.objects.select_related("point")
    }
    assert stored == {
        3: ("adopted", "Reactie op punt 3.", ""),
        4: ("not_adopted", "Reactie op punt 4.", "Past niet in de begroting."),
        5: ("adopted", "Reactie op punt 5.", ""),
    }
    assert Advice.objects.get(pk=advice.pk).status == S.response_in_preparation

    # The adopt step names the open points; each link leads to the point in the form.
    page.goto(f"{page.base}/admin/advice/{advice.pk}/step/adopt_response/")
    warning = page.locator(".help-warning")
    assert "de punten 1, 2, 6 en 7 hebben nog geen volledige reactie" in warning.inner_text()
    page.screenshot(path=f"{SHOTS}-6-adopt.png")
    with page.expect_navigation():
        warning.get_by_role("link", name="6", exact=True).click()
    assert page.url.endswith(f"/respond/?groep=3#point-{points[6]}")
    assert in_view(page, f"#point-{points[6]} legend")


def test_without_javascript_the_form_saves_and_the_summary_links_to_the_field(
    town, live_server, browser
):
    advice = submitted(town)
    point = advice.points.get(number=1)
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(town.staff.username)
    page.locator("#id_password").fill(PASSWORD)
    save(page, "Inloggen")
    page.goto(f"{live_server.url}/admin/advice/{advice.pk}/respond/?groep=1")
    page.locator(f"#id_point-{point.pk}-position").select_option("noted")
    page.locator(f"#id_point-{point.pk}-text").fill("Voor kennisgeving.")
    save(page, "Opslaan")
    link = page.locator("#error-summary a").first
    assert link.get_attribute("href") == f"#id_point-{point.pk}-reasons"
    assert page.locator(f"#id_point-{point.pk}-text").input_value() == "Voor kennisgeving."
    page.locator(f"#id_point-{point.pk}-reasons").fill("Het college wacht de evaluatie af.")
    save(page, "Opslaan en volgende groep")
    assert page.url.endswith("/respond/?groep=2")
    assert PointResponse.objects.get(point=point).reasons == "Het college wacht de evaluatie af."
    context.close()
