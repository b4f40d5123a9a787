"""Embeddings, FAISS and BM25 over the passages, persisted with a manifest."""

from index.embed import DEFAULT_MODEL, Embedder, split_sentences
from index.store import IndexStore, Manifest, build_store, read_manifest
from index.vectors import make_vector_index, vector_index_type
from index.windows import TokenCounter, Unit, passage_units

__all__ = [
    "DEFAULT_MODEL",
    "Embedder",
    "IndexStore",
    "Manifest",
    "TokenCounter",
    "Unit",
    "build_store",
    "make_vector_index",
    "passage_units",
    "read_manifest",
    "split_sentences",
    "vector_index_type",
]
