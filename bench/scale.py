"""Scale: the vector index the store picks, at 10k, 100k and 1M vectors.

Corpora:
- `statement-10k`: the statement's own units, perturbed (words dropped, swapped and
  replaced) into about 2k distinct texts embedded with the real model, then tiled to 10k
  with small noise (embedding 10k texts on two busy cores takes too long for a default run).
- `uniform-*`: random unit vectors of the model's dimension, as the issue allows. In 384
  dimensions these have no neighbourhood structure (every pair is at cosine ~0 +- 0.05), so
  beyond the query's own source point the true top-10 is noise: the worst case for any
  approximate index, reported but not the design point.
- `mixture-*`: random convex mixtures of three real embeddings plus noise: random vectors
  that live where real text embeddings live (mean pairwise cosine ~0.25, as the statement's).

Queries are corpus vectors plus noise, so each has a true nearest neighbour; recall@10 is
against exact inner-product search over the same vectors.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bench.figures import Figure, Section, at_least, at_most, percentile, recall_at_k, rss_bytes

__all__ = [
    "Corpus",
    "exact_sweep",
    "exact_top_k",
    "measure",
    "mixture_vectors",
    "near",
    "perturb_text",
    "random_unit_vectors",
    "run",
    "statement_corpus",
    "unit_rows",
]

DIM = 384
K = 10
QUERIES = 200
TIMED_QUERIES = 200
RECALL_TARGET = 0.95
P50_GROWTH_TARGET = 3.0
_CHUNK = 100_000
EF_SWEEP = (32, 64, 128, 256, 512)
NPROBE_SWEEP = (4, 8, 16, 32, 64)
EXACT_SIZES = (2_000, 5_000, 10_000, 20_000, 50_000, 100_000)


@dataclass(frozen=True)
class Corpus:
    """Vectors to index, queries with true neighbours among them, and how they were made."""

    name: str
    vectors: np.ndarray
    queries: np.ndarray
    note: str


def unit_rows(x: np.ndarray) -> np.ndarray:
    """`x` (float32) with every row scaled to unit length, in place."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    x /= norms
    return x


