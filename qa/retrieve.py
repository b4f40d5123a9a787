"""Hybrid retrieval: dense units and BM25 passages, fused, then actor- and detail-aware.

Every constant is a field of `RetrievalConfig` (`qa.config`); each signal can be
switched off there, so the eval can show what each one adds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from corpus.actors import fold
from corpus.sections import is_signatory
from index.store import IndexStore
from qa.analyse import Query
from qa.config import CONFIGS, RetrievalConfig, config_named, with_overrides
from qa.definitions import defines
from qa.records import Filters
from qa.voices import Voices

__all__ = [
    "CONFIGS",
    "ActorRoles",
    "LIST_KINDS",
    "Hit",
    "RetrievalConfig",
    "answering_hits",
    "config_named",
    "introduces",
    "part_mask",
    "retrieve",
    "with_overrides",
]

LIST_KINDS = frozenset({"participation", "glossary", "contact"})


@dataclass(frozen=True)
class Hit:
    """One retrieved passage and the signals behind its rank.

    `speaker`: an asked-about actor leads the passage; `mentioned`: one is named in
    it; `voice`: one speaks in it (leads it, or is the subject of a clause there).
    """

    passage: int
    score: float
    dense: float
    lexical: float
    speaker: bool
    mentioned: bool
    voice: bool = False


def part_mask(query: Query, store: IndexStore) -> np.ndarray | None:
    """The passages of the theme or section a question names, when it asks inside one
    ("What did Nepal say under theme 3?"); None when it names none."""
    intent = query.intent
    if intent is None or intent.summary:
        return None
    if intent.kind == "theme" and intent.theme is not None:
        mask = np.fromiter((p.theme == intent.theme for p in store.passages), dtype=bool)
    elif intent.kind == "section" and intent.section:
        mask = store.kinds == intent.section
        if intent.theme is not None:  # "the third key insight": the one of theme 3
            mask &= np.fromiter((p.theme == intent.theme for p in store.passages), dtype=bool)
    else:
        return None
    return mask if mask.any() else None


def retrieve(
    query: Query,
    vector: np.ndarray | None,
    store: IndexStore,
    config: RetrievalConfig,
    *,
    filters: Filters | None = None,
    depth: int = 256,
    voices: Voices | None = None,
    roles: ActorRoles | None = None,
) -> list[Hit]:
    """Every passage that any signal finds, best first (`roles`: built from `store` and
    `voices` once, by the caller that asks many questions of them)."""
    n = len(store.passages)
    dense = np.zeros(n, dtype=np.float32)
    if config.dense and vector is not None:
        scores, ids = store.search(vector, depth)
        if not config.sentence_units:
            kept = [store.units[uid].kind != "sentence" for uid in ids.tolist()]
            scores, ids = scores[kept], ids[kept]
        # Each passage's best unit (a passage no unit of which scores above 0 keeps 0).
        np.maximum.at(dense, store.unit_passage[ids], scores)
    lexical = store.lexical.scores(query.search_text) if config.lexical else np.zeros(n, np.float32)
    allowed = np.ones(n, dtype=bool)
    if filters:
        allowed = np.fromiter((filters.allows(p) for p in store.passages), dtype=bool, count=n)
    part = part_mask(query, store) if config.structure else None
    if part is not None:
        allowed &= part
    roles = roles or ActorRoles(store, voices)
    speaker, voice, mentioned = roles.of(query)
    if config.fusion == "rrf":
        fused = _rrf(dense, config.rrf_k) + _rrf(lexical, config.rrf_k)
        scale = 1.0 / (config.rrf_k + 1)
    else:
        top = float(lexical.max()) if lexical.size else 0.0
        fused = dense + (config.lexical_weight * lexical / top if top > 0 else 0.0)
        scale = 1.0
    if config.actor_boost:
        fused = fused + scale * (
            config.speaker_boost * speaker
            + config.voice_boost * (voice & ~speaker)
            + config.mention_boost * mentioned
        )
    if query.specifics and config.specific_boost:
        fused = fused + scale * config.specific_boost * _holds_specifics(query, store)
    # The glossary lines of the acronyms whose meaning is asked (none for other questions).
    named_lines = (
        _glossary_lines_of(query, store)
        if (query.definition or query.spelled) and query.acronyms
        else None
    )
    if (query.definition or query.spelled) and config.intro_boost:
        # "What does RILON stand for, and what is it meant to do?" too: the passage that
        # introduces it gives both, the glossary line only the first.
        fused = fused + scale * config.intro_boost * _introductions(query, store, roles)
    if query.defined and not query.definition and config.intro_boost:
        # "What is the RSO Border Forum?": where the prose defines the name.
        fused = fused + scale * config.intro_boost * _definitions(query.defined, store)
    if query.when_held and config.intro_boost:
        # "When did the dialogue take place?": its title page, which dates it.
        fused = fused + scale * config.intro_boost * (
            np.fromiter((p.title == "Title" for p in store.passages), dtype=bool)
        )
    if query.signed and config.intro_boost:
        # "Who signed the foreword?": its signature blocks.
        fused = fused + scale * config.intro_boost * signature_blocks(store)
    if query.own_words and config.report_penalty:
        # "What does the statement say about identifying victims?": the statement's own
        # words (its narrative, key insights, recommendations) before one actor's report.
        fused = fused - scale * config.report_penalty * (store.kinds == "spotlight")
    if query.recommends and config.recommend_boost:
        fused = fused + scale * config.recommend_boost * (store.kinds == "recommendation")
    # Glossary lines, the attendance list and the address block name many things
    # and say little: they rank only for questions that ask for them, and first
    # for those. A short line (the title) is near every question about the
    # dialogue and answers few.
    wanted = query.wanted_lists
    is_list = np.isin(store.kinds, list(LIST_KINDS))
    asked = np.isin(store.kinds, list(wanted))
    if named_lines is not None:
        # The meaning of named acronyms: their glossary lines are asked for, not the rest.
        asked = asked & (named_lines | (store.kinds != "glossary"))
    lists = is_list & ~asked
    short = (store.lengths < config.short_chars) & ~is_list
    fused = fused + scale * (
        config.list_penalty * (asked.astype(np.float32) - lists) - config.short_penalty * short
    )
    candidates = np.flatnonzero(allowed & ((dense > 0) | (lexical > 0)))
    order = candidates[np.argsort(-fused[candidates], kind="stable")]
    named = mentioned | (voice & ~speaker)
    # Plain Python values in one step each, not one numpy scalar at a time.
    return [
        Hit(*row)
        for row in zip(
            order.tolist(),
            fused[order].tolist(),
            dense[order].tolist(),
            lexical[order].tolist(),
            speaker[order].tolist(),
            named[order].tolist(),
            voice[order].tolist(),
            strict=True,
        )
    ]


def answering_hits(
    query: Query, hits: Sequence[Hit], config: RetrievalConfig | None = None
) -> list[Hit]:
    """The hits an answer may quote. For a question about what an actor said, only
    passages where that actor speaks: a list or a place that names it is no answer
    (unless the config switches actor-aware signals off)."""
    if config is not None and not config.actor_boost:
        return list(hits)
    if query.actors and query.voice == "speech":
        voiced = [h for h in hits if h.voice]
        if voiced:
            return voiced
    return list(hits)


class ActorRoles:
    """Per actor, the passages it leads, speaks in, or is named in (lists name actors who
    say nothing there, so a list is none of these), and the one that introduces an
    acronym: per store, not per question."""

    def __init__(self, store: IndexStore, voices: Voices | None):
        self.size = len(store.passages)
        self._store = store
        self._introduced: dict[str, int | None] = {}
        lead: dict[str, list[int]] = {}
        voiced: dict[str, list[int]] = {}
        named: dict[str, list[int]] = {}
        for i, p in enumerate(store.passages):
            if p.speaker is not None:
                lead.setdefault(p.speaker, []).append(i)
            for actor in voices.of(i) if voices else ():
                voiced.setdefault(actor, []).append(i)
            if p.kind not in LIST_KINDS:
                for actor in set(p.actors):
                    named.setdefault(actor, []).append(i)
        self._lead, self._voiced, self._named = lead, voiced, named

    def of(self, query: Query) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per passage: an asked actor leads it, speaks in it, or is only named in it."""
        if not query.actors:
            return self._mask({}, ()), self._mask({}, ()), self._mask({}, ())
        # Who must speak: the actors asked to have said or done something, if any.
        speaking = set(query.subjects) or set(query.actors)
        speaker = self._mask(self._lead, speaking)
        voice = speaker | self._mask(self._voiced, speaking)
        return speaker, voice, self._mask(self._named, query.actors) & ~voice

    def introduction(self, acronym: str) -> int | None:
        """The passage that introduces `acronym` (see `_introductions`), found once."""
        if acronym not in self._introduced:
            self._introduced[acronym] = _introduction(self._store, acronym)
        return self._introduced[acronym]

    def _mask(self, where: dict[str, list[int]], actors: Iterable[str]) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        for actor in actors:
            mask[where.get(actor, [])] = True
        return mask


