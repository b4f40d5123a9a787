"""Plain text: capitalised lines are headings, blank lines end paragraphs, tabs split cells.

This is also the form the bundled statement is kept in (a text extraction with its
table cells as tab-separated lines and a little HTML and `**bold**` inside), so a
block's offsets here are offsets into the file itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from corpus.formats.layout import Block, Layout

__all__ = ["is_heading_line", "read_text"]

_MIN_HEADING_LETTERS = 6


def is_heading_line(line: str) -> bool:
    """A heading in plain text: a line in capitals, long enough to be more than an acronym."""
    stripped = line.strip()
    letters = sum(c.isalpha() for c in stripped)
    return "\t" not in line and letters >= _MIN_HEADING_LETTERS and stripped.isupper()


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line.rstrip("\r")), line.rstrip("\r")
        pos += len(line) + 1


def read_text(text: str, format: str = "text") -> Layout:
    """Blocks of a text file: headings, paragraphs and tab-separated table rows."""
    blocks: list[Block] = []
    pending: list[tuple[int, int]] = []
    table = 0
    last_was_row = False

    def flush() -> None:
        if pending:
            blocks.append(Block("text", pending[0][0], pending[-1][1]))
            pending.clear()

    for start, end, line in _lines(text):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if "\t" in line:
            flush()
            if not last_was_row:
                table += 1
            cells, pos = [], start
            for cell in line.split("\t"):
                cells.append((pos, pos + len(cell)))
                pos += len(cell) + 1
            first = not last_was_row
            header = first and not any(c.islower() for c in line)
            blocks.append(Block("row", start, end, cells=tuple(cells), header=header, table=table))
            last_was_row = True
            continue
        last_was_row = False
        if is_heading_line(line):
            flush()
            lead = len(line) - len(line.lstrip())
            blocks.append(Block("heading", start + lead, start + lead + len(stripped)))
            continue
        pending.append((start, end))
    flush()
    return Layout(text, tuple(blocks), format)