def random_unit_vectors(n: int, dim: int = DIM, *, seed: int = 0) -> np.ndarray:
    """`n` random unit vectors, made in float32 chunks so 1M never needs float64."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, _CHUNK):
        stop = min(n, start + _CHUNK)
        out[start:stop] = rng.standard_normal((stop - start, dim), dtype=np.float32)
        unit_rows(out[start:stop])
    return out


def mixture_vectors(
    anchors: np.ndarray,
    n: int,
    *,
    seed: int = 0,
    parts: int = 3,
    concentration: float = 0.3,
    noise: float = 0.03,
) -> np.ndarray:
    """`n` unit vectors, each a random convex mixture of `parts` anchors plus noise."""
    rng = np.random.default_rng(seed)
    dim = anchors.shape[1]
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, _CHUNK):
        m = min(n, start + _CHUNK) - start
        ids = rng.integers(0, len(anchors), (m, parts))
        weights = rng.dirichlet([concentration] * parts, m).astype(np.float32)
        block = np.einsum("nk,nkd->nd", weights, anchors[ids])
        block += rng.standard_normal((m, dim), dtype=np.float32) * noise
        out[start : start + m] = unit_rows(block)
    return out


def near(vectors: np.ndarray, count: int, *, noise: float = 0.02, seed: int = 1) -> np.ndarray:
    """`count` queries, each a random corpus vector moved a little, so it has neighbours."""
    rng = np.random.default_rng(seed)
    picks = rng.choice(len(vectors), size=min(count, len(vectors)), replace=False)
    jitter = rng.standard_normal((len(picks), vectors.shape[1]), dtype=np.float32) * noise
    return unit_rows((vectors[picks] + jitter).astype(np.float32))


def perturb_text(text: str, rng: np.random.Generator, vocabulary: Sequence[str]) -> str:
    """The text with about a tenth of its words dropped, swapped or replaced."""
    words = text.split()
    if len(words) < 2:
        return f"{text} {vocabulary[int(rng.integers(len(vocabulary)))]}"
    out: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < 0.05:
            continue
        out.append(vocabulary[int(rng.integers(len(vocabulary)))] if roll < 0.12 else word)
    if len(out) > 2:
        i = int(rng.integers(len(out) - 1))
        out[i], out[i + 1] = out[i + 1], out[i]
    return " ".join(out) or text


def statement_corpus(
    embedder, texts: Sequence[str], *, n: int = 10_000, distinct: int = 2_000, seed: int = 0
) -> tuple[Corpus, np.ndarray, float]:
    """(corpus, its distinct embedded vectors, seconds spent embedding)."""
    rng = np.random.default_rng(seed)
    vocabulary = sorted({w for t in texts for w in t.split()})
    made = {t for t in texts}
    pool = list(texts)
    while len(made) < distinct:
        made.add(perturb_text(pool[int(rng.integers(len(pool)))], rng, vocabulary))
    ordered = sorted(made)[:distinct]
    start = time.perf_counter()
    distinct_vectors = embedder.encode_passages(ordered)
    seconds = time.perf_counter() - start
    tiled = distinct_vectors[np.arange(n) % len(distinct_vectors)].copy()
    tiled += rng.standard_normal(tiled.shape, dtype=np.float32) * 0.01
    vectors = unit_rows(tiled)
    note = f"{len(ordered)} distinct perturbed statement texts, real model, tiled to {n:,}"
    return (
        Corpus(f"statement-{n // 1000}k", vectors, near(vectors, QUERIES), note),
        (distinct_vectors),
        seconds,
    )


def exact_top_k(vectors: np.ndarray, queries: np.ndarray, k: int = K) -> np.ndarray:
    """Ids of the exact top-k by inner product (the ground truth for recall)."""
    import faiss

    return faiss.knn(queries, vectors, k, faiss.METRIC_INNER_PRODUCT)[1]


def _p50_ms(index, queries: np.ndarray, k: int, *, passes: int = 3) -> float:
    """Median milliseconds of one single-query search, as the store makes them.

    The lowest median of a few passes: on a shared machine a pass can be slowed by other
    work, never sped up by it.
    """
    index.search(queries[:1], k)
    medians = []
    for _ in range(passes):
        times = []
        for q in queries[:TIMED_QUERIES]:
            one = q.reshape(1, -1)
            start = time.perf_counter()
            index.search(one, k)
            times.append((time.perf_counter() - start) * 1e3)
        medians.append(percentile(times, 50))
    return min(medians)


def _sweep(index, queries: np.ndarray, truth: np.ndarray, knob: str, values) -> list[dict]:
    holder = index.hnsw if knob == "efSearch" else index
    chosen = getattr(holder, knob)
    out = []
    for value in values:
        setattr(holder, knob, value)
        found = index.search(queries, K)[1]
        out.append(
            {
                knob: value,
                "recall_at_10": recall_at_k(found, truth, K),
                "p50_ms": _p50_ms(index, queries, K),
            }
        )
    setattr(holder, knob, chosen)
    return out


def exact_sweep(sizes: Sequence[int] = EXACT_SIZES, *, queries: int = 50) -> list[dict]:
    """Single-query p50 of exact search by corpus size: what sets the exact threshold.

    Timed with FAISS's default OpenMP threads (what the store does) and with one thread:
    on a busy two-core machine a two-thread scan of one query waits on the other thread.
    """
    import faiss

    out = []
    vectors = random_unit_vectors(max(sizes), seed=7)
    probe = near(vectors, queries)
    threads = faiss.omp_get_max_threads()
    for n in sizes:
        flat = faiss.IndexFlatIP(vectors.shape[1])
        flat.add(vectors[:n])
        row = {"n": n, "p50_ms": _p50_ms(flat, probe, K, passes=1)}
        faiss.omp_set_num_threads(1)
        try:
            row["p50_ms_1_thread"] = _p50_ms(flat, probe, K, passes=1)
        finally:
            faiss.omp_set_num_threads(threads)
        out.append(row)
        del flat
    return out


def measure(corpus: Corpus, *, exact_below: int | None = None) -> dict[str, Any]:
    """Build the store's index over the corpus; time it, size it, and score its recall."""
    import faiss

    from index.vectors import EXACT_BELOW, make_vector_index, vector_index_type

    exact_below = EXACT_BELOW if exact_below is None else exact_below
    vectors, queries = corpus.vectors, corpus.queries
    n = len(vectors)
    gc.collect()
    before = rss_bytes()
    start = time.perf_counter()
    index = make_vector_index(vectors, exact_below=exact_below)
    build_s = time.perf_counter() - start
    rss_delta = rss_bytes() - before
    index_bytes = int(faiss.serialize_index(index).nbytes)
    truth = exact_top_k(vectors, queries, K)
    found = index.search(queries, K)[1]
    row: dict[str, Any] = {
        "corpus": corpus.name,
        "n": n,
        "note": corpus.note,
        "index_type": vector_index_type(n, exact_below=exact_below),
        "build_s": build_s,
        "p50_ms": _p50_ms(index, queries, K),
        "p50_ms_k256": _p50_ms(index, queries, 256),
        "recall_at_10": recall_at_k(found, truth, K),
        "index_bytes": index_bytes,
        "rss_delta_bytes": rss_delta,
    }
    if hasattr(index, "hnsw"):  # efSearch is a query-time knob: sweep it on the same graph
        row["ef_search_sweep"] = _sweep(index, queries, truth, "efSearch", EF_SWEEP)
    elif hasattr(index, "nprobe"):
        row["nprobe_sweep"] = _sweep(index, queries, truth, "nprobe", NPROBE_SWEEP)
    del index
    if row["index_type"] != "flat-ip":  # the exact search the store would otherwise use
        flat = faiss.IndexFlatIP(vectors.shape[1])
        flat.add(vectors)
        row["exact_p50_ms"] = _p50_ms(flat, queries[:50], K, passes=1)
        del flat
    else:
        row["exact_p50_ms"] = row["p50_ms"]
    gc.collect()
    return row


