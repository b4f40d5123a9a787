"""Change an index by one document, without embedding again what it already holds.

Adding a statement embeds only its passages and appends their vectors; removing one
keeps every other vector as it was. BM25 is refitted over all passages (it takes a
fraction of a second). The result is a new `IndexStore`; saving it is the caller's
(atomic, as a build is).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from corpus.document import Document
from corpus.passage import Passage
from index.embed import Embedder
from index.lexical import LexicalIndex
from index.onnx_export import ENCODER_FILES, EncoderExport
from index.store import IndexStore, Manifest, ProgressFn, embed_units, lexical_text
from index.vectors import make_vector_index, vector_index_type
from index.windows import Unit

__all__ = ["saved_encoder", "with_document", "without_document"]


def with_document(
    store: IndexStore,
    passages: Sequence[Passage],
    document: Document,
    embedder: Embedder,
    *,
    corpus_sha256: str,
    progress: ProgressFn | None = None,
    encoder: EncoderExport | None = None,
) -> IndexStore:
    """The store with one more document: only its passages are embedded.

    `encoder` is the index folder's query encoder (`saved_encoder`), saved again with it.
    """
    offset = len(store.passages)
    units, vectors, _ = embed_units(passages, embedder, offset=offset, progress=progress)
    old = store.matrix if store.vectors.ntotal else np.zeros((0, embedder.dimension), np.float32)
    return _rebuilt(
        store,
        [*store.passages, *passages],
        [*store.units, *units],
        np.concatenate([old, vectors]) if len(vectors) else old,
        [*store.documents, document],
        corpus_sha256,
        encoder,
    )


def without_document(
    store: IndexStore,
    doc_id: str,
    *,
    corpus_sha256: str,
    encoder: EncoderExport | None = None,
) -> IndexStore:
    """The store without one document's passages; every other vector is kept as it was."""
    keep = [i for i, p in enumerate(store.passages) if p.doc != doc_id]
    renumber = {old: new for new, old in enumerate(keep)}
    rows = [i for i, u in enumerate(store.units) if u.passage in renumber]
    units = [replace(store.units[i], passage=renumber[store.units[i].passage]) for i in rows]
    matrix = store.matrix[rows] if rows else np.zeros((0, store.manifest.dimension), np.float32)
    return _rebuilt(
        store,
        [store.passages[i] for i in keep],
        units,
        matrix,
        [d for d in store.documents if d.id != doc_id],
        corpus_sha256,
        encoder,
    )


def _rebuilt(
    store: IndexStore,
    passages: list[Passage],
    units: list[Unit],
    vectors: np.ndarray,
    documents: list[Document],
    corpus_sha256: str,
    encoder: EncoderExport | None,
) -> IndexStore:
    manifest = Manifest(
        **{
            **asdict(store.manifest),
            "corpus_sha256": corpus_sha256,
            "passages": len(passages),
            "units": len(units),
            "index_type": vector_index_type(len(units)),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "documents": {d.id: d.sha256 for d in documents[1:]},
            "files": {},
        }
    )
    lexical = LexicalIndex.fit([lexical_text(p) for p in passages])
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    return IndexStore(
        passages, units, make_vector_index(vectors), lexical, manifest, encoder, documents
    )


def saved_encoder(directory: Path) -> EncoderExport | None:
    """The query encoder files of an index folder, to save again with a changed index
    (None when the build could not export one: answering then uses torch, as before)."""
    model, tokenizer = (directory / name for name in ENCODER_FILES)
    if not (model.is_file() and tokenizer.is_file()):
        return None
    return EncoderExport(model.read_bytes(), tokenizer.read_text("utf-8"), ())
