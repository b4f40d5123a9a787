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
from corpus.sentences import split_sentences
from qa.brief import segments
from qa.labels import KIND_LABELS, short_label
from qa.records import Answer, Citation, Filters
from qa.voices import speakers

__all__ = [
    "KIND_LABELS",
    "MAX_ACTOR_BADGES",
    "REASON_LABELS",
    "anchor_id",
    "answer_html",
    "citation_card",
    "active_filters_html",
    "copy_text",
    "error_html",
    "filters_html",
    "highlight",
    "passage_body",
    "question_html",
    "sentences_html",
    "theme_name",
]

MAX_ACTOR_BADGES = 6
# What each reason code of a refusal means, in the words shown beside the reason.
REASON_LABELS: dict[str, str] = {
    "not-mentioned": "Not in the statement",
    "only-listed": "Only listed",
    "outside-scope": "Outside the statement's scope",
    "detail-mismatch": "Detail not in the statement",
    "no-figure": "No figure given",
    "weak-evidence": "Not enough evidence",
}
_SHOWN_QUESTION_CHARS = 300
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
    local = [(s - start, e - start) for s, e in spans]
    return "".join(
        f"<mark>{_text(piece)}</mark>" if marked else _text(piece)
        for piece, marked in segments(text[start:end], local)
    )


def sentences_html(text: str, start: int = 0, end: int | None = None) -> str:
    """Escaped `text[start:end]` with each sentence in a span that carries its offsets
    (`data-s`, `data-e`), so the reading view can mark the sentences a card cites."""
    end = len(text) if end is None else end
    out, pos = [], start
    for s, e in split_sentences(text):
        if s < start or e > end:
            continue
        out.append(_text(text[pos:s]))
        out.append(f'<span class="rq-s" data-s="{s}" data-e="{e}">{_text(text[s:e])}</span>')
        pos = e
    out.append(_text(text[pos:end]))
    return "".join(out)


def passage_body(
    passage: Passage, spans: Sequence[tuple[int, int]] = (), *, sentences: bool = False
) -> str:
    """The whole passage, highlighted (or, for the reading view, cut into addressable
    sentences); a recommendation row keeps its two cells apart."""
    text = passage.text

    def body(a: int, b: int) -> str:
        return sentences_html(text, a, b) if sentences else highlight(text, spans, a, b)

    context, recommendation = passage.context, passage.recommendation
    if context and recommendation and text == f"{context}\n{recommendation}":
        split = len(context)
        return (
            '<div class="rq-row">'
            '<div class="rq-cell"><div class="rq-cell-label">Context</div>'
            f"<p>{body(0, split)}</p></div>"
            '<div class="rq-cell"><div class="rq-cell-label">Actionable recommendation</div>'
            f"<p>{body(split + 1, len(text))}</p></div>"
            "</div>"
        )
    return f'<p class="rq-passage">{body(0, len(text))}</p>'


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
    speaking = set(speakers(passage)) or set(actors[:1] if passage.kind == "glossary" else ())
    for actor in actors[:MAX_ACTOR_BADGES]:
        parts.append(_badge("actor rq-speaker" if actor in speaking else "actor", actor))
    if len(actors) > MAX_ACTOR_BADGES:
        parts.append(_badge("more", f"+{len(actors) - MAX_ACTOR_BADGES} more"))
    return f'<div class="rq-badges">{"".join(parts)}</div>'


def copy_text(citation: Citation) -> str:
    """What "Copy citation" puts on the clipboard: the quoted sentences and the label."""
    label = citation.label or citation.passage.id
    quote = citation.quote()
    return f"\u201c{quote}\u201d ({label})" if quote else label


def citation_card(citation: Citation, *, related: bool = False) -> str:
    """One numbered source: a <details> card that opens to the highlighted passage.

    Closed, it shows what the passage is, where it sits and the quoted sentence on one
    line; open, the whole passage, its citation label with a copy link, and its id and
    offsets one click further for checking.
    """
    p = citation.passage
    where = theme_name(p.theme, p.theme_title) if p.theme else p.section
    flag = '<span class="rq-flag">Not an answer</span>' if related else ""
    classes = "rq-card rq-related-card" if related else "rq-card"
    quote = citation.quote()
    preview = f'<span class="rq-preview">\u201c{_text(quote)}\u201d</span>' if quote else ""
    spans = ",".join(f"{s}-{e}" for s, e in sorted(citation.highlights))
    return (
        f'<details class="{classes}" data-n="{citation.n}" data-passage="{_attr(p.id)}">'
        f'<summary><span class="rq-n">{citation.n}</span>'
        f'<span class="rq-where">{_text(short_label(p))}'
        f'<span class="rq-sub">{_text(where)}</span>{preview}</span>{flag}</summary>'
        f'<div class="rq-card-body">{badges(p)}{passage_body(p, citation.highlights)}'
        # The chat's sanitiser drops data-* attributes; hidden text survives it.
        f'<span class="rq-data rq-spans">{spans}</span>'
        f'<span class="rq-data rq-copy-text">{_text(copy_text(citation))}</span>'
        f'<div class="rq-label">{_text(citation.label or p.id)}</div>'
        '<div class="rq-meta"><a class="rq-copy" href="#" role="button">Copy citation</a>'
        f'<details class="rq-check"><summary>Id and offsets</summary>'
        f'<code class="rq-id">{_text(p.id)}</code> '
        f'<span class="rq-offsets">characters {p.start:,}–{p.end:,} of the statement</span>'
        f"</details>"
        f'<a class="rq-goto" href="#{anchor_id(p.id)}">Read in the statement →</a>'
        "</div></div></details>"
    )


def filters_html(
    filters: Filters, theme_titles: dict[int, str], title: str = "Searched only in"
) -> str:
    """Filters in words (themes, kinds, actors) under `title`; empty when there are none."""
    if not filters:
        return ""
    parts = [theme_name(t, theme_titles.get(t)) for t in filters.themes]
    parts += [KIND_LABELS.get(k, k) for k in filters.kinds]
    parts += list(filters.actors)
    chips = "".join(f'<span class="rq-chip">{_text(part)}</span>' for part in parts)
    return f'<div class="rq-scope"><span class="rq-scope-title">{_text(title)}</span>{chips}</div>'


def active_filters_html(
    themes: Sequence[int] | None,
    kinds: Sequence[str] | None,
    actors: Sequence[str] | None,
    theme_titles: dict[int, str],
) -> str:
    """The filters chosen now, shown above the chat until Clear resets them."""
    filters = Filters(tuple(themes or ()), tuple(kinds or ()), tuple(actors or ()))
    return filters_html(filters, theme_titles, "Filters on (Clear resets them)")


def answer_html(answer: Answer, scope: str = "") -> str:
    """The answer text with linked [n] markers and its cards; an abstention shows the
    plain sentence and the related passages, each visibly marked as not an answer.
    `scope` (from `filters_html`) says which filters the search was limited by."""
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
        code = (
            f'<span class="rq-code" data-code="{_attr(answer.code)}">'
            f"{_text(REASON_LABELS.get(answer.code, answer.code))}</span>"
            if answer.code
            else ""
        )
        return (
            f'<div class="rq-answer rq-abstained">{scope}'
            f'<p class="rq-text rq-notice">{code}{_text(answer.text)}</p>{related}</div>'
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
        f'<div class="rq-answer">{scope}'
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
