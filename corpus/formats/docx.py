"""Word files (.docx, python-docx): heading styles are headings, tables keep their rows.

Paragraphs in the Title or Heading styles are headings (Title the top level); a
short paragraph set wholly in bold is one too, as many documents make headings
by hand. Bold runs become `**`, list paragraphs `- ` lines, and the page headers
and footers (separate parts of the file) are never read.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from corpus.errors import DocumentError
from corpus.formats.layout import Layout, LayoutWriter

__all__ = ["read_docx"]

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_MAX_BOLD_HEADING = 120


def read_docx(data: bytes, path: Path) -> Layout:
    """The blocks of a Word file's body, in reading order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        items = list(document.iter_inner_content())
    # python-docx meets a malformed part with whichever error its parser hits first.
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError, ValueError,
            EOFError, AttributeError, TypeError) as exc:
        raise DocumentError(
            f"{path} is not a valid Word file ({type(exc).__name__}: it may be damaged or "
            "truncated); open it in Word and save it again"
        ) from None
    writer = LayoutWriter("docx")
    bullets: list[str] = []

    def flush_list() -> None:
        if bullets:
            writer.paragraph("\n".join(bullets))
            bullets.clear()

    for item in items:
        if hasattr(item, "rows"):
            flush_list()
            _table(item, writer)
            continue
        text = _runs(item)
        style = (item.style.name if item.style is not None else "") or ""
        if not text.strip():
            continue
        if _is_list(item, style):
            bullets.append(f"- {' '.join(text.split())}")
            continue
        flush_list()
        level = _heading_level(style)
        if level is None and _bold_line(item, text):
            level = 0
        if level is not None:
            writer.heading(text.replace("**", ""), level)
        else:
            writer.paragraph(text)
    flush_list()
    return writer.layout()


def _heading_level(style: str) -> int | None:
    if style.lower() == "title":
        return 1
    match = _HEADING_STYLE.match(style)
    return int(match[1]) + 1 if match else None


def _is_list(paragraph, style: str) -> bool:
    if style.lower().startswith("list"):
        return True
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def _bold_line(paragraph, text: str) -> bool:
    """A short line wholly in bold, not ending as a sentence: a heading made by hand."""
    plain = text.replace("**", "").strip()
    runs = [r for r in paragraph.runs if r.text.strip()]
    return (
        bool(runs)
        and all(r.bold for r in runs)
        and len(plain) <= _MAX_BOLD_HEADING
        and "\n" not in plain
        and not plain.endswith((".", ":"))
        and sum(c.isalpha() for c in plain) >= 2
    )


def _runs(paragraph) -> str:
    """The paragraph's text with bold runs in `**` and its line breaks kept."""
    pieces: list[list] = []
    for run in paragraph.runs:
        if not run.text:
            continue
        bold = bool(run.bold) and bool(run.text.strip())
        if pieces and pieces[-1][1] == bold:
            pieces[-1][0] += run.text
        else:
            pieces.append([run.text, bold])
    return "".join(_stressed(text) if bold else text for text, bold in pieces)


def _stressed(text: str) -> str:
    """`**` around the words, the spaces around them left outside."""
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    return f"{lead}**{core}**{text[len(text.rstrip()):]}"


def _table(table, writer: LayoutWriter) -> None:
    for i, row in enumerate(table.rows):
        seen = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell is listed once per column it spans
            seen.add(id(cell._tc))
            cells.append("\n".join(_runs(p) for p in cell.paragraphs if p.text.strip()))
        header = i == 0 and bool(cells) and all(_all_bold(c) or not _has_lower(c) for c in cells)
        writer.row([c.replace("**", "") if header else c for c in cells], header=header)
    writer.end_table()


def _all_bold(cell: str) -> bool:
    stripped = cell.strip()
    return stripped.startswith("**") and stripped.endswith("**") and stripped.count("**") == 2


def _has_lower(cell: str) -> bool:
    return any(c.islower() for c in cell)
