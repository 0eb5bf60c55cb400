"""The pages `manage.py bench_scale` measures, and how it measures them (issue 16).

Every page is found from the records in the database (a published motie, a draft
advies of the adviesraad, …) and from the answers themselves (the sitemap index's first
page, the Woo sitemaps robots.txt names, an API list's first item), so the list follows
the code. A page that does not answer 200 is printed as a finding."""

from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from advice.constants import AdviceStatus
from advice.models import Advice
from commitments.models import Commitment
from governance.models import Meeting, Municipality
from motions.constants import MotionStatus
from motions.models import Motion

# Targets of issue 16, in milliseconds, per kind of page.
TARGETS_MS = {"admin": 300, "public": 150, "feed": 150, "api": 150, "sitemap": 200, "search": 100}
MAX_BYTES = 500 * 1024
MAX_RATIO = 2.0
PUBLIC_KINDS = ("public", "feed", "api", "sitemap", "search")


@dataclass
class Page:
    """One page to measure: a label that is the same at every N, who asks, and where."""

    label: str
    kind: str
    path: str
    user: str | None = None

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_KINDS


@dataclass
class Measurement:
    status: int
    queries: int
    cold_ms: float
    size: int
    warm_ms: float | None = None
    location: str = ""


@dataclass
class Results:
    """Measurements per page label and size, in the order the pages were first seen."""

    sizes: list[int] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)
    data: dict[tuple[str, int], Measurement] = field(default_factory=dict)

    def add(self, page: Page, size: int, measurement: Measurement):
        self.pages.setdefault(page.label, page)
        self.data[page.label, size] = measurement


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def measure(client: Client, page: Page, repeat: int) -> Measurement:
    """Median server time over `repeat` requests with the cache emptied before each
    (cold); for a public page also `repeat` more without emptying it (warm)."""
    timings, queries, response, body = [], 0, None, b""
    for attempt in range(repeat):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(page.path)
            body = body_of(response)
            timings.append((time.perf_counter() - started) * 1000)
        if attempt == 0:
            queries = len(captured.captured_queries)
    result = Measurement(
        status=response.status_code,
        queries=queries,
        cold_ms=statistics.median(timings),
        size=len(body),
        location=response.get("Location", ""),
    )
    if page.is_public and response.status_code == 200:
        warm = []
        for _attempt in range(repeat):
            started = time.perf_counter()
            body_of(client.get(page.path))
            warm.append((time.perf_counter() - started) * 1000)
        result.warm_ms = statistics.median(warm)
    return result


class Site:
    """The clients and records of the large municipality that the pages are about."""

    def __init__(self, municipality_name="Dijkhoven"):
        self.municipality = Municipality.objects.select_related("site").get(name=municipality_name)
        self.host = self.municipality.site.hostname
        self.clients: dict[str | None, Client] = {None: Client(HTTP_HOST=self.host)}
        users = get_user_model().objects.in_bulk(
            ["griffie", "college", "adviesraad", "beheer"], field_name="username"
        )
        for name, user in users.items():
            client = Client(HTTP_HOST=self.host)
            client.force_login(user)
            self.clients[name] = client
        self.users = users

    def client(self, user):
        return self.clients[user]


def first_pk(queryset):
    return queryset.order_by("pk").first()


