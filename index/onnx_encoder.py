"""Query time: questions to unit vectors with onnxruntime and `tokenizers`, never torch.

The index folder holds the model as one ONNX graph (transformer, mean pooling,
normalisation; see index/onnx_export.py) and the model's tokenizer, both hashed in
its manifest. Loading them takes a fraction of a second and about 100 MB, against
seconds and 500 MB for torch and sentence-transformers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.embed import Embedder, QueryEncoder
from index.onnx_export import MODEL_FILE, TOKENIZER_FILE

__all__ = ["OnnxEncoder", "length_groups", "load_query_encoder"]

_BATCH = 32
# With the arena on, a forward pass with a question longer than this (in tokens) gives
# the arena back afterwards: memory grows with the square of the longest question, and
# batches of 8 questions of 2000 characters left 170 MB behind. Public questions have
# 9 to 36 tokens.
SHRINK_LONGER_THAN = 64
# A forward pass costs about as much as this many more token positions, whatever its
# size (measured on the 2-core machine: a pass of one 14-token question 5.5 ms, each
# further such question 3.1 ms). A batch of questions of mixed length goes through in
# groups of similar length when the padding saved outweighs the extra passes: batches
# of 8 public questions are about 30% padding in one pass.
PASS_COST_TOKENS = 12


class OnnxEncoder:
    """The exported model: one `session.run` per batch of texts, vectors already unit length."""

    def __init__(
        self, session: Any, tokenizer: Any, *, name: str, dimension: int, shrink: Any = None
    ):
        inputs = [i.name for i in session.get_inputs()]
        if inputs[:2] != ["input_ids", "attention_mask"]:
            raise ValueError(f"the ONNX graph takes {inputs}, not input_ids and attention_mask")
        truncation = tokenizer.truncation or {}
        if not truncation.get("max_length") or tokenizer.padding is None:
            raise ValueError("the tokenizer must truncate to the model's window and pad batches")
        self.session = session
        self.tokenizer = tokenizer
        self.name = name
        self.dimension = dimension
        self.max_tokens: int = int(truncation["max_length"])
        self.inputs: tuple[str, ...] = tuple(inputs)
        self.shrink = shrink  # run options that give the memory arena back (arena only)
        # Groups of similar length are cut from one padded batch: padding on the right.
        self.groups = (tokenizer.padding or {}).get("direction", "").lower() == "right"

    @classmethod
    def load(
        cls,
        directory: Path,
        *,
        name: str,
        dimension: int,
        threads: int | None = None,
        arena: bool = False,
    ) -> OnnxEncoder:
        """Open `model.onnx` and `tokenizer.json` of an index folder (already hash-checked).

        `threads` for one forward pass (default: one per core). With `arena`, the memory
        of one pass is kept for the next instead of going back to the system: a server's
        batches are alike, and fresh memory costs a page fault per 4 kB on every pass.
        """
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle worker threads sleep instead of spinning: on a shared 2-core machine a
        # spinning thread steals the core that the rest of the question needs.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # Without the arena, memory for a batch goes back to the system afterwards (one
        # question at a time, as `ask` runs, the arena saves nothing).
        options.enable_cpu_mem_arena = arena
        try:
            session = ort.InferenceSession(
                str(Path(directory) / MODEL_FILE), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime's own errors derive from Exception alone
            raise RuntimeError(f"{type(exc).__name__}: {exc}") from exc
        tokenizer = Tokenizer.from_file(str(Path(directory) / TOKENIZER_FILE))
        shrink = None
        if arena:
            shrink = ort.RunOptions()
            shrink.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        return cls(session, tokenizer, name=name, dimension=dimension, shrink=shrink)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for questions, all in one forward pass."""
        return self._forward(list(texts))

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Unit vectors for passages, in batches of similar length (less padding)."""
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), _BATCH):
            chunk = order[start : start + _BATCH]
            out[chunk] = self._forward([texts[i] for i in chunk])
        return out

    def _forward(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts)
        arrays = {
            "input_ids": [e.ids for e in encodings],
            "attention_mask": [e.attention_mask for e in encodings],
            "token_type_ids": [e.type_ids for e in encodings],
        }
        feed = {name: np.asarray(arrays[name], dtype=np.int64) for name in self.inputs}
        if len(texts) == 1 or not self.groups:
            return self._run(feed)
        lengths = feed["attention_mask"].sum(axis=1)
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for rows in length_groups(lengths.tolist(), PASS_COST_TOKENS):
            width = int(lengths[rows].max())
            out[rows] = self._run({name: a[rows, :width] for name, a in feed.items()})
        return out

    def _run(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        long = feed["input_ids"].shape[1] > SHRINK_LONGER_THAN
        (vectors,) = self.session.run(["embedding"], feed, self.shrink if long else None)
        return np.ascontiguousarray(vectors, dtype=np.float32)


def length_groups(lengths: Sequence[int], pass_cost: int) -> list[list[int]]:
    """Rows grouped by length so that padding plus `pass_cost` per group is least.

    Each group is padded to its longest row; sorted by length, the best cut into runs
    is found by dynamic programming (a batch holds at most a few hundred rows).
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    size = [lengths[i] for i in order]
    best = [0] + [0] * len(order)  # best[j]: least cost of the first j rows
    cut = [0] * (len(order) + 1)
    for j in range(1, len(order) + 1):
        best[j], cut[j] = min(
            (best[i] + pass_cost + (j - i) * size[j - 1], i) for i in range(j)
        )
    groups: list[list[int]] = []
    j = len(order)
    while j:
        groups.append(order[cut[j] : j])
        j = cut[j]
    return groups[::-1]


Notify = Callable[[str], None]


def load_query_encoder(
    directory: Path,
    *,
    model: str,
    dimension: int,
    files: Sequence[str],
    reason: str = "",
    threads: int | None = None,
    arena: bool = False,
    fallback: QueryEncoder | None = None,
    notify: Notify | None = None,
) -> QueryEncoder:
    """The index's ONNX encoder, or sentence-transformers (with one warning) when it cannot be.

    `files` are the names the manifest lists (and the store has checked) and `reason`
    its note on the export; an index without the ONNX files, or a machine where
    onnxruntime does not load, still answers, through `fallback` if one is loaded.
    """
    if MODEL_FILE in files and TOKENIZER_FILE in files:
        try:
            return OnnxEncoder.load(
                directory, name=model, dimension=dimension, threads=threads, arena=arena
            )
        except (ImportError, OSError, RuntimeError, ValueError) as exc:
            why = f"onnxruntime cannot load {Path(directory) / MODEL_FILE} ({exc})"
    else:
        why = f"the index at {directory} has no ONNX copy of the model ({reason or 'not saved'})"
    if notify:
        notify(
            f"Warning: {why}; encoding questions with sentence-transformers instead (slower to "
            "start, more memory). `rso-qa build --force` exports the model again."
        )
    return fallback if fallback is not None else Embedder.load(model)
