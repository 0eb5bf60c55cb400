"""The security headers of issue 14 item 5 on admin pages, public pages and downloads:
Content-Security-Policy with a nonce per request that the inline code carries,
Permissions-Policy, Referrer-Policy, X-Content-Type-Options and framing."""

import importlib
import re

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import Page, Site

from governance.models import Letterhead
from governance.pages import HomePage
from governance.security import SecurityHeadersMiddleware
from motions.models import CompletionLetter
from motions.pages import MotionIndexPage
from motions.publication import set_published
from tests.admin_helpers import client_for
from tests.factories import MotionFactory, UserFactory

NONCE = re.compile(r"'nonce-([^']+)'")
# <script> and <style> elements with code in the page: not a file, not JSON data.
INLINE = re.compile(
    r"<(script|style)\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")([^>]*)>", re.I
)


def policy(response) -> dict[str, str]:
    """The Content-Security-Policy header as {directive: sources}."""
    parts = (part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def nonce(response) -> str:
    found = NONCE.findall(response["Content-Security-Policy"])
    assert len(set(found)) == 1, response["Content-Security-Policy"]
    return found[0]


def assert_inline_code_carries_the_nonce(response):
    """Every inline script and style of the page has the nonce of the response's header."""
    html = response.content.decode()
    tags = INLINE.findall(html)
    assert tags, "the page has no inline code: this check checks nothing"
    expected = f'nonce="{nonce(response)}"'
    assert [tag for tag in tags if expected not in tag[1]] == []


def assert_security_headers(response):
    csp = policy(response)
    assert csp["default-src"] == "'self'"
    assert csp["script-src"].startswith("'self'") and "unsafe" not in csp["script-src"]
    assert csp["style-src"].startswith("'self'") and "unsafe" not in csp["style-src"]
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'self'"
    assert csp["form-action"] == "'self'"
    assert csp["img-src"] == "'self' data:"
    assert csp["frame-ancestors"] == "'none'"
    assert "upgrade-insecure-requests" not in csp  # production only
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.fixture
def site(town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    home = root.add_child(instance=HomePage(title="Raadsvolg Dijkhoven", slug="dijkhoven"))
    home.add_child(instance=MotionIndexPage(title="Moties", slug="moties"))
    town.municipality.site = Site.objects.create(
        hostname="dijkhoven.example", port=80, root_page=home, is_default_site=True
    )
    town.municipality.save()
    Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        secretary_name="S.",
        mayor_name="B.",
        theme_color="#1f4e79",
    )
    return home


def motion(town):
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        submitters=[town.person],
    )


def test_an_admin_page_has_the_headers(town):
    response = client_for(town.griffie).get("/admin/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_login_page_has_the_headers(db):
    response = Client().get("/admin/login/")
    assert_security_headers(response)
    assert "nonce" not in response["Content-Security-Policy"]  # nothing inline: no nonce


def test_the_public_theme_is_a_stylesheet_so_a_public_page_needs_no_nonce(town, site):
    page = Client().get("/moties/", HTTP_HOST="dijkhoven.example")
    assert_security_headers(page)
    assert '<link rel="stylesheet" href="/thema.css?v=1f4e79">' in page.text
    assert "nonce" not in page.text and "nonce-" not in page["Content-Security-Policy"]
    theme = Client().get("/thema.css?v=1f4e79", HTTP_HOST="dijkhoven.example")
    assert "--raadsvolg-color-primary: #1f4e79" in theme.text
    assert theme["X-Content-Type-Options"] == "nosniff"


def test_a_public_letter_pdf_has_the_headers(town, site):
    shown = motion(town)
    set_published(shown, town.griffie, True)
    letter = CompletionLetter.objects.create(motion=shown, core_message="<p>Uitgevoerd.</p>")
    letter.send(town.staff)
    response = Client().get(
        f"/moties/{shown.number}/brief/{letter.pk}/", HTTP_HOST="dijkhoven.example"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_security_headers(response)


def test_an_admin_letter_pdf_opens_inline_with_the_headers(town, site):
    letter = CompletionLetter.objects.create(motion=motion(town))
    client = client_for(town.griffie)
    response = client.get(reverse("completion_letter:action", args=[letter.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert_security_headers(response)
    # The preview is the letter as an HTML page: its style elements carry the nonce.
    preview = client.get(reverse("completion_letter:action", args=[letter.pk, "preview"]))
    assert_security_headers(preview)
    assert_inline_code_carries_the_nonce(preview)


def test_an_ics_feed_and_a_csv_export_have_the_headers(town, site):
    assert_security_headers(Client().get("/termijnen.ics", HTTP_HOST="dijkhoven.example"))
    export = client_for(town.griffie).get("/admin/motion/?export=csv")
    assert export.status_code == 200
    assert_security_headers(export)


def test_admin_forms_with_inline_scripts_give_them_the_nonce(town):
    """The inline panel of the submitters, and the register-a-meeting page's style."""
    client = client_for(town.griffie)
    new_motion = client.get("/admin/motion/new/")
    assert "new InlinePanel(" in new_motion.text
    assert_inline_code_carries_the_nonce(new_motion)
    register = client.get(reverse("motion:register_meeting", args=[town.meeting.pk]))
    assert_inline_code_carries_the_nonce(register)


def test_wagtails_choosers_and_page_editor_give_their_scripts_the_nonce(town, site):
    client = client_for(UserFactory(username="beheerder", is_superuser=True))
    sites = client.get(f"/admin/sites/edit/{site.get_site().pk}/")
    assert "createPageChooser(" in sites.text or "PageChooser" in sites.text
    assert_inline_code_carries_the_nonce(sites)
    assert_inline_code_carries_the_nonce(client.get(f"/admin/pages/{site.pk}/edit/"))


def test_only_pages_with_the_rich_text_editor_allow_its_style_elements(town, site):
    client = client_for(UserFactory(username="beheerder", is_superuser=True))
    editor = client.get(f"/admin/pages/{site.pk}/edit/")  # the home page's intro
    assert policy(editor)["style-src-elem"] == "'self' 'unsafe-inline'"
    assert "unsafe" not in policy(editor)["script-src"]
    assert "style-src-elem" not in policy(client.get("/admin/"))
    public = Client().get("/moties/", HTTP_HOST="dijkhoven.example")
    assert "style-src-elem" not in policy(public)


def test_wagtails_previews_may_be_framed_by_the_admin_only(settings):
    from csp.middleware import CSPMiddleware

    def preview(request):
        response = HttpResponse("<p>preview</p>")
        response["X-Frame-Options"] = "SAMEORIGIN"  # what Wagtail's preview views set
        return response

    response = CSPMiddleware(SecurityHeadersMiddleware(preview))(RequestFactory().get("/"))
    assert policy(response)["frame-ancestors"] == "'self'"
    assert response["Permissions-Policy"].startswith("camera=()")


def test_production_upgrades_insecure_requests(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://check@localhost/check")
    monkeypatch.setenv("DJANGO_SECRET_KEY", "check-only")
    production = importlib.import_module("config.settings.production")
    base = importlib.import_module("config.settings.base").CONTENT_SECURITY_POLICY["DIRECTIVES"]
    directives = dict(production.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    assert directives.pop("upgrade-insecure-requests") is True
    assert "upgrade-insecure-requests" not in base
    assert directives == base  # otherwise the same policy as in development
