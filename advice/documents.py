"""Reading the text of an uploaded letter: PDF with a text layer, DOCX or plain text.

The type is read from the file's first bytes, not trusted from its name; a file that
is not what its name says, or has no usable text, is refused with a Dutch message."""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .extraction import ExtractionError

PDF, DOCX, TEXT = "pdf", "docx", "txt"
EXTENSIONS = {".pdf": PDF, ".docx": DOCX, ".txt": TEXT, ".text": TEXT}


def max_upload_bytes() -> int:
    return settings.RAADSVOLG_MAX_UPLOAD_MB * 1024 * 1024


def sniff(data: bytes) -> str | None:
    """The type the bytes really are, or None."""
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
    """The type of an uploaded letter; ExtractionError when it is refused."""
    if not data:
        raise ExtractionError(_("The file is empty."))
    if len(data) > max_upload_bytes():
        raise ExtractionError(
            _("The file is larger than %(size)s MB.") % {"size": settings.RAADSVOLG_MAX_UPLOAD_MB}
        )
    claimed = EXTENSIONS.get(Path(name).suffix.lower())
    if claimed is None:
        raise ExtractionError(_("Upload a PDF, a Word document (.docx) or a text file (.txt)."))
    actual = sniff(data)
    if actual != claimed:
        raise ExtractionError(
            _("This file is not a %(kind)s, although its name says so.")
            % {"kind": {PDF: "PDF", DOCX: "Word-document", TEXT: _("text file")}[claimed]}
        )
    return actual


def read_text(name: str, data: bytes) -> str:
    """The text of an uploaded letter."""
    kind = check_upload(name, data)
    try:
        if kind == PDF:
            return _pdf_text(data)
        if kind == DOCX:
            return _docx_text(data)
    except ExtractionError:
        raise
    except Exception as error:  # a damaged file: the libraries raise many kinds
        raise ExtractionError(_("This file is damaged and cannot be read.")) from error
    return _plain_text(data)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ExtractionError(_("This PDF is protected with a password."))
    # A form feed between pages lets the cleaning tell running headers and footers
    # (at a page's edge) from a sentence the letter repeats.
    return "\n\f\n".join(page.extract_text() or "" for page in reader.pages)


def _docx_text(data: bytes) -> str:
    """Paragraphs and tables in the order of the document; a list paragraph gets a
    bullet, a table row becomes one line of tab-separated cells (as a table copied out
    of Word arrives), so that an Advies/Toelichting table keeps its columns."""
    from docx import Document
    from docx.table import Table

    lines = []
    for block in Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                if any(cells):
                    lines.append("\t".join(cells))
            lines.append("")
            continue
        text = block.text.strip()
        if not text:
            continue
        style = (block.style.name or "").lower() if block.style else ""
        is_list = "list" in style or (block._p.pPr is not None and block._p.pPr.numPr is not None)
        lines.append(f"• {text}" if is_list else text)
    return "\n\n".join(lines)


def _plain_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError(_("This text file has an unknown character encoding."))