def _holds_specifics(query: Query, store: IndexStore) -> np.ndarray:
    """1 for each passage whose text holds every specific the question names."""
    return np.fromiter(
        (all(s.found_in(p.text) for s in query.specifics) for p in store.passages),
        dtype=np.float32,
        count=len(store.passages),
    )


def introduces(text: str, full: str, acronym: str) -> bool:
    """Whether `text` introduces `acronym` by its full name: "Full Name (ACR)" or "Full
    Name, or ACR"."""
    name = re.sub(r"^the\s+", "", fold(full).strip())
    # Punctuation between the words may differ ("Regional Information, Liaison and ...").
    words = re.findall(r"\w+", name)
    if not words:
        return False
    pattern = r"[\W_]+".join(map(re.escape, words))
    pattern += r"[^\w(]{0,3}(?:\(|,?\s*or\s+)" + re.escape(fold(acronym))
    return bool(re.search(pattern, fold(text)))


def _glossary_lines_of(query: Query, store: IndexStore) -> np.ndarray:
    """True for the glossary lines of the acronyms the question names."""
    asked = set(query.acronyms)
    return np.array(
        [p.kind == "glossary" and p.title in asked for p in store.passages], dtype=bool
    )


def _introductions(query: Query, store: IndexStore, roles: ActorRoles) -> np.ndarray:
    """1 for the passage that introduces each asked acronym (`_introduction`)."""
    out = np.zeros(len(store.passages), dtype=np.float32)
    for acronym in query.acronyms:
        index = roles.introduction(acronym)
        if index is not None:
            out[index] = 1.0
    return out


