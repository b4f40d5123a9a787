"""Fit the evidence check's one decision on the dev questions, and only on them.

`python -m eval.calibrate` asks every dev question through `Assistant.assess` with the
calibrated step switched off, keeps the questions no named rule declined, and fits a
logistic regression of "answerable" on their signals (`qa.evidence.Signals`). The
threshold is chosen on cross-validated probabilities (k folds over dev) as the
highest that keeps false refusals, counted over every answerable dev question, at
or under the target. It prints the constants to put in `RetrievalConfig`; nothing
here reads the test or blind questions.
"""

from __future__ import annotations

import argparse
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Calibration", "calibrate", "choose_threshold", "fit_logistic"]


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Weights (bias first) of an L2-regularised logistic regression, by Newton steps.

    The bias is not penalised. Small and exact: the dev set has a few hundred rows.
    """
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = l2 * np.eye(design.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(design @ w)))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(w)), gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(w[0] + x @ w[1:])))


def cross_validated(
    x: np.ndarray, y: np.ndarray, *, folds: int = 5, seed: int = 10, l2: float = 1.0
) -> np.ndarray:
    """Each row's probability from a model fitted without its fold."""
    order = list(range(len(x)))
    random.Random(seed).shuffle(order)
    out = np.zeros(len(x))
    for f in range(folds):
        held = order[f::folds]
        kept = [i for i in order if i not in set(held)]
        w = fit_logistic(x[kept], y[kept], l2=l2)
        out[held] = predict(w, x[held])
    return out


def choose_threshold(
    probabilities: np.ndarray, answerable: np.ndarray, *, refused_by_rules: int, total: int,
    most_false: float = 0.02,
) -> float:
    """The highest threshold whose false refusals (rules' plus the decision's) over all
    `total` answerable dev questions stay at or under `most_false`."""
    allowed = math.floor(most_false * total) - refused_by_rules
    scores = np.sort(probabilities[answerable == 1])
    if allowed < 0 or len(scores) == 0:
        return 0.0
    # Declining below t refuses the answerable questions scoring under t.
    if allowed >= len(scores):
        return float(scores[-1])
    return float(scores[allowed]) - 1e-6 if allowed < len(scores) else 0.0


@dataclass(frozen=True)
class Calibration:
    """The fitted decision and what it does on dev under cross-validation."""

    bias: float
    weights: tuple[float, ...]
    threshold: float
    rows: int
    cv_false_refusals: int
    cv_abstain_recall: float
    answerable: int
    unanswerable: int


DEV_FALSE_REFUSALS = 0.0


def calibrate(
    assistant,
    questions: Sequence,
    *,
    folds: int = 5,
    l2: float = 1.0,
    most_false: float = DEV_FALSE_REFUSALS,
) -> Calibration:
    """Fit the decision on `questions` (the dev set) through one loaded assistant."""
    from qa.config import with_overrides

    config = with_overrides(assistant.config, decision_threshold=0.0)
    rows, labels = [], []
    rules_false = rules_true = 0
    answerable_total = sum(1 for q in questions if q.answerable)
    unanswerable_total = len(questions) - answerable_total
    for q in questions:
        assessment = assistant.assess(q.question, config=config)
        if assessment.finding is not None:
            rules_false += q.answerable
            rules_true += not q.answerable
            continue
        if assessment.signals is None:
            continue
        rows.append(assessment.signals.vector())
        labels.append(1.0 if q.answerable else 0.0)
    x, y = np.array(rows), np.array(labels)
    cv = cross_validated(x, y, folds=folds, l2=l2)
    threshold = choose_threshold(
        cv, y, refused_by_rules=rules_false, total=answerable_total, most_false=most_false
    )
    w = fit_logistic(x, y, l2=l2)
    declined = cv < threshold
    return Calibration(
        bias=float(w[0]),
        weights=tuple(float(v) for v in w[1:]),
        threshold=threshold,
        rows=len(x),
        cv_false_refusals=int(rules_false + np.sum(declined & (y == 1))),
        cv_abstain_recall=float(
            (rules_true + np.sum(declined & (y == 0))) / max(1, unanswerable_total)
        ),
        answerable=answerable_total,
        unanswerable=unanswerable_total,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args(argv)
    from eval.splits import question_set
    from qa import Assistant

    assistant = Assistant.load(notify=None)
    result = calibrate(assistant, question_set("dev"), folds=args.folds, l2=args.l2)
    print(f"rows fitted (dev questions no rule declined): {result.rows}")
    print(f"decision_bias = {result.bias:.3f}")
    print(f"decision_weights = ({', '.join(f'{w:.3f}' for w in result.weights)})")
    print(f"decision_threshold = {result.threshold:.3f}")
    print(
        f"cross-validated on dev: {result.cv_false_refusals} false refusals of "
        f"{result.answerable} answerable, abstain recall {result.cv_abstain_recall:.3f} "
        f"of {result.unanswerable}"
    )


if __name__ == "__main__":
    main()
