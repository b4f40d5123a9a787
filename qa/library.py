"""Adding and removing statements of a loaded assistant's library, index and all.

Both run under the index lock, first adopting whatever another process did to the
library meanwhile; an added statement is embedded alone and appended, a removed one
is cut out, and the index is saved whole (as a build saves it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.document import Document
from corpus.errors import UsageError
from corpus.files import document_sha256
from corpus.library import Library, Prepared, corpus_key, load_corpus
from index.store import IndexStore
from index.update import saved_encoder, with_document, without_document
from qa.indexing import build_locked, index_lock

if TYPE_CHECKING:
    from qa.assistant import Assistant

__all__ = ["add_document", "remove_document"]


def add_document(
    assistant: Assistant,
    path: Path | str | Prepared,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    name: str | None = None,
    progress: Callable | None = None,
) -> tuple[Document, bool]:
    """`Assistant.add_document`: parse first, then embed, commit and save under the lock."""
    source, directory, library = _library(assistant)
    library.check_ours()
    taken = [(d.id, d.sha256) for d in assistant.documents]
    found = path if isinstance(path, Prepared) else library.prepare(
        path, doc_id=doc_id, title=title, taken=taken, name=name
    )
    if isinstance(found, str):
        return next(d for d in assistant.documents if d.id == found), False
    with index_lock(directory, notify=None):
        _catch_up(assistant, source, directory, library)
        for known in assistant.documents:
            if known.sha256 == found.entry.sha256:
                return known, False
        entry = found.entry
        document = replace(found.document, path=str(library.path(entry)))
        key = corpus_key(document_sha256(source), [*library.entries(), entry])
        store = with_document(
            assistant.store,
            found.statement.passages,
            document,
            assistant.builder(),
            corpus_sha256=key,
            progress=progress,
            encoder=saved_encoder(directory),
        )
        library.remove_leftovers()
        library.commit(found)
        store.save(directory)
        _adopt(assistant, store)
    return document, True


def remove_document(assistant: Assistant, doc_id: str) -> Document:
    """Take an added document out of the library and the index (its copy is deleted)."""
    source, directory, library = _library(assistant)
    if assistant.documents and doc_id == assistant.documents[0].id:
        raise UsageError(
            f"{doc_id!r} is the statement rso-qa answers from by default; it is in every "
            "library and cannot be removed"
        )
    library.check_ours()
    with index_lock(directory, notify=None):
        _catch_up(assistant, source, directory, library)
        document = next((d for d in assistant.documents if d.id == doc_id), None)
        if document is None:
            known = ", ".join(d.id for d in assistant.documents[1:]) or "none"
            raise UsageError(
                f"the library has no added document {doc_id!r}; added documents: {known}"
            )
        entries = [e for e in library.entries() if e.id != doc_id]
        store = without_document(
            assistant.store,
            doc_id,
            corpus_sha256=corpus_key(document_sha256(source), entries),
            encoder=saved_encoder(directory),
        )
        library.remove(doc_id)
        store.save(directory)
        _adopt(assistant, store)
    return document


def _adopt(assistant: Assistant, store: IndexStore) -> None:
    """Answer from the changed index from now on (answers in flight finish first)."""
    with assistant._gate.writing():
        assistant._use(store)
    if assistant._watch is not None:
        assistant._watch.mark()


def _library(assistant: Assistant) -> tuple[Path, Path, Library]:
    if assistant._home is None:
        raise UsageError(
            "this assistant was not loaded from an index folder; use Assistant.load() "
            "to add or remove documents"
        )
    return assistant._home


def _catch_up(assistant: Assistant, source: Path, directory: Path, library: Library) -> None:
    """Under the lock: adopt what another process did to the library meanwhile."""
    key = corpus_key(document_sha256(source), library.entries())
    if key != assistant.store.manifest.corpus_sha256:
        store = build_locked(load_corpus(source, library), assistant.builder(), directory, None)
        _adopt(assistant, store)
