"""Renderings of a statement kept as text (the bundled one, or a test's own) as people
receive them: a web page, a PDF printed from it by Debian's Chromium, a Word file.

Made at test time from the text alone, so nothing third-party is committed. The
renderer is deliberately plain: the document's own headings, paragraphs, bold and
tables, as a publisher's page or Word template would show them.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

from corpus.formats.text import read_text

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_DATE_LINE = re.compile(r"^\d{1,2}(?:-\d{1,2})? [A-Z]+ \d{4}$")
_CSS = """
@page { size: A4; margin: 22mm 20mm; }
body { font-family: 'DejaVu Serif', serif; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 22pt; } h2 { font-size: 14pt; margin-top: 18pt; }
h3 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 0.8pt solid #444; padding: 4pt 6pt; vertical-align: top; text-align: left; }
th { background: #ddd; }
"""


def _inline(text: str) -> str:
    out = html.escape(text, quote=False)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    return _LINK.sub(r'<a href="\2">\1</a>', out)


def _cell_html(cell: str) -> str:
    if "<p>" in cell or "<ul" in cell:
        return cell  # the statement's own table markup, kept as it came
    return _inline(cell)


def to_html(text: str, *, title: str = "Statement") -> str:
    """A web page of a statement in the text form: h1 title, h2 headings, tables, lists."""
    layout = read_text(text)
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
             f"</title><style>{_CSS}</style></head><body>"]
    table = None
    first = True
    for block in layout.blocks:
        raw = layout.raw(block)
        if block.kind != "row" and table is not None:
            parts.append("</table>")
            table = None
        if block.kind == "heading":
            if _DATE_LINE.match(raw.strip()):
                parts.append(f"<p class='date'>{_inline(raw.strip())}</p>")
            else:
                tag = "h1" if first else "h2"
                parts.append(f"<{tag}>{_inline(raw.strip())}</{tag}>")
            first = False
        elif block.kind == "text":
            lines = [ln.strip() for ln in raw.strip().split("\n")]
            if all(ln.startswith("- ") for ln in lines):
                items = "".join(f"<li>{_inline(ln[2:])}</li>" for ln in lines)
                parts.append(f"<ul>{items}</ul>")
            else:
                parts.append(f"<p>{'<br>'.join(_inline(ln) for ln in lines)}</p>")
        else:
            if table != block.table:
                if table is not None:
                    parts.append("</table>")
                parts.append("<table>")
                table = block.table
            tag = "th" if block.header else "td"
            cells = "".join(f"<{tag}>{_cell_html(layout.cell(c))}</{tag}>" for c in block.cells)
            parts.append(f"<tr>{cells}</tr>")
    if table is not None:
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def to_pdf(page: str, target: Path, *, header_footer: bool = True) -> Path:
    """Print a web page to PDF with headless Chromium (page headers and numbers on)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "statement.html"
        source.write_text(page, "utf-8")
        flags = [] if header_footer else ["--no-pdf-header-footer"]
        subprocess.run(
            [CHROMIUM, "--headless", *CHROMIUM_FLAGS, *flags, f"--user-data-dir={tmp}/profile",
             f"--print-to-pdf={target}", source.as_uri()],
            check=True, capture_output=True, timeout=120,
        )
    return target


def markdown_html(text: str, *, title: str = "Statement") -> str:
    """A web page of a Markdown statement, styled as `to_html` pages are."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(text)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
            f"</title><style>{_CSS}</style></head><body>{body}</body></html>")


def _runs(paragraph, node) -> None:
    """Add a node's inline content to a python-docx paragraph: bold, line breaks, text."""
    def walk(n, bold: bool) -> None:
        tag = n.tag or ""
        if tag == "-text":
            text = " ".join((n.text(deep=False) or "").split("\n"))
            if text:
                paragraph.add_run(text).bold = bold or None
            return
        if tag == "br":
            paragraph.add_run().add_break()
            return
        child = n.child
        while child is not None:
            walk(child, bold or tag in ("b", "strong", "th"))
            child = child.next

    walk(node, False)


def html_to_docx(page: str, target: Path) -> Path:
    """A Word file of a web page: Title and Heading styles, lists, tables with cell paragraphs.

    What a user gets when they open the page in Word and save it as .docx.
    """
    import docx
    from selectolax.lexbor import LexborHTMLParser

    document = docx.Document()
    body = LexborHTMLParser(page).body
    node = body.child if body is not None else None
    while node is not None:
        tag = node.tag or ""
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            document.add_heading(" ".join(node.text().split()), level=int(tag[1]) - 1)
        elif tag == "p":
            _runs(document.add_paragraph(), node)
        elif tag in ("ul", "ol"):
            for item in node.css("li"):
                _runs(document.add_paragraph(style="List Bullet"), item)
        elif tag == "table":
            rows = node.css("tr")
            width = max(len(r.css("td, th")) for r in rows)
            table = document.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for row in rows:
                cells = table.add_row().cells
                for cell, source in zip(cells, row.css("td, th"), strict=False):
                    parts = source.css("p") or [source]
                    _runs(cell.paragraphs[0], parts[0])
                    for part in parts[1:]:
                        _runs(cell.add_paragraph(), part)
                    for extra in source.css("ul"):
                        _runs(cell.add_paragraph(), extra)
        node = node.next
    document.save(target)
    return target
