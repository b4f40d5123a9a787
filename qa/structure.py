"""Answers that read the statement's structure instead of ranking passages.

- A theme (by number, ordinal or title words) or a named section, asked for as a
  whole: that part in reading order (key insight, then narrative; or the section's
  paragraphs), the first sentence of each, at most `summary_passages` of them.
- The dialogue's own theme: the passage that quotes the overview's heading.
- Who signed the statement: its signature blocks, one per line.
- All themes (or the key insights): each theme's title line, one per line.
- A count over a list ("How many countries attended?"): the actors of the asked
  class named in the best list sentence of the passages retrieval found, counted,
  and said to be counted, with the names as the statement writes them. The
  dialogue's attendance list counts only for the dialogue, never for another event
  ("How many countries attended the meetings in Manila?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.actors import Gazetteer, fold
from corpus.passage import Passage
from index.lexical import lexical_tokens
from index.store import IndexStore
from qa.analyse import Query
from qa.config import RetrievalConfig
from qa.retrieve import Hit, signature_blocks
from qa.sentences import KeySentence

__all__ = ["Count", "Part", "count_list", "part_of"]

_READING = {"key-insight": 0, "narrative": 1, "spotlight": 2, "recommendation": 3}


@dataclass(frozen=True)
class Part:
    """Passages of one part of the statement, in reading order, and what to quote."""

    passages: tuple[int, ...]
    keys: tuple[tuple[KeySentence, ...], ...]
    one_per_line: bool = False
    labelled: bool = False  # one line per actor, who speaks in the passage first


@dataclass(frozen=True)
class Count:
    """A number counted from one sentence of one passage."""

    hit: Hit
    key: KeySentence
    names: tuple[str, ...]
    noun: str


def part_of(
    query: Query,
    store: IndexStore,
    config: RetrievalConfig,
    *,
    scope: frozenset[str] = frozenset(),
    hits: Sequence[Hit] = (),
) -> Part | None:
    """The part of the statement a structural question asks for as a whole, if any.

    With `scope` (document ids), only those documents' passages are read: a library's
    themes are each statement's own.
    """
    intent = query.intent
    if not config.structure or intent is None and not query.signed:
        return None
    passages = [p if not scope or p.doc in scope else None for p in store.passages]
    if query.signed:
        # "Who signed the statement?": its signature blocks, one per line.
        blocks = signature_blocks(store)
        chosen = [i for i, p in enumerate(passages) if p and blocks[i]]
        keys = tuple((KeySentence(0, len(store.passages[i].text), 1.0),) for i in chosen)
        if chosen:
            return Part(tuple(chosen), keys, one_per_line=True)
    if intent is None:
        return None
    if intent.kind == "theme" and intent.theme is not None and _asks_recommendations(query):
        # "What was recommended under theme 1?": the theme's recommendation table.
        return _recommendations(passages, store, intent.theme, hits)
    if not intent.summary:
        return None
    if intent.kind == "theme" and intent.theme is not None:
        chosen = sorted(
            (
                i
                for i, p in enumerate(passages)
                if p and p.theme == intent.theme and p.kind in _READING
            ),
            key=lambda i: (_READING[store.passages[i].kind], i),
        )[: config.summary_passages]
        return _firsts(chosen, store, title_too=True) if chosen else None
    if intent.kind in ("themes",) or (intent.kind == "section" and intent.section == "key-insight"):
        chosen = [
            i
            for i, p in enumerate(passages)
            if p
            and p.kind == "key-insight"
            and (intent.theme is None or p.theme == intent.theme)
        ]
        if len(chosen) == 1:
            # One key insight asked for: it is a short paragraph, the statement's own
            # summary of its theme; its title alone says nothing of what was found.
            return _whole(chosen[0], store)
        keys = tuple((_first_sentence(store, i),) for i in chosen)
        return Part(tuple(chosen), keys, one_per_line=True) if chosen else None
    if intent.kind == "section" and intent.section == "glossary":
        # Every entry, a line each: its lines are short, and the list is the answer.
        chosen = [i for i, p in enumerate(passages) if p and p.kind == "glossary"]
        keys = tuple((KeySentence(0, len(store.passages[i].text), 1.0),) for i in chosen)
        return Part(tuple(chosen), keys, one_per_line=True) if chosen else None
    if intent.kind == "section" and intent.section:
        chosen = [
            i
            for i, p in enumerate(passages)
            if p and p.kind == intent.section and len(p.text) >= config.short_chars
        ][: config.summary_passages]
        return _firsts(chosen, store) if chosen else None
    if intent.kind == "dialogue-theme":
        return _dialogue_theme(store, scope)
    return None


# Nouns for what was recommended ("what recommendations", "which proposals").
_RECOMMENDATION_NOUN = re.compile(
    r"^(?:\w+\s+)?(?:recommendations?|suggestions?|proposals?|calls?|actions?|steps?|"
    r"measures?)$",
    re.IGNORECASE,
)


def _asks_recommendations(query: Query) -> bool:
    """Whether the question asks for what was recommended as a whole, of no one actor:
    not for one thing proposed ("what pathway was suggested?"), nor as one of its
    parts, nor about a topic of the theme ("how should returns be understood under the
    labour mobility theme?": retrieval finds where the theme speaks of returns)."""
    if not query.recommends or query.actors or query.multi_part:
        return False
    intent = query.intent
    if intent is not None and not set(intent.extra) <= _RECOMMENDATION_STEMS:
        return False
    return query.asked is None or bool(_RECOMMENDATION_NOUN.match(query.asked.words))


# The stems of the words that ask for recommendations ("recommend", "calls", "actionable
# steps"): a theme's question with no content beyond them asks for all its rows.
_RECOMMENDATION_STEMS = frozenset(
    lexical_tokens(
        [
            "recommend recommended recommendations recommending call calls called urge urged "
            "propose proposed proposals suggest suggested suggestions should advocate "
            "advocated encourage encouraged advise advised action actions actionable steps "
            "measures"
        ]
    )[0]
)


def _recommendations(
    passages: Sequence[Passage | None], store: IndexStore, theme: int, hits: Sequence[Hit]
) -> Part | None:
    """Every recommendation row of a theme, those nearest the question first (then in
    reading order), each by the first sentence of its recommendation column (the row's
    context column says what led to it)."""
    rank = {h.passage: n for n, h in enumerate(hits)}
    chosen = sorted(
        (
            i
            for i, p in enumerate(passages)
            if p and p.theme == theme and p.kind == "recommendation"
        ),
        key=lambda i: (rank.get(i, len(rank)), i),
    )
    keys = []
    for i in chosen:
        passage = store.passages[i]
        start = passage.text.find(passage.recommendation) if passage.recommendation else 0
        keys.append((_first_sentence(store, i, start),))
    return Part(tuple(chosen), tuple(keys), labelled=True) if chosen else None


def _first_sentence(store: IndexStore, i: int, start: int = 0) -> KeySentence:
    """The first sentence of passage `i` that starts at `start` or later (a key insight's
    title, a recommendation row's recommendation column), else its first sentence; the
    whole text when it has no sentence units."""
    units = [store.units[u] for u in store.sentence_units.get(i, [])]
    if not units:
        return KeySentence(0, len(store.passages[i].text), 1.0)
    unit = next((u for u in units if u.start >= start), units[0])
    return KeySentence(unit.start, unit.end, 1.0)


def _spans(i: int, store: IndexStore, many: int | None = None) -> tuple[KeySentence, ...]:
    """The first `many` sentences of passage `i` (all when None); the whole text when it
    has no sentence units."""
    units = [store.units[u] for u in store.sentence_units.get(i, [])][:many]
    spans = tuple(KeySentence(u.start, u.end, 1.0) for u in units)
    return spans or (KeySentence(0, len(store.passages[i].text), 1.0),)


def _whole(i: int, store: IndexStore) -> Part:
    """Passage `i` quoted sentence by sentence, title first."""
    return Part((i,), (_spans(i, store),))


def _firsts(chosen: Sequence[int], store: IndexStore, *, title_too: bool = False) -> Part:
    """The first sentence of each passage; a key insight gives its title and first line."""
    keys = tuple(
        _spans(i, store, 2 if title_too and store.passages[i].kind == "key-insight" else 1)
        for i in chosen
    )
    return Part(tuple(chosen), keys)


def _dialogue_theme(store: IndexStore, scope: frozenset[str]) -> Part | None:
    """The meeting's theme is the overview's heading; cite the sentence that quotes it."""
    passages = [(i, p) for i, p in enumerate(store.passages) if not scope or p.doc in scope]
    heading = next(
        (p.section for _, p in passages if p.kind == "overview" and p.section != "Title"), None
    )
    if not heading:
        return None
    wanted = fold(heading)
    for i, p in passages:
        for uid in store.sentence_units.get(i, []):
            unit = store.units[uid]
            if wanted in fold(p.text[unit.start : unit.end]):
                return Part((i,), ((KeySentence(unit.start, unit.end, 1.0),),))
    first = next(i for i, p in passages if p.section == heading)
    return _firsts([first], store)


def count_list(
    query: Query,
    hits: Sequence[Hit],
    store: IndexStore,
    gazetteer: Gazetteer,
    config: RetrievalConfig,
) -> Count | None:
    """Count the actors of the asked class in the best list sentence of the top hits,
    the passages an asked body leads first; for attendance at another event, only in
    a sentence that names that kind of event.

    None when the question is no count over actors, or when no top sentence names
    at least two of them (then the statement may state the figure itself).
    """
    intent = query.intent
    if intent is None or intent.kind != "count" or not config.structure:
        return None
    if intent.noun in ("themes", "key insights", "insights"):
        return None
    asked = set(query.actors)
    # The members of a named body are listed where it leads ("How many members does
    # COMMIT have?"), not where it is one of a list of participants.
    led = [h for h in hits if h.speaker]
    top = led + [h for h in hits[: config.evidence_depth] if not h.speaker]
    for hit in top:
        passage = store.passages[hit.passage]
        if passage.kind == "participation" and query.other_event:
            continue  # the dialogue's attendance list counts no other event's delegates
        for uid in store.sentence_units.get(hit.passage, []):
            unit = store.units[uid]
            sentence = passage.text[unit.start : unit.end]
            if query.event and not _names_event(query.event, sentence):
                continue  # who took part in an exercise is counted where it is named
            names: dict[str, str] = {}
            for m in gazetteer.mentions(sentence):
                if m.actor in asked or m.actor in names:
                    continue
                if intent.actor_class != "any" and gazetteer.kind(m.actor) != intent.actor_class:
                    continue
                names[m.actor] = sentence[m.start : m.end]
            if len(names) >= 2:
                key = KeySentence(unit.start, unit.end, 1.0)
                return Count(hit, key, tuple(names.values()), intent.noun or "actors")
    return None


def _names_event(event: str, sentence: str) -> bool:
    """Whether a sentence names an event of the kind asked ("exercise", "meetings")."""
    stem = re.sub(r"(?:es|s)$", "", event) if event.endswith(("ses", "s")) else event
    return bool(re.search(rf"\b{re.escape(stem)}", sentence, re.IGNORECASE))
