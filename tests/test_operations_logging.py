"""Structured logs: one JSON object per line with the request id, the request line per
request, the id taken from a safe X-Request-ID header, and no secrets in a line."""

import io
import json
import logging
import logging.config

import pytest
import structlog
from django.conf import settings
from django.urls import reverse

from operations.logging import logging_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines():
    """The production logging setup, writing into a buffer; the lines as dicts."""
    stream = io.StringIO()
    logging.config.dictConfig(logging_config("json", "INFO"))
    logging.getLogger().handlers[0].setStream(stream)

    def lines():
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    logging.config.dictConfig(settings.LOGGING)


def request_lines(lines):
    return [line for line in lines() if line["logger"] == "raadsvolg.request"]


def test_a_request_logs_one_json_line_with_its_id_and_no_query_string(client, json_lines):
    response = client.get("/geen-pagina/?q=geheim")
    [line] = request_lines(json_lines)
    assert line["event"] == "request"
    assert line["level"] == "info"
    assert line["method"] == "GET"
    assert line["path"] == "/geen-pagina/"
    assert line["status"] == 404
    assert isinstance(line["duration_ms"], float)
    assert line["timestamp"].endswith("Z")
    assert line["request_id"] == response["X-Request-ID"]
    assert len(response["X-Request-ID"]) == 32
    assert "geheim" not in json.dumps(json_lines())


def test_django_own_log_lines_are_json_with_the_request_id(client, json_lines):
    response = client.get("/geen-pagina/")
    [warning] = [line for line in json_lines() if line["logger"] == "django.request"]
    assert warning["level"] == "warning"
    assert warning["event"] == "Not Found: /geen-pagina/"
    assert warning["request_id"] == response["X-Request-ID"]


def test_an_incoming_safe_request_id_is_kept(client, json_lines):
    response = client.get("/geen-pagina/", headers={"X-Request-ID": "lb-4f2a.77:01"})
    assert response["X-Request-ID"] == "lb-4f2a.77:01"
    assert request_lines(json_lines)[0]["request_id"] == "lb-4f2a.77:01"


@pytest.mark.parametrize("unsafe", ['x" "level": "error', "a" * 200, "ab\ncd", "-leading", "ä"])
def test_an_unsafe_request_id_is_replaced(client, json_lines, unsafe):
    response = client.get("/geen-pagina/", headers={"X-Request-ID": unsafe})
    assert response["X-Request-ID"] != unsafe
    assert len(response["X-Request-ID"]) == 32


def test_a_signed_in_request_carries_the_user_id(client, json_lines, town):
    client.force_login(town.griffie)
    client.get(reverse("wagtailadmin_home"))
    [line] = request_lines(json_lines)
    assert line["user_id"] == town.griffie.pk
    assert line["status"] == 200


def test_a_password_reset_token_is_logged_as_its_route(client, json_lines):
    url = reverse(
        "wagtailadmin_password_reset_confirm", kwargs={"uidb64": "MQ", "token": "c9x-tokengeheim"}
    )
    client.get(url)
    [line] = request_lines(json_lines)
    assert line["path"] == "/admin/password_reset/confirm/<uidb64>/<token>/"
    assert "tokengeheim" not in json.dumps(json_lines())


def test_a_failed_login_logs_neither_password_nor_session(client, json_lines, town):
    client.post(
        reverse("wagtailadmin_login"), {"username": "griffie-gm9901", "password": "Wachtwoord-9!"}
    )
    client.force_login(town.griffie)
    client.get(reverse("wagtailadmin_home"))
    text = json.dumps(json_lines())
    assert "Wachtwoord-9!" not in text
    assert client.session.session_key not in text


def test_the_context_does_not_leak_into_the_next_request(client, json_lines, town):
    client.force_login(town.griffie)
    first = client.get(reverse("wagtailadmin_home"))
    client.logout()
    second = client.get("/geen-pagina/")
    assert first["X-Request-ID"] != second["X-Request-ID"]
    signed_in, anonymous = request_lines(json_lines)[0], request_lines(json_lines)[-1]
    assert signed_in["user_id"] == town.griffie.pk
    assert anonymous["request_id"] == second["X-Request-ID"]
    assert "user_id" not in anonymous


def test_an_error_line_keeps_its_traceback_as_one_json_field(json_lines):
    try:
        raise ValueError("kapot")
    except ValueError:
        structlog.get_logger("raadsvolg.test").exception("failed", record=7)
    [line] = [line for line in json_lines() if line["logger"] == "raadsvolg.test"]
    assert line["level"] == "error"
    assert line["record"] == 7
    assert "ValueError: kapot" in line["exception"]


def test_development_logs_read_as_text():
    stream = io.StringIO()
    try:
        logging.config.dictConfig(logging_config("console", "INFO"))
        logging.getLogger().handlers[0].setStream(stream)
        logging.getLogger("raadsvolg.test").warning("let op %s", "hier")
    finally:
        logging.config.dictConfig(settings.LOGGING)
    assert "let op hier" in stream.getvalue()
    assert not stream.getvalue().lstrip().startswith("{")


def test_each_django_line_is_written_once_through_the_root_handler(client, json_lines):
    client.get("/geen-pagina/")
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django.server").handlers == []
    not_found = [line for line in json_lines() if line["event"].startswith("Not Found")]
    assert len(not_found) == 1
