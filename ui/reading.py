"""The "Read the statement" view: every passage in document order, each with an anchor.

Citations link here (`#p-theme-4-recommendation-fiji`), so a reader can check any
quoted sentence in its place. Built once per server from `Assistant.passages`.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from itertools import groupby

from corpus.document import Document
from corpus.passage import Passage
from qa.labels import short_label
from ui.render import anchor_id, passage_body, theme_name

__all__ = ["statement_html"]

_SUBHEADINGS = {
    "spotlight": "Spotlight on member and observer states and organisations: "
    "promising practices and solutions",
    "recommendation": "Actionable recommendations and opportunities for collective efforts",
}


def statement_html(
    passages: Sequence[Passage], documents: Sequence[Document] = ()
) -> str:
    """The whole statement, section by section, with a table of contents.

    With several documents, each comes under its own title, in library order.
    """
    sections = [
        (name, list(group))
        for name, group in groupby(passages, key=lambda p: (p.doc, _section_key(p)))
    ]
    titles = {d.id: d for d in documents} if len(documents) > 1 else {}
    toc_parts: list[str] = []
    body_parts: list[str] = []
    for i, (_, group) in enumerate(sections):
        doc = titles.get(group[0].doc)
        if doc is not None and (i == 0 or sections[i - 1][1][0].doc != doc.id):
            label = f"{doc.title} ({doc.id}{', ' + doc.date if doc.date else ''})"
            toc_parts.append(f'<li class="rq-toc-doc"><a href="#{_section_anchor(i)}">'
                             f"{escape(doc.title)}</a></li>")
            body_parts.append(f'<h1 class="rq-doc-title">{escape(label)}</h1>')
        toc_parts.append(
            f'<li><a href="#{_section_anchor(i)}">{escape(_toc_label(group[0]))}</a></li>'
        )
        body_parts.append(_section(i, group))
    toc = "".join(toc_parts)
    body = "".join(body_parts)
    return (
        '<div class="rq-doc">'
        '<nav class="rq-toc">'
        '<div class="rq-find"><input type="search" id="rq-find" placeholder="Find in the statement"'
        ' aria-label="Find in the statement" autocomplete="off">'
        '<div class="rq-find-bar"><span id="rq-find-count" aria-live="polite"></span>'
        '<button type="button" id="rq-find-prev" aria-label="Previous match">↑</button>'
        '<button type="button" id="rq-find-next" aria-label="Next match">↓</button></div></div>'
        '<button type="button" id="rq-back" hidden>← Back to the answer</button>'
        '<div class="rq-toc-title">Contents</div>'
        f"<ol>{toc}</ol></nav>"
        f'<div class="rq-doc-body">{body}</div></div>'
    )


def _section_key(passage: Passage) -> str:
    return passage.section


def _section_anchor(i: int) -> str:
    return f"s-{i}"


def _in_theme(p: Passage) -> bool:
    """A passage of a theme section (key insights carry a theme number but are not)."""
    return bool(p.theme) and p.section == p.theme_title


def _heading(first: Passage) -> str:
    if _in_theme(first):
        return f"Theme {first.theme}: {first.theme_title}"
    if first.section == "Title":
        return "Title page"
    if first.kind == "overview":
        return f"Overview: {first.section}"
    return first.section


def _toc_label(first: Passage) -> str:
    if _in_theme(first) and first.theme is not None:
        return theme_name(first.theme, first.theme_title)
    return "Overview" if first.kind == "overview" and first.section != "Title" else _heading(first)


def _section(i: int, group: list[Passage]) -> str:
    parts = [f'<section class="rq-section" id="{_section_anchor(i)}">']
    parts.append(f"<h2>{escape(_heading(group[0]))}</h2>")
    for kind, run in groupby(group, key=lambda p: p.kind):
        if kind in _SUBHEADINGS:
            parts.append(f'<h3 class="rq-subhead">{escape(_SUBHEADINGS[kind])}</h3>')
        parts.extend(_passage(p) for p in run)
    parts.append("</section>")
    return "".join(parts)


def _passage(p: Passage) -> str:
    """One passage under its heading, labelled as a reader would cite it (the id, for
    checking, on hover), its sentences addressable so a citation can mark them."""
    anchor = anchor_id(p.id)
    return (
        f'<article class="rq-p rq-p-{escape(p.kind)}" id="{anchor}">'
        f'<div class="rq-p-head"><a class="rq-p-link" href="#{anchor}" title="{escape(p.id)}">'
        f"{escape(short_label(p))}</a></div>"
        f"{passage_body(p, sentences=True)}</article>"
    )