def run(
    embedder,
    texts: Sequence[str],
    *,
    sizes: Sequence[int] = (100_000,),
    uniform_sizes: Sequence[int] = (100_000,),
    log=print,
) -> Section:
    """The 10k statement corpus, then mixture corpora of `sizes` and uniform ones.

    Uniform vectors stop at 100k by default: HNSW builds them several times slower than
    structured data (the graph search during insertion finds no good neighbours), and
    their recall says nothing about real text.
    """
    import faiss

    statement, anchors, embed_s = statement_corpus(embedder, texts)
    log(f"scale: embedded {len(anchors)} texts in {embed_s:.1f} s")
    rows = [measure(statement)]
    log(f"scale: {_brief(rows[-1])}")
    del statement
    makers = [lambda n=n: _mixture(anchors, n) for n in sizes]
    makers += [lambda n=n: _uniform(n) for n in uniform_sizes]
    for make in makers:
        corpus = make()
        rows.append(measure(corpus))
        log(f"scale: {_brief(rows[-1])}")
        del corpus
        gc.collect()
    sweep = exact_sweep()
    log(
        "scale: exact p50 by size (default threads / 1 thread) "
        + ", ".join(f"{r['n']:,}: {r['p50_ms']:.2f} / {r['p50_ms_1_thread']:.2f} ms" for r in sweep)
    )
    base = rows[0]
    figures = [Figure(f"{base['corpus']} ({base['index_type']}) query p50", base["p50_ms"], "ms")]
    for row in rows[1:]:
        name = f"{row['corpus']} ({row['index_type']})"
        growth = row["p50_ms"] / base["p50_ms"]
        if row["corpus"].startswith("mixture"):
            figures.append(at_least(f"{name} recall@10", row["recall_at_10"], RECALL_TARGET))
            figures.append(at_most(f"{name} p50 / 10k p50", growth, P50_GROWTH_TARGET))
        else:
            figures.append(Figure(f"{name} recall@10 (no structure)", row["recall_at_10"], ""))
            figures.append(Figure(f"{name} p50 / 10k p50", growth, "x"))
        figures.append(Figure(f"{name} build", row["build_s"], "s"))
    details = {
        "rows": rows,
        "exact_p50_by_size": sweep,
        "statement_embed_s": embed_s,
        "faiss_threads": faiss.omp_get_max_threads(),
        "k": K,
        "queries": QUERIES,
    }
    return Section("scale", figures, details)


def _mixture(anchors: np.ndarray, n: int) -> Corpus:
    vectors = mixture_vectors(anchors, n, seed=n)
    note = f"convex mixtures of 3 of {len(anchors)} real embeddings + noise"
    return Corpus(f"mixture-{_short(n)}", vectors, near(vectors, QUERIES), note)


def _uniform(n: int) -> Corpus:
    vectors = random_unit_vectors(n, seed=n)
    return Corpus(f"uniform-{_short(n)}", vectors, near(vectors, QUERIES), "random unit vectors")


def _short(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def _brief(row: dict[str, Any]) -> str:
    sweep = row.get("ef_search_sweep") or row.get("nprobe_sweep") or []
    knob = "efSearch" if "ef_search_sweep" in row else "nprobe"
    swept = "; ".join(
        f"{knob} {s[knob]}: {s['recall_at_10']:.3f} @ {s['p50_ms']:.2f} ms" for s in sweep
    )
    return (
        f"{row['corpus']}: {row['index_type']} built in {row['build_s']:.1f} s, "
        f"p50 {row['p50_ms']:.3f} ms (exact {row['exact_p50_ms']:.3f} ms), "
        f"recall@10 {row['recall_at_10']:.3f}, {row['index_bytes'] / 2**20:.0f} MiB"
        + (f" [{swept}]" if swept else "")
    )
