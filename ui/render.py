"""HTML for the chat: questions, answers and citation cards.

Every piece of text that reaches the page, from the user or from the statement,
goes through `html.escape` here; nothing else in `ui/` writes text into HTML.
The output holds no blank lines and no leading indentation, so that the
Chatbot's Markdown renderer passes it through as one raw HTML block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from corpus.passage import Passage
from qa.labels import KIND_LABELS
from qa.records import Answer, Citation

__all__ = [
    "KIND_LABELS",
    "MAX_ACTOR_BADGES",
    "anchor_id",
    "answer_html",
    "citation_card",
    "error_html",
    "highlight",
    "passage_body",
    "question_html",
    "theme_name",
]

MAX_ACTOR_BADGES = 6
_SHOWN_QUESTION_CHARS = 300
_SPEAKING = ("spotlight", "recommendation", "glossary")  # kinds whose first actor is the subject
_MARKER = re.compile(r"\[(\d{1,2})\]")


def anchor_id(passage_id: str) -> str:
    """The HTML id of a passage in the reading view: `theme-4/recommendation/fiji` ->
    `p-theme-4-recommendation-fiji`; letters, digits and hyphens only, so it is safe
    in an attribute and in a URL fragment."""
    slug = re.sub(r"[^a-z0-9]+", "-", passage_id.lower()).strip("-")
    return f"p-{slug}"


def theme_name(theme: int, title: str | None) -> str:
    """`Theme 4 · Preparing for emerging priorities and challenges` (the part before the colon)."""
    short = (title or "").split(":", 1)[0].strip()
    return f"Theme {theme} · {short}" if short else f"Theme {theme}"


def highlight(text: str, spans: Sequence[tuple[int, int]], start: int = 0, end: int | None = None):
    """Escaped `text[start:end]` with the spans (offsets into `text`) wrapped in <mark>.

    Spans are clipped to the range and merged when they overlap; line breaks become <br>.
    """
    end = len(text) if end is None else end
    clipped = sorted((max(s, start), min(e, end)) for s, e in spans if s < end and e > start)
    merged: list[list[int]] = []
    for s, e in clipped:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out: list[str] = []
    pos = start
    for s, e in merged:
        out.append(_text(text[pos:s]))
        out.append(f"<mark>{_text(text[s:e])}</mark>")
        pos = e
    out.append(_text(text[pos:end]))
    return "".join(out)


def passage_body(passage: Passage, spans: Sequence[tuple[int, int]] = ()) -> str:
    """The whole passage, highlighted; a recommendation row keeps its two cells apart."""
    text = passage.text
    context, recommendation = passage.context, passage.recommendation
    if context and recommendation and text == f"{context}\n{recommendation}":
        split = len(context)
        return (
            '<div class="rq-row">'
            '<div class="rq-cell"><div class="rq-cell-label">Context</div>'
            f"<p>{highlight(text, spans, 0, split)}</p></div>"
            '<div class="rq-cell"><div class="rq-cell-label">Actionable recommendation</div>'
            f"<p>{highlight(text, spans, split + 1, len(text))}</p></div>"
            "</div>"
        )
    return f'<p class="rq-passage">{highlight(text, spans)}</p>'


def badges(passage: Passage) -> str:
    """Theme, kind and actor badges (speaker first, the rest capped)."""
    parts = []
    if passage.theme:
        parts.append(_badge("theme", theme_name(passage.theme, passage.theme_title)))
    kind = KIND_LABELS.get(passage.kind, passage.kind)
    if not passage.theme and passage.section.lower() != kind.lower():
        parts.append(_badge("place", passage.section))
    parts.append(_badge("kind", kind))
    actors = passage.actors
    for i, actor in enumerate(actors[:MAX_ACTOR_BADGES]):
        speaker = i == 0 and passage.kind in _SPEAKING
        parts.append(_badge("actor rq-speaker" if speaker else "actor", actor))
    if len(actors) > MAX_ACTOR_BADGES:
        parts.append(_badge("more", f"+{len(actors) - MAX_ACTOR_BADGES} more"))
    return f'<div class="rq-badges">{"".join(parts)}</div>'


def citation_card(citation: Citation, *, related: bool = False) -> str:
    """One numbered source: a <details> card that opens to the highlighted passage."""
    p = citation.passage
    where = theme_name(p.theme, p.theme_title) if p.theme else p.section
    who = f" — {p.speaker}" if p.speaker and p.kind in _SPEAKING else ""
    flag = '<span class="rq-flag">Not an answer</span>' if related else ""
    kind = KIND_LABELS.get(p.kind, p.kind)
    classes = "rq-card rq-related-card" if related else "rq-card"
    return (
        f'<details class="{classes}" data-n="{citation.n}" data-passage="{_attr(p.id)}">'
        f'<summary><span class="rq-n">{citation.n}</span>'
        f'<span class="rq-where">{_text(kind)}{_text(who)}'
        f'<span class="rq-sub">{_text(where)}</span></span>{flag}</summary>'
        f'<div class="rq-card-body">{badges(p)}{passage_body(p, citation.highlights)}'
        f'<div class="rq-meta"><code class="rq-id">{_text(p.id)}</code>'
        f'<span class="rq-offsets">characters {p.start:,}–{p.end:,} of the statement</span>'
        f'<a class="rq-goto" href="#{anchor_id(p.id)}">Read in the statement →</a>'
        "</div></div></details>"
    )


def answer_html(answer: Answer) -> str:
    """The answer text with linked [n] markers and its cards; an abstention shows the
    plain sentence and the related passages, each visibly marked as not an answer."""
    if answer.abstained:
        cards = "".join(citation_card(c, related=True) for c in answer.related)
        related = (
            '<div class="rq-sources rq-related">'
            '<div class="rq-sources-title">Related passages — <strong>not an answer</strong>; '
            "the statement may not cover this question</div>"
            f"{cards}</div>"
            if cards
            else ""
        )
        return (
            '<div class="rq-answer rq-abstained">'
            f'<p class="rq-text rq-notice">{_text(answer.text)}</p>{related}</div>'
        )
    numbers = {c.n for c in answer.citations}
    text = _MARKER.sub(
        lambda m: (
            f'<a class="rq-ref" href="#" data-n="{m.group(1)}">{m.group(1)}</a>'
            if int(m.group(1)) in numbers
            else m.group(0)
        ),
        _text(answer.text),
    )
    cards = "".join(citation_card(c) for c in answer.citations)
    count = len(answer.citations)
    title = f"{count} source{'s' if count != 1 else ''} — open one to see the passage"
    return (
        '<div class="rq-answer">'
        f'<p class="rq-text">{text}</p>'
        f'<div class="rq-sources"><div class="rq-sources-title">{title}</div>{cards}</div>'
        "</div>"
    )


def question_html(question: str) -> str:
    """The user's question as literal text (long input is shortened for display only)."""
    shown = question
    if len(shown) > _SHOWN_QUESTION_CHARS:
        shown = f"{shown[:_SHOWN_QUESTION_CHARS]}… ({len(question):,} characters)"
    return f'<div class="rq-q">{_text(shown)}</div>'


def error_html(message: str) -> str:
    """A refusal to ask (bad input, bad filter), in the place where the answer would be."""
    return f'<div class="rq-answer rq-error"><p class="rq-text">{_text(message)}</p></div>'


def _badge(kind: str, label: str) -> str:
    return f'<span class="rq-badge rq-{kind}">{_text(label)}</span>'


def _text(text: str) -> str:
    """Escaped text; newlines become <br> so that no blank line ends the HTML block."""
    return escape(text, quote=True).replace("\r", "").replace("\n", "<br>")


def _attr(text: str) -> str:
    return escape(text, quote=True).replace("\n", " ")
