"""Micro-batching: questions that arrive together share one forward pass, and each caller
gets exactly its own rows back.

The fast tests use a small hand-made encoder (a deterministic vector per text) that
records every call, so the batches are visible; the slow one runs the public set through
the real ONNX encoder from many threads and compares every answer with the unbatched one.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from answers import assert_same_answer

from index.batching import BatchingEncoder
from qa import Assistant


class HashEncoder:
    """A stand-in model: a fixed unit vector per text; it records each call's texts."""

    name = "hash"
    dimension = 8

    def __init__(self, delay: float = 0.0, fail_on: str | None = None):
        self.calls: list[list[str]] = []
        self.delay = delay
        self.fail_on = fail_on
        self.lock = threading.Lock()

    def vector(self, text: str) -> np.ndarray:
        raw = np.frombuffer(hashlib.sha256(text.encode()).digest()[:32], dtype=np.uint8)
        v = raw.reshape(8, 4).sum(axis=1).astype(np.float32) + 1
        return v / np.linalg.norm(v)

    def encode_queries(self, texts):
        with self.lock:
            self.calls.append(list(texts))
        time.sleep(self.delay)  # a forward pass takes time; callers pile up meanwhile
        if self.fail_on in texts:
            raise RuntimeError(f"cannot encode {self.fail_on!r}")
        return np.stack([self.vector(t) for t in texts])


def ask_together(encoder: BatchingEncoder, texts: list[list[str]]) -> list[np.ndarray]:
    gate = threading.Barrier(len(texts))

    def call(mine: list[str]) -> np.ndarray:
        gate.wait()
        return encoder.encode_queries(mine)

    with ThreadPoolExecutor(len(texts)) as pool:
        return list(pool.map(call, texts))


def test_questions_arriving_together_share_one_forward_pass_and_get_their_own_rows():
    model = HashEncoder()
    batcher = BatchingEncoder(model, window_ms=200, max_batch=64)
    questions = [[f"question {i}"] for i in range(16)]
    rows = ask_together(batcher, questions)
    for mine, got in zip(questions, rows, strict=True):
        assert got.shape == (1, 8) and np.array_equal(got[0], model.vector(mine[0]))
    assert len(model.calls) < 16 and sum(len(c) for c in model.calls) == 16
    stats = batcher.stats()
    assert stats.batches == len(model.calls) and stats.questions == 16 and stats.largest > 1
    assert stats.queue_depth == 0 and stats.encoding == 0
    batcher.close()


def test_no_forward_pass_takes_more_than_max_batch_and_no_caller_is_split():
    model = HashEncoder(delay=0.05)
    batcher = BatchingEncoder(model, window_ms=100, max_batch=5)
    callers = [[f"q{i}a", f"q{i}b"] for i in range(12)]  # two texts each
    rows = ask_together(batcher, callers)
    assert all(len(call) <= 5 for call in model.calls)
    for mine, got in zip(callers, rows, strict=True):
        assert np.array_equal(got, np.stack([model.vector(t) for t in mine]))
        assert any(call[i : i + 2] == mine for call in model.calls for i in range(len(call)))
    sizes = batcher.stats().sizes
    assert max(sizes) <= 5 and sum(size * n for size, n in sizes.items()) == 24


def test_a_caller_with_more_texts_than_max_batch_gets_one_pass_of_its_own():
    model = HashEncoder()
    batcher = BatchingEncoder(model, window_ms=0, max_batch=4)
    texts = [f"t{i}" for i in range(10)]
    assert batcher.encode_queries(texts).shape == (10, 8)
    assert model.calls == [texts]


