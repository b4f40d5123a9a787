"""From ranked hits to a cited answer: cut the list, pick key sentences, or abstain."""

from __future__ import annotations

import re

import numpy as np

from corpus.actors import fold
from index.store import IndexStore
from qa.analyse import Query
from qa.records import Citation
from qa.retrieve import Hit, RetrievalConfig

__all__ = ["abstention_reason", "choose_citations", "compose_text", "key_sentences"]

_ATTENDANCE = re.compile(
    r"\b(attend\w*|participat\w*|present|represent\w*|delegat\w*|"
    r"there|join\w*|take part|took part|member\w*|observer\w*|list\w*)\b"
)
_WORD = re.compile(r"[a-z0-9]{3,}")
_ANSWER_SENTENCES = 3


def choose_citations(hits: list[Hit], config: RetrievalConfig, *, k: int) -> list[Hit]:
    """The hits worth citing: all that score near the best, at most k.

    With the adaptive cut the list ends where scores fall away; actor questions
    keep every passage the actor speaks in that is still near the top.
    """
    if not hits:
        return []
    if not config.adaptive_cut:
        return hits[:k]
    best = hits[0].score
    chosen = [h for h in hits[:k] if h.score >= best - config.cut_margin]
    return chosen or hits[:1]


def abstention_reason(
    query: Query, hits: list[Hit], store: IndexStore, config: RetrievalConfig
) -> str | None:
    """One sentence saying why the statement cannot answer, or None when it can."""
    if not config.abstain:
        return None
    if query.unknown_actors and not query.actors:
        names = _join(query.unknown_actors)
        verb = "is" if len(query.unknown_actors) == 1 else "are"
        return f"{names} {verb} not mentioned in the outcome statement."
    if query.actors and not _ATTENDANCE.search(query.text.lower()):
        silent = [a for a in query.actors if not _speaks(a, store)]
        if silent and len(silent) == len(query.actors):
            names = _join(silent)
            return (
                f"{names} {'is' if len(silent) == 1 else 'are'} only listed among the "
                "participants; the statement records nothing said by "
                f"{'it' if len(silent) == 1 else 'them'}."
            )
    if not hits:
        return "The statement does not contain anything that answers this question."
    top = hits[0]
    relevance = top.dense + (0.1 if top.lexical > 0 else 0.0) + (0.1 if top.speaker else 0.0)
    if relevance < config.min_relevance:
        return "The statement does not appear to answer this question."
    return None


def _speaks(actor: str, store: IndexStore) -> bool:
    return any(
        actor in p.actors and p.kind not in {"participation", "glossary"} for p in store.passages
    )


def _join(names: tuple[str, ...] | list[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def key_sentences(
    hit: Hit, query: Query, vector: np.ndarray | None, store: IndexStore, *, most: int = 2
) -> list[tuple[int, int, float]]:
    """The passage's sentences that best answer the query: (start, end, score)."""
    passage = store.passages[hit.passage]
    unit_ids = store.sentence_units.get(hit.passage, [])
    if not unit_ids:
        return [(0, len(passage.text), hit.dense)]
    terms = set(_WORD.findall(fold(query.search_text)))
    scored = []
    for uid in unit_ids:
        unit = store.units[uid]
        sim = float(store.matrix[uid] @ vector) if vector is not None else 0.0
        words = set(_WORD.findall(fold(passage.text[unit.start : unit.end])))
        overlap = len(terms & words) / (len(terms) or 1)
        scored.append((unit.start, unit.end, sim + 0.3 * overlap))
    scored.sort(key=lambda s: -s[2])
    best = scored[0][2]
    keep = [s for s in scored[:most] if s[2] >= best - 0.08]
    return sorted(_merge(keep), key=lambda s: s[0])


def _merge(spans: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    # Word windows of one long sentence overlap; keep them as one highlight.
    out: list[tuple[int, int, float]] = []
    for s, e, score in sorted(spans):
        if out and s <= out[-1][1]:
            ps, pe, pscore = out[-1]
            out[-1] = (ps, max(pe, e), max(pscore, score))
        else:
            out.append((s, e, score))
    return out


def compose_text(citations: list[Citation], store: IndexStore) -> str:
    """The answer: key sentences of the first citations, verbatim, each with its [n]."""
    parts: list[str] = []
    for citation in citations[:_ANSWER_SENTENCES]:
        text = citation.passage.text
        spans = citation.highlights[:1] or [(0, len(text))]
        sentence = " ".join(text[s:e] for s, e in spans)
        parts.append(f"{' '.join(sentence.split())} [{citation.n}]")
    return " ".join(parts)
