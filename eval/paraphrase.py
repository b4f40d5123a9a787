"""Paraphrases that must not change an answer: the same question asked as people ask it.

Four variants of each question: a document-scope phrase added ("... at the Fourth RSO
Constructive Dialogue?"), lower case without the question mark, a name swapped for
its abbreviation or the other way round ("UNODC" / "United Nations Office on Drugs
and Crime"; a question without one gets "In the outcome statement, " in front), and
"According to the statement, " in front. The assistant should cite the same passage
first and make the same decision (answer or decline) for all of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["SCOPE", "swap_table", "variants"]

SCOPE = " at the Fourth RSO Constructive Dialogue"
_EVERYDAY: dict[str, str] = {
    "United States of America": "USA",
    "Viet Nam": "Vietnam",
    "Timor-Leste": "East Timor",
    "United Nations Refugee Agency": "UNHCR",
}


def swap_table(glossary: Mapping[str, str]) -> dict[str, str]:
    """Name -> its other form: each glossary acronym and its expansion, both ways."""
    table: dict[str, str] = {}
    for acronym, expansion in glossary.items():
        name = re.sub(r"^the\s+", "", expansion, flags=re.IGNORECASE)
        table.setdefault(acronym, name)
        table.setdefault(name, acronym)
    for long, short in _EVERYDAY.items():
        table.setdefault(long, short)
        table.setdefault(short, long)
    return table


def variants(question: str, swaps: Mapping[str, str]) -> list[str]:
    """The four variants of `question` (see the module docstring)."""
    body = question.strip()
    bare = body.rstrip("?").rstrip()
    scoped = f"{bare}{SCOPE}?"
    lower = bare[:1].lower() + bare[1:].lower()
    swapped = _swap(body, swaps) or f"In the outcome statement, {body[:1].lower()}{body[1:]}"
    according = f"According to the statement, {body[:1].lower()}{body[1:]}"
    return [scoped, lower, swapped, according]


def _swap(text: str, swaps: Mapping[str, str]) -> str | None:
    for name in sorted(swaps, key=len, reverse=True):
        m = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
        if m:
            return text[: m.start()] + swaps[name] + text[m.end() :]
    return None
