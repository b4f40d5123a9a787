"""Query path: `Assistant.ask` against one bare encode of the question, same run.

The floor of a question's cost is one forward pass of the model over it (the ONNX
encoder's tokenize + `session.run`, as `ask` makes it); everything above that floor
(analysis, BM25, FAISS, fusion, key sentences) is overhead that the ratios expose and
the profile locates.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bench.figures import Figure, Section, at_most, percentile, rss_bytes, timed

__all__ = ["FORWARD_PACKAGES", "load_questions", "profile_asks", "run", "self_times"]

QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "questions.jsonl"
P50_TARGET = 1.3
P95_TARGET = 1.6
# Frames under these packages are the model's forward pass (onnxruntime, or torch on
# the fallback) or the tokenizer; the profile reports what remains, which is ours.
FORWARD_PACKAGES = ("/onnxruntime/", "/tokenizers/", "/torch/", "/transformers/models/")
FORWARD = "<model forward pass>"


def load_questions(path: Path = QUESTIONS) -> list[str]:
    """The question text of every line of a questions.jsonl file."""
    lines = Path(path).read_text("utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def run(assistant, questions: Sequence[str], *, warmup: int = 5, profile: int = 50) -> Section:
    """Time every question through `ask` and through the bare encoder, interleaved.

    Interleaving puts both measurements under the same background load, so the ratio
    stays meaningful on a busy machine even when the absolute times are not.
    """
    encoder = assistant.embedder
    for question in questions[:warmup]:
        assistant.ask(question)
        encoder.encode_queries([question])
    encodes: list[float] = []
    cpu_encodes: list[float] = []
    asks: list[float] = []
    cpu_asks: list[float] = []
    stages: dict[str, list[float]] = {}
    for question in questions:
        cpu = time.process_time()
        seconds, _ = timed(lambda q=question: encoder.encode_queries([q]))
        cpu_encodes.append((time.process_time() - cpu) * 1e3)
        encodes.append(seconds * 1e3)
        cpu = time.process_time()
        seconds, answer = timed(lambda q=question: assistant.ask(q))
        cpu_asks.append((time.process_time() - cpu) * 1e3)
        asks.append(seconds * 1e3)
        for stage, ms in answer.timings.items():
            stages.setdefault(stage, []).append(ms)
    encode_p50, encode_p95 = percentile(encodes, 50), percentile(encodes, 95)
    cpu_encode_p50 = percentile(cpu_encodes, 50)
    ask_p50, ask_p95 = percentile(asks, 50), percentile(asks, 95)
    hot = profile_asks(assistant, questions[:profile]) if profile else []
    kind = type(encoder).__name__
    figures = [
        at_most("ask p50 / encode p50", ask_p50 / encode_p50, P50_TARGET),
        at_most("ask p95 / encode p50", ask_p95 / encode_p50, P95_TARGET),
        Figure(
            "encode p95 / encode p50 (the floor of the p95 ratio)", encode_p95 / encode_p50, "x"
        ),
        Figure(
            "ask p95 / encode p95 (what the pipeline adds at the tail)", ask_p95 / encode_p95, "x"
        ),
        Figure("CPU: ask p50 / encode p50", percentile(cpu_asks, 50) / cpu_encode_p50, "x"),
        Figure("CPU: ask p95 / encode p50", percentile(cpu_asks, 95) / cpu_encode_p50, "x"),
        Figure(f"encode p50 ({kind})", encode_p50, "ms"),
        Figure("ask p50", ask_p50, "ms"),
        Figure("ask p95", ask_p95, "ms"),
    ]
    for stage in ("analyse_ms", "embed_ms", "retrieve_ms", "compose_ms"):
        if stage in stages:
            figures.append(Figure(f"stage {stage[:-3]} p50", percentile(stages[stage], 50), "ms"))
    details: dict[str, Any] = {
        "questions": len(questions),
        "encoder": kind,
        "encode_ms": {"p50": encode_p50, "p95": encode_p95},
        "ask_ms": {"p50": ask_p50, "p95": ask_p95, "max": max(asks)},
        "cpu_ms": {
            "encode_p50": cpu_encode_p50,
            "ask_p50": percentile(cpu_asks, 50),
            "ask_p95": percentile(cpu_asks, 95),
        },
        "stages_ms": {
            stage: {"p50": percentile(v, 50), "p95": percentile(v, 95)}
            for stage, v in stages.items()
        },
        "profile_top_self_ms": hot,
        "rss_mib_after_asks": rss_bytes() / 2**20,
    }
    return Section("query path", figures, details)


def profile_asks(assistant, questions: Sequence[str], *, top: int = 12) -> list[dict[str, Any]]:
    """The functions with the most self time over these asks, outside the forward pass."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    for question in questions:
        assistant.ask(question)
    profiler.stop()
    root = profiler.last_session.root_frame()
    totals = self_times(_walk(root))
    ranked = sorted(totals.items(), key=lambda item: -item[1])[:top]
    per_ask = 1e3 / max(1, len(questions))
    rows = [{"function": name, "ms_per_ask": seconds * per_ask} for name, seconds in ranked]
    forward = totals.get(FORWARD, 0.0)
    rows.append(
        {
            "function": "<all but the forward pass>",
            "ms_per_ask": (sum(totals.values()) - forward) * per_ask,
        }
    )
    return rows


def _walk(frame) -> Iterable[tuple[str, str, float]]:
    """(function, file, self seconds) of every frame not inside the forward pass."""
    path = frame.file_path or ""
    if any(part in path for part in FORWARD_PACKAGES):
        yield FORWARD, "", frame.time
        return
    if frame.is_synthetic:
        return
    name = f"{frame.function} ({frame.file_path_short}:{frame.line_no})"
    yield name, path, frame.total_self_time
    for child in frame.children:
        yield from _walk(child)


def self_times(frames: Iterable[tuple[str, str, float]]) -> dict[str, float]:
    """Seconds of self time per function name, summed over the profile tree."""
    totals: dict[str, float] = {}
    for name, _path, seconds in frames:
        if seconds > 0:
            totals[name] = totals.get(name, 0.0) + seconds
    return totals
