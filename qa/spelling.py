"""Telling a misspelt word of the statement ("recieved") from a word it never uses.

Several refusal rules decline a question because it asks about something in words the
statement never uses ("Was the Work Plan approved?"). A typing slip must not count as
such a word: a question word one edit (two for long words) from a statement word, with
the same first letter, is read as that word.
"""

from __future__ import annotations

from collections.abc import Iterable

import jellyfish

from index.lexical import lexical_tokens

__all__ = ["Speller"]

# Words shorter than this are too short to tell a slip from another word ("vote", "note").
_SHORTEST = 5
_LONG = 9  # from this length two slips are allowed ("reccomendations")


class Speller:
    """The statement's words, grouped by first letter for a quick nearest-word check."""

    def __init__(self, words: Iterable[str]):
        # Words and their stems: "recieve" is one slip from the stem of "received".
        kept = sorted({w.lower() for w in words if w.isalpha()})
        forms = set(kept) | set(lexical_tokens([" ".join(kept)])[0])
        self._by_letter: dict[str, list[str]] = {}
        for form in sorted(forms):
            self._by_letter.setdefault(form[0], []).append(form)

    def misspells(self, word: str) -> bool:
        """Whether `word` (or its stem) is a near spelling of a statement word or stem."""
        word = word.lower()
        if len(word) < _SHORTEST or not word.isalpha():
            return False
        stems = lexical_tokens([word])[0]
        return any(self._near(form) for form in {word, *stems} if len(form) >= _SHORTEST - 1)

    def _near(self, form: str) -> bool:
        allowed = 2 if len(form) >= _LONG else 1
        return any(
            abs(len(known) - len(form)) <= allowed
            and jellyfish.damerau_levenshtein_distance(form, known) <= allowed
            for known in self._by_letter.get(form[0], ())
        )
