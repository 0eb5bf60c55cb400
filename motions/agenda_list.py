"""The lijst van moties en toezeggingen: the open items of a municipality grouped by
portfolio, as it goes with every council agenda, rendered as a tagged PDF/UA in Dutch.

The rows come from *row sources*: functions that return `AgendaRow`s of one shape for a
`ListRequest`. Moties are the first source (`motion_rows`). EXTENSION POINT for
toezeggingen: the commitments app registers its own source with `register_row_source`
(e.g. in its AppConfig.ready); nothing else here changes."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.letters import render_pdf
from governance.models import Meeting, Municipality
from governance.roles import scope_for

from .constants import OPEN_STATUSES
from .models import Motion

TEMPLATE = "letters/motion_list.html"


@dataclass(frozen=True)
class AgendaRow:
    """One line of the list, whatever its source."""

    kind: str  # what it is, as the list shows it: "Motie", "Toezegging"
    number: str
    title: str
    meeting_date: date | None
    status: str
    deadline: date | None
    deadline_unknown_reason: str
    days_overdue: int
    progress: str
    portfolio: str  # the portfolio's name; "" when it has none
    portfolio_holder: str = ""
    kind_order: int = 0  # moties before toezeggingen within a portfolio


@dataclass(frozen=True)
class ListRequest:
    """What to list: one municipality, optionally only some portfolios (college staff)
    and only what one meeting decided."""

    municipality: Municipality
    portfolio_ids: frozenset[int] | None = None  # None: every portfolio
    meeting: Meeting | None = None
    today: date = field(default_factory=timezone.localdate)


@dataclass
class PortfolioGroup:
    portfolio: str
    holder: str
    rows: list[AgendaRow]


RowSource = Callable[[ListRequest], Iterable[AgendaRow]]


def motion_rows(request: ListRequest) -> list[AgendaRow]:
    """The open moties (adopted, in progress, completion proposed); for one meeting, the
    open moties adopted in it. One query."""
    motions = Motion.objects.filter(
        municipality=request.municipality, status__in=OPEN_STATUSES
    ).select_related("meeting", "portfolio", "portfolio__holder")
    if request.portfolio_ids is not None:
        motions = motions.filter(portfolio_id__in=request.portfolio_ids)
    if request.meeting is not None:
        motions = motions.filter(meeting=request.meeting)
    return [
        AgendaRow(
            kind=_("Motion"),
            number=motion.number,
            title=motion.title,
            meeting_date=motion.vote_date or motion.meeting.date,
            status=motion.get_status_display(),
            deadline=motion.deadline,
            deadline_unknown_reason=motion.deadline_unknown_reason,
            days_overdue=motion.days_overdue(request.today),
            progress=motion.progress,
            portfolio=motion.portfolio.name if motion.portfolio else "",
            portfolio_holder=motion.portfolio.holder.name
            if motion.portfolio and motion.portfolio.holder
            else "",
        )
        for motion in motions
    ]


ROW_SOURCES: list[RowSource] = [motion_rows]


def register_row_source(source: RowSource) -> None:
    """Add a source of rows (toezeggingen) to the list; registering twice is harmless."""
    if source not in ROW_SOURCES:
        ROW_SOURCES.append(source)


def agenda_list(request: ListRequest) -> list[PortfolioGroup]:
    """The rows of every source, grouped by portfolio (alphabetically, items without a
    portfolio last), each group ordered by kind, meeting date and number."""
    groups: dict[str, PortfolioGroup] = {}
    for source in ROW_SOURCES:
        for row in source(request):
            group = groups.setdefault(
                row.portfolio, PortfolioGroup(row.portfolio, row.portfolio_holder, [])
            )
            group.rows.append(row)
    for group in groups.values():
        group.rows.sort(key=lambda r: (r.kind_order, r.meeting_date or date.min, r.number))
    return sorted(groups.values(), key=lambda g: (not g.portfolio, g.portfolio.casefold()))


def may_print(user) -> bool:
    """The griffie, and college staff for their own portfolios, print the list."""
    scope = scope_for(user)
    return scope.is_superuser or bool(scope.griffie_municipality_ids or scope.staff_portfolio_ids)


def listable_municipalities(user):
    """Municipalities whose list this user may print: griffie, or staff of a portfolio."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(
        pk__in=scope.griffie_municipality_ids
        | (scope.staff_municipality_ids if scope.staff_portfolio_ids else frozenset())
    )


def list_portfolios_for(user, municipality: Municipality) -> frozenset[int] | None:
    """Which portfolios this user's list shows: every one for the griffie (None), their
    own for college staff; PermissionDenied for anyone else."""
    scope = scope_for(user)
    if scope.is_griffie_of(municipality.pk):
        return None
    if municipality.pk in scope.staff_municipality_ids and scope.staff_portfolio_ids:
        return scope.staff_portfolio_ids
    raise PermissionDenied


def check_meeting(municipality: Municipality, meeting: Meeting | None) -> None:
    if meeting is not None and meeting.municipality_id != municipality.pk:
        raise PermissionDenied(_("This meeting belongs to another municipality."))


def render_agenda_list(request: ListRequest) -> tuple[str, bytes]:
    """(html, pdf) of the list, in Dutch whatever the user's language."""
    check_meeting(request.municipality, request.meeting)
    with translation.override("nl"):
        return render_pdf(TEMPLATE, _list_context(request))


def _list_context(request: ListRequest) -> dict:
    letterhead = getattr(request.municipality, "letterhead", None)
    name = letterhead.name if letterhead and letterhead.name else request.municipality.name
    title = _("List of motions and commitments")
    if request.meeting is not None:
        subtitle = _("Adopted in the council meeting of %(date)s") % {
            "date": date_format(request.meeting.date, "j F Y")
        }
    else:
        subtitle = _("Open items as of %(date)s") % {"date": date_format(request.today, "j F Y")}
    return {
        "title": f"{title} — {request.municipality.name}",
        "heading": title,
        "subtitle": subtitle,
        "organisation": name,
        "groups": agenda_list(request),
        "today": request.today,
        "partial": request.portfolio_ids is not None,
    }
