"""Reading a spreadsheet a griffie already keeps: .xlsx (Excel) or .csv as Dutch Excel
writes it (`;` or `,`, UTF-8 with or without BOM, or Windows-1252).

The type is read from the file's bytes, not trusted from its name. The result is the
table as a list of rows of cells, each cell a `str`, a `date` (an Excel date cell) or
None; `to_json`/`from_json` turn it into JSON and back, so that an upload can wait for
its confirmation in the database rather than in a session cookie."""

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from governance.uploads import ArchiveRefused, check_archive

Cell = str | datetime.date | None
Table = list[list[Cell]]

XLSX, CSV = "xlsx", "csv"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SpreadsheetError(Exception):
    """A file that cannot be read as a spreadsheet; `str()` is the message for the user."""


def max_upload_bytes() -> int:
    return settings.RAADSVOLG_MAX_UPLOAD_MB * 1024 * 1024


def read_table(name: str, data: bytes) -> Table:
    """The rows of the first sheet of an .xlsx or of a .csv file."""
    if not data:
        raise SpreadsheetError(_("The file is empty."))
    if len(data) > max_upload_bytes():
        raise SpreadsheetError(
            _("The file is larger than %(size)s MB.") % {"size": settings.RAADSVOLG_MAX_UPLOAD_MB}
        )
    kind = _sniff(name, data)
    table = _read_xlsx(data) if kind == XLSX else _read_csv(data)
    table = [[_clean(cell) for cell in row] for row in table]
    if not any(cell not in (None, "") for row in table for cell in row):
        raise SpreadsheetError(_("The file is empty."))
    return table


def _sniff(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        if not data.startswith(b"PK\x03\x04"):
            raise SpreadsheetError(_("This file is not an Excel file, although its name says so."))
        _check_workbook(data)
        return XLSX
    if suffix == ".csv" and not data.startswith(b"PK\x03\x04") and b"\x00" not in data[:4096]:
        return CSV
    raise SpreadsheetError(_("Upload an Excel file (.xlsx) or a CSV file (.csv)."))


def _check_workbook(data: bytes) -> None:
    """A zip with a workbook in it, that does not unpack to an unreasonable size: its
    table of contents is judged before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        raise SpreadsheetError(_("This file is damaged and cannot be read.")) from None
    try:
        check_archive(data)
    except ArchiveRefused as error:
        raise SpreadsheetError(str(error)) from None
    if "xl/workbook.xml" not in names:
        raise SpreadsheetError(_("This file is not an Excel file, although its name says so."))


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except Exception as error:  # a damaged workbook: openpyxl raises many kinds
        raise SpreadsheetError(_("This file is damaged and cannot be read.")) from error


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) where it is that, else Windows-1252 (Dutch Excel)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 reads every byte.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _clean(cell) -> Cell:
    """A cell as text or date; numbers as Excel shows them, control characters gone."""
    if cell is None:
        return None
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime.time):
        return cell.isoformat()
    return CONTROL_CHARACTERS.sub("", str(cell)).strip()


def to_json(table: Table) -> list:
    return [
        [{"date": c.isoformat()} if isinstance(c, datetime.date) else c for c in row]
        for row in table
    ]


def from_json(rows: list) -> Table:
    return [
        [datetime.date.fromisoformat(c["date"]) if isinstance(c, dict) else c for c in row]
        for row in rows
    ]
