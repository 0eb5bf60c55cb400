"""Importing an existing motievolglijst: every row checked first, then all saved or
nothing.

`plan_import` reads the table (see motions.spreadsheets), matches its columns by their
headers, and decides per row: a new motie, one that already exists unchanged, or the
errors that stop the import. It runs a fixed number of queries whatever the number of
rows: parties, portfolios, people, meetings and existing numbers are loaded once.
`save_import` re-checks nothing itself: callers plan and save in one transaction
(`import_table`), so that what is saved is what was checked.

Imported moties get the status the list gives, with one history row "Geïmporteerd uit
<bestand>" by the importing user: no lifecycle steps are invented."""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from governance.cleaning import strip_invisible
from governance.constants import PersonFunction
from governance.dates import parse_date
from governance.models import Meeting, Municipality, Party, Person
from governance.public_changes import public_changed

from .constants import OPEN_STATUSES, MotionStatus
from .models import Motion, MotionSubmitter
from .spreadsheets import Cell, SpreadsheetError, Table

# The headers each column may have; matched without regard to case or punctuation.
COLUMNS = {
    "number": ("Nummer", "Nr", "Motienummer"),
    "date": ("Datum", "Datum raad", "Raadsvergadering", "Vergaderdatum"),
    "title": ("Titel", "Onderwerp"),
    "submitters": ("Indieners", "Indiener", "Indiener(s)"),
    "portfolio": ("Portefeuille",),
    "operative_text": ("Dictum", "Tekst", "Verzoek"),
    "progress": ("Stand van zaken", "Toelichting"),
    "deadline": ("Termijn", "Deadline", "Afdoeningstermijn"),
    "status": ("Status", "Besluit"),
}
REQUIRED_COLUMNS = ("number", "date", "title", "submitters", "operative_text", "status")

STATUS_WORDS = {
    "aangenomen": MotionStatus.adopted,
    "verworpen": MotionStatus.rejected,
    "ingetrokken": MotionStatus.withdrawn,
    "aangehouden": MotionStatus.held,
    "afdoening voorgesteld": MotionStatus.completion_proposed,
    "in uitvoering": MotionStatus.in_progress,
    "loopt": MotionStatus.in_progress,
    "lopend": MotionStatus.in_progress,
    "open": MotionStatus.in_progress,
    "afgedaan": MotionStatus.completed,
    "gereed": MotionStatus.completed,
    "afgerond": MotionStatus.completed,
}
# Statuses for which the raad voted, so the date of the vote is the meeting's.
UNVOTED_STATUSES = (MotionStatus.submitted, MotionStatus.withdrawn)

NEW, EXISTS, ERROR = "new", "exists", "error"
SUBMITTER = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<party>[^()]+)\)$")
SUBMITTER_SEPARATORS = re.compile(r"[;,\n]+(?![^()]*\))")


class ImportRefused(Exception):
    """An import refused as a whole; `str()` is the message for the user."""


