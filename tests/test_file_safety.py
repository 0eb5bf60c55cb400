"""Files (issue 14, item 7 and the zip bomb of item 9): an upload's size is checked
before it is read, an archive by its table of contents before it is unpacked, the text
of a PDF is read by a child process bounded in time and memory, letters render without
fetching anything but data: URLs, and Wagtail's document and image libraries are gone
from the site and the admin."""

import io
import logging
import sys
import time
import zipfile
import zlib
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from advice.documents import check_upload, read_text
from advice.extraction import ExtractionError
from advice.models import AdvicePoint, validate_document
from governance.letters import render_pdf
from governance.models import Letterhead
from governance.uploads import ArchiveRefused, TooLargeUpload, check_archive
from motions.models import CompletionLetter
from motions.spreadsheets import SpreadsheetError, read_table
from tests.admin_helpers import client_for
from tests.factories import AdviceFactory, MotionFactory

MB = 1024 * 1024
UNPACKS_TOO_FAR = "Dit bestand pakt uit tot meer dan 50 MB"
TOO_HEAVY = "Dit PDF-bestand is te zwaar om te lezen"


# Files made in the test -------------------------------------------------------------


def bomb(path, member: str, megabytes: int = 100, extra: dict | None = None) -> bytes:
    """A zip whose `member` unpacks to `megabytes` MB of one repeated byte. Written a
    megabyte at a time, so making it never holds the unpacked bytes in memory."""
    chunk = b"<w:t>a</w:t>" * (MB // 12)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
        with archive.open(member, "w") as entry:
            for _ in range(megabytes):
                entry.write(chunk)
    return path.read_bytes()


@pytest.fixture(scope="module")
def docx_bomb(tmp_path_factory):
    path = tmp_path_factory.mktemp("bomb") / "advies.docx"
    return bomb(path, "word/document.xml", extra={"[Content_Types].xml": "<Types/>"})


def zipped(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def pdf(content: bytes, pages: int = 1) -> bytes:
    """A PDF of `pages` pages that all show one (compressed) content stream."""
    stream = zlib.compress(content, 9)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(
            f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode()
            + stream
            + b"\nendstream"
        )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.writelines(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def text_pdf(text: str = "Wij adviseren het college.", pages: int = 1) -> bytes:
    return pdf(f"BT /F1 12 Tf 72 700 Td ({text}) Tj ET".encode(), pages)


def slow_pdf() -> bytes:
    """6 KB; pypdf needs some 20 seconds for the text of its 200,000 text operators."""
    return pdf(b"BT /F1 12 Tf 72 700 Td " + b"(a) Tj 1 0 Td " * 200_000 + b"ET")


def greedy_pdf() -> bytes:
    """60 KB; its content stream unpacks to 40 MB of operators pypdf holds as objects."""
    return pdf(b"BT /F1 12 Tf 72 700 Td (a) Tj " + b"0 0 Td " * (40 * MB // 7) + b"ET")


@pytest.fixture
def advice(town):
    return AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=2,
        text="",
    )


def snapshot(advice):
    advice.refresh_from_db()
    points = list(AdvicePoint.objects.filter(advice=advice).values_list("number", "text"))
    return advice.text, advice.status, bool(advice.letter), points, advice.history.count()


def propose(town, advice, data):
    url = reverse("advice:propose", args=[advice.pk])
    return client_for(town.advisory_member).post(url, data)


# The size of an upload, before it is read -------------------------------------------


class Unreadable(SimpleUploadedFile):
    """An upload that fails the test when anything reads it."""

    def read(self, *args):
        raise AssertionError("the file was read")

    def chunks(self, *args):
        raise AssertionError("the file was read")


def test_a_policy_document_too_large_is_refused_by_its_size_without_reading_it():
    upload = Unreadable("nota.pdf", b"%PDF-1.4 ")
    upload.size = 10 * MB + 1
    with pytest.raises(ValidationError, match="Het bestand is groter dan 10 MB"):
        validate_document(upload)


def multipart_request(settings, size: int):
    factory = RequestFactory()
    upload = SimpleUploadedFile("advies.pdf", b"%PDF-" + b"x" * (size - 5))
    request = factory.post("/", {"file": upload, "text": "wat ik typte"})
    request.upload_handlers  # noqa: B018  (built from the settings, as in a real request)
    return request


def test_the_upload_handler_drops_a_file_past_the_limit_and_keeps_the_other_fields(settings):
    settings.RAADSVOLG_MAX_UPLOAD_MB = 1
    request = multipart_request(settings, 2 * MB)
    upload = request.FILES["file"]
    assert isinstance(upload, TooLargeUpload)
    assert upload.size == 2 * MB  # its real size, for the message
    assert upload.read() == b""  # none of it was kept, in memory or on disk
    with pytest.raises(OSError):
        list(upload.chunks())  # and a form that forgot to check cannot store it empty
    assert request.POST["text"] == "wat ik typte"


def test_a_large_upload_under_the_limit_streams_to_a_temporary_file(settings):
    request = multipart_request(settings, 3 * MB)
    upload = request.FILES["file"]
    assert isinstance(upload, TemporaryUploadedFile)
    assert upload.size == 3 * MB


def test_a_letter_too_large_gets_the_dutch_message_and_keeps_the_typed_text(town, advice, settings):
    settings.RAADSVOLG_MAX_UPLOAD_MB = 1
    before = snapshot(advice)
    upload = SimpleUploadedFile("advies.pdf", b"%PDF-" + b"x" * (2 * MB))
    with mock.patch("advice.documents.subprocess.run") as child:
        response = propose(town, advice, {"file": upload, "text": "Mijn geplakte tekst"})
    assert response.status_code == 200
    assert "Het bestand is groter dan 1 MB." in response.text
    assert "Mijn geplakte tekst" in response.text
    child.assert_not_called()
    assert snapshot(advice) == before


def test_a_post_too_large_without_files_gets_a_dutch_page(town, advice, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = propose(town, advice, {"text": "x" * 20_000})
    assert response.status_code == 400
    assert "Het verzoek kon niet worden verwerkt" in response.text
    assert "Er is niets opgeslagen" in response.text


@pytest.mark.parametrize("refusal", ["too_large", "zip_bomb", "heavy_pdf"])
def test_the_advice_form_refuses_a_bad_letter_and_saves_nothing(town, settings, docx_bomb, refusal):
    from tests.test_advice_admin import _edit_data, make

    settings.RAADSVOLG_MAX_UPLOAD_MB = 1
    settings.RAADSVOLG_EXTRACTION_TIMEOUT = 2
    upload, message = {
        "too_large": (("brief.pdf", b"%PDF-" + b"x" * (2 * MB)), "Het bestand is groter dan 1 MB."),
        "zip_bomb": (("brief.docx", docx_bomb), UNPACKS_TOO_FAR),
        "heavy_pdf": (("brief.pdf", slow_pdf()), TOO_HEAVY),
    }[refusal]
    advice = make(town, points=0)
    response = client_for(town.advisory_member).post(
        reverse("advice:edit", args=[advice.pk]),
        _edit_data(advice, subject="Nieuw onderwerp", letter=SimpleUploadedFile(*upload)),
    )
    assert response.status_code == 200
    assert message in response.text
    advice.refresh_from_db()
    assert advice.subject == "Advies over mantelzorg"
    assert not advice.letter


# Archives, judged by their table of contents ----------------------------------------


def test_a_docx_zip_bomb_is_refused_at_once_with_the_dutch_message(docx_bomb):
    assert len(docx_bomb) < 2 * MB
    started = time.perf_counter()
    with pytest.raises(ExtractionError, match=UNPACKS_TOO_FAR):
        check_upload("advies.docx", docx_bomb)
    assert time.perf_counter() - started < 0.5


def test_proposing_points_from_a_zip_bomb_never_starts(town, advice, docx_bomb):
    before = snapshot(advice)
    started = time.perf_counter()
    with (
        mock.patch("advice.views.extract_points") as extract,
        mock.patch("advice.documents.subprocess.run") as child,
    ):
        response = propose(town, advice, {"file": SimpleUploadedFile("advies.docx", docx_bomb)})
    assert time.perf_counter() - started < 5  # was 676 s and 3.7 GB
    assert response.status_code == 200
    assert UNPACKS_TOO_FAR in response.text
    extract.assert_not_called()
    child.assert_not_called()
    assert snapshot(advice) == before


def test_a_policy_document_that_is_a_zip_bomb_is_refused(docx_bomb):
    with pytest.raises(ValidationError, match=UNPACKS_TOO_FAR):
        validate_document(SimpleUploadedFile("nota.docx", docx_bomb))


def test_a_workbook_zip_bomb_is_refused_by_the_motion_import(tmp_path):
    data = bomb(tmp_path / "moties.xlsx", "xl/worksheets/sheet1.xml", 60, {"xl/workbook.xml": ""})
    started = time.perf_counter()
    with pytest.raises(SpreadsheetError, match=UNPACKS_TOO_FAR):
        read_table("moties.xlsx", data)
    assert time.perf_counter() - started < 0.5


def test_too_many_parts_are_refused(settings):
    settings.RAADSVOLG_ARCHIVE_MAX_ENTRIES = 10
    data = zipped({"word/document.xml": "<w:document/>"} | {f"p{i}.xml": "" for i in range(10)})
    with pytest.raises(ExtractionError, match="bestaat uit meer dan 10 onderdelen"):
        check_upload("advies.docx", data)


def test_a_part_packed_absurdly_tight_is_refused_below_the_size_limit():
    data = zipped({"word/document.xml": "<w:document/>", "word/flood.xml": b"\0" * (5 * MB)})
    with pytest.raises(ExtractionError, match="meer dan 100 keer zo sterk ingepakt"):
        check_upload("advies.docx", data)


def test_an_archive_inside_counts_towards_the_total(settings):
    settings.RAADSVOLG_ARCHIVE_MAX_UNPACKED_MB = 1
    settings.RAADSVOLG_ARCHIVE_MAX_RATIO = 100_000
    inner = zipped({"xl/workbook.xml": "", "xl/sheet.xml": b"\0" * (MB // 2 + 1)})
    outer = {"word/document.xml": "<w:document/>", "word/embeddings/a.xlsx": inner}
    assert check_archive(zipped({**outer, "word/embeddings/b.xlsx": b"plain"})) < MB
    with pytest.raises(ArchiveRefused, match="pakt uit tot meer dan 1 MB"):
        check_archive(zipped({**outer, "word/embeddings/b.xlsx": inner}))


def test_archives_inside_archives_inside_archives_are_refused():
    innermost = zipped({"a.txt": "a"})
    middle = zipped({"xl/workbook.xml": "", "xl/embeddings/c.zip": innermost})
    data = zipped({"word/document.xml": "<w:document/>", "word/embeddings/b.xlsx": middle})
    with pytest.raises(ExtractionError, match="archieven binnen archieven"):
        check_upload("advies.docx", data)


# PDF text, read in a bounded child process ------------------------------------------


def test_a_normal_pdf_is_read_by_the_child_process():
    with mock.patch("advice.documents.subprocess.run", wraps=__import__("subprocess").run) as run:
        assert "Wij adviseren het college." in read_text("advies.pdf", text_pdf())
    command = run.call_args.args[0]
    assert command[:3] == [sys.executable, "-m", "advice.textworker"]


def test_a_pdf_whose_text_takes_too_long_is_stopped_at_the_time_limit(settings):
    settings.RAADSVOLG_EXTRACTION_TIMEOUT = 2
    started = time.perf_counter()
    with pytest.raises(ExtractionError, match=TOO_HEAVY):
        read_text("advies.pdf", slow_pdf())
    assert time.perf_counter() - started < 10  # unbounded it takes some 20 s


def test_a_pdf_whose_text_takes_too_much_memory_is_stopped_at_the_memory_limit(settings):
    settings.RAADSVOLG_EXTRACTION_MEMORY_MB = 120
    settings.RAADSVOLG_EXTRACTION_TIMEOUT = 120  # so it is the memory that stops it
    assert "Wij adviseren" in read_text("advies.pdf", text_pdf())  # enough for a letter
    started = time.perf_counter()
    with pytest.raises(ExtractionError, match=TOO_HEAVY):
        read_text("advies.pdf", greedy_pdf())
    assert time.perf_counter() - started < 60


def test_a_pdf_with_too_many_pages_is_not_read(settings):
    settings.RAADSVOLG_PDF_MAX_PAGES = 3
    assert read_text("advies.pdf", text_pdf(pages=3)).count("Wij adviseren") == 3
    with pytest.raises(ExtractionError, match="heeft meer dan 3 pagina's"):
        read_text("advies.pdf", text_pdf(pages=4))


def test_proposing_points_from_a_heavy_pdf_says_so_and_saves_nothing(town, advice, settings):
    settings.RAADSVOLG_EXTRACTION_TIMEOUT = 2
    before = snapshot(advice)
    with mock.patch("advice.views.extract_points") as extract:
        response = propose(town, advice, {"file": SimpleUploadedFile("advies.pdf", slow_pdf())})
    assert response.status_code == 200
    assert TOO_HEAVY in response.text
    extract.assert_not_called()
    assert snapshot(advice) == before


# Letters fetch nothing but data: URLs -----------------------------------------------


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def letter(town):
    Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        secretary_name="mr. J. de Wit",
        mayor_name="H. Pieters",
        logo=SimpleUploadedFile("logo.png", png()),
    )
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
    )
    return CompletionLetter.objects.create(
        motion=motion,
        introduction="Het college heeft dit onderzocht.",
        core_message=(
            "<p>Vier taalpunten geopend.</p>"
            '<img src="file:///etc/passwd" alt="">'
            '<img src="http://127.0.0.1:9/beacon.png" alt="">'
            '<img src="wachtwoorden.png" alt="">'
        ),
    )


def images_in(pdf_bytes: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


def test_a_letter_fetches_no_file_or_web_url_and_keeps_its_logo(letter, caplog):
    with (
        caplog.at_level(logging.WARNING, logger="governance.letters"),
        mock.patch("urllib.request.FileHandler.file_open") as file_open,
        mock.patch("urllib.request.HTTPHandler.http_open") as http_open,
    ):
        html, pdf_bytes = letter.render()
    assert "file:///etc/passwd" in html  # the user's markup reached WeasyPrint …
    refused = [r.getMessage() for r in caplog.records if "refused to fetch" in r.getMessage()]
    assert any("file:///etc/passwd" in message for message in refused)  # … which asked,
    assert any("http://127.0.0.1:9/beacon.png" in message for message in refused)
    assert any("wachtwoorden.png" in message for message in refused)  # relative: file://
    file_open.assert_not_called()  # … and nothing was opened
    http_open.assert_not_called()
    assert images_in(pdf_bytes) == 1  # the logo, a data: URL, is in the letter
    assert "Vier taalpunten geopend." in PdfReader(io.BytesIO(pdf_bytes)).pages[0].extract_text()


def test_a_stylesheet_link_is_not_fetched_either(caplog, tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red }")
    html = (
        '<!DOCTYPE html><html lang="nl"><head><title>t</title>'
        f'<link rel="stylesheet" href="file://{secret}"></head><body><p>x</p></body></html>'
    )
    with (
        caplog.at_level(logging.WARNING, logger="governance.letters"),
        mock.patch("governance.letters.render_to_string", return_value=html),
    ):
        render_pdf("letters/base.html", {})
    assert any(str(secret) in r.getMessage() for r in caplog.records)


# Wagtail's document and image libraries ---------------------------------------------


@pytest.fixture
def functional_admin(db):
    return get_user_model().objects.create_superuser("beheerder", "beheer@example.org", "x")


def test_the_public_document_library_is_gone(client, db):
    assert client.get("/documents/").status_code == 404
    assert client.get("/documents/1/nota.pdf").status_code == 404


@pytest.mark.parametrize("url", ["/admin/documents/", "/admin/images/", "/admin/images/add/"])
def test_the_library_admin_answers_404_even_to_the_functional_administrator(functional_admin, url):
    assert client_for(functional_admin).get(url).status_code == 404


@pytest.mark.parametrize("role", ["griffie", "staff", "advisory_member", "superuser"])
def test_no_role_sees_the_libraries_in_the_admin(town, functional_admin, role):
    user = functional_admin if role == "superuser" else getattr(town, role)
    page = client_for(user).get("/admin/").text
    assert "/admin/pages/" in page or "/admin/motion" in page  # the menu is there
    for needle in ("/admin/documents/", "/admin/images/", "Documenten", "Afbeeldingen"):
        assert needle not in page


@pytest.mark.parametrize(
    "hook",
    [
        "register_admin_urls",
        "register_admin_menu_item",
        "register_admin_viewset",
        "register_group_permission_panel",
        "register_admin_search_area",
        "construct_homepage_summary_items",
        "register_rich_text_features",
        "before_serve_document",
        "register_bulk_action",
    ],
)
def test_the_libraries_add_nothing_to_the_admin(hook):
    from wagtail import hooks

    modules = {fn.__module__ for fn in hooks.get_hooks(hook)}
    assert not {m for m in modules if m.startswith(("wagtail.documents.", "wagtail.images."))}


def test_rich_text_offers_no_document_links_or_images():
    from wagtail.rich_text import features

    assert "document-link" not in features.get_default_features()
    assert "image" not in features.get_default_features()
    assert features.get_editor_plugin("draftail", "document-link") is None
