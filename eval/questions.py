"""Question files: one JSON object a line, read strictly so that a bad line is named.

The format (shared with question sets this project never sees):
`{"id", "question", "evidence": [verbatim spans], "type", "answer"}`, plus an
optional `split` (`dev` or `test`, see `eval.splits`); `evidence` is `[]` exactly
when the statement cannot answer (type `unanswerable`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from corpus.errors import QuestionFileError
from eval.spans import normalise

__all__ = [
    "DEFAULT_QUESTIONS",
    "SPLITS",
    "TYPES",
    "Question",
    "load_questions",
    "missing_spans",
    "parse_questions",
]

TYPES: tuple[str, ...] = ("actor", "fact", "definition", "multi", "theme", "unanswerable")
DEFAULT_QUESTIONS: Path = Path(str(resources.files("eval") / "questions.jsonl"))
_REQUIRED = ("id", "question", "evidence", "type")
# "" : no split (a file of one's own); dev: tuned on; test: only measured.
SPLITS: tuple[str, ...] = ("", "dev", "test")


@dataclass(frozen=True)
class Question:
    """One eval question; `evidence` holds the spans a complete answer must cite."""

    id: str
    question: str
    evidence: tuple[str, ...]
    type: str
    answer: str = ""
    line: int = 0
    split: str = ""

    @property
    def answerable(self) -> bool:
        return bool(self.evidence)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "question": self.question,
            "evidence": list(self.evidence),
            "type": self.type,
            "answer": self.answer,
        }
        if self.split:
            data["split"] = self.split
        return data


def load_questions(path: Path | str | None = None) -> tuple[Question, ...]:
    """Read a question file (the public set by default); errors name the line."""
    source = Path(path) if path is not None else DEFAULT_QUESTIONS
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise QuestionFileError(
            f"no question file at {source}; pass an existing .jsonl file to --questions"
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QuestionFileError(
            f"{source} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and retry"
        ) from None
    return parse_questions(text.splitlines(), name=str(source))


def parse_questions(lines: Iterable[str], *, name: str = "<questions>") -> tuple[Question, ...]:
    """Questions from JSON lines; blank lines are skipped, anything else must be valid."""
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}, line {number}"
        question = _parse_line(line, where, number)
        if question.id in seen:
            raise QuestionFileError(
                f"{where}: id {question.id!r} is already used on line {seen[question.id]}; "
                "give every question its own id"
            )
        seen[question.id] = number
        questions.append(question)
    if not questions:
        raise QuestionFileError(f"{name} holds no questions; add one JSON object per line")
    return tuple(questions)


def _parse_line(line: str, where: str, number: int) -> Question:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise QuestionFileError(
            f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); "
            "write one JSON object per line"
        ) from None
    if not isinstance(raw, dict):
        raise QuestionFileError(f"{where}: expected a JSON object, found {type(raw).__name__}")
    missing = [key for key in _REQUIRED if key not in raw]
    if missing:
        raise QuestionFileError(
            f"{where}: missing {', '.join(repr(k) for k in missing)}; each line needs "
            f"{', '.join(_REQUIRED)} (and an answer)"
        )
    qid, text, kind = raw["id"], raw["question"], raw["type"]
    if not isinstance(qid, str | int) or isinstance(qid, bool) or not str(qid).strip():
        raise QuestionFileError(f"{where}: 'id' must be a non-empty string, not {qid!r}")
    if not isinstance(text, str) or not text.strip():
        raise QuestionFileError(f"{where}: 'question' must be non-empty text, not {text!r}")
    if kind not in TYPES:
        raise QuestionFileError(f"{where}: unknown type {kind!r}; use one of {', '.join(TYPES)}")
    evidence = raw["evidence"]
    if not isinstance(evidence, list) or not all(
        isinstance(s, str) and normalise(s) for s in evidence
    ):
        raise QuestionFileError(
            f"{where}: 'evidence' must be a list of non-empty verbatim spans ([] when the "
            "statement cannot answer)"
        )
    if (kind == "unanswerable") != (not evidence):
        raise QuestionFileError(
            f"{where}: type {kind!r} with {len(evidence)} evidence span(s); unanswerable "
            "questions have evidence [] and every other type needs at least one span"
        )
    answer = raw.get("answer", "")
    if not isinstance(answer, str):
        raise QuestionFileError(f"{where}: 'answer' must be text, not {type(answer).__name__}")
    split = raw.get("split", "")
    if split not in SPLITS:
        raise QuestionFileError(
            f"{where}: unknown split {split!r}; use {' or '.join(map(repr, SPLITS[1:]))}, "
            "or leave it out"
        )
    return Question(str(qid), text, tuple(evidence), kind, answer, number, split)


def missing_spans(questions: Iterable[Question], source_text: str) -> list[tuple[str, str]]:
    """(id, span) pairs whose span is not in the statement once markup and spacing go."""
    haystack = normalise(source_text)
    return [(q.id, s) for q in questions for s in q.evidence if normalise(s) not in haystack]