def key(text) -> str:
    """Text compared without regard to case, accents' absence, spaces or punctuation."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return "".join(char for char in text if char.isalnum())


HEADER_KEYS = {key(header): column for column, headers in COLUMNS.items() for header in headers}


def import_source_reason(file_name: str) -> str:
    return _("Imported from %(file)s") % {"file": file_name}


@dataclass
class RowPlan:
    """What the import does with one row of the sheet."""

    row: int
    number: str
    title: str
    outcome: str = NEW
    errors: list[str] = field(default_factory=list)
    motion: Motion | None = None
    # (person, party) pairs; a person may be one the import creates.
    submitters: list[tuple[Person, Party | None]] = field(default_factory=list)

    @property
    def outcome_display(self) -> str:
        if self.errors:
            return "; ".join(self.errors)
        return _("new") if self.outcome == NEW else _("already exists, unchanged")


@dataclass
class ImportPlan:
    """The checked rows of one file, and what saving them would create."""

    municipality: Municipality
    file_name: str
    rows: list[RowPlan]
    ignored_columns: list[str] = field(default_factory=list)
    new_meetings: list[Meeting] = field(default_factory=list)
    new_people: list[Person] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def error_lines(self) -> list[str]:
        return [
            _("row %(row)s: %(message)s") % {"row": row.row, "message": message}
            for row in self.rows
            for message in row.errors
        ]

    @property
    def new_rows(self) -> list[RowPlan]:
        return [row for row in self.rows if row.outcome == NEW and not row.errors]

    @property
    def existing_rows(self) -> list[RowPlan]:
        return [row for row in self.rows if row.outcome == EXISTS and not row.errors]

    def summary(self) -> str:
        if not self.is_valid:
            count = sum(1 for row in self.rows if row.errors)
            return ngettext(
                "Nothing imported: %(count)s row has errors.",
                "Nothing imported: %(count)s rows have errors.",
                count,
            ) % {"count": count}
        if not self.new_rows:
            return ngettext(
                "Nothing new: the motion already exists.",
                "Nothing new: all %(count)s motions already exist.",
                len(self.rows),
            ) % {"count": len(self.rows)}
        return _("%(new)s new motions, %(existing)s already exist.") % {
            "new": len(self.new_rows),
            "existing": len(self.existing_rows),
        }


# Columns ----------------------------------------------------------------------------


def map_columns(header: list[Cell]) -> tuple[dict[str, int], list[str]]:
    """Which cell index holds which column, and the headers that were not recognised."""
    columns: dict[str, int] = {}
    ignored = []
    for index, cell in enumerate(header):
        text = "" if cell is None else str(cell)
        column = HEADER_KEYS.get(key(text))
        if column is None:
            if text.strip():
                ignored.append(text.strip())
            continue
        if column in columns:
            raise ImportRefused(
                _("The column '%(header)s' appears twice (as '%(first)s' and '%(second)s').")
                % {"header": COLUMNS[column][0], "first": header[columns[column]], "second": text}
            )
        columns[column] = index
    if not columns:
        raise ImportRefused(
            _("No known column headers in the first row. Expected: %(headers)s (see the template).")
            % {"headers": ", ".join(COLUMNS[c][0] for c in REQUIRED_COLUMNS)}
        )
    missing = [COLUMNS[c][0] for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ImportRefused(_("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)})
    return columns, ignored


# Look-ups, loaded once per import ---------------------------------------------------


class Lookups:
    """The municipality's records the rows refer to, each kind loaded in one query."""

    def __init__(self, municipality: Municipality):
        self.municipality = municipality
        self.parties: dict[str, Party] = {}
        for party in Party.objects.filter(municipality=municipality):
            self.parties.setdefault(key(party.name), party)
            if party.abbreviation:
                self.parties.setdefault(key(party.abbreviation), party)
        self.portfolios = {key(p.name): p for p in municipality.portfolios.all()}
        self.people: dict[str, list[Person]] = {}
        for person in Person.objects.filter(municipality=municipality).order_by("pk"):
            self.people.setdefault(key(person.name), []).append(person)
        self.meetings: dict[datetime.date, Meeting] = {}
        for meeting in Meeting.objects.filter(municipality=municipality).order_by("pk"):
            self.meetings.setdefault(meeting.date, meeting)
        self.motions = {
            motion.number: motion
            for motion in Motion.objects.filter(municipality=municipality)
            .select_related("meeting")
            .only("number", "title", "meeting__date")
        }
        self.new_meetings: list[Meeting] = []
        self.new_people: list[Person] = []

    def meeting(self, day: datetime.date) -> Meeting:
        if day not in self.meetings:
            meeting = Meeting(municipality=self.municipality, date=day)
            self.meetings[day] = meeting
            self.new_meetings.append(meeting)
        return self.meetings[day]

    def person(self, name: str, party: Party | None) -> Person | None:
        """The person of that name (preferring one of that party); a new one of the party
        when unknown; None when unknown and without party."""
        known = self.people.get(key(name), [])
        for person in known:
            if party is None or person.party_id == party.pk:
                return person
        if known:
            return known[0]  # a councillor who changed fractie signs for the new one
        if party is None:
            return None
        person = Person(
            municipality=self.municipality,
            name=" ".join(name.split()),
            party=party,
            function=PersonFunction.councillor,
        )
        self.people[key(name)] = [person]
        self.new_people.append(person)
        return person


# Rows -------------------------------------------------------------------------------


def plan_import(municipality: Municipality, file_name: str, table: Table) -> ImportPlan:
    """Check every row of the table; raise ImportRefused when the file as a whole is
    unusable. Queries: a fixed number, whatever the number of rows."""
    rows = [(number, row) for number, row in enumerate(table, start=1) if _has_content(row)]
    if not rows:
        raise ImportRefused(_("The file is empty."))
    (_header_number, header), data_rows = rows[0], rows[1:]
    columns, ignored = map_columns(header)
    if not data_rows:
        raise ImportRefused(_("The file has column headers but no motions."))
    lookups = Lookups(municipality)
    seen: dict[str, int] = {}
    planned = [_plan_row(number, _cells(row, columns), lookups, seen) for number, row in data_rows]
    return ImportPlan(
        municipality=municipality,
        file_name=file_name,
        rows=planned,
        ignored_columns=ignored,
        new_meetings=lookups.new_meetings,
        new_people=lookups.new_people,
    )


def _has_content(row) -> bool:
    return any(cell not in (None, "") for cell in row)


def _cells(row, columns) -> dict[str, Cell]:
    return {column: (row[index] if index < len(row) else None) for column, index in columns.items()}


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return strip_invisible(str(value))  # a cell of only a zero-width space is empty


