"""The document record: one statement in the library, as a citation names it."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from corpus.actors import fold

__all__ = ["Document", "check_document_id", "document_id_for"]

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_MAX_ID = 40


@dataclass(frozen=True)
class Document:
    """A statement of the library: its short stable id, title, stated date, format,
    where its copy is kept, the SHA-256 of that copy and how many passages it has."""

    id: str
    title: str
    date: str | None
    format: str
    path: str
    sha256: str
    passages: int

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(**data)


def check_document_id(doc_id: str) -> str | None:
    """Why `doc_id` cannot name a document, or None: lower-case letters, digits, hyphens."""
    if not _ID.fullmatch(doc_id):
        return (
            f"{doc_id!r} cannot be a document id; use 1-{_MAX_ID} lower-case letters, digits "
            "and hyphens, starting with a letter or digit (e.g. --id rso-cd5)"
        )
    return None


def document_id_for(path: Path | str) -> str:
    """A short id from a file name: `Outcome Statement 5th.pdf` -> `outcome-statement-5th`.

    Cut at a word boundary to at most 40 characters; never empty.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", fold(Path(path).stem)).strip("-") or "document"
    while len(slug) > _MAX_ID and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:_MAX_ID]
