"""The records that travel from retrieval to the user: Citation and Answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corpus.passage import Passage

__all__ = ["Answer", "Citation", "Filters"]


@dataclass(frozen=True)
class Citation:
    """A cited passage: its number in the answer, score and key-sentence spans.

    `label` is the reference a reader pastes into a brief (document, section, kind,
    who or which paragraph; see qa/labels.py); the passage id and offsets stay for
    checking.
    """

    n: int
    passage: Passage
    score: float
    highlights: list[tuple[int, int]] = field(default_factory=list)
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "score": round(float(self.score), 4),
            "highlights": [list(h) for h in self.highlights],
            "passage": self.passage.to_dict(),
            "label": self.label,
        }

    def quote(self) -> str:
        """The highlighted sentences in reading order; "…" marks words left out between
        them, so the quote is faithful when pasted on its own."""
        text, out, last = self.passage.text, [], None
        for start, end in sorted(self.highlights):
            if last is not None:
                out.append(" " if not text[last:start].strip() else " … ")
            out.append(" ".join(text[start:end].split()))
            last = end
        return "".join(out)


@dataclass(frozen=True)
class Answer:
    """What `Assistant.ask` returns: short text with [n] markers and its sources.

    When `abstained` is True, `citations` is empty, `text` says why in one
    sentence, `code` names the reason (`not-mentioned`, `only-listed`,
    `outside-scope`, `detail-mismatch`, `no-figure`, `weak-evidence`) and
    `related` holds the closest passages, which are not an answer. Otherwise
    `citations` holds exactly the passages the text cites (each [n] has one, each
    one has its [n]) and `related` the nearby passages that do not bear on it.
    """

    question: str
    text: str
    abstained: bool
    citations: list[Citation]
    related: list[Citation] = field(default_factory=list)
    reason: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "text": self.text,
            "abstained": self.abstained,
            "reason": self.reason,
            "citations": [c.to_dict() for c in self.citations],
            "related": [c.to_dict() for c in self.related],
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "code": self.code,
        }


@dataclass(frozen=True)
class Filters:
    """Constraints on what may be retrieved: themes, passage kinds, actors, documents."""

    themes: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.themes or self.kinds or self.actors or self.documents)

    def allows(self, passage: Passage) -> bool:
        return (
            (not self.themes or passage.theme in self.themes)
            and (not self.kinds or passage.kind in self.kinds)
            and (not self.actors or any(a in passage.actors for a in self.actors))
            and (not self.documents or passage.doc in self.documents)
        )

    def to_dict(self) -> dict[str, list]:
        out: dict[str, list] = {
            "themes": list(self.themes), "kinds": list(self.kinds), "actors": list(self.actors)
        }
        if self.documents:
            out["documents"] = list(self.documents)
        return out
