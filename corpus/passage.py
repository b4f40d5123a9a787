"""The passage record: the unit that is retrieved and cited."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["KINDS", "SPEAKING_KINDS", "Passage"]

KINDS: tuple[str, ...] = (
    "foreword",
    "overview",
    "key-insight",
    "narrative",
    "spotlight",
    "recommendation",
    "looking-ahead",
    "participation",
    "glossary",
    "contact",
)

# Kinds led by the actor who speaks (a spotlight paragraph, a recommendation row);
# elsewhere the first actor named is only mentioned.
SPEAKING_KINDS: frozenset[str] = frozenset({"spotlight", "recommendation"})


@dataclass(frozen=True)
class Passage:
    """One citable block of the statement.

    `start`/`end` delimit the passage's source in the statement's text (the file
    itself for a text file), so that `clean_markup(source[start:end]) == text` and
    any citation can be checked; `doc` is the id of the document it comes from.
    """

    id: str
    kind: str
    section: str
    theme: int | None
    theme_title: str | None
    actors: tuple[str, ...]
    text: str
    start: int
    end: int
    title: str | None = None
    context: str | None = None
    recommendation: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    doc: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown passage kind {self.kind!r}; expected one of {KINDS}")
        if not self.text.strip():
            raise ValueError(f"passage {self.id!r} has empty text")
        if not 0 <= self.start < self.end:
            raise ValueError(f"passage {self.id!r} has bad offsets {self.start}..{self.end}")

    @property
    def speaker(self) -> str | None:
        """The actor who leads the passage: the first one stressed (capitals or bold) in
        a spotlight or recommendation row; None for other kinds, which only mention.

        Others who speak inside a passage ("FIJI and TONGA reaffirmed") are found by
        `qa.voices`, which starts from this one.
        """
        return self.actors[0] if self.actors and self.kind in SPEAKING_KINDS else None

    @property
    def label(self) -> str:
        """A short human label: where the passage sits and who speaks."""
        where = f"Theme {self.theme}" if self.theme else self.section
        who = f" — {self.speaker}" if self.speaker else ""
        return f"{where} · {self.kind}{who}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["actors"] = list(self.actors)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        return cls(**{**data, "actors": tuple(data["actors"])})
