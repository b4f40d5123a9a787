"""Key sentences: which sentences of a cited passage answer the question.

Sentence vectors were computed at build time; here each sentence is scored by
its similarity to the question's one vector plus the share of the question's
rarer words it contains (IDF over the statement's sentences), so a sentence
that merely names the asked-about actor does not beat the one with the answer.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from index.lexical import lexical_tokens
from index.store import IndexStore
from qa.analyse import FRAME_WORDS, Query
from qa.config import RetrievalConfig

__all__ = ["KeySentence", "SentenceScorer"]


@dataclass(frozen=True)
class KeySentence:
    """A sentence span of a passage's text and how well it answers."""

    start: int
    end: int
    score: float


class SentenceScorer:
    """Owns the per-sentence tokens and IDF of one index; cheap to query."""

    def __init__(self, store: IndexStore):
        self.store = store
        ids = [i for i, u in enumerate(store.units) if u.kind == "sentence"]
        texts = [
            store.passages[store.units[i].passage].text[store.units[i].start : store.units[i].end]
            for i in ids
        ]
        self.tokens: dict[int, frozenset[str]] = {
            uid: frozenset(toks) for uid, toks in zip(ids, lexical_tokens(texts), strict=True)
        }
        df = Counter(t for toks in self.tokens.values() for t in toks)
        n = max(1, len(ids))
        self.idf = {t: math.log(1 + n / c) for t, c in df.items()}
        self._frame = frozenset(lexical_tokens([FRAME_WORDS])[0])

    def query_terms(self, query: Query) -> dict[str, float]:
        """The question's topic words (scope phrases, frame words and the asked actors'
        names, as written and as the statement writes them, left out) with their IDF; a
        word the statement never uses weighs 0 here."""
        names = frozenset(lexical_tokens([" ".join(query.actors)])[0]) if query.actors else ()
        terms = [
            t
            for t in lexical_tokens([query.topic or query.core or query.text])[0]
            if t not in self._frame and t not in names
        ]
        return {t: self.idf.get(t, 0.0) for t in dict.fromkeys(terms)}

    def rank(
        self,
        passage: int,
        terms: dict[str, float],
        vector: np.ndarray | None,
        config: RetrievalConfig | None = None,
    ) -> list[KeySentence]:
        """The passage's sentences, best answer first."""
        store = self.store
        text = store.passages[passage].text
        unit_ids = store.sentence_units.get(passage, [])
        config = config or RetrievalConfig()
        total = sum(terms.values()) or 1.0
        ranked = []
        for uid in unit_ids:
            unit = store.units[uid]
            sim = float(store.matrix[uid] @ vector) if vector is not None else 0.0
            overlap = sum(w for t, w in terms.items() if t in self.tokens[uid]) / total
            short = unit.end - unit.start < config.min_sentence_chars and len(unit_ids) > 1
            score = sim + config.sentence_lexical_weight * overlap - (1.0 if short else 0.0)
            ranked.append(KeySentence(unit.start, unit.end, score))
        if not ranked:
            return [KeySentence(0, len(text), 0.0)]
        return sorted(ranked, key=lambda k: -k.score)
