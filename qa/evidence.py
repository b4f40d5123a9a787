"""The evidence check before every answer: named rules, then one calibrated decision.

Each rule has an id, a reason code and one sentence for the user; the first that
fires declines the question. The rules read facts (who the statement names, who
speaks in it, which details it gives); the last step weighs the soft signals
(`Signals`) in one logistic decision fitted on the dev questions
(`python -m eval.calibrate`), with its threshold set to keep false refusals at or
under 2% there.

The rules themselves, each with its id and reason code, are in `qa.rules`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corpus.actors import fold
from index.lexical import lexical_tokens
from index.store import IndexStore
from index.windows import Unit
from qa.analyse import FRAME_WORDS, Query
from qa.config import RetrievalConfig
from qa.intents import names_dialogue
from qa.outcomes import is_planned
from qa.retrieve import LIST_KINDS, Hit, answering_hits, signature_blocks
from qa.rules import RULES, shown_word
from qa.spelling import Speller
from qa.voices import Voices

__all__ = ["CODES", "RULES", "Assessment", "Evidence", "Finding", "Signals", "number_counts"]

CODES: tuple[str, ...] = (
    "not-mentioned",
    "only-listed",
    "outside-scope",
    "detail-mismatch",
    "no-figure",
    "weak-evidence",
)
_FAMILY = 6
# Words every English question uses at least one of (bm25s's English stop words).
_ENGLISH = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their "
    "then there these they this to was will with what who which how when where why did does "
    "do has have".split()
)
# "how many X", "how much X": the answer is a quantity of X.
_QUANTITY = re.compile(
    r"\bhow (?:many|much)\b(?P<focus>(?:[\s-]+(?!(?:did|does|do|has|have|had|is|are|was|were|"
    r"will|would|can|could|should)\b)[\w'’]+){0,3})"
    # "what is the annual budget", "what was the RSO's total cost": an amount by name, as
    # the thing asked for (not "What is Bangladesh worried about regarding costs?").
    r"|\bwhat (?:is|was|are|were)(?:\s+(?:the|its|their|a|an))?(?:\s+[\w'’-]+){0,2}?\s+"
    r"(?P<amount>budget|cost|costs|price|salary|fees?|"
    r"amount|total|percentage|rate|population|turnover|revenue|spending)\b"
    # "What budget has been allocated to ...", "what amount was given": the amount
    # named first, as the subject of the question.
    r"|\bwhat\s+(?:(?:total|annual|overall)\s+)?(?P<named>budget|amount|sum)\s+"
    r"(?:has|have|had|was|were|is|are|will|did|does)\b",
    re.IGNORECASE,
)
# A sum of money, asked ("How much does New Zealand pay ...", "what is the budget"), is
# answered only by a sentence that gives one in a currency.
_MONEY_ASKED = re.compile(
    r"\bhow\s+much\b.*\b(?:pay|pays|paid|cost|costs|fund|funds|funded|funding|spend|spends|"
    r"spent|contribut\w*|donat\w*|invest\w*|worth|money|budget)\b"
    r"|\b(?:budget|cost|costs|price|salary|fees?|turnover|revenue|spending)\b",
    re.IGNORECASE,
)
# How many came to a meeting: its attendance, which the statement counts in delegates
# or participants ("how many people came", "how many took part").
_CAME = re.compile(
    r"\bhow\s+many\b[^?]*?\b(?:came|attend\w*|took\s+part|participated|joined|"
    r"were\s+(?:there|present))\b",
    re.IGNORECASE,
)
# Words that count people: any of them answers how many people attended.
_PEOPLE = frozenset(
    lexical_tokens(
        [
            "people persons participants delegates attendees officials representatives "
            "individuals officers delegations"
        ]
    )[0]
)
# A part of a total, asked by what was done to it: "How much of the money lost has
# Indonesia recovered so far?", "How many of the complaints has the centre managed to
# resolve?". The verb is the first "-ed" word after the auxiliary, or what follows
# "managed to" / "been able to".
_PART_OF = re.compile(
    r"\bhow\s+(?:much|many)\s+of\s+(?:the|its|their|these|those|this|that)\b[^?]*?"
    r"\b(?:has|have|had|did|was|were|is|are)\s+(?:[\w'’,.-]+\s+){0,5}?"
    r"(?:(?:managed|been\s+able|able|tried)\s+to\s+(?P<base>[a-z]+)|(?P<done>(?!managed\b)[a-z]+ed))\b",
    re.IGNORECASE,
)
# "how many were undocumented", "how much did it cost": the words after the auxiliary.
_AFTER_AUXILIARY = re.compile(
    r"\bhow\s+(?:many|much)\s+(?:did|does|do|has|have|had|is|are|was|were|will|would|can|"
    r"could|should)\s+(?P<after>[\w'’-]+(?:\s+[\w'’-]+){0,2})",
    re.IGNORECASE,
)
# Words for money itself: a sum in a currency is what they ask for, whatever it is of.
_MONEY_WORDS = frozenset(lexical_tokens(["money cash sum sums amount amounts"])[0])
_CURRENCY = re.compile(
    r"[$€£¥]|\b(?:USD|AUD|NZD|EUR|GBP|THB|dollars?|euros?|pounds?|baht|rupiah|pesos?|"
    r"yen|yuan|taka|rupees?)\b",
    re.IGNORECASE,
)
# "how many attended / took part / came": the count's focus opens with a verb, so it
# names nothing counted ("how many displaced people": an adjective, then the noun).
_VERB_FIRST = re.compile(
    r"\s*(?:\w+ed|took|came|went|met|spoke|attend|take|come)(?:\s+part)?"
    r"(?:\s+(?:the|a|an|in|at|from|to|this|that|each|its|their)\b.*)?\s*$",
    re.IGNORECASE,
)
# A year is a date, not a count ("in 2025"), unless it counts something ("2025 cases").
_NUMBER = re.compile(
    r"\b((?!(?:19|20)\d\d\b(?!\s+[a-z]+s\b))\d[\d,.]*|"
    r"one(?!\s+of\b)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|"
    r"trillions?|dozens?|half|percent)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """Why the statement cannot answer: the rule that fired, its code and one sentence."""

    rule: str
    code: str
    reason: str


@dataclass(frozen=True)
class Signals:
    """The soft evidence for answering, each from 0 (none) to 1 (strong).

    - `dense`: cosine of the question and the best unit of the top passage;
    - `coverage`: share of the question's salient terms (weighted by how rare they
      are in the statement) found in the passages that would be cited;
    - `absent`: share of that weight on terms the statement never uses;
    - `voice`: 1 unless the question asks what an actor said or did and that actor
      does not speak in the top passage.
    """

    dense: float
    coverage: float
    absent: float
    voice: float

    def vector(self) -> np.ndarray:
        return np.array([self.dense, self.coverage, self.absent, self.voice], dtype=np.float64)

    def to_dict(self) -> dict[str, float]:
        return {k: round(float(v), 4) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class Assessment:
    """The outcome of the check: a finding (decline) or None, and what it rested on."""

    finding: Finding | None
    signals: Signals | None = None
    probability: float | None = None


class Evidence:
    """Knows the statement's words, voices and parts; assesses one question at a time."""

    def __init__(self, store: IndexStore, voices: Voices, idf: dict[str, float]):
        self.store = store
        self.voices = voices
        self.idf = idf
        self.max_idf = max(idf.values(), default=1.0)
        self.vocabulary = frozenset(store.lexical.retriever.vocab_dict)
        # Word families: "membership" is known where the statement says "member".
        self.families = frozenset(t[:_FAMILY] for t in self.vocabulary if len(t) >= _FAMILY)
        self.tokens = [frozenset(t) for t in lexical_tokens([p.text for p in store.passages])]
        self.themes = frozenset(p.theme for p in store.passages if p.theme)
        # The statement's words: its passages, and the headings they sit under ("Looking
        # Ahead", a theme's title), which name its parts though no passage repeats them.
        text = " ".join(
            " ".join(part.split())
            for p in store.passages
            for part in (p.text, p.section, p.title or "", p.theme_title or "")
        )
        self.folded = fold(text)
        # The title page: the dialogue's own name and date.
        self.titles = tuple(p.text for p in store.passages if p.title == "Title")
        self.folded_passages = tuple(fold(p.text) for p in store.passages)
        self.sections = frozenset(fold(p.section) for p in store.passages)
        self.words = frozenset(re.findall(r"[a-z0-9]+", self.folded))
        self.initials = _initialisms(text)
        self.speller = Speller(self.words)
        self.frame_words = frozenset(lexical_tokens([FRAME_WORDS])[0])
        self.attending = frozenset(
            a for p in store.passages if p.kind == "participation" for a in p.actors
        )
        # Every sentence that is not in a list block: its passage, span, stems, and
        # whether it speaks of what it describes as still to come.
        sentences = self._sentences()
        self.sentences = [
            (i, unit.start, unit.end, frozenset(stems), is_planned(text))
            for i, unit, text, stems in sentences
        ]
        # Each sentence's words, by the actors it names: what it says of them.
        said: dict[str, set[str]] = {}
        for i, unit, _, stems in sentences:
            for mention in voices.mentions[i]:
                if unit.start <= mention.start < unit.end:
                    said.setdefault(mention.actor, set()).update(stems)
        self.said_of = {a: frozenset(t) for a, t in said.items()}
        # The words of the passages that describe the dialogue itself (its title page, and
        # those that name it or its sessions and workshops).
        self.dialogue = frozenset().union(
            *(
                tokens
                for passage, tokens in zip(store.passages, self.tokens, strict=True)
                if passage.title == "Title" or names_dialogue(passage.text)
            )
        )

    def _sentences(self) -> list[tuple[int, Unit, str, list[str]]]:
        """Each sentence unit outside the list blocks, with its text and stems."""
        units = [
            (i, self.store.units[uid])
            for i, p in enumerate(self.store.passages)
            if p.kind not in LIST_KINDS
            for uid in self.store.sentence_units.get(i, [])
        ]
        texts = [self.store.passages[i].text[u.start : u.end] for i, u in units]
        stems = lexical_tokens(texts) if texts else []
        return [(i, u, t, s) for (i, u), t, s in zip(units, texts, stems, strict=True)]

    def planned_only(self, topic: Sequence[str]) -> str | None:
        """The sentence quoted when every sentence that speaks most of `topic` (at least
        two of its stems, or its only one) speaks of it as planned; else None."""
        wanted = frozenset(topic)
        if not wanted:
            return None
        scored = [
            (len(wanted & stems), i, a, b, planned) for i, a, b, stems, planned in self.sentences
        ]
        best = max((s[0] for s in scored), default=0)
        if best < min(2, len(wanted)):
            return None
        top = [s for s in scored if s[0] == best]
        if not all(s[4] for s in top):
            return None
        _, i, a, b, _ = top[0]
        return self.store.passages[i].text[a:b]

    def plans(self, topic: Sequence[str]) -> bool:
        """Whether one sentence of plans holds every stem of `topic` (or a word of its
        family): "Australia will convene the IGC Annual Meeting" says that it will."""
        wanted = frozenset(topic)
        return any(
            planned and all(_uses(stems, t) for t in wanted)
            for _, _, _, stems, planned in self.sentences
        )

    def knows(self, term: str) -> bool:
        """Whether the statement uses `term`, or a word of its family (same first six
        letters of the stem: "membership" and "member", "ministerial" and "minister")."""
        return term in self.vocabulary or (len(term) >= _FAMILY and term[:_FAMILY] in self.families)

    def misspells(self, word: str) -> bool:
        """Whether `word` is a near spelling of one of the statement's words ("recieved"),
        so that it is not read as a word the statement never uses."""
        return self.speller.misspells(word)

    def names_with(self, actors: Sequence[str], term: str) -> bool:
        """Whether a sentence that names one of `actors` uses `term` or a word of its
        family (the whole statement when no actor is given): an attribute of an actor is
        given beside its name ("the operation ... was headquartered in Vientiane" gives
        no headquarters of INTERPOL)."""
        if not actors:
            return self.knows(term)
        return any(_uses(self.said_of.get(a, frozenset()), term) for a in actors)

    def describes_dialogue(self, term: str) -> bool:
        """Whether a passage that describes the dialogue itself uses `term` (or its family)."""
        return _uses(self.dialogue, term)

    def states_figure(
        self, query: Query, hits: Sequence[Hit], config: RetrievalConfig
    ) -> bool | None:
        """None when no quantity is asked; else whether a top passage (about the asked
        actor, if any) has a sentence with a number for what is counted."""
        if not _QUANTITY.search(query.core):
            return None
        return self.figure_hit(query, hits, config) is not None

    def figure_hit(
        self, query: Query, hits: Sequence[Hit], config: RetrievalConfig, *, near: bool = False
    ) -> Hit | None:
        """The first top hit (about the asked actor, if any) with a sentence that gives a
        number for what is counted; None when none does or no quantity is asked. `near`:
        the number must come just before a word for what is counted ("45 Member States"),
        not anywhere in its sentence."""
        quantity = _QUANTITY.search(query.core)
        if not quantity:
            return None
        focus = quantity.group("focus") or quantity.group("amount") or quantity.group("named") or ""
        if _VERB_FIRST.match(focus):
            focus = ""  # "how many attended?": a verb, no named thing; any number counts
        elif not focus.strip() and (after := _AFTER_AUXILIARY.search(query.core)):
            # "Of the workers registered, how many were undocumented?", "how many were
            # repatriated": what is counted is said after the auxiliary.
            focus = after.group("after")
        named = set(lexical_tokens([" ".join(query.actors)])[0])
        counted = [w for w in focus.split() if not set(lexical_tokens([w])[0]) <= named]
        if named and counted:
            focus = " ".join(counted)  # "how many ASEAN states": states; ASEAN says which
        attendance = bool(_CAME.search(query.core))
        about = [
            h
            for h in hits
            if not query.actors or set(query.actors) & set(self.store.passages[h.passage].actors)
        ]
        money = bool(_MONEY_ASKED.search(query.core))
        return _states_quantity(
            focus,
            about[: config.evidence_depth],
            self.store,
            money=money,
            attendance=attendance,
            part=part_verb(query.core),
            near=near,
        )

    # -- the question's salient terms -------------------------------------------------
    def weights(self, terms: Sequence[str]) -> dict[str, float]:
        """Each term's weight: its IDF, the rarest weight for a word the statement lacks."""
        return {t: self.idf.get(t, self.max_idf) for t in terms}

    # -- the check --------------------------------------------------------------------
    def assess(
        self,
        query: Query,
        hits: Sequence[Hit],
        config: RetrievalConfig,
        *,
        terms: Sequence[str] = (),
        structural: bool = False,
    ) -> Assessment:
        """Decline with a Finding, or pass (finding None) with the signals it rested on.

        `terms` are the question's salient terms; `structural` answers (a theme or
        section summary, a count) only face the rules about names and parts.
        """
        if not config.abstain:
            return Assessment(None)
        for rule in RULES:
            if structural and not rule.structural:
                continue
            reason = rule.check(self, query, hits, config)
            if reason:
                return Assessment(Finding(rule.id, rule.code, reason))
        if structural:
            return Assessment(None)
        if (
            hits
            and query.wanted_lists
            and self.store.passages[hits[0].passage].kind in query.wanted_lists
        ):
            # The question asks for a list block (attendance, contact, a definition) and
            # the top passage is that block: the statement's structure answers it.
            return Assessment(None)
        if hits and query.signed and signature_blocks(self.store)[hits[0].passage]:
            return Assessment(None)  # "Who signed it?": its signature blocks answer
        if not hits:
            return Assessment(
                Finding(
                    "weak-match",
                    "weak-evidence",
                    "The statement does not appear to answer this question.",
                )
            )
        top = hits[0]
        relevance = top.dense + (0.1 if top.lexical > 0 else 0.0) + (0.1 if top.speaker else 0.0)
        if config.dense and relevance < config.min_relevance:
            # Nothing in the statement comes near (emoji, punctuation, a filter that
            # leaves only the address block): the floor under every other signal.
            return Assessment(
                Finding(
                    "weak-match",
                    "weak-evidence",
                    "The statement does not appear to answer this question.",
                )
            )
        if not _ENGLISH & set(re.findall(r"[a-z]+", query.core.lower())):
            # Another language: its words are not the statement's, so they cannot be
            # checked one by one; the names in it and the ranking carry the answer.
            return Assessment(None)
        signals = self.signals(query, hits, config, terms)
        weights = np.asarray(config.decision_weights, dtype=np.float64)
        z = config.decision_bias + float(weights @ signals.vector()[: len(weights)])
        probability = 1.0 / (1.0 + math.exp(-z))
        if config.dense and probability < config.decision_threshold:
            return Assessment(_weak(signals, query, terms, self), signals, probability)
        return Assessment(None, signals, probability)

    def signals(
        self,
        query: Query,
        hits: Sequence[Hit],
        config: RetrievalConfig,
        terms: Sequence[str],
    ) -> Signals:
        # The passages that would be cited: for what an actor said, only where it speaks.
        top = answering_hits(query, hits, config)[: config.evidence_depth]
        weights = self.weights(terms)
        total = sum(weights.values())
        seen = frozenset().union(*(self.tokens[h.passage] for h in top)) if top else frozenset()
        coverage = sum(w for t, w in weights.items() if t in seen) / total if total else 1.0
        absent = sum(w for t, w in weights.items() if not self.knows(t)) / total if total else 0.0
        voice = 0.0 if query.actors and query.voice and not hits[0].voice else 1.0
        return Signals(hits[0].dense, coverage, absent, voice)


