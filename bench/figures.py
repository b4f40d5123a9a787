"""The records every benchmark returns, and the arithmetic they share."""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "Figure",
    "Section",
    "at_least",
    "at_most",
    "percentile",
    "recall_at_k",
    "rss_bytes",
    "timed",
]


@dataclass(frozen=True)
class Figure:
    """One measured number, with the target it is held to (if any).

    `ok` is None when the figure has no target, else whether it meets it.
    """

    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": _round(self.value),
            "unit": self.unit,
            "target": self.target,
            "ok": self.ok,
        }


@dataclass(frozen=True)
class Section:
    """What one benchmark found: headline figures plus the details behind them."""

    name: str
    figures: list[Figure]
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "figures": [f.to_dict() for f in self.figures],
            "details": self.details,
        }


def at_most(name: str, value: float, limit: float, unit: str = "x") -> Figure:
    """A figure that should not exceed `limit` (a ratio or a time)."""
    return Figure(name, value, unit, f"<= {limit:g}", bool(value <= limit))


def at_least(name: str, value: float, limit: float, unit: str = "") -> Figure:
    """A figure that should reach `limit` (e.g. recall)."""
    return Figure(name, value, unit, f">= {limit:g}", bool(value >= limit))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation; NaN for no values."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be from 0 to 100, not {q}")
    if len(values) == 0:
        return math.nan
    return float(np.percentile(np.asarray(values, dtype=np.float64), q))


def recall_at_k(found: np.ndarray, truth: np.ndarray, k: int) -> float:
    """Mean share of each query's true top-k ids that the approximate top-k contains.

    Both arguments are (queries, >= k) id matrices as FAISS returns them; -1 (no
    result) never counts as found.
    """
    found = np.asarray(found)
    truth = np.asarray(truth)
    if found.ndim != 2 or truth.ndim != 2 or len(found) != len(truth):
        raise ValueError(f"expected two id matrices of one length, got {found.shape} {truth.shape}")
    if k < 1 or found.shape[1] < k or truth.shape[1] < k:
        raise ValueError(f"k={k} needs at least k columns, got {found.shape} {truth.shape}")
    if len(found) == 0:
        return math.nan
    hits = [
        len(set(f[:k][f[:k] >= 0].tolist()) & set(t[:k].tolist())) / k
        for f, t in zip(found, truth, strict=True)
    ]
    return float(np.mean(hits))


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def rss_bytes(pid: int | None = None) -> int:
    """Resident memory of a process (this one by default), from /proc or psutil."""
    path = f"/proc/{pid or os.getpid()}/status"
    try:
        with open(path, encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import psutil

    return int(psutil.Process(pid).memory_info().rss)


def _round(value: float) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), 4)
