"""Error reporting: with SENTRY_DSN set, an exception in a view reaches the Sentry
endpoint (a real HTTP server on loopback, the SDK's real transport), without form
contents or cookies; without a DSN nothing is initialised."""

import gzip
import json
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings

from operations.sentry import init_sentry

# Runs in a fresh interpreter: Sentry patches Django process-wide once it is initialised.
PROBE = """
import os, sys, types
import django
django.setup()
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path
import sentry_sdk

def boom(request):
    raise RuntimeError("kapot in de view")

urls = types.ModuleType("probe_urls")
urls.urlpatterns = [path("boom/", boom)]
sys.modules["probe_urls"] = urls
with override_settings(ROOT_URLCONF="probe_urls"):
    client = Client(raise_request_exception=False)
    # Any cookie will do (the session cookie would make the middleware read the
    # session table, which this bare database lacks).
    client.cookies["voorkeur"] = "sessie-geheim"
    response = client.post("/boom/", {"password": "wachtwoord-geheim", "note": "formulier"})
sentry_sdk.flush(10)
print(response.status_code)
"""


class Collector(BaseHTTPRequestHandler):
    received: list

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":
            import brotli  # WeasyPrint's fontTools brings it; the SDK then prefers it

            body = brotli.decompress(body)
        self.received.append((self.path, encoding, body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    Collector.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_an_exception_in_a_view_is_sent_to_sentry_without_personal_data(sentry_server):
    port = sentry_server.server_address[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "sqlite://:memory:",
        "SENTRY_DSN": f"http://publickey@127.0.0.1:{port}/42",
        "SENTRY_ENVIRONMENT": "acceptatie",
        "SENTRY_RELEASE": "raadsvolg@1.2.3",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("500")
    events = [body for url, _enc, body in Collector.received if url == "/api/42/envelope/"]
    assert events, Collector.received
    envelope = b"\n".join(events).decode()
    items = [json.loads(line) for line in envelope.splitlines() if line.startswith("{")]
    [event] = [item for item in items if item.get("exception")]
    [exception] = event["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "kapot in de view"
    assert event["environment"] == "acceptatie"
    assert event["release"] == "raadsvolg@1.2.3"
    assert not event["request"].get("data")
    assert "cookies" not in event["request"]
    for secret in ("wachtwoord-geheim", "formulier", "sessie-geheim"):
        assert secret not in envelope
    assert "user" not in event or "ip_address" not in event["user"]


def test_without_a_dsn_nothing_is_initialised():
    assert init_sentry("") is False
    import sentry_sdk

    assert not sentry_sdk.get_client().is_active()
