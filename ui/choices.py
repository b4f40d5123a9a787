"""What the filter menus offer, in words a reader knows, in the order a reader looks.

Themes by number and short title, kinds of passage by name, and the countries and
organisations the statement names: alphabetical by the name shown (accents and case
folded), acronyms spelt out from the statement's glossary, and no people (the
foreword's signatories are named in it, but a filter by person finds nothing useful).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from corpus.actors import fold
from corpus.passage import KINDS, Passage
from qa.labels import KIND_LABELS
from ui.render import theme_name

__all__ = ["actor_choices", "kind_choices", "people", "theme_choices"]


def theme_choices(passages: Sequence[Passage]) -> list[tuple[str, int]]:
    """("Theme 2 · Meeting the challenge ...", 2), in theme order."""
    themes = sorted({(p.theme, p.theme_title) for p in passages if p.theme})
    return [(theme_name(n, title), n) for n, title in themes]


def kind_choices() -> list[tuple[str, str]]:
    """("Recommendation", "recommendation"), in the order the statement uses them."""
    return [(KIND_LABELS[k], k) for k in KINDS]


def people(passages: Sequence[Passage]) -> frozenset[str]:
    """Actors who are people: the signatories the statement lists under its foreword."""
    return frozenset(
        p.title for p in passages if p.kind == "foreword" and p.title and p.title in p.actors
    )


def actor_choices(passages: Sequence[Passage], actors: Iterable[str]) -> list[tuple[str, str]]:
    """(shown name, actor) for every country and organisation, sorted by shown name.

    An acronym the glossary spells out is shown with it ("IOM (The International
    Organization for Migration)"), so a reader can find it by either.
    """
    glossary = {
        p.title: re.sub(r"^the\s+", "", p.text.removeprefix(p.title).strip(), flags=re.I)
        for p in passages
        if p.kind == "glossary" and p.title
    }
    excluded = people(passages)
    choices = []
    for actor in actors:
        if actor in excluded:
            continue
        spelt = " ".join(glossary.get(actor, "").split())
        shown = f"{actor} ({spelt})" if spelt and fold(spelt) != fold(actor) else actor
        choices.append((shown, actor))
    return sorted(choices, key=lambda choice: fold(choice[0]).casefold())