def _plan_row(row_number, cells, lookups, seen) -> RowPlan:
    plan = RowPlan(row_number, _text(cells.get("number")), _text(cells.get("title")))
    meeting_date = _date(cells.get("date"), _("date"), plan.errors, required=True)
    _check_number(plan, meeting_date, lookups, seen)
    if plan.outcome == NEW:
        plan.motion = _new_motion(plan, cells, meeting_date, lookups)
    return plan


def _check_number(plan, meeting_date, lookups, seen) -> None:
    """A number is given, once per file, and new — or the motie it names is this one."""
    if not plan.number:
        plan.errors.append(_("number missing"))
    elif plan.number in seen:
        plan.errors.append(
            _("number %(number)s also appears in row %(row)s")
            % {"number": plan.number, "row": seen[plan.number]}
        )
    else:
        seen[plan.number] = plan.row
        existing = lookups.motions.get(plan.number)
        if existing is not None:
            _compare_existing(plan, existing, meeting_date, lookups.municipality)


def _new_motion(plan, cells, meeting_date, lookups) -> Motion | None:
    """The unsaved motie of a new row, or None with the row's errors in `plan.errors`."""
    errors = plan.errors
    if not plan.title:
        errors.append(_("title missing"))
    status = _status(cells.get("status"), errors)
    portfolio = _portfolio(cells.get("portfolio"), lookups, errors)
    plan.submitters = _submitters(cells.get("submitters"), lookups, errors)
    operative_text = _text(cells.get("operative_text"))
    if not operative_text:
        errors.append(_("operative text missing (column Dictum, Tekst or Verzoek)"))
    deadline, unknown_reason = _deadline(cells.get("deadline"), status)
    if errors:
        return None
    motion = Motion(
        municipality=lookups.municipality,
        number=plan.number,
        title=plan.title,
        meeting=lookups.meeting(meeting_date),
        meeting_held_on=meeting_date,  # inserted in bulk: no save() sets it
        operative_text=operative_text,
        status=status,
        vote_date=None if status in UNVOTED_STATUSES else meeting_date,
        portfolio=portfolio,
        deadline=deadline,
        deadline_unknown_reason=unknown_reason,
        progress=_text(cells.get("progress")),
    )
    errors.extend(_model_errors(motion))
    return None if errors else motion


def _compare_existing(plan, existing, meeting_date, municipality) -> None:
    """The same motie (number, title and date) exists: leave it be. The same number for
    another motie is an error."""
    if plan.errors:
        return  # an unreadable date: the row is wrong whatever it names
    same = key(existing.title) == key(plan.title) and existing.meeting.date == meeting_date
    if same:
        plan.outcome = EXISTS
        return
    plan.errors.append(
        _(
            "number %(number)s already exists in %(municipality)s for another motion "
            "('%(title)s', %(date)s)"
        )
        % {
            "number": plan.number,
            "municipality": municipality.name,
            "title": existing.title,
            "date": existing.meeting.date.strftime("%d-%m-%Y"),
        }
    )


def _date(value: Cell, label, errors, *, required=False) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        if required:
            errors.append(_("%(what)s missing") % {"what": label})
        return None
    try:
        return parse_date(text)
    except ValidationError:
        errors.append(_("%(what)s '%(value)s' cannot be read") % {"what": label, "value": text})
        return None


def _status(value: Cell, errors) -> str | None:
    text = _text(value)
    if not text:
        errors.append(_("status missing"))
        return None
    status = STATUS_WORDS.get(" ".join(text.casefold().rstrip(".").split()))
    if status is None:
        errors.append(_("status '%(value)s' is unknown") % {"value": text})
    return status


def _portfolio(value: Cell, lookups, errors):
    text = _text(value)
    if not text:
        return None
    portfolio = lookups.portfolios.get(key(text))
    if portfolio is None:
        errors.append(
            _("portfolio '%(name)s' does not exist in %(municipality)s")
            % {"name": text, "municipality": lookups.municipality.name}
        )
    return portfolio


def parse_submitters(text: str) -> list[tuple[str, str]]:
    """("Naam", "Fractie") pairs from "Naam (Fractie), Naam (Fractie); Naam"; the
    fractie is "" where none is given."""
    pairs = []
    for part in SUBMITTER_SEPARATORS.split(text):
        part = part.strip()
        if not part:
            continue
        match = SUBMITTER.match(part)
        pairs.append((match["name"].strip(), match["party"].strip()) if match else (part, ""))
    return pairs


