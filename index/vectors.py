"""FAISS over unit vectors: exact search for small corpora, HNSW for large ones."""

from __future__ import annotations

import faiss
import numpy as np

__all__ = ["EXACT_BELOW", "HNSW_EF_SEARCH", "HNSW_M", "make_vector_index", "vector_index_type"]

# Exact inner-product search is fast and perfect up to this many vectors; above it
# HNSW keeps query time near-flat (bench/scale.py measures the trade).
EXACT_BELOW = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


def vector_index_type(n: int, *, exact_below: int = EXACT_BELOW) -> str:
    """The FAISS index type the store uses for `n` vectors."""
    return "flat-ip" if n < exact_below else f"hnsw{HNSW_M}-ip"


def make_vector_index(vectors: np.ndarray, *, exact_below: int = EXACT_BELOW) -> faiss.Index:
    """An inner-product index over unit vectors, of the type chosen by size."""
    if vectors.ndim != 2 or vectors.dtype != np.float32:
        raise ValueError(f"expected a 2-D float32 matrix, got {vectors.dtype} {vectors.shape}")
    n, dim = vectors.shape
    if vector_index_type(n, exact_below=exact_below) == "flat-ip":
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    index.add(vectors)
    return index
