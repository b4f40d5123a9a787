"""From ranked hits to a cited answer: cut the list, keep what supports, write the text.

The text quotes key sentences verbatim, each followed by the marker of the passage
it comes from, before its full stop. Every citation is referenced by a marker and
every marker has a citation: a passage whose best sentence does not bear on the
question goes to `related`, not to the citations. When the cited passages give
several actors' words, the answer is one line per actor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.passage import Passage
from index.store import IndexStore
from qa.config import RetrievalConfig
from qa.records import Citation
from qa.retrieve import LIST_KINDS, Hit
from qa.sentences import KeySentence

__all__ = [
    "Quote",
    "choose_citations",
    "compose_text",
    "key_sentences",
    "sentence_text",
    "supported",
    "with_marker",
]

_END = re.compile(r"^(?P<body>.*?)(?P<end>[.!?;:]+[\"'”’)]*)$", re.DOTALL)


@dataclass(frozen=True)
class Quote:
    """A passage to cite, with its key sentences (best first) and who speaks in it."""

    hit: Hit
    keys: list[KeySentence]
    label: str | None = None  # the actor the line is attributed to, if any

    @property
    def support(self) -> float:
        return self.keys[0].score if self.keys else 0.0


def choose_citations(
    hits: Sequence[Hit],
    config: RetrievalConfig,
    store: IndexStore,
    *,
    k: int,
    keep: frozenset[int] = frozenset(),
) -> list[Hit]:
    """The hits worth citing: all that score near the best, at most k.

    With the adaptive cut the list ends where scores fall away. The bar is set by
    the best passage of prose: a glossary line or the address block that a
    question asks for ranks first, but should not push out the passages that use
    the term or say more; nor is a passage in `keep` (the glossary line of "What is
    RILON?") cut when it is among the first k.
    """
    if not hits:
        return []
    if not config.adaptive_cut:
        return list(hits[:k])
    prose = [h.score for h in hits if store.passages[h.passage].kind not in LIST_KINDS]
    best = prose[0] if prose else hits[0].score
    chosen = [
        h
        for h in hits[:k]
        if h.score >= best - config.cut_margin or h.passage in keep
    ]
    return chosen or list(hits[:1])


def supported(quotes: Sequence[Quote], config: RetrievalConfig) -> tuple[list[Quote], list[Quote]]:
    """(cited, related): a quote is cited when its best sentence scores within
    `support_margin` of the best sentence of all; the rest do not bear on the question.

    The first quote is always cited; without the adaptive cut every quote is.
    """
    if not quotes or not config.adaptive_cut:
        return list(quotes), []
    best = max(q.support for q in quotes)
    cited = [q for i, q in enumerate(quotes) if i == 0 or q.support >= best - config.support_margin]
    return cited, [q for q in quotes if q not in cited]


def key_sentences(
    ranked: list[KeySentence], passage: Passage, *, most: int = 2, margin: float = 0.06
) -> list[KeySentence]:
    """The best sentences of a passage, best first; a glossary entry is one whole."""
    if passage.kind == "glossary" or not ranked:
        return [KeySentence(0, len(passage.text), ranked[0].score if ranked else 0.0)]
    best = ranked[0].score
    return _merge([k for k in ranked[:most] if k.score >= best - margin])


def _merge(keys: list[KeySentence]) -> list[KeySentence]:
    # Word windows of one long sentence overlap; keep them as one highlight.
    out: list[KeySentence] = []
    for key in keys:
        twin = next((o for o in out if key.start <= o.end and o.start <= key.end), None)
        if twin is None:
            out.append(key)
        else:
            out[out.index(twin)] = KeySentence(
                min(twin.start, key.start), max(twin.end, key.end), max(twin.score, key.score)
            )
    return out


def sentence_text(passage: Passage, key: KeySentence) -> str:
    """The quoted words: a sentence of the passage, or a glossary entry as one line."""
    if passage.kind == "glossary":  # "RILON — Regional Information ..."
        return " — ".join(line.strip() for line in passage.text.split("\n", 1))
    return " ".join(passage.text[key.start : key.end].split())


def with_marker(sentence: str, n: int) -> str:
    """`sentence` with its citation marker before the closing punctuation."""
    match = _END.match(sentence)
    if match and match.group("body").strip():
        return f"{match.group('body').rstrip()} [{n}]{match.group('end')}"
    return f"{sentence} [{n}]."


def compose_text(
    citations: Sequence[Citation],
    keys: Sequence[list[KeySentence]],
    *,
    labels: Sequence[str | None] = (),
    first: int = 2,
) -> str:
    """The answer: key sentences of every citation, verbatim, each with its marker.

    The first citation may give `first` sentences, the others one each. With two or
    more actors among `labels`, the answer is one line per actor ("Fiji: ... [1].").
    """
    parts: list[tuple[str | None, str]] = []
    for i, (citation, best) in enumerate(zip(citations, keys, strict=True)):
        chosen = sorted(best[: first if i == 0 else 1], key=lambda k: k.start)
        label = labels[i] if i < len(labels) else None
        for key in chosen:
            parts.append((label, with_marker(sentence_text(citation.passage, key), citation.n)))
    actors = {label for label, _ in parts if label}
    if len(actors) < 2:
        return " ".join(text for _, text in parts)
    lines: dict[str | None, list[str]] = {}
    order: list[str | None] = []
    for i, (label, text) in enumerate(parts):
        slot = label if label else f"\0{i}"  # an unattributed passage is a line of its own
        if slot not in lines:
            lines[slot] = []
            order.append(slot)
        lines[slot].append(text)
    return "\n".join(
        (f"{slot}: " if slot and not slot.startswith("\0") else "") + " ".join(lines[slot])
        for slot in order
    )
