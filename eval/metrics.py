"""Per-question outcomes and the metrics computed over them.

Ranking metrics read the ranked list a system cites (the assistant's citations, a
baseline's top-k chunks); a span is found at the first rank whose text contains
it (see `eval.spans`). Over answerable questions (evidence not empty):
- Hit@n: some gold span is in the first n citations;
- MRR@10: mean of 1/rank of the first citation holding a gold span (0 past rank
  10 or when none does; the list is what the system cites, so with k=5 ranks 6-10
  are never reached and MRR@10 equals MRR@5);
- full recall@5: every gold span is in the first 5 citations;
- answer evidence: a gold span overlaps the answer text (None for systems that
  write no answer, such as the baselines);
- false abstentions: share of answerable questions the system declined.
Over unanswerable questions: abstention recall (share declined) and, over all
declined questions, abstention precision (share that were unanswerable; 0 when a
system never declines). Over all questions: mean characters a reader reads in
the citations (0 for a declined question) and latency p50/p95 in milliseconds.
An abstained answer cites nothing, so it misses every ranking metric.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from eval.questions import TYPES, Question
from eval.spans import answer_overlaps, normalise

__all__ = [
    "HEADLINE",
    "METRICS",
    "Cited",
    "Metric",
    "Outcome",
    "summarise",
    "summarise_by_type",
]


@dataclass(frozen=True)
class Metric:
    """A metric's key in JSON, its labels (long, and short for narrow terminals), its
    kind (a fraction from 0 to 1, or a count) and which way is better."""

    key: str
    label: str
    short: str
    fraction: bool = True
    higher_is_better: bool = True


METRICS: tuple[Metric, ...] = (
    Metric("hit_at_1", "Hit@1", "H@1"),
    Metric("hit_at_3", "Hit@3", "H@3"),
    Metric("hit_at_5", "Hit@5", "H@5"),
    Metric("mrr_at_10", "MRR@10", "MRR"),
    Metric("full_recall_at_5", "Full recall@5", "Rec@5"),
    Metric("answer_evidence", "Answer evidence", "AnsEv"),
    Metric("abstention_precision", "Abstain precision", "AbsP"),
    Metric("abstention_recall", "Abstain recall", "AbsR"),
    Metric("false_abstention_rate", "False abstain", "FalseAbs", higher_is_better=False),
    Metric("chars_read", "Chars read", "Chars", fraction=False, higher_is_better=False),
    Metric("latency_p50_ms", "p50 ms", "p50ms", fraction=False, higher_is_better=False),
    Metric("latency_p95_ms", "p95 ms", "p95ms", fraction=False, higher_is_better=False),
)
# The quality metrics a CI floor guards (latency depends on the machine).
HEADLINE: tuple[str, ...] = tuple(m.key for m in METRICS if m.fraction)


@dataclass(frozen=True)
class Cited:
    """One cited passage or chunk: its id, its text in matching form, and its length.

    `chars` counts the text once markup is gone and spacing folded: what a reader
    reads, so that markup in a raw chunk does not count against a baseline.
    """

    id: str
    text: str
    chars: int

    @classmethod
    def of(cls, id: str, text: str) -> Cited:
        clean = normalise(text)
        return cls(id, clean, len(clean))


@dataclass(frozen=True)
class Outcome:
    """What one system did with one question."""

    question: Question
    system: str
    cited: tuple[Cited, ...]
    abstained: bool
    answer: str | None
    latency_ms: float

    @cached_property
    def span_ranks(self) -> tuple[int | None, ...]:
        """For each gold span, the 1-based rank of the first citation holding it."""
        ranks: list[int | None] = []
        for span in self.question.evidence:
            needle = normalise(span)
            ranks.append(next((r for r, c in enumerate(self.cited, 1) if needle in c.text), None))
        return tuple(ranks)

    @property
    def first_hit(self) -> int | None:
        found = [r for r in self.span_ranks if r is not None]
        return min(found) if found else None

    def found_within(self, n: int) -> int:
        return sum(1 for r in self.span_ranks if r is not None and r <= n)

    @cached_property
    def answer_evidence(self) -> bool | None:
        if self.answer is None:
            return None
        if self.abstained:
            return False
        return any(answer_overlaps(span, self.answer) for span in self.question.evidence)

    @property
    def chars_read(self) -> int:
        """What a user reads to check the answer: every cited passage; a refusal cites none."""
        return 0 if self.abstained else sum(c.chars for c in self.cited)

    @property
    def failed(self) -> bool:
        """Unanswerable but answered, or answerable without every span in the top 5."""
        if not self.question.answerable:
            return not self.abstained
        return self.found_within(5) < len(self.question.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.question.id,
            "type": self.question.type,
            "abstained": self.abstained,
            "cited": [c.id for c in self.cited],
            "span_ranks": list(self.span_ranks),
            "first_hit": self.first_hit,
            "answer_evidence": self.answer_evidence,
            "chars_read": self.chars_read,
            "latency_ms": round(self.latency_ms, 2),
        }


def summarise(outcomes: Sequence[Outcome]) -> dict[str, float | int | None]:
    """Every metric over `outcomes`; None where no question it applies to is present."""
    answerable = [o for o in outcomes if o.question.answerable]
    unanswerable = [o for o in outcomes if not o.question.answerable]
    declined = [o for o in outcomes if o.abstained]
    out: dict[str, float | int | None] = {
        "questions": len(outcomes),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
    }
    for n in (1, 3, 5):
        out[f"hit_at_{n}"] = _mean(
            answerable, lambda o, n=n: o.first_hit is not None and o.first_hit <= n
        )
    out["mrr_at_10"] = _mean(
        answerable, lambda o: 1 / o.first_hit if o.first_hit and o.first_hit <= 10 else 0.0
    )
    out["full_recall_at_5"] = _mean(
        answerable, lambda o: o.found_within(5) == len(o.question.evidence)
    )
    written = [o for o in answerable if o.answer_evidence is not None]
    out["answer_evidence"] = _mean(written, lambda o: o.answer_evidence)
    right = sum(1 for o in declined if not o.question.answerable)
    precision = right / len(declined) if declined else 0.0
    out["abstention_precision"] = precision if unanswerable else None
    out["abstention_recall"] = _mean(unanswerable, lambda o: o.abstained)
    out["false_abstention_rate"] = _mean(answerable, lambda o: o.abstained)
    out["false_abstentions"] = sum(1 for o in answerable if o.abstained)
    out["chars_read"] = _mean(outcomes, lambda o: o.chars_read)
    latencies = np.array([o.latency_ms for o in outcomes], dtype=float)
    out["latency_p50_ms"] = float(np.percentile(latencies, 50)) if len(latencies) else None
    out["latency_p95_ms"] = float(np.percentile(latencies, 95)) if len(latencies) else None
    return out


def summarise_by_type(outcomes: Sequence[Outcome]) -> dict[str, dict[str, float | int | None]]:
    """`summarise` for each question type present, in the format's type order."""
    present = {o.question.type for o in outcomes}
    return {
        kind: summarise([o for o in outcomes if o.question.type == kind])
        for kind in TYPES
        if kind in present
    }


def _mean(items: Sequence[Outcome], value) -> float | None:
    if not items:
        return None
    return float(sum(float(value(o)) for o in items) / len(items))
