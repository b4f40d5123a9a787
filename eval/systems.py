"""The systems an eval compares: assistant configs and two tutorial baselines.

The baselines are the pipeline most users would build from tutorials: the raw
statement file cut by langchain's RecursiveCharacterTextSplitter into 1,000-
character chunks with 200 overlap, then (a) embedded with the assistant's own
model into a FAISS IndexFlatIP, or (b) ranked by BM25 (bm25s, English stop words
and stemmer). Both cite their top-k chunks, write no answer and never abstain.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from corpus.errors import UsageError
from eval.metrics import Cited, Outcome
from eval.questions import Question

__all__ = [
    "CHUNK_OVERLAP",
    "CHUNK_SIZE",
    "AssistantSystem",
    "Bm25Chunks",
    "DenseChunks",
    "System",
    "baselines",
    "split_chunks",
]

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200


class System(Protocol):
    """Anything that turns a question into an Outcome."""

    name: str
    description: str

    def run(self, question: Question) -> Outcome: ...


class AssistantSystem:
    """One retrieval config of an already loaded Assistant (the model loads once)."""

    def __init__(
        self, assistant, config_name: str, *, k: int = 5, documents: Sequence[str] | None = None
    ):
        from qa.retrieve import config_named

        self.assistant = assistant
        self.config = config_named(config_name)
        self.k = k
        self.documents = list(documents) if documents else None
        where = f"@{'+'.join(self.documents)}" if self.documents else ""
        self.name = f"{config_name}{where}"
        self.description = f"assistant, config {config_name!r}" + (
            f", documents {', '.join(self.documents)}" if self.documents else ""
        )

    def run(self, question: Question) -> Outcome:
        start = time.perf_counter()
        answer = self.assistant.ask(
            question.question, k=self.k, config=self.config, documents=self.documents
        )
        elapsed = (time.perf_counter() - start) * 1e3
        cited = tuple(Cited.of(c.passage.id, c.passage.text) for c in answer.citations)
        return Outcome(question, self.name, cited, answer.abstained, answer.text, elapsed)


def split_chunks(source_text: str) -> tuple[str, ...]:
    """The raw file in tutorial chunks: 1,000 characters with 200 overlap."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    return tuple(splitter.split_text(source_text))


class _Chunks:
    """Shared by both baselines: the chunks and their cited forms."""

    def __init__(self, chunks: Sequence[str], *, k: int):
        if not chunks:
            raise UsageError("no chunks to search: the statement file is empty")
        self.chunks = tuple(chunks)
        self.cited = tuple(Cited.of(f"chunk-{i:03d}", c) for i, c in enumerate(self.chunks))
        self.k = min(k, len(self.chunks))

    def outcome(self, question: Question, name: str, order, start: float) -> Outcome:
        elapsed = (time.perf_counter() - start) * 1e3
        cited = tuple(self.cited[int(i)] for i in order)
        return Outcome(question, name, cited, False, None, elapsed)


class DenseChunks(_Chunks):
    """Baseline (a): chunks embedded with the same model, exact inner-product FAISS."""

    name = "baseline-faiss"
    description = "1,000-char chunks (200 overlap), same embedder, FAISS IndexFlatIP"

    def __init__(self, chunks: Sequence[str], embedder, *, k: int = 5):
        import faiss

        super().__init__(chunks, k=k)
        self.embedder = embedder
        vectors = embedder.encode_passages(list(self.chunks))
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)

    def run(self, question: Question) -> Outcome:
        start = time.perf_counter()
        vector = self.embedder.encode_queries([question.question])
        _, ids = self.index.search(vector, self.k)
        return self.outcome(question, self.name, [i for i in ids[0] if i >= 0], start)


class Bm25Chunks(_Chunks):
    """Baseline (b): BM25 over the same chunks, as the bm25s README sets it up."""

    name = "baseline-bm25"
    description = "1,000-char chunks (200 overlap), bm25s with English stop words + stemmer"

    def __init__(self, chunks: Sequence[str], *, k: int = 5):
        import bm25s
        import Stemmer

        super().__init__(chunks, k=k)
        self._bm25s = bm25s
        self.stemmer = Stemmer.Stemmer("english")
        self.retriever = bm25s.BM25()
        self.retriever.index(self._tokens(self.chunks), show_progress=False)

    def _tokens(self, texts: Sequence[str]) -> list[list[str]]:
        return self._bm25s.tokenize(
            list(texts),
            stopwords="en",
            stemmer=self.stemmer,
            return_ids=False,
            show_progress=False,
        )

    def run(self, question: Question) -> Outcome:
        start = time.perf_counter()
        vocab = self.retriever.vocab_dict
        known = [t for t in self._tokens([question.question])[0] if t in vocab]
        if not known:  # nothing in common with the statement: cite nothing
            return self.outcome(question, self.name, [], start)
        scores = np.asarray(self.retriever.get_scores(known))
        order = np.argsort(-scores, kind="stable")[: self.k]
        return self.outcome(question, self.name, [i for i in order if scores[i] > 0], start)


def baselines(source_text: str, embedder, *, k: int = 5) -> list[System]:
    """Both tutorial baselines over one split of the raw statement file."""
    chunks = split_chunks(source_text)
    return [DenseChunks(chunks, embedder, k=k), Bm25Chunks(chunks, k=k)]
