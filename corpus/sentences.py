"""Sentence boundaries, shared by the parser, the index and the answer."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# A sentence ends at . ! ? (or a closing quote after one) before a capital, digit or
# quote; a line break always ends one (list items, table cells).
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’)]?)\s+(?=[\"'“‘(A-Z0-9])|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`, trimmed, in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        _add_span(text, pos, match.start() + len(match.group(1) or ""), spans)
        pos = match.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
