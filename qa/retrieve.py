"""Hybrid retrieval: dense units and BM25 passages, fused, then actor-aware.

Each signal can be switched off through `RetrievalConfig`, so the eval can show
what each one adds (`rso-qa eval --config NAME`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from corpus.errors import UsageError
from index.store import IndexStore
from qa.analyse import Query
from qa.records import Filters

__all__ = ["CONFIGS", "Hit", "RetrievalConfig", "retrieve"]

_RRF_K = 60
_SHORT = 120
_SPOKEN = frozenset({"spotlight", "recommendation"})
LIST_KINDS = frozenset({"participation", "glossary", "contact"})


@dataclass(frozen=True)
class RetrievalConfig:
    """Which signals retrieval and answering use; the default is the product."""

    name: str = "default"
    dense: bool = True
    lexical: bool = True
    sentence_units: bool = True
    actor_boost: bool = True
    expand: bool = True
    fusion: str = "weighted"  # or "rrf"
    abstain: bool = True
    adaptive_cut: bool = True
    lexical_weight: float = 0.4
    speaker_boost: float = 0.15
    mention_boost: float = 0.08
    cut_margin: float = 0.55
    min_relevance: float = 0.35
    list_penalty: float = 0.3
    short_penalty: float = 0.1

    def __post_init__(self) -> None:
        if self.fusion not in {"weighted", "rrf"}:
            raise ValueError(f"fusion must be 'weighted' or 'rrf', not {self.fusion!r}")
        if not (self.dense or self.lexical):
            raise ValueError("a config needs dense or lexical retrieval, or both")


CONFIGS: dict[str, RetrievalConfig] = {
    "default": RetrievalConfig(),
    "dense-only": RetrievalConfig(
        name="dense-only",
        lexical=False,
        sentence_units=False,
        actor_boost=False,
        expand=False,
        abstain=False,
        adaptive_cut=False,
    ),
    "lexical-only": RetrievalConfig(name="lexical-only", dense=False, sentence_units=False),
    "rrf": RetrievalConfig(name="rrf", fusion="rrf"),
    "no-lexical": RetrievalConfig(name="no-lexical", lexical=False),
    "no-sentences": RetrievalConfig(name="no-sentences", sentence_units=False),
    "no-actor-boost": RetrievalConfig(name="no-actor-boost", actor_boost=False),
    "no-expansion": RetrievalConfig(name="no-expansion", expand=False),
    "no-abstain": RetrievalConfig(name="no-abstain", abstain=False),
    "fixed-k": RetrievalConfig(name="fixed-k", adaptive_cut=False),
}


def config_named(name: str) -> RetrievalConfig:
    try:
        return CONFIGS[name]
    except KeyError:
        raise UsageError(f"unknown config {name!r}; choose from {', '.join(CONFIGS)}") from None


@dataclass(frozen=True)
class Hit:
    """One retrieved passage and the signals behind its rank."""

    passage: int
    score: float
    dense: float
    lexical: float
    speaker: bool
    mentioned: bool


def retrieve(
    query: Query,
    vector: np.ndarray | None,
    store: IndexStore,
    config: RetrievalConfig,
    *,
    filters: Filters | None = None,
    depth: int = 256,
) -> list[Hit]:
    """Every passage that any signal finds, best first."""
    n = len(store.passages)
    dense = np.zeros(n, dtype=np.float32)
    if config.dense and vector is not None:
        scores, ids = store.search(vector, depth)
        owners = store.unit_passage[ids]
        for score, uid, owner in zip(scores, ids, owners, strict=True):
            if not config.sentence_units and store.units[uid].kind == "sentence":
                continue
            if score > dense[owner]:
                dense[owner] = score
    lexical = store.lexical.scores(query.search_text) if config.lexical else np.zeros(n, np.float32)
    allowed = np.ones(n, dtype=bool)
    if filters:
        allowed = np.fromiter((filters.allows(p) for p in store.passages), dtype=bool, count=n)
    speaker = np.zeros(n, dtype=bool)
    mentioned = np.zeros(n, dtype=bool)
    if query.actors:
        asked_actors = set(query.actors)
        for i, p in enumerate(store.passages):
            # Only spotlights and table rows are led by who speaks; elsewhere the
            # first name is just a mention, and lists name actors who say nothing.
            speaker[i] = p.kind in _SPOKEN and bool(p.actors) and p.actors[0] in asked_actors
            mentioned[i] = (
                p.kind not in LIST_KINDS
                and not speaker[i]
                and bool(asked_actors.intersection(p.actors))
            )
    if config.fusion == "rrf":
        fused = _rrf(dense) + _rrf(lexical)
        scale = 1.0 / (_RRF_K + 1)
    else:
        top = float(lexical.max()) if lexical.size else 0.0
        fused = dense + (config.lexical_weight * lexical / top if top > 0 else 0.0)
        scale = 1.0
    if config.actor_boost:
        fused = fused + scale * (config.speaker_boost * speaker + config.mention_boost * mentioned)
    # Glossary lines, the attendance list and the address block name many things
    # and say little: they rank only for questions that ask for them, and first
    # for those. A short line (the title) is near every question about the
    # dialogue and answers few.
    wanted = query.wanted_lists
    is_list = np.isin(store.kinds, list(LIST_KINDS))
    asked = np.isin(store.kinds, list(wanted))
    lists = is_list & ~asked
    short = (store.lengths < _SHORT) & ~is_list
    fused = fused + scale * (
        config.list_penalty * (asked.astype(np.float32) - lists) - config.short_penalty * short
    )
    candidates = np.flatnonzero(allowed & ((dense > 0) | (lexical > 0)))
    order = candidates[np.argsort(-fused[candidates], kind="stable")]
    return [
        Hit(
            int(i),
            float(fused[i]),
            float(dense[i]),
            float(lexical[i]),
            bool(speaker[i]),
            bool(mentioned[i]),
        )
        for i in order
    ]


def _rrf(scores: np.ndarray) -> np.ndarray:
    out = np.zeros_like(scores)
    positive = np.flatnonzero(scores > 0)
    ranked = positive[np.argsort(-scores[positive], kind="stable")]
    out[ranked] = 1.0 / (_RRF_K + 1 + np.arange(len(ranked)))
    return out


def with_overrides(config: RetrievalConfig, **changes) -> RetrievalConfig:
    """A copy of `config` with some fields changed (for calibration sweeps)."""
    return replace(config, **changes)
