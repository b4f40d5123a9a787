"""Fit ranking and citing constants on the dev questions, with k-fold cross-validation.

`python -m eval.tune` searches `RetrievalConfig` fields one at a time over a small grid
(coordinate ascent, two rounds) to maximise one objective on dev:

    Hit@1 + MRR@10 + full recall@5 + answer evidence + abstain recall
    - 2 x false-abstain rate - max(0, chars read - 2,000) / 2,000

Cross-validation: the same search runs on four fifths of dev and is scored on the
fifth left out, five times; the mean held-out objective says what the fit is worth
on questions it did not see. Only dev is read. Question vectors are computed once and
reused, so a pass over dev costs retrieval and composition only.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from eval.metrics import Cited, Outcome, summarise
from eval.questions import Question

__all__ = ["GRID", "objective", "search"]

# The fields searched and the values tried (the current default is always tried too).
GRID: dict[str, tuple[float, ...]] = {
    "lexical_weight": (0.25, 0.3, 0.35, 0.4, 0.5, 0.6),
    "speaker_boost": (0.05, 0.1, 0.15, 0.2, 0.25),
    "voice_boost": (0.0, 0.05, 0.1, 0.15, 0.2),
    "mention_boost": (0.0, 0.04, 0.08, 0.12),
    "specific_boost": (0.0, 0.05, 0.1, 0.15, 0.2),
    "recommend_boost": (0.0, 0.05, 0.1, 0.15, 0.2),
    "intro_boost": (0.0, 0.2, 0.4, 0.6, 0.8, 1.0),
    "cut_margin": (0.3, 0.4, 0.5, 0.55, 0.6, 0.7),
    "support_margin": (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 1.0),
    "sentence_lexical_weight": (0.1, 0.25, 0.4),
}


def objective(summary: dict) -> float:
    """The one number the search maximises (see the module docstring)."""

    def value(key: str) -> float:
        v = summary.get(key)
        return float(v) if v is not None else 0.0

    return (
        value("hit_at_1")
        + value("mrr_at_10")
        + value("full_recall_at_5")
        + value("answer_evidence")
        + value("abstention_recall")
        - 2 * value("false_abstention_rate")
        - max(0.0, value("chars_read") - 2000) / 2000
    )


def outcomes(assistant, questions: Sequence[Question], config, *, k: int = 5) -> list[Outcome]:
    out = []
    for q in questions:
        answer = assistant.ask(q.question, k=k, config=config)
        cited = tuple(Cited.of(c.passage.id, c.passage.text) for c in answer.citations)
        out.append(Outcome(q, config.name, cited, answer.abstained, answer.text, 0.0))
    return out


def search(assistant, questions: Sequence[Question], config, *, rounds: int = 2, log=None):
    """Coordinate ascent over GRID; returns the best config and its objective."""
    best = config
    best_score = objective(summarise(outcomes(assistant, questions, best)))
    for _ in range(rounds):
        for field, values in GRID.items():
            for v in values:
                if getattr(best, field) == v:
                    continue
                trial = replace(best, **{field: v})
                score = objective(summarise(outcomes(assistant, questions, trial)))
                if score > best_score + 1e-9:
                    best, best_score = trial, score
                    if log:
                        log(f"  {field} = {v}: {score:.4f}")
    return best, best_score


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-cv", action="store_true", help="Only the fit on all of dev.")
    args = parser.parse_args(argv)
    from eval.splits import question_set
    from index.embed import Embedder
    from qa import Assistant

    loaded = Assistant.load(notify=None)

    class Cached(Embedder):
        """The real embedder; each question is encoded once for the whole search."""

        def __init__(self, real: Embedder):
            super().__init__(real.model, name=real.name)
            self.cache: dict[tuple[str, ...], np.ndarray] = {}

        def encode_queries(self, texts):
            key = tuple(texts)
            if key not in self.cache:
                self.cache[key] = super().encode_queries(texts)
            return self.cache[key]

    assistant = Assistant(Cached(loaded.embedder), loaded.store)
    dev = list(question_set("dev"))
    start = assistant.config
    print(f"dev: {len(dev)} questions; start objective "
          f"{objective(summarise(outcomes(assistant, dev, start))):.4f}")
    if not args.no_cv:
        order = list(range(len(dev)))
        random.Random(10).shuffle(order)
        held_scores = []
        for f in range(args.folds):
            held = {order[i] for i in range(f, len(order), args.folds)}
            train = [q for i, q in enumerate(dev) if i not in held]
            test = [q for i, q in enumerate(dev) if i in held]
            fitted, _ = search(assistant, train, start, rounds=args.rounds)
            score = objective(summarise(outcomes(assistant, test, fitted)))
            base = objective(summarise(outcomes(assistant, test, start)))
            held_scores.append((score, base))
            print(f"fold {f + 1}: held-out objective {score:.4f} (start config {base:.4f})")
        fitted_mean = np.mean([s for s, _ in held_scores])
        base_mean = np.mean([b for _, b in held_scores])
        print(f"cross-validated: {fitted_mean:.4f} fitted vs {base_mean:.4f} start")
    fitted, score = search(assistant, dev, start, rounds=args.rounds, log=print)
    print(f"fit on all of dev: objective {score:.4f}")
    for field in GRID:
        print(f"    {field}: {getattr(fitted, field)}")


if __name__ == "__main__":
    main()
