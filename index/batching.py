"""Micro-batching: questions that arrive together share one forward pass of the model.

Callers wait here, a thread in `encode_queries` or a coroutine in
`encode_queries_async`, while one worker thread gathers every question that is
waiting (after a short collection window when it was idle, at most `max_batch`),
encodes them in one call of the wrapped encoder, and hands each caller its rows.
Ranking and composing then go on where the caller is, as they would unbatched. A
coroutine costs no thread: the server's event loop hands its questions over and is
woken once per batch (one `call_soon_threadsafe`), instead of a worker thread per
question waking for each of them.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from index.embed import QueryEncoder

__all__ = ["BatchStats", "BatchingEncoder"]


@dataclass(frozen=True)
class BatchStats:
    """What the batcher has done so far, and what it holds now."""

    window_ms: float
    max_batch: int
    queue_depth: int  # questions waiting for the next forward pass
    encoding: int  # questions in the forward pass running now
    batches: int
    questions: int
    largest: int
    sizes: dict[int, int] = field(default_factory=dict)  # batch size -> how many batches
    recent: list[int] = field(default_factory=list)  # sizes of the last batches, oldest first

    @property
    def mean(self) -> float:
        return self.questions / self.batches if self.batches else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "window_ms": self.window_ms,
            "max_batch": self.max_batch,
            "queue_depth": self.queue_depth,
            "encoding": self.encoding,
            "batches": self.batches,
            "questions": self.questions,
            "mean_batch": round(self.mean, 3),
            "largest_batch": self.largest,
            "batch_sizes": {str(size): n for size, n in sorted(self.sizes.items())},
            "recent_batches": list(self.recent),
        }


class _Request:
    """One caller's texts; a thread waits on `done`, a coroutine on `future`."""

    __slots__ = ("done", "error", "future", "texts", "vectors")

    def __init__(self, texts: list[str], future: asyncio.Future | None = None):
        self.texts = texts
        self.future = future
        self.done = threading.Event()
        self.vectors: np.ndarray | None = None
        self.error: BaseException | None = None


def _settle(requests: list[_Request]) -> None:
    """On the requests' event loop: each waiting coroutine gets its rows or the error."""
    for request in requests:
        assert request.future is not None
        if request.future.done():  # the caller went away (its task was cancelled)
            continue
        if request.error is not None:
            request.future.set_exception(request.error)
        else:
            request.future.set_result(request.vectors)


class BatchingEncoder:
    """Wraps a query encoder so that concurrent callers share forward passes.

    Cheap to create: the worker thread starts with the first question. A caller's
    texts are never split across batches, so one question is one row of one pass.
    """

    def __init__(self, encoder: QueryEncoder, *, window_ms: float = 2.0, max_batch: int = 8):
        if window_ms < 0 or window_ms > 1000:
            raise ValueError(f"the collection window must be 0 to 1000 ms, not {window_ms}")
        if max_batch < 1:
            raise ValueError(f"the largest batch must be at least 1, not {max_batch}")
        self.encoder = encoder
        self.name = encoder.name
        self.dimension = encoder.dimension
        self.window_ms = float(window_ms)
        self.max_batch = int(max_batch)
        self._cond = threading.Condition()
        self._pending: deque[_Request] = deque()
        self._waiting = 0  # texts in _pending
        self._encoding = 0
        self._sizes: Counter[int] = Counter()
        self._recent: deque[int] = deque(maxlen=32)
        self._worker: threading.Thread | None = None
        self._closed = False

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for `texts`, computed in the next forward pass with other callers'."""
        request = _Request(list(texts))
        if not request.texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        self._submit(request)
        request.done.wait()
        if request.error is not None:
            raise request.error
        assert request.vectors is not None
        return request.vectors

    async def encode_queries_async(self, texts: Sequence[str]) -> np.ndarray:
        """The same as `encode_queries`, awaited on the running event loop: no thread waits."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        future: asyncio.Future[np.ndarray] = asyncio.get_running_loop().create_future()
        self._submit(_Request(list(texts), future))
        return await future

    def _submit(self, request: _Request) -> None:
        with self._cond:
            if self._closed:
                raise RuntimeError("the batching encoder is closed")
            self._pending.append(request)
            self._waiting += len(request.texts)
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._run, name="rso-qa-encoder", daemon=True
                )
                self._worker.start()
            self._cond.notify()

    def stats(self) -> BatchStats:
        with self._cond:
            return BatchStats(
                window_ms=self.window_ms,
                max_batch=self.max_batch,
                queue_depth=self._waiting,
                encoding=self._encoding,
                batches=sum(self._sizes.values()),
                questions=sum(size * n for size, n in self._sizes.items()),
                largest=max(self._sizes, default=0),
                sizes=dict(self._sizes),
                recent=list(self._recent),
            )

    def close(self) -> None:
        """Finish what is queued, then stop the worker."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=30)

    def _take(self, *, first: bool = False) -> list[_Request] | None:
        """The next batch: whole requests, at most max_batch texts (or one larger request)."""
        with self._cond:
            idle = first or not self._pending
            while not self._pending and not self._closed:
                self._cond.wait()
            if not self._pending:
                return None
            # Idle until now: give the questions arriving together a moment to join.
            # Busy (questions queued during the last pass): go at once.
            deadline = time.monotonic() + self.window_ms / 1000
            while idle and self._waiting < self.max_batch and not self._closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            batch = [self._pending.popleft()]
            size = len(batch[0].texts)
            while self._pending and size + len(self._pending[0].texts) <= self.max_batch:
                size += len(self._pending[0].texts)
                batch.append(self._pending.popleft())
            self._waiting -= size
            self._encoding = size
            return batch

    def _run(self) -> None:
        first = True  # the first question found the worker idle, as one after a pause does
        while (batch := self._take(first=first)) is not None:
            first = False
            texts = [t for request in batch for t in request.texts]
            try:
                vectors = self.encoder.encode_queries(texts)
            except BaseException as exc:  # every waiting caller gets the error, none hangs
                for request in batch:
                    request.error = exc
                _deliver(batch)
                with self._cond:
                    self._encoding = 0
                continue
            row = 0
            for request in batch:
                request.vectors = vectors[row : row + len(request.texts)]
                row += len(request.texts)
            _deliver(batch)
            with self._cond:
                self._encoding = 0
                self._sizes[len(texts)] += 1
                self._recent.append(len(texts))


def _deliver(batch: list[_Request]) -> None:
    """Wake the batch's callers: threads one by one, coroutines once per event loop."""
    loops: dict[asyncio.AbstractEventLoop, list[_Request]] = {}
    for request in batch:
        if request.future is None:
            request.done.set()
        else:
            loops.setdefault(request.future.get_loop(), []).append(request)
    for loop, requests in loops.items():
        try:
            loop.call_soon_threadsafe(_settle, requests)
        except RuntimeError:  # the loop has closed (the server is stopping): nobody waits
            pass
