"""Uploads: the size of a file is known before it is read, and an archive (DOCX, XLSX,
any zip) is judged by its table of contents before a byte of it is unpacked.

`SizeLimitUploadHandler` stands first in FILE_UPLOAD_HANDLERS. Up to the limit it passes
the bytes on to Django's handlers (memory for small files, a temporary file for larger
ones); past the limit it drops them and the form receives a `TooLargeUpload`: an empty
stand-in that knows its real size, so that the form refuses it with the usual Dutch
message and keeps everything else the user typed."""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
# Entries larger than this may be packed tightly (a long table compresses well); past
# it, a compression ratio above RAADSVOLG_ARCHIVE_MAX_RATIO is a bomb, not a document.
RATIO_FLOOR_BYTES = 1024 * 1024
# Archives inside archives are looked into this deep; deeper is refused.
MAX_NESTING = 2
NESTED_SUFFIXES = (".zip", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".jar")


def max_upload_bytes() -> int:
    return settings.RAADSVOLG_MAX_UPLOAD_MB * 1024 * 1024


def too_large_message() -> str:
    return _("The file is larger than %(size)s MB.") % {"size": settings.RAADSVOLG_MAX_UPLOAD_MB}


def is_too_large(file) -> bool:
    """Whether an upload passes the limit, from its size alone: nothing is read."""
    return bool(getattr(file, "too_large", False)) or (file.size or 0) > max_upload_bytes()


def check_size(file) -> None:
    """ValidationError with the Dutch message when `file` is larger than the limit."""
    if is_too_large(file):
        raise ValidationError(too_large_message(), code="too_large")


class TooLargeUpload(UploadedFile):
    """What the form receives for a file past the limit: no content, its real size."""

    too_large = True

    def __init__(self, name, content_type, size, charset=None, content_type_extra=None):
        super().__init__(io.BytesIO(), name, content_type, size, charset, content_type_extra)

    def chunks(self, chunk_size=None):
        # Storage saves through chunks(): a form that forgot check_size fails loudly
        # rather than store an empty file under the upload's name.
        raise OSError("an upload past RAADSVOLG_MAX_UPLOAD_MB cannot be saved")


class SizeLimitUploadHandler(FileUploadHandler):
    """Passes a file's bytes on while it stays under RAADSVOLG_MAX_UPLOAD_MB; drops the
    rest of a file that passes it, so that neither memory nor disk takes it in."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.over = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_upload_bytes():
            self.over = True
        return None if self.over else raw_data

    def file_complete(self, file_size):
        if not self.over:
            return None  # the next handler's file stands
        return TooLargeUpload(
            self.file_name,
            self.content_type,
            self.received,
            self.charset,
            self.content_type_extra,
        )


class ArchiveRefused(ValueError):
    """An archive that unpacks to too much; `str()` is the Dutch message for the user."""


def check_archive(data: bytes, *, depth: int = 0) -> int:
    """Refuse a zip by its central directory before anything is unpacked: more entries,
    more unpacked bytes or a higher compression ratio than the settings allow; archives
    inside it are looked into the same way and count towards the same total. Returns
    the unpacked size. zipfile never unpacks an entry past the size its directory
    states, so the check holds for python-docx and openpyxl, which read through it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            _check_entries(entries)
            total = sum(entry.file_size for entry in entries)
            for entry in entries:
                if _is_archive_name(entry.filename):
                    total += _check_nested(archive, entry, depth)
    except zipfile.BadZipFile:
        return 0  # not a zip: the reader that wanted one says so in its own words
    _check_total(total)
    return total


def _check_entries(entries) -> None:
    limit = settings.RAADSVOLG_ARCHIVE_MAX_ENTRIES
    if len(entries) > limit:
        raise ArchiveRefused(
            _(
                "This file consists of more than %(count)s parts; a letter or a "
                "spreadsheet has far fewer. It is not read."
            )
            % {"count": limit}
        )
    _check_total(sum(entry.file_size for entry in entries))
    ratio = settings.RAADSVOLG_ARCHIVE_MAX_RATIO
    for entry in entries:
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size > ratio * max(
            entry.compress_size, 1
        ):
            raise ArchiveRefused(
                _(
                    "This file is packed more than %(ratio)s times tighter than a "
                    "document can be; it is not read. Save it again from Word or Excel."
                )
                % {"ratio": ratio}
            )


def _check_total(total: int) -> None:
    limit = settings.RAADSVOLG_ARCHIVE_MAX_UNPACKED_MB
    if total > limit * 1024 * 1024:
        raise ArchiveRefused(
            _(
                "This file unpacks to more than %(size)s MB; no letter or spreadsheet "
                "is that large, so it is not read."
            )
            % {"size": limit}
        )


def _is_archive_name(name: str) -> bool:
    return name.lower().endswith(NESTED_SUFFIXES)


def _check_nested(archive, entry, depth: int) -> int:
    """The unpacked size of an archive inside the archive (its own size is counted
    already). Reading it is safe: its stated size passed the checks above."""
    if depth + 1 >= MAX_NESTING:
        raise ArchiveRefused(_("This file holds archives inside archives; it is not read."))
    with archive.open(entry) as inner:
        head = inner.read(4)
        if head != ZIP_MAGIC:
            return 0
        return check_archive(head + inner.read(), depth=depth + 1)
