"""PDF (pdfplumber): rebuild paragraphs, headings and table rows from positioned words.

A PDF holds words at positions, not paragraphs. Lines are words that share a
baseline; a paragraph is lines at the text's own leading, its line breaks undone
(a hyphen at a line's end is dropped only when the document spells the joined
word without it elsewhere); a short line inside a paragraph (a signature, an
address) stays a line. Headings are paragraphs in a larger size, or wholly bold.
What repeats at the top or bottom of most pages (running heads, page numbers) is
dropped. Ruled tables give rows; a row cut by a page break is joined again, and a
header row repeated on the next page is dropped. A PDF with no text layer (a scan)
is refused: there is nothing to cite.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from corpus.errors import DocumentError
from corpus.formats.layout import Layout, LayoutWriter
from corpus.formats.pdf_pages import (
    BULLETS,
    SENTENCE_END,
    Line,
    Page,
    Row,
    open_pages,
    vocabulary,
)

__all__ = ["read_pdf"]

_HEADING_SIZE = 1.15


def read_pdf(data: bytes, path: Path) -> Layout:
    """The blocks of a PDF with a text layer, in reading order."""
    pages = open_pages(data, path)
    lines = [item for page in pages for item in page.items if isinstance(item, Line)]
    rows = [item for page in pages for item in page.items if isinstance(item, Row)]
    if not lines and not rows:
        raise DocumentError(
            f"{path} has no text layer (it looks like a scan); rso-qa can only read a PDF "
            "whose text can be selected, so export the statement from its source again"
        )
    known = vocabulary(pages)
    sizes = Counter(round(line.size, 1) for line in lines for _ in line.plain)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    writer = LayoutWriter("pdf")
    joiner = _Joiner(known)
    heading_sizes = sorted({round(line.size, 1) for line in lines
                            if line.size >= body * _HEADING_SIZE}, reverse=True)
    previous: Row | None = None
    previous_cells: list[str] = []
    previous_header = False
    header: list[str] | None = None
    for paragraph in _paragraphs(pages, body):
        if isinstance(paragraph, Row):
            cells = [joiner.cell(cell) for cell in paragraph.cells]
            if previous is not None and not previous_header and _continues(previous, paragraph):
                if header is not None and [c.replace("**", "") for c in cells] == header:
                    continue  # the header row, repeated on the next page
                writer.blocks.pop()
                writer.parts.pop()
                writer.size = sum(len(p) for p in writer.parts)
                if writer.parts:
                    writer.parts.pop()
                    writer.size -= 2
                cells = [joiner.join(a, b) if a and b else a or b
                         for a, b in zip(previous_cells, cells, strict=False)]
                writer.row(cells, header=False)
                previous_cells, previous = cells, paragraph
                continue
            is_header = _is_header(cells, previous is None or not _same_table(previous, paragraph))
            if is_header:
                header = [c.replace("**", "") for c in cells]
            elif previous is None or not _same_table(previous, paragraph):
                header = None
            writer.row([c.replace("**", "") if is_header else c for c in cells], header=is_header)
            previous_cells, previous, previous_header = cells, paragraph, is_header
            continue
        previous = None
        text = joiner.paragraph(paragraph)
        size = max(line.size for line in paragraph)
        plain = text.replace("**", "").strip()
        letters = sum(c.isalpha() for c in plain)
        if size >= body * _HEADING_SIZE and letters >= 2:
            writer.heading(plain, heading_sizes.index(round(size, 1)) + 1
                           if round(size, 1) in heading_sizes else 0)
        elif all(line.bold for line in paragraph) and _heading_like(plain, paragraph):
            writer.heading(plain, len(heading_sizes) + 1)
        else:
            writer.paragraph(text)
    return writer.layout()


def _paragraphs(pages: list[Page], body: float) -> list[list[Line] | Row]:
    """Lines grouped into paragraphs (by leading, size and page turns); rows as they are."""
    out: list[list[Line] | Row] = []
    current: list[Line] = []
    for page in pages:
        for item in page.items:
            if isinstance(item, Row):
                if current:
                    out.append(current)
                    current = []
                out.append(item)
                continue
            if current and _same_paragraph(current[-1], item, body):
                current.append(item)
            else:
                if current:
                    out.append(current)
                current = [item]
    if current:
        out.append(current)
    return out


def _same_paragraph(prev: Line, line: Line, body: float) -> bool:
    if abs(prev.size - line.size) > 0.5 or prev.bold != line.bold and (
        prev.size >= body * _HEADING_SIZE or line.size >= body * _HEADING_SIZE
    ):
        return False
    if line.bullet and not prev.bullet:
        return False
    if prev.bullet and not line.bullet and line.x0 < prev.x0 - 5:
        return False  # the list ended
    if line.page != prev.page:
        # A paragraph runs on over a page turn unless its last line ended a sentence.
        return not prev.plain.rstrip().endswith(SENTENCE_END)
    gap = line.top - prev.bottom
    return -2 <= gap <= 0.6 * line.size


def _heading_like(plain: str, lines: list[Line]) -> bool:
    return (len(lines) <= 3 and len(plain) <= 160 and not plain.endswith((".", ";", ","))
            and sum(c.isalpha() for c in plain) >= 2)


class _Joiner:
    """Undoes line breaks: hyphens, dashes and spaces, from the document's own spelling."""

    def __init__(self, vocabulary: frozenset[str]):
        self.vocabulary = vocabulary

    def join(self, left: str, right: str) -> str:
        if not left:
            return right
        if left.endswith("\u00ad"):
            return left[:-1] + right
        if left.endswith("-") and not left.endswith(" -"):
            head = re.findall(r"[\w’']+-$", left)
            tail = re.match(r"[\w’']+", right)
            if head and tail:
                whole = (head[0][:-1] + tail[0]).lower()
                split = f"{head[0]}{tail[0]}".lower()
                if whole in self.vocabulary and split not in self.vocabulary:
                    return left[:-1] + right
            return left + right
        if left.endswith(("—", "–", "/")) or right.startswith(("—", "–")):
            return left + right  # a line may break beside a dash or a slash
        return f"{left} {right}"

    def lines(self, lines: list[Line]) -> str:
        """Lines of one paragraph as text: hard breaks where a line stops short."""
        right = max(line.x1 for line in lines)
        text = ""
        for i, line in enumerate(lines):
            part = line.text()
            if line.bullet:
                part = f"- {part}"
            if i == 0:
                text = part
            elif line.bullet or _broken_early(lines[i - 1], line, right):
                text = f"{text}\n{part}"
            else:
                text = self.join(text, part)
        return _tidy_bold(text)

    def paragraph(self, lines: list[Line]) -> str:
        return self.lines(lines)

    def cell(self, lines: list[Line]) -> str:
        """A cell's text; a gap between its lines starts a new paragraph (a new line)."""
        groups: list[list[Line]] = []
        for line in lines:
            close = groups and line.top - groups[-1][-1].bottom <= 0.6 * line.size
            if close and line.words[0]["text"][:1] not in BULLETS:
                groups[-1].append(line)
            else:
                groups.append([line])
        return "\n".join(self.lines(g) for g in groups)


