"""Every admin and public page type in Chromium, under the Content-Security-Policy: not
one violation ("Refused to …" in the console, or a `securitypolicyviolation` event).

The pages are found as the admin crawl finds them (tests/test_admin_crawl.py), but in the
browser and one page per type: a URL is visited only when no URL of the same shape (its
path with every number as #) was visited before, so each role's crawl reaches every
index, create, edit, inspect, history, delete, step and letter page the admin offers it
without opening the same page for each of the demo's records. The demo data holds a
record in every state and sent letters; it is loaded once, for all roles."""

import io
import re
import time
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.admin_crawler import NOT_PAGES, is_download
from tests.browser import BROWSER_TEST

pytestmark = BROWSER_TEST

# Collected in the page itself; read (and emptied) after each page has loaded.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'}`
        + ` (${e.sourceFile || ''}:${e.lineNumber || ''} ${e.sample || ''})`);
});
"""
REFUSED = re.compile(r"Content Security Policy|Refused to", re.I)
ROLES = ["griffie", "college", "adviesraad", "beheer"]
# Followed, besides what the pages link to: searches with a query, and pages that exist
# nowhere in the menus.
ADMIN_EXTRA = ["/admin/zoeken/?q=armoede", "/admin/does-not-exist/"]
PUBLIC_EXTRA = [
    "/zoeken/?q=armoede",
    "/does-not-exist/",
    "/admin/login/",
    "/cijfers/",
]
HREF = "[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"


@pytest.fixture
def demo(live_server, settings):
    settings.RAADSVOLG_DEMO = True
    call_command("load_demo_data", stdout=io.StringIO())
    return live_server.url


def shape(url: str) -> str:
    """The page type of a URL: its path, every number replaced by #."""
    return re.sub(r"\d+", "#", urlsplit(url).path)


class Watcher:
    """One browser page that visits URLs and keeps every CSP violation it saw."""

    def __init__(self, context, base: str):
        context.add_init_script(LISTEN)
        self.page = context.new_page()
        self.base = base
        self.console: list[str] = []
        self.page.on("console", self.on_console)
        self.violations: list[str] = []
        self.visited: list[str] = []
        self.pdfs: list[str] = []

    def on_console(self, message):
        if REFUSED.search(message.text):
            self.console.append(message.text)

    def visit(self, url: str) -> bool:
        """Open the URL; False when it is a download rather than a page."""
        try:
            self.page.goto(self.base + url, wait_until="load")
        except Exception as error:  # Playwright says so when a file is sent instead
            if "Download is starting" in str(error):
                return False
            raise
        self.page.wait_for_timeout(50)  # violation events are queued as tasks
        found = self.page.evaluate("window.__csp || []") + self.console
        self.violations += [f"{url}: {violation}" for violation in found]
        self.console.clear()
        self.visited.append(url)
        return True

    def crawl(self, start: str, extra=(), scope="/admin/"):
        """Visit one URL of every shape reachable from `start` within `scope`."""
        shapes, queue = set(), [start, *extra]
        while queue:
            url = queue.pop(0)
            if "/pdf/" in url:
                self.pdfs.append(url)
            if shape(url) in shapes or is_download(url):
                continue
            shapes.add(shape(url))
            if not self.visit(url):
                continue
            queue += [href for href in self.links(scope) if shape(href) not in shapes]

    def shows_pdf(self, url: str) -> bool:
        """Open a PDF; True when Chromium shows it in its viewer (not refused, not saved)."""
        response = self.page.goto(self.base + url, wait_until="load")
        self.page.wait_for_timeout(500)
        # Chromium's PDF viewer runs in a frame of its own extension.
        viewer = [frame.url for frame in self.page.frames if frame.url.startswith("chrome-")]
        self.violations += [f"{url}: {message}" for message in self.console]
        return response.headers["content-type"] == "application/pdf" and bool(viewer)

    def links(self, scope: str) -> list[str]:
        hrefs = [href.replace("&amp;", "&") for href in self.page.evaluate(HREF)]
        return [
            href
            for href in hrefs
            if href.startswith(scope)
            and (scope != "/" or not href.startswith("/admin/"))
            and not any(part in href for part in NOT_PAGES)
            and not href.startswith(("/static/", "/media/"))
        ]


def test_no_page_breaks_the_content_security_policy(demo, browser):
    started, watchers = time.monotonic(), []
    public = Watcher(browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam"), demo)
    public.crawl("/", PUBLIC_EXTRA, scope="/")
    watchers.append(public)
    for username in ROLES:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": demo}]
        )
        watcher = Watcher(context, demo)
        watcher.crawl("/admin/", ADMIN_EXTRA)
        watchers.append(watcher)
        if username == "griffie":  # a letter's PDF still opens in the browser
            assert watcher.pdfs, "no letter PDF was found"
            assert watcher.shows_pdf(watcher.pdfs[0])
        context.close()
    violations = [v for watcher in watchers for v in watcher.violations]
    visited = sum(len(watcher.visited) for watcher in watchers)
    print(f"{visited} pages in {time.monotonic() - started:.0f} s")
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(violations))
    # The crawl reached the page types it is meant to check.
    admin = {shape(url) for watcher in watchers[1:] for url in watcher.visited}
    assert {"/admin/", "/admin/motion/", "/admin/motion/edit/#/", "/admin/login/"} <= admin | {
        shape(url) for url in public.visited
    }
    assert any("/preview/" in url or "/inspect/" in url for url in admin)
    assert visited > 100


def test_the_watcher_sees_a_violation(live_server, browser):
    """The check above can fail: inline code without the nonce is refused, and seen."""
    watcher = Watcher(browser.new_context(locale="nl-NL"), live_server.url)
    watcher.visit("/admin/login/")
    assert watcher.violations == []
    watcher.page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.ran = true';
            document.body.append(script);
            document.body.insertAdjacentHTML('beforeend', '<style>body { color: red }</style>');
        }"""
    )
    watcher.page.wait_for_timeout(100)
    found = watcher.page.evaluate("window.__csp") + watcher.console
    assert watcher.page.evaluate("window.ran === undefined")
    assert any("script-src" in v for v in found), found
    assert any("style-src" in v for v in found), found
