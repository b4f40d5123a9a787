"""A question in two halves, for a server that encodes many questions in one forward pass.

`Assistant.begin` checks and analyses a question without the model and names the texts
the model must encode; the server encodes them together with other questions' texts
(index/batching.py) and `Assistant.complete` ranks, checks the evidence and composes
from the vectors. `Assistant.ask` runs the same steps with the model called in between,
so the answer is the same either way. The halves run where the caller likes: the JSON
API runs both on its event loop, so a question never waits for a worker thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qa.analyse import Query
from qa.config import RetrievalConfig
from qa.records import Answer, Filters
from qa.respond import Responder

__all__ = ["Asking", "complete"]


@dataclass(frozen=True)
class Asking:
    """A checked, analysed question waiting for the vectors of `texts` (none: no model)."""

    query: Query
    texts: tuple[str, ...]
    k: int
    filters: Filters
    config: RetrievalConfig
    # The index as it was when the question was checked: an index swapped in meanwhile
    # (a statement added) does not mix with the analysis made against the old one.
    responder: Responder = field(repr=False, compare=False)
    started: float = 0.0  # perf_counter when the question came in
    analysed: float = 0.0  # perf_counter when it was analysed

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.query.text,
            "texts": list(self.texts),
            "k": self.k,
            "filters": self.filters.to_dict(),
            "config": self.config.name,
        }


def complete(asking: Asking, vectors: np.ndarray | None) -> Answer:
    """The answer to `asking` from its texts' vectors (one row per text, in order).

    The timings read as `ask`'s do: analysis up to `asking.analysed`, the wait for the
    vectors counted as embedding, then retrieval and composition.
    """
    if asking.texts and (vectors is None or len(vectors) != len(asking.texts)):
        rows = "none" if vectors is None else len(vectors)
        raise ValueError(f"{len(asking.texts)} text(s) to encode, {rows} vector(s) given")
    arrived = time.perf_counter()

    def encoded(texts: list[str]) -> np.ndarray:
        assert vectors is not None and tuple(texts) == asking.texts
        return vectors

    answer = asking.responder.respond(
        asking.query,
        encoded if asking.texts else None,
        asking.config,
        k=asking.k,
        filters=asking.filters,
        started=asking.started,
    )
    answer.timings["analyse_ms"] = (asking.analysed - asking.started) * 1e3
    answer.timings["embed_ms"] = (
        answer.timings.get("embed_ms", 0.0) + (arrived - asking.analysed) * 1e3
    )
    return answer