def admin_pages(site: Site) -> list[Page]:
    """Admin pages as griffie, college staff and adviesraad member (and the functional
    administrator for the audit log)."""
    own = {"municipality": site.municipality}
    college = site.users.get("college")
    motion = first_pk(Motion.objects.filter(**own, status=MotionStatus.in_progress))
    college_motion = first_pk(
        Motion.objects.visible_to(college).filter(**own, status=MotionStatus.in_progress)
    )
    commitment = first_pk(Commitment.objects.filter(**own))
    published = first_pk(Advice.objects.filter(**own, status=AdviceStatus.published))
    draft = first_pk(Advice.objects.filter(**own, status=AdviceStatus.draft))
    responding = first_pk(
        Advice.objects.visible_to(college).filter(
            **own, status=AdviceStatus.response_in_preparation
        )
    )
    meeting = first_pk(Meeting.objects.filter(**own))
    pages = []
    for user in ("griffie", "college", "adviesraad", "beheer"):
        pages.append(Page(f"admin home ({user})", "admin", "/admin/", user))
    for user in ("griffie", "college"):
        pages += [
            Page(f"admin motievolglijst ({user})", "admin", "/admin/motion/", user),
            Page(
                f"admin motievolglijst filtered ({user})",
                "admin",
                "/admin/motion/?status=in_progress&overdue=yes",
                user,
            ),
            Page(
                f"admin motievolglijst search ({user})",
                "admin",
                "/admin/motion/?q=mantelzorg",
                user,
            ),
            Page(f"admin toezeggingen ({user})", "admin", "/admin/commitment/", user),
            Page(f"admin adviezen ({user})", "admin", "/admin/advice/", user),
            Page(f"admin adviesaanvragen ({user})", "admin", "/admin/advice_request/", user),
            Page(f"admin raadsbrieven ({user})", "admin", "/admin/completion_letter/", user),
            Page(f"admin reactiebrieven ({user})", "admin", "/admin/response_letter/", user),
            Page(
                f"admin raadsinformatiebrieven ({user})",
                "admin",
                "/admin/council_information_letter/",
                user,
            ),
            Page(f"admin search ({user})", "admin", "/admin/zoeken/?q=mantelzorg", user),
        ]
    pages += [
        Page("admin adviezen (adviesraad)", "admin", "/admin/advice/", "adviesraad"),
        Page(
            "admin lijst moties en toezeggingen", "admin", "/admin/motion/agenda-list/", "griffie"
        ),
        Page("admin vergaderingen", "admin", "/admin/meeting/", "griffie"),
        Page("admin personen", "admin", "/admin/person/", "griffie"),
        Page("admin auditlog (beheer)", "admin", "/admin/audit_log/", "beheer"),
    ]
    if motion:
        pages += [
            Page("admin motie edit", "admin", f"/admin/motion/edit/{motion.pk}/", "griffie"),
            Page("admin motie inspect", "admin", f"/admin/motion/inspect/{motion.pk}/", "griffie"),
            Page("admin motie history", "admin", f"/admin/motion/history/{motion.pk}/", "griffie"),
        ]
    if college_motion:
        # College staff view moties (the griffie edits them): their page is the inspect view.
        path = f"/admin/motion/inspect/{college_motion.pk}/"
        pages.append(Page("admin motie inspect (college)", "admin", path, "college"))
    if commitment:
        pk = commitment.pk
        pages += [
            Page("admin toezegging edit", "admin", f"/admin/commitment/edit/{pk}/", "griffie"),
            Page(
                "admin toezegging history", "admin", f"/admin/commitment/history/{pk}/", "griffie"
            ),
        ]
    if published:
        pk = published.pk
        pages += [
            Page("admin advies inspect", "admin", f"/admin/advice/inspect/{pk}/", "griffie"),
            Page("admin advies history", "admin", f"/admin/advice/history/{pk}/", "griffie"),
        ]
    if draft:
        path = f"/admin/advice/edit/{draft.pk}/"
        pages.append(Page("admin advies edit (adviesraad)", "admin", path, "adviesraad"))
    if responding:
        path = f"/admin/advice/{responding.pk}/respond/"
        pages.append(Page("admin advies respond (college)", "admin", path, "college"))
    if meeting:
        path = f"/admin/meeting/edit/{meeting.pk}/"
        pages.append(Page("admin vergadering edit", "admin", path, "griffie"))
    return pages


