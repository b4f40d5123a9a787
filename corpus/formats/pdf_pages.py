"""What is on each page of a PDF (pdfplumber): lines of positioned words, ruled table
rows, and no running heads.

Lines are words that share a baseline, in reading order, with their size and font;
a small mark just left of a line (a bullet) makes it a list item. Ruled tables give
rows of cells, each cell its own lines; a row cut by a page break is closed where its
column rules end. What repeats at the top or bottom of most pages (running heads,
page numbers) is dropped here, before anything reads the text.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.errors import DocumentError

__all__ = ["BULLETS", "SENTENCE_END", "Line", "Page", "Row", "open_pages", "vocabulary"]

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–]?\s*\d+\s*[-–]?(?:\s*(?:/|of)\s*\d+)?$", re.I)
SENTENCE_END = ("." , "!", "?", ":", ";", "\"", "”", "’", ")")
BULLETS = "•◦▪▫●○■□‣⁃"
_MARGIN = 0.12  # running heads and page numbers live in the top and bottom eighths
_MIN_RULE = 4.0  # shorter vertical strokes are the ends of underlines, not column rules


@dataclass
class Line:
    words: list[dict[str, Any]]
    page: int
    bullet: bool = False

    @property
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w["bottom"] for w in self.words)

    @property
    def x0(self) -> float:
        return min(w["x0"] for w in self.words)

    @property
    def x1(self) -> float:
        return max(w["x1"] for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w["size"] for w in self.words)

    @property
    def bold(self) -> bool:
        return all(BOLD_FONT.search(w["fontname"]) for w in self.words)

    @property
    def plain(self) -> str:
        return " ".join(w["text"] for w in self.words)

    def text(self) -> str:
        """The line's words, bold runs in `**`; no space where the words touch."""
        out: list[str] = []
        bold = False
        for i, word in enumerate(self.words):
            stressed = bool(BOLD_FONT.search(word["fontname"]))
            gap = word["x0"] - self.words[i - 1]["x1"] if i else 0.0
            space = " " if i and gap > 0.12 * word["size"] else ""
            if stressed != bold:
                out.append(f"**{space}" if not stressed else f"{space}**")
                bold = stressed
                space = ""
            out.append(space + word["text"])
        if bold:
            out.append("**")
        return "".join(out)


@dataclass
class Row:
    cells: list[list[Line]]
    page: int
    top: float
    bottom: float
    columns: tuple[float, ...]
    first_on_page: bool = False
    last_on_page: bool = False


@dataclass
class Page:
    items: list[Line | Row] = field(default_factory=list)


def open_pages(data: bytes, path: Path) -> list[Page]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_read_page(page, i) for i, page in enumerate(pdf.pages)]
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if "Password" in type(cause).__name__ or "Encrypt" in type(cause).__name__:
            raise DocumentError(
                f"{path} is password-protected; open it, save a copy without a password, "
                "and add that"
            ) from None
        raise DocumentError(
            f"{path} is not a valid PDF ({type(cause).__name__}: it may be damaged or "
            "truncated); download or export it again"
        ) from None
    _drop_running_heads(pages)
    for page in pages:
        if page.items and isinstance(page.items[0], Row):
            page.items[0].first_on_page = True
        if page.items and isinstance(page.items[-1], Row):
            page.items[-1].last_on_page = True
    return pages


def _read_page(page: Any, number: int) -> Page:
    words = [
        {**w, "text": "".join(_LIGATURES.get(c, c) for c in w["text"])}
        for w in page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
    ]
    # A row cut by a page break has no rule where the page ends: close it at the end of
    # its column rules, so that it is still found as a table.
    rules = _row_rules(page)
    tables = page.find_tables(
        {"horizontal_strategy": "explicit", "explicit_horizontal_lines": rules}
    ) if len(rules) >= 2 else []
    boxes = [t.bbox for t in tables]
    free = [w for w in words if not any(_inside(w, box) for box in boxes)]
    marks = [o for o in (*page.curves, *page.rects, *page.chars)
             if o.get("text", "") in BULLETS or (
                 "text" not in o and o["x1"] - o["x0"] <= 6 and o["bottom"] - o["top"] <= 6)]
    items: list[Line | Row] = []
    for line in _lines(free, number):
        if line.words and line.words[0]["text"][:1] in BULLETS:
            first = line.words[0]
            rest = first["text"][1:].lstrip()
            line.words = ([{**first, "text": rest}] if rest else []) + line.words[1:]
            line.bullet = bool(line.words)
        elif any(m["x1"] <= line.x0 and line.x0 - m["x1"] < 30
                 and line.top - 2 <= (m["top"] + m["bottom"]) / 2 <= line.bottom + 2
                 and "text" not in m for m in marks):
            line.bullet = True
        if line.words:
            items.append(line)
    for table in tables:
        for row in table.rows:
            spans = [c for c in row.cells if c is not None]
            if not spans:
                continue
            cells = [_lines([w for w in words if _inside(w, c)], number) for c in spans]
            top = min(c[1] for c in spans)
            items.append(Row(cells, number, top, max(c[3] for c in spans),
                              tuple(round(c[0]) for c in spans)))
    items.sort(key=lambda item: item.top)
    result = Page(items)
    result.height = float(page.height)  # type: ignore[attr-defined]
    return result


def _row_rules(page: Any) -> list[float]:
    """Heights of the rules between table rows: a horizontal rule from one column rule to
    another (an underline starts at its words, not at a rule), and where column rules
    end, which closes a row cut by a page break."""
    verticals = [e for e in page.edges
                 if e["orientation"] == "v" and e["bottom"] - e["top"] >= _MIN_RULE]
    xs = [e["x0"] for e in verticals]

    def on_rule(x: float) -> bool:
        return any(abs(x - v) <= 2 for v in xs)

    rules = {round(e[k], 1) for e in verticals for k in ("top", "bottom")}
    rules |= {round(e["top"], 1) for e in page.edges
              if e["orientation"] == "h" and on_rule(e["x0"]) and on_rule(e["x1"])}
    return sorted(rules)


def _inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(words: list[dict[str, Any]], page: int) -> list[Line]:
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1].words[-1]["top"]) <= 0.3 * word["size"]:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word], page))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _drop_running_heads(pages: list[Page]) -> None:
    """Drop lines repeated in the top or bottom margin of most pages, and page numbers."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.plain)

    def in_margin(line: Line, page: Page) -> bool:
        height = getattr(page, "height", 842.0)
        return line.bottom < height * _MARGIN or line.top > height * (1 - _MARGIN)

    counts = Counter(
        key(item) for page in pages for item in {id(i): i for i in page.items}.values()
        if isinstance(item, Line) and in_margin(item, page)
    )
    repeated = {k for k, n in counts.items() if n >= max(2, len(pages) // 2)}
    for page in pages:
        page.items = [
            item for item in page.items
            if not (isinstance(item, Line) and in_margin(item, page)
                    and (key(item) in repeated or _PAGE_NUMBER.match(item.plain.strip())))
        ]


def vocabulary(pages: list[Page]) -> frozenset[str]:
    """Every word the document spells whole on one line: the test for a line-end hyphen."""
    words: set[str] = set()
    for page in pages:
        for item in page.items:
            lines = [item] if isinstance(item, Line) else [ln for c in item.cells for ln in c]
            for line in lines:
                for word in line.words[:-1] if line.words else []:
                    words.add(word["text"].strip(".,;:()“”\"'’").lower())
    return frozenset(words)
