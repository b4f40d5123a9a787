"""Run question sets through systems and keep everything a report needs."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from corpus.errors import InvalidQuestionError, QuestionFileError
from eval.metrics import Outcome, summarise, summarise_by_type
from eval.questions import Question, missing_spans
from eval.systems import System

__all__ = [
    "DEFAULT_CONFIGS",
    "FAILURE_KINDS",
    "Report",
    "SetsReport",
    "SystemResult",
    "evaluate",
    "failure_kind",
    "run_eval",
    "run_sets",
]

Progress = Callable[[str, int, int], None]
# Worst first: the order failures are listed in.
DEFAULT_CONFIGS: tuple[str, ...] = ("default", "dense-only")
FAILURE_KINDS: tuple[str, ...] = ("missed", "declined", "partial", "answered unanswerable")


@dataclass(frozen=True)
class SystemResult:
    """One system's outcomes on a question set, and the metrics over them."""

    name: str
    description: str
    outcomes: tuple[Outcome, ...]

    @cached_property
    def overall(self) -> dict[str, float | int | None]:
        return summarise(self.outcomes)

    @cached_property
    def by_type(self) -> dict[str, dict[str, float | int | None]]:
        return summarise_by_type(self.outcomes)

    def failures(self) -> list[Outcome]:
        """Questions this system got wrong, worst kind first, then in file order."""
        failed = [o for o in self.outcomes if o.failed]
        return sorted(failed, key=lambda o: FAILURE_KINDS.index(failure_kind(o)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "overall": self.overall,
            "by_type": self.by_type,
            "failures": [_failure_dict(o) for o in self.failures()],
            "questions": [o.to_dict() for o in self.outcomes],
        }


@dataclass(frozen=True)
class Report:
    """A whole eval run: the question file, k, each system's result and the time taken."""

    questions_file: str
    k: int
    results: tuple[SystemResult, ...]
    seconds: float
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def result(self, name: str) -> SystemResult:
        for result in self.results:
            if result.name == name:
                return result
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        first = self.results[0].outcomes if self.results else ()
        return {
            "questions_file": self.questions_file,
            "questions": len(first),
            "k": self.k,
            "seconds": round(self.seconds, 2),
            "warnings": list(self.warnings),
            "systems": [r.to_dict() for r in self.results],
        }


def evaluate(
    questions: Sequence[Question],
    systems: Sequence[System],
    *,
    progress: Progress | None = None,
) -> tuple[SystemResult, ...]:
    """Every question through every system, in order; `progress(system, done, total)`."""
    results = []
    for system in systems:
        outcomes = []
        for done, question in enumerate(questions, start=1):
            try:
                outcomes.append(system.run(question))
            except InvalidQuestionError as exc:
                raise QuestionFileError(
                    f"question {question.id!r} (line {question.line}) cannot be asked: {exc}"
                ) from None
            if progress:
                progress(system.name, done, len(questions))
        results.append(SystemResult(system.name, system.description, tuple(outcomes)))
    return tuple(results)


def failure_kind(outcome: Outcome) -> str:
    """Why a failed outcome failed, as one of FAILURE_KINDS."""
    if not outcome.question.answerable:
        return "answered unanswerable"
    if outcome.abstained:
        return "declined"
    return "missed" if outcome.first_hit is None else "partial"


def _failure_dict(outcome: Outcome) -> dict[str, Any]:
    q = outcome.question
    return {
        "id": q.id,
        "type": q.type,
        "kind": failure_kind(outcome),
        "question": q.question,
        "evidence": list(q.evidence),
        "missing": [
            s for s, r in zip(q.evidence, outcome.span_ranks, strict=True) if r is None or r > 5
        ],
        "cited": [c.id for c in outcome.cited],
        "answer": outcome.answer,
    }


@dataclass(frozen=True)
class SetsReport:
    """Several question sets (dev, test, blind) through the same systems.

    `gap` is the generalisation gap: the first system's Hit@1 on `dev` minus its
    Hit@1 on `blind` (None unless both sets ran); `gaps` holds it for every blind set
    that ran ("blind", "blind3", "blind4").
    """

    reports: tuple[tuple[str, Report], ...]

    def report(self, name: str) -> Report:
        return dict(self.reports)[name]

    @property
    def gap(self) -> float | None:
        return self.gaps.get("blind")

    @property
    def gaps(self) -> dict[str, float]:
        sets = dict(self.reports)
        if "dev" not in sets:
            return {}
        dev = sets["dev"].results[0].overall["hit_at_1"]
        out = {}
        for name, report in self.reports:
            held = report.results[0].overall["hit_at_1"]
            if name.startswith("blind") and dev is not None and held is not None:
                out[name] = float(dev) - float(held)
        return out

    def to_dict(self) -> dict[str, Any]:
        gap = self.gap
        return {
            "gap_hit_at_1": None if gap is None else round(gap, 4),
            "gaps_hit_at_1": {name: round(g, 4) for name, g in self.gaps.items()},
            "sets": {name: report.to_dict() for name, report in self.reports},
        }


def _scopes(
    assistant, documents: Sequence[str] | None, per_document: bool
) -> list[list[str] | None]:
    """The documents each config runs on: all (None), the given ones, or each alone."""
    if per_document:
        return [[d.id] for d in assistant.documents]
    return [list(documents or []) or None]


def _systems(
    assistant,
    configs: Sequence[str],
    k: int,
    source_text: str | None,
    progress,
    scopes: Sequence[list[str] | None] = (None,),
) -> list[System]:
    from eval.systems import AssistantSystem, baselines

    systems: list[System] = [
        AssistantSystem(assistant, name, k=k, documents=scope)
        for name in configs
        for scope in scopes
    ]
    if source_text is not None:
        if progress:
            progress("preparing baselines", 0, 1)
        systems += baselines(source_text, assistant.embedder, k=k)
        if progress:
            progress("preparing baselines", 1, 1)
    return systems


def _run(
    systems: Sequence[System],
    questions: Sequence[Question],
    *,
    k: int,
    source_text: str | None,
    questions_file: str,
    progress: Progress | None,
) -> Report:
    start = time.perf_counter()
    warnings: list[str] = []
    if source_text is not None:
        missing = missing_spans(questions, source_text)
        if missing:
            listed = "; ".join(f"{qid}: {span[:60]!r}" for qid, span in missing[:3])
            warnings.append(
                f"{len(missing)} evidence span(s) are not in the statement and can never be "
                f"found ({listed})"
            )
    results = evaluate(questions, systems, progress=progress)
    return Report(questions_file, k, results, time.perf_counter() - start, tuple(warnings))


def run_eval(
    assistant,
    questions: Sequence[Question],
    *,
    configs: Sequence[str] = DEFAULT_CONFIGS,
    k: int = 5,
    source_text: str | None = None,
    questions_file: str = "questions",
    progress: Progress | None = None,
    documents: Sequence[str] | None = None,
    per_document: bool = False,
) -> Report:
    """Configs of one loaded assistant, then (given the raw statement) both baselines.

    `documents` restricts every config to those documents; `per_document` runs each
    config once per document of the library instead (a row each: `default@rso-cd4`).
    """
    start = time.perf_counter()
    scopes = _scopes(assistant, documents, per_document)
    systems = _systems(assistant, configs, k, source_text, progress, scopes)
    report = _run(
        systems,
        questions,
        k=k,
        source_text=source_text,
        questions_file=questions_file,
        progress=progress,
    )
    return replace(report, seconds=time.perf_counter() - start)


def run_sets(
    assistant,
    sets: Sequence[tuple[str, Sequence[Question]]],
    *,
    configs: Sequence[str] = DEFAULT_CONFIGS,
    k: int = 5,
    source_text: str | None = None,
    progress: Progress | None = None,
    documents: Sequence[str] | None = None,
    per_document: bool = False,
) -> SetsReport:
    """Each named question set through the same systems (baselines are built once)."""
    scopes = _scopes(assistant, documents, per_document)
    systems = _systems(assistant, configs, k, source_text, progress, scopes)
    return SetsReport(
        tuple(
            (
                name,
                _run(
                    systems,
                    questions,
                    k=k,
                    source_text=source_text,
                    questions_file=name,
                    progress=progress,
                ),
            )
            for name, questions in sets
        )
    )
