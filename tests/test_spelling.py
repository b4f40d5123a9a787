"""A misspelt word of the statement is read as that word, not as a word it never uses."""

from __future__ import annotations

import pytest

from qa.spelling import Speller

SPELLER = Speller("the delegates received training on trafficking and recommendations".split())


@pytest.mark.parametrize(
    "word",
    [
        "recieved",  # two letters swapped
        "recieve",  # a slip of the stem of "received"
        "traning",  # a letter left out
        "trafficing",
        "reccomendations",  # two slips in a long word
        "Training",  # any case
    ],
)
def test_a_slip_of_a_statement_word_is_that_word(word):
    assert SPELLER.misspells(word)


@pytest.mark.parametrize(
    "word",
    [
        "approved",  # two edits from nothing the statement writes
        "sanctions",
        "ratified",
        "vote",  # too short to tell a slip from another word
        "tracking",  # another word, two edits from "trafficking"'s stem
        "2026",
    ],
)
def test_a_word_the_statement_never_uses_is_no_slip(word):
    assert not SPELLER.misspells(word)
