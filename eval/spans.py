"""When a gold evidence span counts as found: in a cited passage, and in the answer.

In a passage (or a baseline chunk): the span, with markup removed and whitespace
collapsed, occurs verbatim (case-sensitive) in the passage text treated the same way.

In the answer text, after its [n] markers are stripped and whitespace collapsed, a
span overlaps the answer when any one of these holds:
  1. the whole span occurs in the answer;
  2. the answer contains a sentence of at least 30 characters that occurs inside
     the span (answers quote key sentences, spans may be longer than one);
  3. span and answer share a common substring of at least 40 characters.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from corpus.markup import clean_markup, collapse_whitespace

__all__ = [
    "MIN_SENTENCE",
    "MIN_SHARED",
    "answer_overlaps",
    "normalise",
    "strip_markers",
]

MIN_SENTENCE = 30
MIN_SHARED = 40
_MARKER = re.compile(r"\s*\[\d+(?:\s*[,;–-]\s*\d+)*\]")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def normalise(text: str) -> str:
    """Markup removed and every whitespace run folded to one space: the matching form."""
    return collapse_whitespace(clean_markup(text))


def strip_markers(answer: str) -> str:
    """The answer without its citation markers ([1], [2, 3]), whitespace collapsed."""
    return collapse_whitespace(_MARKER.sub("", answer))


def answer_overlaps(span: str, answer: str) -> bool:
    """Whether `span` overlaps `answer` by the three rules in the module docstring."""
    span, text = normalise(span), strip_markers(answer)
    if not span or not text:
        return False
    if span in text:
        return True
    sentences = (s.strip() for s in _SENTENCE_END.split(text))
    if any(len(s) >= MIN_SENTENCE and s in span for s in sentences):
        return True
    if min(len(span), len(text)) < MIN_SHARED:
        return False
    match = SequenceMatcher(None, span, text, autojunk=False).find_longest_match(
        0, len(span), 0, len(text)
    )
    return match.size >= MIN_SHARED
