"""For `manage.py bench_scale`: a fresh PostgreSQL database per size (a copy of the
migrated one), and the throughput of gunicorn with the production settings (as
bin/prod-smoke starts it) for the public motie list against a plain content page."""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PAGES = {"motie list": "/moties/", "content page": "/toegankelijkheid/"}


class Databases:
    """CREATE DATABASE … TEMPLATE <the migrated one> for each size, so that every size
    starts from the same empty, migrated state; dropped afterwards."""

    def __init__(self, connection, keep=False):
        self.connection = connection
        self.keep = keep
        self.template = connection.settings_dict["NAME"]
        self.current = None

    def _execute(self, sql):
        self.connection.close()
        with self.connection._nodb_cursor() as cursor:
            cursor.execute(sql)

    def fresh(self, size):
        self.drop_current()
        name = f"{self.template}_bench_{size}"
        self.connection.settings_dict["NAME"] = self.template
        self._execute(f'DROP DATABASE IF EXISTS "{name}"')
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        self.connection.settings_dict["NAME"] = name
        self.current = name

    def kept(self, size) -> bool:
        """Switch to the database a run with --keep left for this size, if there is one."""
        name = f"{self.template}_bench_{size}"
        self.drop_current()
        self.connection.settings_dict["NAME"] = self.template
        self.connection.close()
        with self.connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            found = cursor.fetchone() is not None
        if found:
            self.connection.settings_dict["NAME"] = name
            self.current = name
        return found

    def drop_current(self):
        """Leave the current size's database, and drop it unless it is to be kept."""
        if self.current:
            name, self.current = self.current, None
            self.connection.settings_dict["NAME"] = self.template
            if self.keep:
                self.connection.close()
            else:
                self._execute(f'DROP DATABASE IF EXISTS "{name}"')

    def drop_all(self):
        self.drop_current()
        self.connection.close()


def database_url(connection) -> str:
    """DATABASE_URL with the name of the database the connection uses now."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + quote(connection.settings_dict["NAME"])))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(connection, seconds: float, clients: int, say) -> dict:
    """Requests per second of each page in PAGES, and the ratio motie list / content page.
    Needs PostgreSQL (gunicorn is another process); else it says so and returns {}."""
    if connection.vendor != "postgresql" or "DATABASE_URL" not in os.environ:
        say("throughput: needs PostgreSQL by DATABASE_URL (gunicorn is another process); skipped")
        return {}
    from django.db import connections

    connections.close_all()
    host = _site_host()
    work = Path(tempfile.mkdtemp(prefix="raadsvolg-bench."))
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{host},127.0.0.1",
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "DJANGO_STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "DJANGO_LOG_FORMAT": "json",
        "DJANGO_LOG_LEVEL": "WARNING",
        "RAADSVOLG_REQUIRE_MFA": "false",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("SENTRY_DSN", None)
    env.pop("DJANGO_DEBUG", None)
    if not (ROOT / "var" / "bench-static" / "staticfiles.json").exists():
        say("throughput: collectstatic (once)")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    # Production keeps its cache in the database; migrate makes the table only where
    # the settings name a database cache, and the bench migrated with its own settings.
    subprocess.run(
        [sys.executable, "manage.py", "createcachetable", "-v0"], cwd=ROOT, env=env, check=True
    )
    log = open(work / "gunicorn.log", "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "2"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    result = {}
    try:
        wait_until_up(port)
        for label, path in PAGES.items():
            status = single(port, host, path)
            rate = load(port, host, path, seconds, clients)
            result[label] = rate
            say(f"throughput {label} ({path}): HTTP {status}, {rate:.1f} requests/s")
            if status != 200:
                say((work / "gunicorn.log").read_text()[-3000:])
        if result.get("content page"):
            result["ratio"] = result["motie list"] / result["content page"]
            say(
                f"throughput ratio motie list / content page: {result['ratio']:.2f} (target >= 0.5)"
            )
    except Exception as error:  # a finding to print, not a reason to lose the tables
        say(f"throughput failed: {error!r}")
        say((work / "gunicorn.log").read_text()[-3000:])
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        subprocess.run(["rm", "-rf", str(work)], check=False)
    return result


def _site_host() -> str:
    from governance.models import Municipality

    return Municipality.objects.select_related("site").get(name="Dijkhoven").site.hostname


def headers(host):
    # As behind the TLS-terminating proxy: production redirects plain HTTP.
    return {"Host": host, "X-Forwarded-Proto": "https"}


def wait_until_up(port):
    for _attempt in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz/")


def single(port, host, path) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers(host))
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def load(port, host, path, seconds, clients) -> float:
    """`clients` threads, each with its own connection that it keeps alive where the
    server lets it, ask `path` as fast as they can; one second of warm-up is not
    counted. Only answers with status 200 count."""
    counts = [0] * clients
    start_counting = time.monotonic() + 1.0
    stop = start_counting + seconds

    def worker(number):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while (now := time.monotonic()) < stop:
            try:
                connection.request("GET", path, headers=headers(host))
                response = connection.getresponse()
                response.read()
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                continue
            if response.status == 200 and now >= start_counting:
                counts[number] += 1
        connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds
