"""FAISS over unit vectors: exact search for small corpora, HNSW for large ones."""

from __future__ import annotations

import faiss
import numpy as np

__all__ = [
    "EXACT_BELOW",
    "HNSW_EF_CONSTRUCTION",
    "HNSW_EF_SEARCH",
    "HNSW_M",
    "make_vector_index",
    "vector_index_type",
]

# Chosen from `python -m bench --scale-1m` on 2 cores (README, "Performance"):
# - Exact search of one query is single-threaded below 10k vectors (0.3 ms at 4k, 0.6 ms
#   at 8k); from 10k FAISS splits it over OpenMP threads, which on a busy two-core machine
#   (or right after torch's own threads ran the query's forward pass) costs 30-40 ms
#   instead of 0.8 ms. HNSW at 10k answers in 0.7 ms with recall@10 = 1.0.
# - M=32 / efConstruction=80 builds 1M x 384 in ~11 min on two busy cores (1.7 GiB).
# - efSearch=512 is what holds recall@10 >= 0.95 at 1M (0.962; 0.931 at 256, 0.917 at
#   128) for ~1.5 ms a query; the store's 256-deep searches need ef >= 256 anyway.
EXACT_BELOW = 10_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 512


def vector_index_type(n: int, *, exact_below: int = EXACT_BELOW) -> str:
    """The FAISS index type the store uses for `n` vectors."""
    return "flat-ip" if n < exact_below else f"hnsw{HNSW_M}-ip"


def make_vector_index(vectors: np.ndarray, *, exact_below: int = EXACT_BELOW) -> faiss.Index:
    """An inner-product index over unit vectors, of the type chosen by size."""
    if vectors.ndim != 2 or vectors.dtype != np.float32:
        raise ValueError(f"expected a 2-D float32 matrix, got {vectors.dtype} {vectors.shape}")
    n, dim = vectors.shape
    index: faiss.Index
    if vector_index_type(n, exact_below=exact_below) == "flat-ip":
        index = faiss.IndexFlatIP(dim)
    else:
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
        index = hnsw
    index.add(vectors)
    return index
