"""The child process that reads the text of an uploaded PDF or Word letter.

`python -m advice.textworker KIND MAX_PAGES MEMORY_BYTES CPU_SECONDS` reads the file from
stdin and writes its text, UTF-8, to stdout. Before it imports pypdf or python-docx it
limits its own address space and CPU time, so that a crafted file exhausts this process
and not the server; the parent adds a wall-clock timeout (advice/documents.py).

No Django here: the child starts fast and needs no settings. The exit code says what
went wrong; the parent turns it into a Dutch message."""

import io
import resource
import sys

OK, DAMAGED, ENCRYPTED, TOO_MANY_PAGES, OUT_OF_MEMORY = 0, 2, 3, 4, 5


class TooManyPages(Exception):
    pass


class Encrypted(Exception):
    pass


def limit(memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))


def pdf_text(data: bytes, max_pages: int) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise Encrypted
    if len(reader.pages) > max_pages:
        raise TooManyPages
    # A form feed between pages lets the cleaning tell running headers and footers
    # (at a page's edge) from a sentence the letter repeats.
    return "\n\f\n".join(page.extract_text() or "" for page in reader.pages)


def docx_text(data: bytes) -> str:
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


def main(argv: list[str]) -> int:
    kind, max_pages, memory_bytes, cpu_seconds = argv[0], *map(int, argv[1:4])
    data = sys.stdin.buffer.read()
    limit(memory_bytes, cpu_seconds)
    try:
        text = pdf_text(data, max_pages) if kind == "pdf" else docx_text(data)
    except MemoryError:
        return OUT_OF_MEMORY
    except Encrypted:
        return ENCRYPTED
    except TooManyPages:
        return TOO_MANY_PAGES
    except Exception as error:  # a damaged file: the libraries raise many kinds
        return OUT_OF_MEMORY if _ran_out_of_memory(error) else DAMAGED
    sys.stdout.buffer.write(text.encode("utf-8", errors="replace"))
    return OK


def _ran_out_of_memory(error: BaseException | None) -> bool:
    """Whether a MemoryError lies under `error` (a library may wrap it in its own)."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, MemoryError):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
