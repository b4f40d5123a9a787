"""The library: the bundled statement plus the statements a user adds, kept in a data folder.

`rso-qa add PATH` copies the file into `<data>/library/<id>/` (the user's file is never
moved or changed) with the text read out of it, and records it in `library.json`,
which is replaced whole (write, then rename) so a reader sees the old list or the
new one. Nothing is written before the file has been read and parsed: a damaged,
empty, locked or unsupported file leaves the library as it was. `remove` deletes
only a folder that `add` made and that holds nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from corpus.document import Document, check_document_id, document_id_for
from corpus.errors import DocumentError, IndexFolderError, UsageError
from corpus.files import document_sha256, read_document_bytes
from corpus.formats import FORMATS
from corpus.passage import KINDS, Passage
from corpus.statement import BUNDLED_ID, Statement, base_id, load_statement, parse_document

__all__ = [
    "LIBRARY_FILE",
    "Corpus",
    "Entry",
    "Library",
    "Prepared",
    "corpus_key",
    "load_corpus",
]

LIBRARY_FILE = "library.json"
_SOURCE = "source"  # a document's copy is source.<ending>; its text, text.txt
_TEXT = "text.txt"
_TEMP = (".add-", ".upload-", f".{LIBRARY_FILE}.")
# Ids that would read as the start of a bundled passage id ("theme-2/...").
_RESERVED = frozenset({*KINDS, "title", BUNDLED_ID})


@dataclass(frozen=True)
class Entry:
    """One added document as `library.json` records it."""

    id: str
    title: str
    format: str
    sha256: str
    file: str
    added: str


@dataclass(frozen=True)
class Prepared:
    """A file read and parsed, ready to be committed to the library (nothing written yet)."""

    entry: Entry
    statement: Statement
    data: bytes

    @property
    def document(self) -> Document:
        return _document(self.statement)


@dataclass(frozen=True)
class Corpus:
    """Every document of a library, parsed: what an index is built from."""

    statements: tuple[Statement, ...]
    sha256: str
    source: Path

    @property
    def passages(self) -> tuple[Passage, ...]:
        return tuple(p for s in self.statements for p in s.passages)

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(s.document for s in self.statements if s.document is not None)


def corpus_key(base_sha256: str, entries: Iterable[Entry]) -> str:
    """What an index of this library is stamped with: the statement's hash alone when
    nothing was added (as before there was a library), else a hash of every document."""
    entries = sorted(entries, key=lambda e: e.id)
    if not entries:
        return base_sha256
    lines = [base_sha256, *(f"{e.id} {e.sha256}" for e in entries)]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


class Library:
    """The documents a user added, in one folder of ours."""

    def __init__(self, directory: Path | str):
        self.directory = Path(directory)

    @property
    def manifest(self) -> Path:
        return self.directory / LIBRARY_FILE

    def taken(self, base: Path) -> list[tuple[str, str]]:
        """(id, SHA-256) of the statement at `base` and of every added document."""
        base_sha = document_sha256(base)
        return [(base_id(base), base_sha), *((e.id, e.sha256) for e in self.entries())]

    def entries(self) -> tuple[Entry, ...]:
        """The added documents, or none when there is no library yet."""
        try:
            data = json.loads(self.manifest.read_text("utf-8"))
            return tuple(Entry(**row) for row in data["documents"])
        except (FileNotFoundError, NotADirectoryError):
            return ()  # no library yet (a bad folder is refused where it is written)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise DocumentError(
                f"{self.manifest} is damaged ({exc}); move it aside and add the documents again"
            ) from None

    def path(self, entry: Entry) -> Path:
        return self.directory / entry.id / entry.file

    def load(self, entry: Entry) -> Statement:
        """Parse an added document from its copy."""
        return load_statement(self.path(entry), doc=entry.id, prefix=True, title=entry.title)

    def check_ours(self) -> None:
        """Refuse a library folder that holds anything rso-qa did not put there."""
        if not self.directory.exists():
            if self.directory.is_symlink():
                raise IndexFolderError(f"{self.directory} is a broken link; fix it first")
            return
        if not self.directory.is_dir():
            raise IndexFolderError(
                f"cannot keep the library at {self.directory}: it is a file, not a folder"
            )
        ids = {e.id for e in self.entries()}
        foreign = sorted(
            p.name for p in self.directory.iterdir()
            if p.name != LIBRARY_FILE and p.name not in ids and not p.name.startswith(_TEMP)
        )
        if foreign:
            raise IndexFolderError(
                f"{self.directory} holds files rso-qa did not write (such as {foreign[0]!r}), "
                "so it will not be used as the library; move them, or set RSO_QA_HOME to "
                "another folder"
            )

    def prepare(
        self,
        path: Path | str,
        *,
        doc_id: str | None = None,
        title: str | None = None,
        taken: Iterable[tuple[str, str]] = (),
        name: str | None = None,
    ) -> Prepared | str:
        """Read and parse a file for adding; the id of the document already there if the
        library holds this very file. `taken` is (id, SHA-256) of every document in it.

        `name` is the file name to tell the format by (an upload's temporary file has
        none of its own). Raises DocumentError or UsageError before anything is written.
        """
        path = Path(path)
        name = name or str(path)
        data = read_document_bytes(path)
        sha = hashlib.sha256(data).hexdigest()
        taken = tuple(taken)
        for known, known_sha in taken:
            if known_sha == sha:
                return known
        doc_id = doc_id or _free_id(document_id_for(name), {known for known, _ in taken})
        reason = check_document_id(doc_id)
        if reason:
            raise UsageError(reason)
        if doc_id in _RESERVED or doc_id.startswith("theme-"):
            raise UsageError(f"{doc_id!r} is reserved for the bundled statement; pick another --id")
        if any(known == doc_id for known, _ in taken):
            raise UsageError(
                f"the library already has a document {doc_id!r}; pick another --id or remove it"
            )
        statement = parse_document(data, Path(name), doc=doc_id, prefix=True, title=title)
        statement = replace(statement, source=path)
        document = _document(statement)
        suffix = next((s for s in FORMATS[document.format] if name.lower().endswith(s)),
                      FORMATS[document.format][0])
        entry = Entry(doc_id, document.title, document.format, sha, f"{_SOURCE}{suffix}",
                      time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        return Prepared(entry, statement, data)

    def commit(self, prepared: Prepared) -> Document:
        """Write the copy and its text, then the new list; the document as it now is."""
        self.check_ours()
        entry = prepared.entry
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / entry.id
        if target.exists():
            raise UsageError(f"{target} already exists; remove it or pick another --id")
        tmp = self.directory / f".add-{entry.id}-{time.time_ns()}"
        tmp.mkdir()
        try:
            (tmp / entry.file).write_bytes(prepared.data)
            (tmp / _TEXT).write_text(prepared.statement.text, "utf-8")
            tmp.rename(target)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)  # ours: made above, never renamed
        self._write([*self.entries(), entry])
        return replace(_document(prepared.statement), path=str(target / entry.file))

    def remove(self, doc_id: str) -> Entry:
        """Forget an added document and delete the folder `add` made for it (only that)."""
        self.check_ours()
        entries = self.entries()
        entry = next((e for e in entries if e.id == doc_id), None)
        if entry is None:
            raise UsageError(f"the library has no added document {doc_id!r}; see `rso-qa docs`")
        self._write([e for e in entries if e.id != doc_id])
        folder = self.directory / entry.id
        if folder.is_dir() and not folder.is_symlink():
            names = {p.name for p in folder.iterdir()}
            if names <= {entry.file, _TEXT}:
                shutil.rmtree(folder)
        return entry

    def remove_leftovers(self) -> None:
        """Temporary folders and files of an add that was killed, and only those."""
        if not self.directory.is_dir():
            return
        for entry in self.directory.iterdir():
            if entry.name.startswith((".add-", ".upload-")) and not entry.is_symlink():
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)

    def _write(self, entries: list[Entry]) -> None:
        tmp = self.directory / f".{LIBRARY_FILE}.{time.time_ns()}"
        rows = {"format": 1, "documents": [asdict(e) for e in entries]}
        tmp.write_text(json.dumps(rows, indent=1, ensure_ascii=False), "utf-8")
        os.replace(tmp, self.manifest)


def _document(statement: Statement) -> Document:
    if statement.document is None:
        raise ValueError("a parsed statement always has its document record")
    return statement.document


def _free_id(base: str, taken: set[str]) -> str:
    if base in _RESERVED or base.startswith("theme-"):
        base = f"doc-{base}"[:40]
    doc_id, n = base, 1
    while doc_id in taken:
        n += 1
        doc_id = f"{base[:36]}-{n}"
    return doc_id


def load_corpus(base: Path, library: Library) -> Corpus:
    """The statement at `base` and every added document, parsed (for a build)."""
    statement = load_statement(base)
    entries = library.entries()
    statements = (statement, *(library.load(e) for e in entries))
    return Corpus(statements, corpus_key(statement.sha256, entries), base)
