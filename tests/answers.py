"""Comparing answers from two paths (ONNX or torch, batched or not, HTTP or in-process).

Two runtimes give vectors that differ by about 1e-7, which can move a score across the
rounding of its fourth decimal in `Citation.to_dict()` (0.75295 -> 0.753 or 0.7529).
Everything else must be equal: text, reason, which passages in which order, and spans.
"""

from __future__ import annotations

from typing import Any

SCORE_TOLERANCE = 1.5e-4  # one unit of the fourth decimal, plus rounding


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], list[float]]:
    rest = {k: v for k, v in data.items() if k != "timings"}
    scores = []
    for field in ("citations", "related"):
        cited = []
        for citation in rest.get(field, []):
            scores.append(citation["score"])
            cited.append({k: v for k, v in citation.items() if k != "score"})
        rest[field] = cited
    return rest, scores


def assert_same_answer(got: dict[str, Any], want: dict[str, Any], context: str = "") -> None:
    """The same answer, up to the last digit of each score."""
    got_rest, got_scores = _split(got)
    want_rest, want_scores = _split(want)
    assert got_rest == want_rest, context
    assert all(abs(a - b) <= SCORE_TOLERANCE for a, b in zip(got_scores, want_scores)), context