def _broken_early(prev: Line, line: Line, right: float) -> bool:
    """A line that ends although the next line's first word had room on it: a hard break."""
    first = line.words[0]
    needed = (first["x1"] - first["x0"]) + 0.5 * first["size"]
    return right - prev.x1 > needed + first["size"]


def _tidy_bold(text: str) -> str:
    """`**A** **B**` across a line break reads as one bold run `**A B**`."""
    return re.sub(r"\*\*(\s+)\*\*", r"\1", text)


def _is_header(cells: list[str], first_of_table: bool) -> bool:
    if not first_of_table:
        return False
    plain = [c.replace("**", "").strip() for c in cells]
    return any(plain) and all(
        not any(ch.islower() for ch in c) or (c.startswith("**") and c.endswith("**"))
        for c in cells if c.strip()
    )


def _same_table(prev: Row, row: Row) -> bool:
    if row.page == prev.page:
        return True
    return (prev.last_on_page and row.first_on_page and row.page == prev.page + 1
            and len(row.cells) == len(prev.cells)
            and all(abs(a - b) <= 3 for a, b in zip(row.columns, prev.columns, strict=True)))


def _continues(prev: Row, row: Row) -> bool:
    """A row on a new page that is the rest of the last row of the page before."""
    if row.page == prev.page or not _same_table(prev, row):
        return False
    first = [ln.plain for cell in row.cells for ln in cell[:1]]
    last = [cell[-1].plain.rstrip() for cell in prev.cells if cell]
    return (
        any(not cell for cell in row.cells)
        or any(text[:1].islower() for text in first)
        or any(not text.endswith(SENTENCE_END) for text in last)
    )
