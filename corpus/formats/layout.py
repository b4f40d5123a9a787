"""The layout every reader produces: the document as text, cut into typed blocks.

A PDF, a Word file, a web page and a text file all become one `Layout`: the text a
reader reads (paragraphs apart, table cells split by tabs, bold in `**`, list items
led by `- `), and the blocks it is made of, each a heading (with its level when the
format says), a run of text, or a table row. The structure parser reads only this,
so it never knows which format a statement came in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Block", "Layout", "LayoutWriter"]


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph (maybe several lines) or a table row of the text.

    `start`/`end` slice `Layout.text`; `cells` are the row's cell spans; `level` is
    a heading's rank (1 the largest; 0 when the format does not say).
    """

    kind: str  # "heading", "text" or "row"
    start: int
    end: int
    level: int = 0
    cells: tuple[tuple[int, int], ...] = ()
    header: bool = False
    table: int = -1

    def __post_init__(self) -> None:
        if self.kind not in ("heading", "text", "row"):
            raise ValueError(f"unknown block kind {self.kind!r}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"block has bad offsets {self.start}..{self.end}")


@dataclass(frozen=True)
class Layout:
    """A document as text and blocks; every block's offsets slice `text`."""

    text: str
    blocks: tuple[Block, ...]
    format: str

    def raw(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def cell(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]


@dataclass
class LayoutWriter:
    """Builds a Layout block by block: blocks are set apart by a blank line."""

    format: str
    parts: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    size: int = 0
    tables: int = 0
    _in_table: bool = False

    def _append(self, text: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append("\n\n")
            self.size += 2
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start, self.size

    def heading(self, text: str, level: int = 0) -> None:
        text = " ".join(text.split())
        if text:
            self._in_table = False
            start, end = self._append(text)
            self.blocks.append(Block("heading", start, end, level=level))

    def paragraph(self, text: str) -> None:
        """A paragraph; its own line breaks (a signature, a list) are kept."""
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self._in_table = False
            start, end = self._append(text)
            self.blocks.append(Block("text", start, end))

    def row(self, cells: list[str], *, header: bool = False) -> None:
        """A table row; consecutive rows form one table. Cells keep their line breaks."""
        cleaned = [_lines(cell) for cell in cells]
        if not any(cleaned):
            return
        if not self._in_table:
            self.tables += 1
            self._in_table = True
        pos = self.size + (2 if self.parts else 0)
        spans = []
        for i, cell in enumerate(cleaned):
            spans.append((pos, pos + len(cell)))
            pos += len(cell) + 1
        start, end = self._append("\t".join(cleaned))
        self.blocks.append(
            Block("row", start, end, cells=tuple(spans), header=header, table=self.tables)
        )

    def end_table(self) -> None:
        self._in_table = False

    def layout(self) -> Layout:
        return Layout("".join(self.parts), tuple(self.blocks), self.format)


def _lines(text: str) -> str:
    """Each line's whitespace folded, empty lines dropped."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())
