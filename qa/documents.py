"""Questions across a library: which documents a question names, and which it may use.

"In the fourth dialogue" or "in 2026" names a document by its number or its year, and
its passages are then preferred (not required: the others stay in reach). The number
is the ordinal in a document's title ("Fourth RSO Constructive Dialogue"), taken only
when the question puts it beside a word of that title, so "the first theme" names
no document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from corpus.actors import fold
from corpus.document import Document
from corpus.errors import InvalidQuestionError
from corpus.passage import Passage
from qa.retrieve import Hit

__all__ = ["PREFERENCE", "check_documents", "document_number", "prefer", "preferred_documents"]

# Added to the fused score of a named document's passages: more than the usual gap
# between a right passage and its near-duplicate in another statement.
PREFERENCE = 0.3
_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
          "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth")
_ORDINAL_WORDS = {w: i for i, w in enumerate(_WORDS.split(), 1)}
_ORDINAL = re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)|({'|'.join(_ORDINAL_WORDS)}))\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_NEAR = 4  # words between an ordinal and the title word it counts


def _ordinals(text: str) -> list[tuple[int, int]]:
    """(number, end offset) of each ordinal in folded text."""
    return [
        (int(m[1]) if m[1] else _ORDINAL_WORDS[m[2]], m.end()) for m in _ORDINAL.finditer(text)
    ]


def document_number(document: Document) -> int | None:
    """The ordinal in a document's title ("Fourth ... Dialogue" -> 4), if any."""
    found = _ordinals(fold(document.title))
    return found[0][0] if found else None


def _title_words(document: Document) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", fold(document.title)) if w not in _ORDINAL_WORDS}


def preferred_documents(question: str, documents: Sequence[Document]) -> frozenset[str]:
    """The documents a question names by year or by number; empty when it names none
    (or all of them)."""
    if len(documents) < 2:
        return frozenset()
    text = fold(question)
    years = {int(y) for y in _YEAR.findall(text)}
    named: set[str] = set()
    for document in documents:
        if document.year in years or any(str(y) in document.title for y in years):
            named.add(document.id)
        number = document_number(document)
        words = _title_words(document)
        for value, end in _ordinals(text):
            after = re.findall(r"[a-z]+", text[end:])[:_NEAR]
            if value == number and words.intersection(after):
                named.add(document.id)
    return frozenset() if len(named) == len(documents) else frozenset(named)


def prefer(hits: list[Hit], named: frozenset[str], passages: Sequence[Passage]) -> list[Hit]:
    """Hits re-ranked with the named documents' passages raised by PREFERENCE."""
    if not named:
        return hits
    raised = [
        replace(h, score=h.score + PREFERENCE) if passages[h.passage].doc in named else h
        for h in hits
    ]
    return sorted(raised, key=lambda h: -h.score)


def check_documents(values: Any, documents: Iterable[Document]) -> tuple[str, ...]:
    """Document ids to restrict to, checked against the library; one value is a list of one."""
    if values is None or values == "" or values == []:
        return ()
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, (list, tuple, set, frozenset)):
        raise InvalidQuestionError(
            f"documents must be a list of document ids, not {type(values).__name__}"
        )
    known = [d.id for d in documents]
    out: dict[str, None] = {}
    for value in values:
        if not isinstance(value, str) or value not in known:
            raise InvalidQuestionError(
                f"unknown document {value!r}; the library holds {', '.join(known)}"
            )
        out[value] = None
    return tuple(out)