def public_pages(site: Site) -> list[Page]:
    """The public site, its feeds, calendar, sitemaps and the open data API."""
    own = {"municipality": site.municipality}
    motion = first_pk(Motion.objects.published().filter(**own))
    commitment = first_pk(Commitment.objects.published().filter(**own))
    advice = first_pk(Advice.objects.filter(**own, status=AdviceStatus.published))
    pages = [
        Page("home", "public", "/"),
        Page("moties", "public", "/moties/"),
        Page("moties filtered", "public", "/moties/?status=in_progress&overdue=on"),
        Page("moties page 2", "public", "/moties/?pagina=2"),
        Page("toezeggingen", "public", "/toezeggingen/"),
        Page("adviezen", "public", "/adviezen/"),
        Page("zoeken mantelzorg", "search", "/zoeken/?q=mantelzorg"),
        Page("cijfers", "public", "/cijfers/"),
        Page("cijfers csv", "public", "/cijfers/cijfers.csv"),
        Page("content page", "public", "/toegankelijkheid/"),
        Page("moties RSS", "feed", "/moties/feed/"),
        Page("moties Atom", "feed", "/moties/feed/atom/"),
        Page("toezeggingen RSS", "feed", "/toezeggingen/feed/"),
        Page("toezeggingen Atom", "feed", "/toezeggingen/feed/atom/"),
        Page("adviezen RSS", "feed", "/adviezen/feed/"),
        Page("adviezen Atom", "feed", "/adviezen/feed/atom/"),
        Page("termijnen.ics", "feed", "/termijnen.ics"),
        Page("robots.txt", "public", "/robots.txt"),
    ]
    if motion:
        pages.append(Page("motie", "public", f"/moties/{motion.number}/"))
    if commitment:
        pages.append(Page("toezegging", "public", f"/toezeggingen/{commitment.number}/"))
    if advice:
        pages.append(Page("advies", "public", f"/adviezen/{advice.pk}/"))
    pages += sitemap_pages(site)
    pages += api_pages(site)
    return pages


LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


def local_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sitemap_pages(site: Site) -> list[Page]:
    """/sitemap.xml and, when it is an index, its first page; every sitemap robots.txt
    names (the Woo sitemap indexes) and the first page of each."""
    client = site.client(None)
    pages = [Page("sitemap.xml", "sitemap", "/sitemap.xml")]
    pages += first_page_of(client, "/sitemap.xml", "sitemap.xml page 1")
    robots = body_of(client.get("/robots.txt")).decode()
    named = [
        line.split(":", 1)[1].strip()
        for line in robots.splitlines()
        if line.lower().startswith("sitemap:")
    ]
    for url in named:
        path = local_path(url)
        if path == "/sitemap.xml":
            continue
        category = re.search(r"infocat\d+", path)
        label = f"woo sitemap index {category.group(0) if category else path}"
        pages.append(Page(label, "sitemap", path))
        pages += first_page_of(client, path, f"{label} page 1")
    return pages


def first_page_of(client, path, label) -> list[Page]:
    cache.clear()
    text = body_of(client.get(path)).decode(errors="replace")
    if "<sitemapindex" not in text:
        return []
    locations = LOC.findall(text)
    return [Page(label, "sitemap", local_path(locations[0]))] if locations else []


API_LISTS = ["moties", "toezeggingen", "adviezen", "vergaderingen", "fracties", "brieven"]


def api_pages(site: Site) -> list[Page]:
    """/api/v1/, every list (and one in the TOOI form), and the first item of each."""
    client = site.client(None)
    code = site.municipality.tooi_code
    pages = [
        Page("api root", "api", "/api/v1/"),
        Page("api cijfers", "api", "/api/v1/cijfers/"),
        Page("api moties (gemeente)", "api", f"/api/v1/gemeenten/{code}/moties/"),
    ]
    for name in API_LISTS:
        path = f"/api/v1/{name}/"
        pages.append(Page(f"api {name}", "api", path))
        cache.clear()
        response = client.get(path, HTTP_ACCEPT="application/json")
        detail = first_url(response)
        if detail:
            pages.append(Page(f"api {name} detail", "api", local_path(detail)))
    return pages


def first_url(response) -> str:
    if response.status_code != 200:
        return ""
    try:
        data = response.json()
    except ValueError:
        return ""
    items = data.get("results", data) if isinstance(data, dict) else data
    if isinstance(items, dict):
        items = next((v for v in items.values() if isinstance(v, list)), [])
    for item in items or []:
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            return item["url"]
    return ""


def all_pages(site: Site) -> list[Page]:
    return admin_pages(site) + public_pages(site)