def _weak(signals: Signals, query: Query, terms: Sequence[str], evidence: Evidence) -> Finding:
    """The calibrated decline: outside-scope when the question's main words are ones
    the statement never uses, else weak-evidence."""
    missing = [t for t in terms if not evidence.knows(t)]
    if signals.absent >= 0.5 and missing:
        return Finding(
            "calibrated",
            "outside-scope",
            "The outcome statement does not cover this: it never mentions "
            f"“{shown_word(query.core, missing[0])}”.",
        )
    return Finding(
        "calibrated", "weak-evidence", "The statement does not appear to answer this question."
    )


def _uses(words: frozenset[str], term: str) -> bool:
    """Whether `words` hold `term` or a word of its family (same first six letters)."""
    if term in words:
        return True
    return len(term) >= _FAMILY and any(w[:_FAMILY] == term[:_FAMILY] for w in words)


_SMALL = frozenset({"of", "on", "for", "the", "and", "in", "against", "de"})
_CAPITALISED = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|on|for|the|and|in)\s+)*[A-Z][\w'’-]*)*")


def _initialisms(text: str) -> frozenset[str]:
    """The initials of every run of capitalised words in `text` and of its sub-runs,
    with and without its small words: "TEG" is the Technical Experts Group and "TIP"
    Trafficking in Persons even where the statement never writes them."""
    out: set[str] = set()
    for m in _CAPITALISED.finditer(text):
        words = m.group(0).split()
        # With and without the small words: "TIP" is Trafficking In Persons too.
        for letters in (
            [w[0].lower() for w in words if w.lower() not in _SMALL],
            [w[0].lower() for w in words],
        ):
            for i in range(len(letters)):
                for j in range(i + 2, len(letters) + 1):
                    out.add("".join(letters[i:j]))
    return frozenset(out)


def part_verb(core: str) -> str:
    """The verb of a question that asks for a part of a total ("How much of the money
    has Indonesia recovered?": "recovered"), "" for any other question."""
    m = _PART_OF.search(core)
    return (m.group("base") or m.group("done")).lower() if m else ""


def _says_verb(sentence: str, verb: str) -> bool:
    """Whether `sentence` uses a word of `verb`'s family (its first five letters, after
    "-ed": "recovered" and "recovery")."""
    root = re.sub(r"e?d$", "", verb)[:5] if verb.endswith("ed") else verb[:5]
    return any(w.startswith(root) for w in re.findall(r"[a-z]+", sentence.lower()))


def _states_quantity(
    focus: str,
    hits: Sequence[Hit],
    store: IndexStore,
    *,
    money: bool = False,
    attendance: bool = False,
    part: str = "",
    near: bool = False,
) -> Hit | None:
    """The first of the top passages with a sentence that gives a number for what is counted (a sum
    of money, when money is asked; people by any word for them, when attendance is; in
    the words of the asked verb, when a part of a total is asked: the total is no part)."""
    wanted = set(lexical_tokens([focus])[0])
    if money:
        wanted -= _MONEY_WORDS  # "how much money": a sum in a currency is the money
    if attendance and (wanted & _PEOPLE or (near and not wanted)):
        wanted |= _PEOPLE  # "how many (people) came": "100 delegates" counts them
    for hit in hits:
        passage = store.passages[hit.passage]
        if passage.kind in LIST_KINDS - {"participation"}:
            continue
        for uid in store.sentence_units.get(hit.passage, []):
            unit = store.units[uid]
            sentence = passage.text[unit.start : unit.end]
            if money and not _CURRENCY.search(sentence):
                continue
            if part and not _says_verb(sentence, part):
                continue
            if near:
                if wanted and number_counts(sentence, wanted):
                    return hit
            elif _NUMBER.search(sentence) and (
                not wanted or wanted & set(lexical_tokens([sentence])[0])
            ):
                return hit
    return None


def number_counts(sentence: str, wanted: set[str]) -> bool:
    """Whether a number in `sentence` counts a wanted thing: a word of it follows within
    three words ("45 Member States", "over 11,000 people", "150 district officials")."""
    for m in _NUMBER.finditer(sentence):
        following = re.findall(r"[\w'’-]+", sentence[m.end() : m.end() + 60])[:3]
        if wanted & set(lexical_tokens([" ".join(following)])[0]):
            return True
    return False