def test_a_failed_forward_pass_reaches_every_caller_in_it_and_the_next_batch_runs():
    model = HashEncoder(delay=0.02, fail_on="poison")
    batcher = BatchingEncoder(model, window_ms=100, max_batch=64)
    gate = threading.Barrier(4)
    outcomes: list[str] = []

    def call(text: str) -> None:
        gate.wait()
        try:
            batcher.encode_queries([text])
            outcomes.append("ok")
        except RuntimeError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=call, args=(t,)) for t in ("a", "b", "poison", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(t.is_alive() for t in threads)  # nobody hangs
    failed = [o for o in outcomes if o != "ok"]
    assert failed and all("poison" in o for o in failed)
    assert batcher.encode_queries(["after"]).shape == (1, 8)  # the worker lives on


def test_an_idle_batcher_waits_the_window_for_company_a_busy_one_does_not():
    model = HashEncoder()
    batcher = BatchingEncoder(model, window_ms=150, max_batch=8)
    start = time.monotonic()
    batcher.encode_queries(["alone"])
    assert time.monotonic() - start >= 0.14  # alone after a pause: waited for company
    full = BatchingEncoder(HashEncoder(), window_ms=150, max_batch=1)
    start = time.monotonic()
    full.encode_queries(["alone"])
    assert time.monotonic() - start < 0.1  # a full batch goes at once


def test_empty_input_needs_no_pass_and_bad_settings_are_refused():
    model = HashEncoder()
    assert BatchingEncoder(model).encode_queries([]).shape == (0, 8) and model.calls == []
    with pytest.raises(ValueError, match="window"):
        BatchingEncoder(model, window_ms=-1)
    with pytest.raises(ValueError, match="largest batch"):
        BatchingEncoder(model, max_batch=0)


def test_stats_show_the_queue_while_a_pass_runs():
    model = HashEncoder(delay=0.3)
    batcher = BatchingEncoder(model, window_ms=0, max_batch=1)
    threads = [threading.Thread(target=batcher.encode_queries, args=([f"q{i}"],))
               for i in range(3)]
    for thread in threads:
        thread.start()
        time.sleep(0.05)
    busy = batcher.stats()
    assert busy.encoding == 1 and busy.queue_depth == 2
    for thread in threads:
        thread.join()
    done = batcher.stats().to_dict()
    assert done["queue_depth"] == 0 and done["batches"] == 3 and done["batch_sizes"] == {"1": 3}


def test_coroutines_share_forward_passes_with_threads_and_each_gets_its_own_rows():
    model = HashEncoder(delay=0.02)
    batcher = BatchingEncoder(model, window_ms=100, max_batch=64)
    threads_in = [[f"thread {i}"] for i in range(4)]
    coroutines_in = [[f"coroutine {i}", f"coroutine {i} again"] for i in range(12)]

    async def together() -> list[np.ndarray]:
        return await asyncio.gather(*(batcher.encode_queries_async(t) for t in coroutines_in))

    with ThreadPoolExecutor(4) as pool:
        threads_out = pool.map(batcher.encode_queries, threads_in)
        coroutines_out = asyncio.run(together())
        for mine, got in zip(threads_in, threads_out, strict=True):
            assert np.array_equal(got, np.stack([model.vector(t) for t in mine]))
    for mine, got in zip(coroutines_in, coroutines_out, strict=True):
        assert got.shape == (2, 8)
        assert np.array_equal(got, np.stack([model.vector(t) for t in mine]))
    assert len(model.calls) < 16 and sum(len(c) for c in model.calls) == 28
    mixed = [c for c in model.calls if any(t.startswith("thread") for t in c)]
    assert any(any(t.startswith("coroutine") for t in c) for c in mixed), model.calls
    assert asyncio.run(batcher.encode_queries_async([])).shape == (0, 8)
    batcher.close()


def test_a_failed_pass_reaches_the_awaiting_coroutines_and_a_cancelled_one_harms_no_other():
    model = HashEncoder(delay=0.1, fail_on="poison")
    batcher = BatchingEncoder(model, window_ms=50, max_batch=64)

    async def scenario() -> tuple[list[object], bool, np.ndarray]:
        poisoned = asyncio.ensure_future(batcher.encode_queries_async(["poison"]))
        leaving = asyncio.ensure_future(batcher.encode_queries_async(["leaving"]))
        staying = asyncio.ensure_future(batcher.encode_queries_async(["staying"]))
        await asyncio.sleep(0.01)
        leaving.cancel()  # the client hung up while its question was in the queue
        outcomes = await asyncio.gather(poisoned, staying, return_exceptions=True)
        await asyncio.gather(leaving, return_exceptions=True)
        after = await batcher.encode_queries_async(["after"])  # the worker lives on
        return outcomes, leaving.cancelled(), after

    outcomes, cancelled, after = asyncio.run(scenario())
    assert model.calls[0] == ["poison", "leaving", "staying"]  # one pass, which failed
    assert all(isinstance(o, RuntimeError) and "poison" in str(o) for o in outcomes)
    assert cancelled and np.array_equal(after[0], model.vector("after"))
    assert batcher.stats().queue_depth == 0
    batcher.close()


def test_batched_answers_equal_unbatched_answers_on_the_public_set(assistant):
    from eval.questions import load_questions

    questions = [q.question for q in load_questions()]
    unbatched = {q: assistant.ask(q).to_dict() for q in questions}
    batcher = BatchingEncoder(assistant.embedder, window_ms=20, max_batch=32)
    batched = Assistant(batcher, assistant.store)
    with ThreadPoolExecutor(24) as pool:
        answers = list(pool.map(lambda q: (q, batched.ask(q).to_dict()), questions))
    for question, answer in answers:
        assert_same_answer(answer, unbatched[question], question)
    stats = batcher.stats()
    assert stats.questions == len(questions) and stats.largest > 4, stats
    batcher.close()
