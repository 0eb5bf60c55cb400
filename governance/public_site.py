"""The frame of every public page: the municipality's header (logo and name), the
navigation to the sections, the breadcrumbs and the footer with the feeds, the calendar,
the open data and the toegankelijkheidsverklaring. The logo is served by a view of its
own, since letterheads live in private storage (docs/decisions.md)."""

import hashlib
import mimetypes
from dataclasses import dataclass, field

from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from .calendars import window_numbers

LOGO_CACHE_SECONDS = 24 * 60 * 60


@dataclass
class Link:
    """A link of the frame; `key` names the section it leads to."""

    title: str
    url: str
    key: str = ""
    current: str = ""  # aria-current: "page" on the page itself, "true" below it


@dataclass
class Feed:
    """The RSS and Atom feeds of one public index."""

    title: str
    rss: str
    atom: str


@dataclass
class PublicFrame:
    """What base.html needs around the content of a public page."""

    name: str = "Raadsvolg"
    home_url: str = "/"
    logo_url: str = ""
    sections: list[Link] = field(default_factory=list)
    feeds: list[Feed] = field(default_factory=list)
    more: list[Link] = field(default_factory=list)
    index_pages: dict = field(default_factory=dict)


def municipality_of(request):
    """The municipality whose site answers the request, and that site. Like Wagtail's
    pages, a host it does not know gets the default site."""
    site = Site.find_for_request(request) if request is not None else None
    return (getattr(site, "municipality", None) if site else None), site


def municipality_or_404(request):
    """The municipality of a public page, feed or search; a 404 without one."""
    municipality, __ = municipality_of(request)
    if municipality is None:
        raise Http404
    return municipality


def municipality_of_host(request):
    """The municipality whose site has exactly the request's host name, or None: for
    answers to machines (the API, the Woo sitemaps), which must never give one
    municipality's data under another host, as Wagtail's fallback would."""
    site = Site.find_for_request(request)
    if site is None or site.hostname.lower() != request.get_host().rsplit(":", 1)[0].lower():
        return None
    return getattr(site, "municipality", None)


def public_frame(request) -> PublicFrame:
    """The frame of the public site the request is for; built once per request."""
    cached = getattr(request, "_raadsvolg_frame", None)
    if cached is not None:
        return cached
    municipality, site = municipality_of(request)
    frame = PublicFrame()
    if municipality is not None:
        fill_frame(frame, request, municipality, site)
    if request is not None:
        request._raadsvolg_frame = frame
    return frame


def fill_frame(frame, request, municipality, site) -> None:
    letterhead = getattr(municipality, "letterhead", None)
    frame.name = letterhead.name if letterhead and letterhead.name else municipality.name
    if letterhead and letterhead.logo:
        version = hashlib.sha256(letterhead.logo.name.encode()).hexdigest()[:12]
        frame.logo_url = f"{reverse('public_logo')}?v={version}"
    frame.home_url = site.root_page.get_url(request) or "/"
    index_pages = section_pages(site)
    frame.index_pages = index_pages
    for key, page in index_pages.items():
        url = page.get_url(request)
        frame.sections.append(Link(page.title, url, key))
        frame.feeds.append(Feed(page.title, f"{url}feed/", f"{url}feed/atom/"))
    frame.sections.append(Link(str(_("Figures")), reverse("public_figures"), "figures"))
    frame.sections.append(Link(str(_("Search")), reverse("public_search"), "search"))
    for section in frame.sections:
        section.current = current_marker(section.url, request.path if request else "")
    frame.more = more_links(request, site)


def current_marker(url: str, path: str) -> str:
    """aria-current of a navigation link: the page itself, or a page under it."""
    if path == url:
        return "page"
    return "true" if url.endswith("/") and url != "/" and path.startswith(url) else ""


# The public sections in the order of the navigation, by their page type.
SECTION_TYPES = (
    ("motions", "motions.MotionIndexPage"),
    ("commitments", "commitments.CommitmentIndexPage"),
    ("advice", "advice.AdviceIndexPage"),
)


def section_pages(site) -> dict:
    """The live index pages of the site by section key, in navigation order (one query)."""
    from django.apps import apps

    by_class = {apps.get_model(label): key for key, label in SECTION_TYPES}
    children = site.root_page.get_children().live().specific()
    found = {by_class[type(page)]: page for page in children if type(page) in by_class}
    return {key: found[key] for key, __ in SECTION_TYPES if key in found}


def more_links(request, site) -> list[Link]:
    """The footer's links besides the feeds: calendar, open data, toegankelijkheid."""
    from .pages import PublicSiteSettings

    links = [
        # The calendar covers a window (governance.calendars), and says so here too.
        Link(
            str(
                _(
                    "Deadlines calendar (iCalendar; the past %(months_back)s months up to "
                    "%(months_ahead)s months ahead, at most %(size)s)"
                )
            )
            % window_numbers(),
            reverse("public_deadlines_ics"),
        ),
        # The documentation, a page for people; it names this municipality's entrance.
        Link(str(_("Open data (API)")), reverse("api_docs")),
        Link(str(_("Figures")), reverse("public_figures")),
    ]
    # Read, not for_site(): that would create the settings row on a visitor's GET.
    setting = (
        PublicSiteSettings.objects.filter(site=site).select_related("accessibility_page").first()
    )
    page = setting.accessibility_page if setting else None
    if page is not None and page.live:
        links.append(Link(str(_("Accessibility statement")), page.get_url(request)))
    return links


def breadcrumbs(request, page, current: str = "") -> list[Link]:
    """Home down to `page` (a Wagtail page of the site), then `current` (a record shown
    under that page) when given; the last crumb is the page the visitor is on."""
    frame = public_frame(request)
    __, site = municipality_of(request)
    page = page if isinstance(page, Page) else None
    if page is None and not current and is_search(request):
        current = str(_("Search"))
    crumbs = [Link(str(_("Home")), frame.home_url)]
    if page is not None and site is not None:
        below_home = page.get_ancestors(inclusive=True).filter(depth__gt=site.root_page.depth)
        crumbs += [Link(ancestor.title, ancestor.get_url(request)) for ancestor in below_home]
    if current:
        crumbs.append(Link(current, request.path))
    return crumbs if len(crumbs) > 1 else []


def is_search(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "public_search"


@require_GET
def public_logo(request):
    """The logo on the letterhead of the municipality whose site this is: public, as it
    is on every letter, but kept in private storage with the rest of the letterhead."""
    municipality, __ = municipality_of(request)
    letterhead = getattr(municipality, "letterhead", None) if municipality else None
    if letterhead is None or not letterhead.logo:
        raise Http404
    content_type = mimetypes.guess_type(letterhead.logo.name)[0]
    if content_type not in ("image/png", "image/jpeg"):
        raise Http404
    response = FileResponse(letterhead.logo.open("rb"), content_type=content_type)
    response["Cache-Control"] = f"public, max-age={LOGO_CACHE_SECONDS}"
    return response


@require_GET
def public_theme(request):
    """The house colour of the municipality whose site this is, as design tokens. The
    colour is validated as #RRGGBB on save, so it is safe in a stylesheet."""
    municipality, __ = municipality_of(request)
    letterhead = getattr(municipality, "letterhead", None) if municipality else None
    if letterhead is None:
        raise Http404
    color = letterhead.theme_color
    return HttpResponse(
        f".raadsvolg-theme {{ --raadsvolg-color-primary: {color}; "
        f"--raadsvolg-color-primary-dark: {color}; }}\n",
        content_type="text/css; charset=utf-8",
    )
