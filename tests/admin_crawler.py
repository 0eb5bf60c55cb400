"""A crawl of the Wagtail admin as one user: every page reached from the admin home by
the links it offers (and the sidebar menu, drawn by script from JSON in the page).

Shared by the crawl test (no link leads to a refusal) and the page-content scan (no
page shows a title the user may not see). Downloads the pages link (letter PDFs,
exports, calendars) are fetched for their answer, not searched for links; `downloads=False`
leaves them out where only pages matter."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.test import Client

HREF = re.compile(r'href="(/admin/[^"#]*)"')
# The sidebar menu is drawn by script from JSON in the page.
MENU_URL = re.compile(r'"url": "(/admin/[^"#]*)"')
# Not followed: logout; and, in Wagtail's page explorer that only the functional
# administrator sees, the bulk-action URL templates (filled in by its script) and the
# tree's root, which Wagtail never edits.
NOT_PAGES = ("logout", "/bulk/", "/pages/1/edit/")
# Fetched for their answer only.
DOWNLOADS = ("export=", "/pdf/", "/letter/", ".ics")
LIMIT = 2000
REFUSED = re.compile(r"geen toegang|geen rechten|niet gevonden", re.I)


def crawl(user, *, on_page=None, downloads=True) -> tuple[set[str], list[str]]:
    """Every admin URL reached from the home page, and what went wrong on the way.
    `on_page(url, response)` is called for every answer that is not a refusal."""
    client = Client()
    client.force_login(user)
    seen, queue, problems = set(), [("start", "/admin/")], []
    while queue:
        came_from, url = queue.pop(0)
        if url in seen or (not downloads and is_download(url)):
            continue
        seen.add(url)
        assert len(seen) <= LIMIT, f"the crawl passed {LIMIT} pages; raise LIMIT"
        response = client.get(url)
        problem = refusal(response)
        if problem:
            problems.append(f"{url} (linked from {came_from}): {problem}")
            client.get("/admin/")  # take the refusal's message, so the next page is clean
            continue
        if on_page is not None:
            on_page(url, response)
        if response.status_code in (301, 302):
            queue.append((url, response["Location"]))
        elif "text/html" in response.get("Content-Type", "") and not is_download(url):
            queue.extend((url, href) for href in links(response.content.decode()) - seen)
    return seen, problems


def first_page(url: str) -> str:
    """The list URL without `p=1`, which Wagtail's sorting links add: the same page."""
    parts = urlsplit(url)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if (k, v) != ("p", "1")
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def is_download(url: str) -> bool:
    return any(part in url for part in DOWNLOADS)


def refusal(response) -> str:
    if response.status_code >= 400:
        return str(response.status_code)
    if response.status_code in (301, 302):
        location = response["Location"]
        return f"sent to {location}" if location in ("/admin/", "/admin") else ""
    if "text/html" in response.get("Content-Type", ""):
        messages = re.findall(r'class="messages.*?</ul>', response.content.decode(), re.S)
        found = [m for m in messages if REFUSED.search(m)]
        return "message: refused" if found else ""
    return ""


def links(page: str) -> set[str]:
    found = HREF.findall(page) + MENU_URL.findall(page)
    hrefs = {first_page(href.replace("&amp;", "&")) for href in found}
    return {href for href in hrefs if not any(part in href for part in NOT_PAGES)}
