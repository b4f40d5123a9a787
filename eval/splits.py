"""Which questions tune the system and which only measure it: dev, test and blind.

The public set is split once, stratified by question type with a fixed seed, into
`dev` (constants are fitted here) and `test` (reported and floored, never tuned on);
each line of `eval/questions.jsonl` carries its split. `eval/blind.jsonl` was written
from the statement alone, before any tuning, by someone who had not read `qa/`. The
generalisation gap is dev Hit@1 minus blind Hit@1. `eval/blind2.jsonl` is a second
blind set, written the same way after round 4 of issue 10 and committed before any
change that followed, because the rounds had looked at blind's aggregates.

A blind set is blind once. At round 5 blind2, measured twice and never tuned on, was
retired into `dev` (its failures are how a new writer asks, which is what dev is for),
and `eval/blind3.jsonl`, written the same way, was committed before any change of the
round: it is the set nobody has tuned on. `--split blind2` still runs it alone.

`eval/blind4.jsonl`, written the same way at the close of round 5 and committed before
any later change, is held out from then on: blind's aggregates had been in view for two
rounds and blind3's through round 5.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from corpus.errors import UsageError
from eval.questions import DEFAULT_QUESTIONS, Question, load_questions

__all__ = [
    "BLIND2_QUESTIONS",
    "BLIND3_QUESTIONS",
    "BLIND4_QUESTIONS",
    "SPLITS",
    "BLIND_QUESTIONS",
    "HELD_OUT",
    "SETS",
    "SPLIT_SEED",
    "question_set",
    "stratified_split",
]

BLIND_QUESTIONS: Path = Path(str(resources.files("eval") / "blind.jsonl"))
BLIND2_QUESTIONS: Path = Path(str(resources.files("eval") / "blind2.jsonl"))
BLIND3_QUESTIONS: Path = Path(str(resources.files("eval") / "blind3.jsonl"))
BLIND4_QUESTIONS: Path = Path(str(resources.files("eval") / "blind4.jsonl"))
SPLIT_SEED = 10
# The held-out sets, each a file of its own, written from the statement alone.
HELD_OUT: dict[str, Path] = {
    "blind": BLIND_QUESTIONS,
    "blind3": BLIND3_QUESTIONS,
    "blind4": BLIND4_QUESTIONS,
}
# The sets `rso-qa eval` reports side by side, in this order.
SETS: tuple[str, ...] = ("dev", "test", *HELD_OUT)
# Blind sets retired into dev once their blind measurement was taken.
RETIRED: dict[str, Path] = {"blind2": BLIND2_QUESTIONS}
# Every name `--split` takes: the sets, and a retired set alone.
SPLITS: tuple[str, ...] = (*SETS, *RETIRED)


def stratified_split(questions: Sequence[Question], *, seed: int = SPLIT_SEED) -> dict[str, str]:
    """`{id: "dev" | "test"}`: within each type, a seeded shuffle; the first half is dev.

    An odd count gives dev the extra question. The order of `questions` does not
    matter: each type's ids are sorted before the shuffle.
    """
    rng = random.Random(seed)
    out: dict[str, str] = {}
    for kind in sorted({q.type for q in questions}):
        ids = sorted(q.id for q in questions if q.type == kind)
        rng.shuffle(ids)
        half = (len(ids) + 1) // 2
        out.update({qid: "dev" if i < half else "test" for i, qid in enumerate(ids)})
    return out


def question_set(name: str) -> tuple[Question, ...]:
    """The questions of one named set: `dev` (the public file's dev half and the
    retired blind sets) or `test` of the public file, a held-out set (`blind`,
    `blind3`, `blind4`), or a retired blind set alone."""
    if name in HELD_OUT:
        return load_questions(HELD_OUT[name])
    if name in RETIRED:
        return load_questions(RETIRED[name])
    if name not in ("dev", "test"):
        raise UsageError(f"unknown question set {name!r}; choose from {', '.join(SPLITS)}")
    chosen = tuple(q for q in load_questions(DEFAULT_QUESTIONS) if q.split == name)
    if not chosen:
        raise UsageError(f"{DEFAULT_QUESTIONS} marks no question as {name!r}")
    if name == "dev":
        chosen += tuple(q for path in RETIRED.values() for q in load_questions(path))
    return chosen
