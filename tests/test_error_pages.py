"""The error pages a visitor of the public site sees are Dutch and say what to do."""

from django.template.loader import render_to_string
from django.test import Client

from tests.test_public_motions import site  # noqa: F401  (fixture)


def test_a_missing_public_page_answers_in_dutch_on_the_site(site):  # noqa: F811
    response = Client().get("/moties/bestaat-niet/", HTTP_HOST="dijkhoven.example")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "Not Found" not in html
    assert 'lang="nl"' in html


def test_the_server_error_page_needs_no_context_and_is_dutch():
    # Django renders 500.html without a request: it must stand on its own.
    html = render_to_string("500.html")
    assert "Er ging iets mis" in html
    assert "functioneel beheerder" in html
