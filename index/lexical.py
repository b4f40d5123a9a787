"""BM25 over passages (bm25s), with one tokenizer for passages and questions."""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np
import Stemmer

from corpus.actors import fold


@contextmanager
def _absent(package: str) -> Iterator[None]:
    """Imports inside see `package` as not installed (unless it is already imported)."""
    if package in sys.modules:
        yield
        return
    sys.modules[package] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        del sys.modules[package]  # later imports of it work as usual


# bm25s imports scipy.sparse when it can (21 MiB of RSS in every process that answers a
# question, 75 modules), only to build the same CSC arrays as its numpy backend (checked
# token by token on the statement); scoring never uses it.
with _absent("scipy"):
    import bm25s

__all__ = ["LexicalIndex", "lexical_tokens"]

# PyStemmer's objects are not thread-safe, and the server answers on many threads at
# once (index/batching.py): each thread gets its own stemmer.
_LOCAL = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        stemmer = _LOCAL.stemmer = Stemmer.Stemmer("english")
    return stemmer


def lexical_tokens(texts: Sequence[str]) -> list[list[str]]:
    """Folded, stop-worded, stemmed tokens; the same call for passages and questions."""
    if len(texts) == 1:  # a question, or one sentence: asked again and again
        return [list(_tokens_of_one(texts[0]))]
    return _tokenize(texts)


def _tokenize(texts: Sequence[str]) -> list[list[str]]:
    folded = [fold(t) for t in texts]
    return bm25s.tokenize(
        folded, stopwords="en_plus", stemmer=_stemmer(), return_ids=False, show_progress=False
    )


# bm25s.tokenize's defaults, which `_tokenize` uses: its word pattern and stop-words.
_WORDS = re.compile(r"(?u)\b\w\w+\b")
_STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN_PLUS)


@lru_cache(maxsize=4096)
def _tokens_of_one(text: str) -> tuple[str, ...]:
    """One text's tokens as `_tokenize` makes them (tested on the statement), remembered.

    Analysing and checking one question tokenizes the question, its frame words and
    the cited sentences several times; bm25s.tokenize builds a stop-word set and three
    progress bars on every call (0.1 ms), for a lower-case, split, filter and stem.
    """
    words = [w for w in _WORDS.findall(fold(text).lower()) if w not in _STOPWORDS]
    unique = list(dict.fromkeys(words))
    stems = dict(zip(unique, _stemmer().stemWords(unique), strict=True))
    return tuple(stems[w] for w in words)


class LexicalIndex:
    """A thin owner of a bm25s retriever: fit, score, save, load."""

    def __init__(self, retriever: bm25s.BM25, size: int):
        self.retriever = retriever
        self.size = size

    @classmethod
    def fit(cls, texts: Sequence[str]) -> LexicalIndex:
        retriever = bm25s.BM25()
        retriever.index(lexical_tokens(texts), show_progress=False)
        return cls(retriever, len(texts))

    def scores(self, question: str) -> np.ndarray:
        """BM25 score of every passage for `question` (zeros when nothing matches)."""
        tokens = lexical_tokens([question])[0]
        vocab = self.retriever.vocab_dict
        known = [t for t in tokens if t in vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(known), dtype=np.float32)

    def save(self, directory: Path) -> None:
        self.retriever.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> LexicalIndex:
        retriever = bm25s.BM25.load(str(directory), show_progress=False, mmap=False)
        return cls(retriever, size)
