"""Every signal, rule and constant of retrieval, citing and the evidence check.

`RetrievalConfig` is the one place a tuned number lives. The defaults were fitted on
the `dev` half of the public questions only (see README, Eval), never on `test` or
`blind`. Each signal can be switched off by name, so the eval can show what it adds
(`rso-qa eval --config NAME`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from corpus.errors import UsageError

__all__ = ["CONFIGS", "RetrievalConfig", "config_named", "with_overrides"]


@dataclass(frozen=True)
class RetrievalConfig:
    """Which signals retrieval and answering use, and their constants."""

    name: str = "default"
    # Signals on or off.
    dense: bool = True
    lexical: bool = True
    sentence_units: bool = True
    actor_boost: bool = True
    expand: bool = True
    fusion: str = "weighted"  # or "rrf"
    abstain: bool = True
    adaptive_cut: bool = True
    structure: bool = True  # theme / section / count answers read the statement's structure
    # Ranking: fused = dense + lexical_weight * BM25 / max(BM25) + boosts - penalties.
    lexical_weight: float = 0.35
    speaker_boost: float = 0.15  # the asked actor leads the passage
    voice_boost: float = 0.15  # the asked actor is the subject of a clause in it
    mention_boost: float = 0.08  # the asked actor is only named in it
    specific_boost: float = 0.1  # the passage holds a year, figure or ordinal the question names
    recommend_boost: float = 0.15  # a recommendation row, for "what did X recommend / call for"
    report_penalty: float = 0.2  # one actor's report, for what the statement itself says
    intro_boost: float = 1.0  # "what is X": the prose passage that introduces "Full Name (X)"
    list_penalty: float = 0.3  # glossary, attendance and contact blocks, unless asked for
    short_penalty: float = 0.1  # a line under `short_chars` (the title) answers little
    short_chars: int = 120
    rrf_k: int = 60
    # Citing: which passages, and which of their sentences, make the answer.
    cut_margin: float = 0.55  # cite passages within this of the best prose passage
    support_margin: float = 0.4  # ... whose best sentence is within this of the best sentence
    sentence_lexical_weight: float = 0.25  # sentence score: cosine + this * term overlap
    min_sentence_chars: int = 25
    key_sentences: int = 2  # sentences the first citation may give
    key_margin: float = 0.06
    related: int = 3  # closest passages shown with a refusal
    summary_passages: int = 4  # passages a section or theme summary quotes
    # The evidence check: one logistic decision over the signals in `qa.evidence`.
    # P(answerable) = sigmoid(bias + sum(w * signal)); decline below `decision_threshold`.
    decision_bias: float = 1.117
    decision_weights: tuple[float, ...] = (0.811, 1.655, -1.483, -0.03)
    decision_threshold: float = 0.515
    evidence_depth: int = 3  # cited passages a specific or a term may be found in
    min_relevance: float = 0.35  # floor: best cosine (+0.1 word match, +0.1 speaker)

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
        structure=False,
    ),
    "lexical-only": RetrievalConfig(name="lexical-only", dense=False, sentence_units=False),
    "rrf": RetrievalConfig(name="rrf", fusion="rrf"),
    "no-lexical": RetrievalConfig(name="no-lexical", lexical=False),
    "no-sentences": RetrievalConfig(name="no-sentences", sentence_units=False),
    "no-actor-boost": RetrievalConfig(name="no-actor-boost", actor_boost=False),
    "no-expansion": RetrievalConfig(name="no-expansion", expand=False),
    "no-abstain": RetrievalConfig(name="no-abstain", abstain=False),
    "fixed-k": RetrievalConfig(name="fixed-k", adaptive_cut=False),
    "no-structure": RetrievalConfig(name="no-structure", structure=False),
}


def config_named(name: str) -> RetrievalConfig:
    try:
        return CONFIGS[name]
    except KeyError:
        raise UsageError(f"unknown config {name!r}; choose from {', '.join(CONFIGS)}") from None


def with_overrides(config: RetrievalConfig, **changes) -> RetrievalConfig:
    """A copy of `config` with some fields changed (for calibration sweeps)."""
    return replace(config, **changes)