def _submitters(value: Cell, lookups, errors) -> list[tuple[Person, Party | None]]:
    pairs = parse_submitters(_text(value))
    if not pairs:
        errors.append(_("submitters missing"))
    submitters = []
    for name, party_name in pairs:
        party = lookups.parties.get(key(party_name)) if party_name else None
        if party_name and party is None:
            errors.append(
                _("party '%(party)s' does not exist in %(municipality)s")
                % {"party": party_name, "municipality": lookups.municipality.name}
            )
            continue
        person = lookups.person(name, party)
        if person is None:
            errors.append(
                _("submitter '%(name)s' is unknown (write 'Name (Party)')") % {"name": name}
            )
            continue
        submitters.append((person, party or person.party))
    return submitters


def _deadline(value: Cell, status) -> tuple[datetime.date | None, str]:
    """A date; else the text as the reason it is unknown. An open motie without either
    gets a reason that says the list gave none (see docs/decisions.md)."""
    if isinstance(value, datetime.date):
        return value, ""
    text = _text(value)
    if text:
        try:
            return parse_date(text), ""
        except ValidationError:
            return None, text
    if status in OPEN_STATUSES:
        return None, _("not given in the imported motion tracking list")
    return None, ""


def _model_errors(motion: Motion) -> list[str]:
    """The model's own rules (lengths, dates, portfolio, deadline), without queries:
    the foreign keys were looked up already and uniqueness is checked in bulk."""
    errors = []
    try:
        motion.clean_fields(exclude=["municipality", "meeting", "portfolio"])
        motion.clean()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                label = Motion._meta.get_field(name).verbose_name if name != "__all__" else ""
                errors.extend(f"{label}: {m}" if label else m for m in messages)
        else:
            errors.extend(error.messages)
    if motion.meeting.pk is None:
        try:
            motion.meeting.clean_fields(exclude=["municipality"])
        except ValidationError as error:
            errors.extend(error.messages)
    return errors


# Saving -----------------------------------------------------------------------------


def save_import(plan: ImportPlan, user) -> list[Motion]:
    """Create the planned moties, their new meetings and people, and their submitters,
    each with one history row. Call inside a transaction, with a valid plan."""
    assert plan.is_valid
    reason = import_source_reason(plan.file_name)
    # One moment for every history row of the import: it is one event.
    history = {
        "default_user": user,
        "default_change_reason": reason,
        "default_date": timezone.now(),
    }
    rows = plan.new_rows
    # Only what the new rows use: an existing row refers to nothing new.
    meetings = {id(r.motion.meeting): r.motion.meeting for r in rows if r.motion.meeting.pk is None}
    bulk_create_with_history(list(meetings.values()), Meeting, **history)
    people = {id(p): p for r in rows for p, _party in r.submitters if p.pk is None}
    bulk_create_with_history(list(people.values()), Person, **history)
    motions = [row.motion for row in rows]
    for motion in motions:
        motion.meeting = motion.meeting  # the meeting has its id now
    motions = bulk_create_with_history(motions, Motion, **history)
    submitters = [
        MotionSubmitter(motion=row.motion, person=person, party=party, sort_order=order)
        for row in rows
        for order, (person, party) in enumerate(row.submitters)
    ]
    bulk_create_with_history(submitters, MotionSubmitter, **history)
    # Bulk inserts send no signals. Imported moties are unpublished, but their new
    # meetings and people are the municipality's too: its public answers are renewed.
    public_changed({motion.municipality_id for motion in motions})
    _index(motions)
    return motions


def _index(motions) -> None:
    """Bulk creation sends no signals, so the search index learns of the moties from a
    task after the commit: indexing 5,000 moties takes longer than saving them, and
    imported moties are unpublished, so no public search misses them meanwhile."""
    from .tasks import index_motions_task

    ids = [motion.pk for motion in motions]
    transaction.on_commit(lambda: index_motions_task.enqueue(ids))


@dataclass
class ImportResult:
    plan: ImportPlan
    created: list[Motion]
    saved: bool


def import_table(
    municipality: Municipality, file_name: str, table: Table, user, *, dry_run=False
) -> ImportResult:
    """Check the table and, when every row is right and it is not a dry run, save it
    all in one transaction. Raises ImportRefused for a file that is unusable as a whole."""
    with transaction.atomic():
        plan = plan_import(municipality, file_name, table)
        if dry_run or not plan.is_valid or not plan.new_rows:
            return ImportResult(plan, [], False)
        try:
            with transaction.atomic():
                created = save_import(plan, user)
        except IntegrityError as error:
            raise ImportRefused(
                _("Someone else saved motions with these numbers just now; check again.")
            ) from error
    return ImportResult(plan, created, True)


def import_file(municipality, name: str, data: bytes, user, *, dry_run=False) -> ImportResult:
    """Read and import a spreadsheet file; ImportRefused for a file refused as a whole."""
    from .spreadsheets import read_table

    try:
        table = read_table(name, data)
    except SpreadsheetError as error:
        raise ImportRefused(str(error)) from error
    return import_table(municipality, name, table, user, dry_run=dry_run)
