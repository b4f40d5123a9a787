"""Benchmarks that print figures: query path, cold start, build, scale and memory.

Absolute times on shared machines are noisy, so each headline figure is a ratio of two
timings taken in the same run. `python -m bench` runs everything and prints one table;
the figures are also written to `bench/results.json`.
"""

from __future__ import annotations

from bench.figures import Figure, Section, at_least, at_most, percentile, recall_at_k

__all__ = ["Figure", "Section", "at_least", "at_most", "percentile", "recall_at_k"]
