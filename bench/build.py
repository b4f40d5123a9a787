"""Build: seconds to parse, embed and save the statement's index, and its throughput."""

from __future__ import annotations

import time
from pathlib import Path

from bench.figures import Figure, Section

__all__ = ["run"]


def run(embedder, directory: Path) -> Section:
    """Build the index into `directory` (which must not hold one) with a loaded model.

    The model load is left out: it is the same for every corpus and the cold-start
    benchmark measures it.
    """
    from corpus.statement import DEFAULT_SOURCE
    from qa.assistant import build_index

    last: dict[str, float] = {}
    start = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        last[stage] = time.perf_counter() - start

    store = build_index(DEFAULT_SOURCE, embedder, Path(directory), progress=progress)
    seconds = time.perf_counter() - start
    cut = last.get("cutting passages", 0.0)
    embedded = last.get("embedding", cut)
    passages, units = len(store.passages), len(store.units)
    figures = [
        Figure("build seconds", seconds, "s"),
        Figure("passages / s", passages / seconds, "/s"),
        Figure("units / s", units / seconds, "/s"),
        Figure("embedding units / s", units / max(embedded - cut, 1e-9), "/s"),
    ]
    details = {
        "passages": passages,
        "units": units,
        "index_type": store.manifest.index_type,
        "stages_s": {
            "parse + cut into units": cut,
            "embed": embedded - cut,
            "BM25 + FAISS + save": seconds - embedded,
        },
    }
    return Section("build", figures, details)
