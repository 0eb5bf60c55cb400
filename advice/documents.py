"""Reading the text of an uploaded letter: PDF with a text layer, DOCX or plain text.

The type is read from the file's first bytes, not trusted from its name; a file that
is not what its name says, or has no usable text, is refused with a Dutch message."""

import io
import subprocess
import sys
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from governance.uploads import ArchiveRefused, check_archive, max_upload_bytes, too_large_message

from . import textworker
from .extraction import ExtractionError

PDF, DOCX, TEXT = "pdf", "docx", "txt"
EXTENSIONS = {".pdf": PDF, ".docx": DOCX, ".txt": TEXT, ".text": TEXT}

__all__ = ["check_upload", "max_upload_bytes", "read_text", "sniff"]


def sniff(data: bytes) -> str | None:
    """The type the bytes really are, or None. Only a zip's table of contents is read."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return DOCX if "word/document.xml" in archive.namelist() else None
        except zipfile.BadZipFile:
            return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in data[:4096]:
        return TEXT  # UTF-16 with its byte order mark, or 8-bit text
    return None


def check_upload(name: str, data: bytes) -> str:
    """The type of an uploaded letter; ExtractionError when it is refused. The caller
    checks the upload's size before it reads `data` (governance.uploads.check_size)."""
    if not data:
        raise ExtractionError(_("The file is empty."))
    if len(data) > max_upload_bytes():
        raise ExtractionError(too_large_message())
    claimed = EXTENSIONS.get(Path(name).suffix.lower())
    if claimed is None:
        raise ExtractionError(_("Upload a PDF, a Word document (.docx) or a text file (.txt)."))
    actual = sniff(data)
    if actual != claimed:
        raise ExtractionError(
            _("This file is not a %(kind)s, although its name says so.")
            % {"kind": {PDF: "PDF", DOCX: "Word-document", TEXT: _("text file")}[claimed]}
        )
    if actual == DOCX:
        try:
            check_archive(data)
        except ArchiveRefused as error:
            raise ExtractionError(str(error)) from None
    return actual


def read_text(name: str, data: bytes) -> str:
    """The text of an uploaded letter."""
    kind = check_upload(name, data)
    if kind in (PDF, DOCX):
        return _extract(kind, data)
    return _plain_text(data)


def _extract(kind: str, data: bytes) -> str:
    """The text of a PDF or DOCX, read by a child process (advice/textworker.py) that
    may use RAADSVOLG_EXTRACTION_MEMORY_MB and RAADSVOLG_EXTRACTION_TIMEOUT seconds;
    past either it is stopped and the file refused as too heavy."""
    timeout = settings.RAADSVOLG_EXTRACTION_TIMEOUT
    arguments = [
        kind,
        str(settings.RAADSVOLG_PDF_MAX_PAGES),
        str(settings.RAADSVOLG_EXTRACTION_MEMORY_MB * 1024 * 1024),
        str(int(timeout) + 1),  # CPU seconds: a backstop should the wall clock fail
    ]
    try:
        child = subprocess.run(
            [sys.executable, "-m", "advice.textworker", *arguments],
            input=data,
            capture_output=True,
            timeout=timeout,
            cwd=settings.BASE_DIR,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExtractionError(_too_heavy(kind)) from None
    if child.returncode == textworker.OK:
        return child.stdout.decode("utf-8")
    raise ExtractionError(_refusal(kind, child.returncode))


def _too_heavy(kind: str) -> str:
    if kind == PDF:
        return _(
            "This PDF file is too heavy to read: reading its text takes too long or too "
            "much memory. Save it again as PDF, or paste the text."
        )
    return _(
        "This Word document is too heavy to read: reading its text takes too long or too "
        "much memory. Save it again, or paste the text."
    )


def _refusal(kind: str, code: int) -> str:
    if code == textworker.ENCRYPTED:
        return _("This PDF is protected with a password.")
    if code == textworker.TOO_MANY_PAGES:
        return _(
            "This PDF has more than %(pages)s pages; that is not read. Upload the letter "
            "without its enclosures, or paste the text."
        ) % {"pages": settings.RAADSVOLG_PDF_MAX_PAGES}
    if code == textworker.DAMAGED:
        return _("This file is damaged and cannot be read.")
    # Out of memory, or killed by a signal (the CPU limit, the kernel): too heavy.
    return _too_heavy(kind)


def _plain_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError(_("This text file has an unknown character encoding."))
