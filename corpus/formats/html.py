"""Web pages (and Markdown, through its HTML): h1-h6 are headings, tables keep their rows.

Paragraphs, list items and table cells keep their words; bold becomes `**` (the
statement marks who speaks in bold), a list becomes `- ` lines, and scripts,
styles and navigation are dropped.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from corpus.formats.layout import Layout, LayoutWriter

__all__ = ["read_html", "read_markdown"]

_SKIP = {"script", "style", "noscript", "template", "nav", "iframe", "svg", "button", "form",
         "head", "title", "meta", "link", "select", "canvas", "object"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "body",
           "blockquote", "ul", "ol", "li", "table", "figure", "figcaption", "dl", "dt", "dd",
           "address", "pre", "hr", "center", "fieldset", *_HEADINGS}
_BOLD = {"b", "strong"}


def read_html(text: str) -> Layout:
    """The blocks of a web page's body, in reading order."""
    tree = LexborHTMLParser(text)
    writer = LayoutWriter("html")
    root = tree.body or tree.root
    if root is not None:
        _walk(root, writer)
    return writer.layout()


def read_markdown(text: str) -> Layout:
    """Markdown, rendered to HTML by markdown-it (CommonMark with tables), then read."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    layout = read_html(html)
    return Layout(layout.text, layout.blocks, "markdown")


def _children(node: LexborNode):
    child = node.child
    while child is not None:
        yield child
        child = child.next


def _walk(node: LexborNode, writer: LayoutWriter) -> None:
    """Emit the blocks under `node`; loose inline text between blocks is a paragraph."""
    inline: list[str] = []

    def flush() -> None:
        if inline:
            writer.paragraph("".join(inline))
            inline.clear()

    for child in _children(node):
        tag = child.tag or ""
        if tag in _SKIP or tag.startswith("#") or tag == "-comment":
            continue
        if tag not in _BLOCKS:
            inline.append(_inline(child))
            continue
        flush()
        if tag in _HEADINGS:
            writer.heading(_inline(child).replace("**", ""), _HEADINGS[tag])
        elif tag in ("ul", "ol"):
            writer.paragraph(_list(child))
        elif tag == "table":
            _table(child, writer)
        elif tag == "p" or not any((c.tag or "") in _BLOCKS for c in _children(child)):
            writer.paragraph(_inline(child))
        else:
            _walk(child, writer)
    flush()


def _list(node: LexborNode) -> str:
    lines = []
    for item in _children(node):
        if item.tag == "li":
            text = " ".join(_inline(item).split())
            if text:
                lines.append(f"- {text}")
    return "\n".join(lines)


def _inline(node: LexborNode) -> str:
    """A node's text: line breaks kept, bold in `**`, whitespace runs folded later."""
    tag = node.tag or ""
    if tag == "-text":
        return (node.text(deep=False) or "").replace("\n", " ")
    if tag == "br":
        return "\n"
    if tag in _SKIP or tag == "-comment":
        return ""
    inner = "".join(_inline(c) for c in _children(node))
    if tag in _BOLD and inner.strip():
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        return f"{lead}**{inner.strip()}**{trail}"
    if tag in ("p", "div", "li", "ul", "ol") and inner.strip():
        return f"\n{inner.strip()}\n"  # a block inside inline content starts a new line
    return inner


def _table(node: LexborNode, writer: LayoutWriter) -> None:
    for row in node.css("tr"):
        cells = [c for c in _children(row) if c.tag in ("td", "th")]
        if not cells:
            continue
        texts = [_cell(c) for c in cells]
        header = all(c.tag == "th" for c in cells) or (
            row.parent is not None and row.parent.tag == "thead"
        )
        writer.row(texts, header=header)
    writer.end_table()


def _cell(node: LexborNode) -> str:
    text = _inline(node)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