def _introduction(store: IndexStore, acronym: str) -> int | None:
    """The passage that introduces an acronym in prose, by its full name and then the
    acronym ("the Indonesia Foreign Law Enforcement Community (IFLEC)", "its Subregion
    Plan of Action, or SPA-V"): the first such passage that the body leads, else the
    first in reading order. It says what the body is as well as what its letters stand
    for (the glossary line gives only the letters). Where no prose introduces it, its
    glossary line is its introduction; None without a glossary line."""
    line = next(
        (i for i, p in enumerate(store.passages) if p.kind == "glossary" and p.title == acronym),
        None,
    )
    text = store.passages[line].text if line is not None else ""
    if line is None or "\n" not in text:
        return None
    full = text.split("\n", 1)[1]
    found = [
        i
        for i, p in enumerate(store.passages)
        if p.kind not in LIST_KINDS and introduces(p.text, full, acronym)
    ]
    # Where the body itself speaks, if it does: that says what it is and does.
    led = [i for i in found if store.passages[i].speaker == acronym]
    return (led or found or [line])[0]


def signature_blocks(store: IndexStore) -> np.ndarray:
    """True for the statement's signature blocks (a name, then a role), not a glossary
    line shaped like one."""
    return np.fromiter(
        (p.kind not in LIST_KINDS and is_signatory(p.text) for p in store.passages),
        dtype=bool,
        count=len(store.passages),
    )


def _definitions(phrase: str, store: IndexStore) -> np.ndarray:
    """1 for each passage (no list block) that defines `phrase` by an apposition."""
    return np.fromiter(
        (p.kind not in LIST_KINDS and defines(p.text, phrase) for p in store.passages),
        dtype=np.float32,
        count=len(store.passages),
    )


def _rrf(scores: np.ndarray, k: int) -> np.ndarray:
    out = np.zeros_like(scores)
    positive = np.flatnonzero(scores > 0)
    ranked = positive[np.argsort(-scores[positive], kind="stable")]
    out[ranked] = 1.0 / (k + 1 + np.arange(len(ranked)))
    return out
