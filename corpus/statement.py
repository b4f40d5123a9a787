"""Read a statement file, in any format we know, into typed passages.

The reader for its format (corpus/formats/) turns the file into a layout of
headings, paragraphs and table rows; the structure parser (corpus/structure.py)
cuts that into passages from layout and wording alone. One passage is cut per
paragraph, row or entry, so that a citation points at one place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from corpus.actors import Gazetteer
from corpus.document import Document, document_id_for
from corpus.errors import DocumentError
from corpus.files import read_document_bytes
from corpus.formats import detect_format, read_layout
from corpus.formats.text import read_text
from corpus.passage import Passage
from corpus.structure import parse_layout, slugify

__all__ = [
    "BUNDLED_ID",
    "CHUNKER_VERSION",
    "DEFAULT_SOURCE",
    "Statement",
    "load_statement",
    "parse_statement",
    "slugify",
]

CHUNKER_VERSION = "6"
DEFAULT_SOURCE: Path = Path(
    str(
        resources.files("corpus")
        / "data"
        / "outcome-statement-4th-rso-constructive-dialogue-2026.txt"
    )
)
# The bundled statement's document id: in every library, never changing.
BUNDLED_ID = "rso-cd4"


@dataclass(frozen=True)
class Statement:
    """The parsed statement: its passages, the gazetteer and the source's hash.

    `text` is what passage offsets point into: the file itself for text, the text
    read out of it for PDF, Word and HTML.
    """

    passages: tuple[Passage, ...]
    gazetteer: Gazetteer
    glossary: tuple[tuple[str, str], ...]
    sha256: str
    source: Path
    document: Document | None = None
    text: str = ""

    @property
    def documents(self) -> tuple[Document, ...]:
        return (self.document,) if self.document is not None else ()

    def by_id(self, passage_id: str) -> Passage:
        for passage in self.passages:
            if passage.id == passage_id:
                return passage
        raise KeyError(passage_id)


def load_statement(
    path: Path | str | None = None,
    *,
    doc: str | None = None,
    prefix: bool = False,
    title: str | None = None,
) -> Statement:
    """Read and parse a statement file (the embedded one by default).

    Its passages carry the document id `doc` (by default the bundled statement's,
    or one made from the file name); with `prefix`, their ids start with it too, so
    that they stay apart from other documents' in one library.
    """
    source = Path(path) if path is not None else DEFAULT_SOURCE
    data = read_document_bytes(source)
    return parse_document(data, source, doc=doc, prefix=prefix, title=title)


def parse_document(
    data: bytes,
    source: Path,
    *,
    doc: str | None = None,
    prefix: bool = False,
    title: str | None = None,
    name: Path | str | None = None,
) -> Statement:
    """Parse a statement's bytes; `name` (default `source`) tells the format by its ending."""
    fmt = detect_format(data, name or source)
    layout = read_layout(data, name or source, fmt)
    try:
        parsed = parse_layout(layout)
    except ValueError as exc:
        raise DocumentError(f"cannot read {source} as a statement: {exc}") from None
    doc = doc or base_id(source)
    passages = tuple(
        replace(p, doc=doc, id=f"{doc}/{p.id}" if prefix else p.id) for p in parsed.passages
    )
    sha = hashlib.sha256(data).hexdigest()
    document = Document(
        id=doc,
        title=title or parsed.title or Path(name or source).stem,
        date=parsed.date,
        format=fmt,
        path=str(source),
        sha256=sha,
        passages=len(passages),
    )
    return Statement(passages, parsed.gazetteer, parsed.glossary, sha, source, document,
                     layout.text)


def parse_statement(
    text: str,
) -> tuple[tuple[Passage, ...], tuple[tuple[str, str], ...], Gazetteer]:
    """Cut a statement in plain text into passages, then attribute each to its actors."""
    parsed = parse_layout(read_text(text))
    return parsed.passages, parsed.glossary, parsed.gazetteer


def base_id(source: Path) -> str:
    """The id of a statement read on its own: the bundled one's, or one from its file name."""
    return BUNDLED_ID if _same_file(source, DEFAULT_SOURCE) else document_id_for(source)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
