"""The evidence check's named rules: each has an id, a reason code and one sentence.

The first rule that fires declines the question (`qa.evidence.Evidence.assess`). They
read facts (who the statement names, who speaks in it, which details it gives); the
soft signals are weighed afterwards, in one calibrated decision.

Rules, by id (reason code): what makes them fire.

- `unknown-actor` (not-mentioned): every actor asked about is one the statement
  never names ("What did Germany say?"), or the one asked to have said or done
  something is ("Did Germany announce funding for the RSO?").
- `unknown-name` (not-mentioned): the question uses a proper name the statement
  never uses, most of whose words it never uses either ("World Bank", "UNICEF").
- `silent-actor` (only-listed): the question asks what an actor said or did, and
  it never speaks: it is only listed, or named as a place ("What did Laos recommend?").
- `actor-attribute` (outside-scope): general knowledge about a named actor, in the
  words people ask it ("the capital of Fiji", "What currency does Tonga use?", "Who
  heads the UNHCR?", "What language is spoken in Timor-Leste?", "Who is Thailand's
  prime minister?", "Where is UNODC headquartered?"), when the passages that speak of
  the actor do not use every word of the attribute (the statement may use them
  elsewhere). What an actor said, asked as its attribute ("Japan's main concern"),
  its part in what is reported ("the Philippines' roles"), and a contact detail are not
  attributes.
- `missing-part` (detail-mismatch): a theme the statement does not have ("theme 5"),
  or a key insight ("the sixth key insight").
- `missing-specific` (detail-mismatch): a year, figure, ordinal or country named as a
  place ("scam centres in Cambodia") of the question is not in the statement, or not in
  the passage that would answer ("Fiji in 2024"); for a question of several parts, in
  none of the passages that would be cited. Structural answers face it too ("the theme
  of the third Constructive Dialogue").
- `no-figure` (no-figure): a quantity is asked and no answering sentence gives one (a
  sum of money in a currency; a part of a total in the words of what was done to it).
- `dialogue-detail` (detail-mismatch): the question asks about the dialogue's own
  logistics (where it was held, which hotel hosted it, how long its sessions lasted,
  who moderated a panel: the panel's topic is no detail of it; whether it was held
  online), and none of its words
  is used by the passages that describe the dialogue.
- `unknown-type` (outside-scope): the question asks for a place or a time in a word
  the statement never uses ("In which city ...", "What period ..."), and the passages
  that would be cited name no place (no date); or it asks "how long" and they give no
  span of time. (A kind of thing may be named in other words, "statistics" for
  "figures": that is left to the calibrated decision.)
- `aftermath` (outside-scope): the question asks, in the past tense, what followed the
  dialogue ("How many scam centres were closed as a result of the dialogue?"); the
  statement records the dialogue, not its results.
- `unreported-event` (outside-scope): a yes/no question about a past event ("Was the
  Work Plan approved?", "Did Norway announce funding?") uses a word for the event that
  the statement never uses (nor a word of its family, nor a word it misspells): no
  passage reports it.
- `planned-only` (outside-scope): the question asks whether something was done or what
  came of it ("Has the Common Pathways Forum been set up?", "What was decided at the 2026
  IGC Annual Meeting?"), and every sentence that speaks most of it speaks of it as
  planned ("will convene", "plans to", "the formulation of"): see `qa.outcomes`. Not
  when the question asks about the plan as well ("..., and what does the RSO plan to do
  next?").
- `no-other-actor` (outside-scope): "which countries / organisations" is asked of a named
  actor ("Which countries has Nepal signed agreements with?"), and the passages where it
  speaks name no other actor of that kind.
- `future-unsaid` (outside-scope): a yes/no question about the future ("Will the Work
  Plan include a climate programme?") that no one sentence of plans says in full.
- `signing-unsaid` (outside-scope): the question asks who signed or ratified something,
  or what an actor signed ("Which countries have signed the Bangkok Joint Statement?"),
  and no sentence tells of that signing (of that thing, in a passage of that actor).
- `letters-unsaid` (outside-scope): the question asks what a name in capitals stands
  for ("What does ASEANAPOL stand for?"), and the statement has no glossary line for it
  and never writes it beside its full name in brackets: it only names it.
- `verdict-unsaid` (outside-scope): the question asks how a case ended in court (a
  verdict, a conviction, a sentence: "Did Tonga's first prosecution end in a
  conviction?"), and the passages that would answer it use no such word: the statement
  reports the prosecution, not its end.
- `contents-unsaid` (outside-scope): the question asks what a named document or plan
  sets out (its objectives, priorities, provisions: "What are the objectives of the
  Adelaide Strategy for Cooperation?"), and every sentence that names it only names it
  ("advancing the objectives of the ... Adelaide Strategy for Cooperation and ..."),
  with nothing said of it after its name.
- `ranking-unsaid` (outside-scope): the question asks which actor is best, strongest or
  most effective ("Which country has the best response to scam centres?"), and no
  answering sentence that names such an actor ranks it: the statement reports what each
  did, it does not rank them.
- `name-unsaid` (detail-mismatch): the question asks what an actor said or did about a
  named thing ("What did Japan say about the Bangkok Joint Statement?"), and no passage
  where the actor speaks names it.
- `weak-match` (weak-evidence): nothing in the statement comes near the question (the
  best passage's cosine, with small credits for a word match and a speaker, is under
  `min_relevance`).
- `calibrated` (outside-scope or weak-evidence): the decision over the signals falls
  under its threshold; outside-scope when the question's main words are ones the
  statement never uses ("Who is the President of Indonesia?").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.actors import fold
from index.lexical import lexical_tokens
from qa.analyse import Query, asks_letters
from qa.config import RetrievalConfig
from qa.intents import QUALIFIER, WHEN_HOLDS, actor_class, names_dialogue
from qa.labels import join_names
from qa.outcomes import OUTCOME_WORDS, planned_clause
from qa.retrieve import Hit, answering_hits
from qa.voices import SPEECH_NOUNS, SPEECH_WORDS

if TYPE_CHECKING:
    from qa.evidence import Evidence

__all__ = ["RULES", "Rule"]

_SMALL = frozenset({"of", "on", "for", "the", "and", "in", "against", "de"})
_ATTENDANCE = re.compile(
    r"\b(attend\w*|participat\w*|represent\w*|delegations?|there|take part|took part|"
    r"members?|observers?|listed|present at|in attendance)\b",
    re.IGNORECASE,
)

# When an attribute holds ("the current prime minister"): not a word of the attribute.
_WHEN = re.compile(rf"\b(?:{WHEN_HOLDS})\b", re.I)


def _answering(query: Query, hits: Sequence[Hit], config: RetrievalConfig) -> list[Hit]:
    """The passages an answer would cite, as deep as the check reads."""
    return answering_hits(query, hits, config)[: config.evidence_depth]


def _content_stems(evidence: Evidence, text: str) -> list[str]:
    """The stems of `text` that carry its meaning: question frame words left out."""
    return [t for t in lexical_tokens([text])[0] if t not in evidence.frame_words]


@dataclass(frozen=True)
class Rule:
    """A named refusal rule: `check` returns the one-sentence reason, or None."""

    id: str
    code: str
    structural: bool  # also checked for structural answers

    def check(
        self, evidence: Evidence, query: Query, hits: Sequence[Hit], config: RetrievalConfig
    ) -> str | None:
        raise NotImplementedError


class UnknownActor(Rule):
    def check(self, evidence, query, hits, config):
        # Every actor named is unknown, or the one asked to have said or done it is
        # ("Did Germany announce funding for the RSO?": the RSO is named, Germany not).
        unknown = query.unknown_actors if not query.actors else query.unknown_subjects
        if unknown:
            names = join_names(unknown)
            verb = "is" if len(unknown) == 1 else "are"
            return f"{names} {verb} not mentioned in the outcome statement."
        return None


# A name that ends with its number in a series ("Operation Liberterra II", "Phase 3").
_NUMBERED = re.compile(r"^(.+?)\s+(?:[IVX]+|\d+)$")


class UnknownName(Rule):
    def check(self, evidence, query, hits, config):
        details = {s.text.lower() for s in query.specifics}
        for name in query.names:
            # Whole words: "Operation Liberterra II" is not inside "... Liberterra III".
            whole = re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", evidence.folded)
            if whole or name.lower() in evidence.initials:
                continue
            numbered = _NUMBERED.match(name)
            if numbered and fold(numbered.group(1)) in evidence.folded:
                # The statement names the series, not this one of it: a near miss.
                return f"“{name}” is not mentioned in the outcome statement."
            if details & set(name.lower().split()):
                continue  # "the Fifth Dialogue": a detail, for missing-specific
            words = [w.strip("'’").lower() for w in re.findall(r"[\w'’]+", fold(name))]
            # "the joint WG on TIP and TEG": a word of three letters or more that is an
            # initialism of a name the statement writes is a word of the statement (two
            # letters stand for too many pairs of words to tell).
            absent = [
                w
                for w in words
                if w not in evidence.words
                and w not in _SMALL
                and not (len(w) >= 3 and w in evidence.initials)
            ]
            if len(absent) * 2 >= len([w for w in words if w not in _SMALL]):
                return f"“{name}” is not mentioned in the outcome statement."
        return None


class ActorAttribute(Rule):
    def check(self, evidence, query, hits, config):
        if not query.attribute:
            return None
        if re.search(rf"\b(?:{SPEECH_WORDS}|{SPEECH_NOUNS})$", query.attribute, re.IGNORECASE):
            return None  # "Japan's main concern", "Fiji's position": what it said, asked
        if _PART_TAKEN.search(query.attribute):
            return None  # "the Philippines' roles", "Fiji's contributions": what it did
        if "contact" in query.lists:
            return None  # "the RSO's email address": the contact block gives it
        if evidence.states_figure(query, hits, config) is not None:
            return None  # "the RSO's annual budget": an amount, for the no-figure rule
        words = _content_stems(evidence, _WHEN.sub("", query.attribute))
        said = [evidence.names_with(query.actors, t) for t in words]
        # A title of two words is one thing ("prime minister"): a passage about the actor
        # that says "ministerial" does not give it.
        if words and not all(said):
            whom = join_names(query.actors) if query.actors else "it"
            return (
                "The outcome statement does not cover this: it does not give "
                f"“{query.attribute}” for {whom}."
            )
        return None


# An actor's part in what the statement reports: what it did, not a standing fact.
_PART_TAKEN = re.compile(
    r"\b(?:roles?|contributions?|involvement|part|parts|participation|responsibilit\w+)$",
    re.IGNORECASE,
)


class SilentActor(Rule):
    def check(self, evidence, query, hits, config):
        asked = query.subjects
        # "Did Pakistan attend?" asks the attendance list; what it said, only its passages.
        if not (asked and query.voice) or (
            query.voice != "speech" and _ATTENDANCE.search(query.core)
        ):
            return None
        if any(evidence.voices.speaks(a) for a in asked):
            return None
        names = join_names(asked)
        one = len(asked) == 1
        where = (
            "only listed among the participants"
            if all(a in evidence.attending for a in asked)
            else "only named in passing (in a list or as a place)"
        )
        return (
            f"{names} {'is' if one else 'are'} {where}; the statement records nothing said "
            f"or done by {'it' if one else 'them'}."
        )


class MissingPart(Rule):
    def check(self, evidence, query, hits, config):
        intent = query.intent
        if intent and intent.kind == "theme" and intent.theme not in evidence.themes:
            return (
                f"The statement has {len(evidence.themes)} themes; it has no theme {intent.theme}."
            )
        if intent and intent.section == "key-insight" and intent.theme is not None:
            if intent.theme not in evidence.themes:
                return (
                    f"The statement has {len(evidence.themes)} key insights, one per theme; "
                    f"it has no key insight {intent.theme}."
                )
        return None


class MissingSpecific(Rule):
    def check(self, evidence, query, hits, config):
        if not query.specifics:
            return None
        passages = evidence.store.passages
        for specific in query.specifics:
            if not any(specific.found_in(p.text) for p in passages):
                return f"The outcome statement does not mention “{specific.text}”."
        # The passage an answer would open with must hold every detail asked for; for a
        # question of several parts, one of the passages that would be cited.
        depth = config.evidence_depth if query.multi_part else 1
        answering = answering_hits(query, hits, config)[:depth]
        missing = [
            s
            for s in query.specifics
            if not any(s.found_in(passages[h.passage].text) for h in answering)
        ]
        if missing and answering:
            asked = query.asked_actors
            about = f" about {join_names(asked)}" if asked else " that answer this"
            return f"The passages{about} do not mention “{missing[0].text}”."
        return None


class DialogueDetail(Rule):
    def check(self, evidence, query, hits, config):
        # The dialogue's own date ("hosted the dialogue in January 2026") is no other
        # detail: its title page gives it.
        details = [s for s in query.specifics if not any(s.found_in(t) for t in evidence.titles)]
        if not query.logistics or details or "participation" in query.lists:
            return None  # a detail, or who attended: rules and lists of their own
        words = _content_stems(evidence, _DATE.sub(" ", query.logistics))
        if not words or any(evidence.describes_dialogue(t) for t in words):
            return None
        return (
            "The outcome statement does not give this detail of the dialogue: it never says "
            f"“{shown_word(query.core, words[0])}” of it."
        )


class Aftermath(Rule):
    def check(self, evidence, query, hits, config):
        if query.aftermath:
            return (
                "The outcome statement records what was said at the dialogue; it does not "
                "report what followed it."
            )
        return None


# Words that ask whether the statement records something ("Was climate change raised /
# discussed?"), not for an event of their own: the topic's words carry the ask.
_REPORTED = re.compile(
    rf"^(?:{SPEECH_WORDS}|discuss(?:ed|es)?|address(?:ed|es)?|cover(?:ed|s)?|touched)$",
    re.IGNORECASE,
)


class UnreportedEvent(Rule):
    def check(self, evidence, query, hits, config):
        if "participation" in query.lists:
            return None  # whether an actor came: the attendance list reports it
        for word in query.claim:
            if _REPORTED.match(word):
                continue
            stems = _content_stems(evidence, word)
            if stems and not any(evidence.knows(t) for t in stems) and not evidence.misspells(word):
                return f"The outcome statement does not report this: it never says “{word}”."
        return None


_OUTCOME_WORD = re.compile(rf"^(?:{OUTCOME_WORDS}|first|yet|already|ever|still)$", re.IGNORECASE)


# A second ask, about the plan itself ("..., and what does the RSO plan to do next?").
_ASKS_PLAN = re.compile(
    r"\b(?:what|and|how)\b[^?]*\b(?:plans?|intends?|aims?)\s+to\b|\bnext\s+steps?\b|"
    r"\bwhat\s+(?:is|are|was|were)\s+planned\b",
    re.IGNORECASE,
)


class PlannedOnly(Rule):
    def check(self, evidence, query, hits, config):
        if not query.outcome or _ASKS_PLAN.search(query.core):
            return None  # asked about the plan as well: "..., and what does it plan to do?"
        words = [w for w in re.findall(r"[\w'’-]+", query.core) if not _OUTCOME_WORD.match(w)]
        sentence = evidence.planned_only(_content_stems(evidence, " ".join(words)))
        if sentence is None:
            return None
        return (
            f"The outcome statement speaks of this only as planned (“{planned_clause(sentence)}”); "
            "it does not report whether it happened or what came of it."
        )


class UnknownType(Rule):
    def check(self, evidence, query, hits, config):
        asked = query.asked
        if asked is None:
            return None
        answering = _answering(query, hits, config)
        texts = [evidence.store.passages[h.passage].text for h in answering]
        if asked.kind == "duration":
            if any(_DURATION.search(t) for t in texts):
                return None
            return "The passages that answer this do not say how long."
        if asked.kind == "thing":
            return None  # a kind of thing may be named in other words ("figures", "statistics")
        if asked.kind == "clock":
            if any(_CLOCK.search(t) for t in texts):
                return None
            return "The passages that answer this give no time of day."
        if asked.kind == "place" and _placed(evidence, query, answering):
            return None
        if asked.kind == "time" and _dated(evidence, query, answering):
            return None
        stems = _content_stems(evidence, asked.words)
        if stems and not any(evidence.knows(t) for t in stems):
            return (
                "The outcome statement does not cover this: it never mentions "
                f"“{shown_word(query.core, stems[0])}”."
            )
        # The statement uses the word ("year", "venue"), but what answers names none.
        what = "place" if asked.kind == "place" else "date"
        return f"The passages that answer this give no {what}."


def _dated(evidence: Evidence, query: Query, answering: Sequence[Hit]) -> bool:
    """Whether the answering passages give a date (any date: people ask "when" in words
    of their own, so a date is not required beside the question's words), or, for the
    dialogue itself, its title page does ("27-28 January 2026")."""
    store = evidence.store
    if milestone := _MILESTONE_ASKED.search(query.core):
        # "What year was INTERPOL founded?", "When did Timor-Leste ratify the treaty?":
        # the date of that milestone, which a sentence that tells of it gives (with its
        # date, naming what it is of); a date of something else the body did is no answer.
        kind = next(k for k, v in milestone.groupdict().items() if v)
        return _tells_milestone(evidence, query, kind, within={h.passage for h in answering})
    if _WHEN_STARTS.search(query.core):
        # "When does the forum launch?": the start of one thing, which a sentence that
        # names it (in all the question's words for it) dates ("SPA-V ... for 2025 to
        # 2035"); dates of other news near it do not.
        starts = set(_content_stems(evidence, query.topic)) - _STARTING
        return bool(starts) and _dated_sentence(evidence, answering, lambda s, _: starts <= s)
    if _WHEN_FUTURE.search(query.core):
        # "When will the forum first meet?": a date for what is still to come, which a
        # sentence of plans about it gives; the dates of what was reported, or of another
        # plan, do not answer it.
        asked = set(_content_stems(evidence, query.topic))
        return _dated_sentence(evidence, answering, lambda s, planned: planned and bool(asked & s))
    if any(_DATE.search(store.passages[h.passage].text) for h in answering):
        return True
    return names_dialogue(query.core) and any(_DATE.search(t) for t in evidence.titles)


def _dated_sentence(
    evidence: Evidence, answering: Sequence[Hit], fits: Callable[[frozenset[str], bool], bool]
) -> bool:
    """Whether a sentence of the answering passages gives a date and `fits` the question
    (by its stems, and whether it speaks of plans)."""
    within = {h.passage for h in answering}
    return any(
        fits(stems, planned) and _DATE.search(evidence.store.passages[i].text[a:b])
        for i, a, b, stems, planned in evidence.sentences
        if i in within
    )


# A milestone whose date is asked ("when was it founded", "what year was the treaty
# signed", "when did Timor-Leste ratify it"), and the words a sentence tells of each in:
# a date answers only in a sentence that tells of that milestone.
_MILESTONES: dict[str, str] = {
    "found": r"found(?:ed|ing|ation)|establish\w*|set\s+up|creat(?:ed|ion)|formed|formation|"
    r"launch\w*|inaugurat\w*",
    # An agreement or memorandum with an actor is a signing by it ("signed MoUs with").
    "sign": r"sign(?:ed|ing|ature|atory|atories)?|agreements?|memorand(?:a|um)|treat(?:y|ies)|"
    r"accession|acced\w*",
    "ratify": r"ratif\w*",
    "adopt": r"adopt\w*",
    "enact": r"enact\w*",
    # Joining a body (the statement writes Timor-Leste's "ascension to ASEAN").
    "accede": r"acced\w*|accession|ascension|join(?:ed|ing|s)?|admi(?:tted|ssion)",
}
_MILESTONE_ASKED = re.compile(
    r"\b(?:(?P<found>(?:found(?:ed)?|formed)(?=\s*[?.!]*$|\s*,|\s+(?:and|by)\b)|"
    r"establish(?:ed)?|set\s+up|creat(?:e|ed)|launch(?:ed)?|inaugurat(?:e|ed))\b"
    r"|(?P<sign>sign(?:ed)?)\b|(?P<ratify>ratif(?:y|ied))\b|(?P<adopt>adopt(?:ed)?)\b"
    r"|(?P<enact>enact(?:ed)?)\b|(?P<accede>acced(?:e|ed)|accession|join(?:ed)?|"
    r"bec[oa]me(?=\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?members?\b))\b)",
    re.IGNORECASE,
)


def _clause(topic: str, asking: re.Pattern[str]) -> str:
    """The clause of a question that asks what `asking` finds ("When was the treaty
    signed, and why was it a big deal?": its first), else the whole question."""
    return next((c for c in re.split(r",|\band\b|[?;]", topic) if asking.search(c)), topic)


def _named_in(evidence: Evidence, passage: int, start: int, end: int) -> set[str]:
    """The actors a sentence (a span of a passage) names."""
    return {m.actor for m in evidence.voices.mentions[passage] if start <= m.start < end}


def _placed(evidence: Evidence, query: Query, answering: Sequence[Hit]) -> bool:
    """Whether an answering passage speaks of what the question asks the place of (an
    actor it names, else most of the other words of the clause that asks it) and names
    a place ("in Manila") in a sentence about it: "Where was the tabletop exercise
    held?" is not answered by a passage that only dates the exercise."""
    store = evidence.store
    topic = set(_content_stems(evidence, _clause(query.topic, _WHERE_WORD))) - _PLACE_WORDS
    within = {h.passage for h in answering}
    spoken: dict[int, set[str]] = {}
    for i, _, _, stems, _ in evidence.sentences:
        if i in within:
            spoken.setdefault(i, set()).update(stems)
    for i, a, b, stems, _ in evidence.sentences:
        if i not in within or not _PLACE.search(store.passages[i].text[a:b]):
            continue
        if query.asked_actors and set(query.asked_actors) & _named_in(evidence, i, a, b):
            return True
        about = not topic or 2 * len(topic & spoken[i]) >= len(topic)
        if about and (not topic or topic & stems):
            return True
    return False


_WHERE_WORD = re.compile(r"\b(?:where|place|city|country|venue|locat\w*)\b", re.IGNORECASE)
# Words that ask for a place, not of what the place is of.
_PLACE_WORDS = frozenset(
    lexical_tokens(["where place city country venue location located held take took hold run"])[0]
)


def _tells_milestone(
    evidence: Evidence,
    query: Query,
    kind: str,
    *,
    within: set[int] | None = None,
    dated: bool = True,
) -> bool:
    """Whether a sentence (of the passages `within`, if given) tells of the milestone
    asked, gives a date (if `dated`), and names what the question asks about: an actor it
    names (in the sentence when a date is asked, else anywhere in its passage), and most
    of the other words of the clause that asks it."""
    store = evidence.store
    telling = re.compile(rf"\b(?:{_MILESTONES[kind]})\b", re.IGNORECASE)
    clause = _clause(query.topic, _MILESTONE_ASKED)
    words = telling.sub(" ", _MILESTONE_ASKED.sub(" ", clause))
    topic = set(_content_stems(evidence, words)) - _ASKING_WORDS
    for i, a, b, stems, _ in evidence.sentences:
        if within is not None and i not in within:
            continue
        text = store.passages[i].text[a:b]
        if not telling.search(text) or dated and not _DATE.search(text):
            continue
        named = _named_in(evidence, i, a, b) if dated else set(store.passages[i].actors)
        if query.asked_actors and not set(query.asked_actors) & named:
            continue
        if kind == "accede" and not set(query.asked_actors) <= named:
            continue  # who joined and what it joined: ASEAN is not the Bali Process
        if not dated and query.asked_actors:
            return True  # what an actor signed: any agreement it tells of
        # What it is of, beyond the actors: most of its words ("the ASEAN Convention
        # Against Trafficking" is not the ASEAN Treaty on Extradition).
        if not topic or 2 * len(topic & stems) >= len(topic):
            return True
    return False


# Words of the asking, not of what a milestone is of: "what year", "which countries",
# "become a member".
_ASKING_WORDS = frozenset(
    lexical_tokens(
        ["year date time country countries organisation organisations state states member"]
    )[0]
)


# "When will ...", "when is the forum expected to ...": a time still to come.
_WHEN_FUTURE = re.compile(
    r"^\s*(?:[^,?]{1,80},\s*)?when\s+(?:will|shall|is\s+(?:[\w'’-]+\s+){1,6}?"
    r"(?:due|expected|scheduled|planned|set|going)(?:\s+to\b|\s*[?.!]*$))",
    re.IGNORECASE,
)


# "When does the forum launch?", "when do the new rules take effect": when something
# starts, asked in the present tense.
_WHEN_STARTS = re.compile(
    r"^\s*(?:[^,?]{1,80},\s*)?when\s+(?:does|do)\s+(?:[\w'’-]+\s+){1,6}?"
    r"(?:launch|start|begin|open|commence|kick\s+off|take\s+effect|come\s+into\s+force)\b",
    re.IGNORECASE,
)
_STARTING = frozenset(
    lexical_tokens(["launch start begin open commence kick off take effect come into force"])[0]
)


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "in Manila", "at Bangkok": a place named after a preposition (not a month or ordinal).
_PLACE = re.compile(
    rf"\b(?:in|at)\s+(?!(?:{_MONTHS}|The|A|An|First|Second|Third|Fourth|Fifth)\b)[A-Z][a-z]+"
)
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\bo['’]clock\b|\bnoon\b",
    re.IGNORECASE,
)
_DATE = re.compile(rf"\b(?:{_MONTHS})\b|\b(?:19|20)\d{{2}}\b")
_DURATION = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half|full|multi)"
    r"[- ](?:minute|hour|day|week|month|year)s?\b|\bsince\s+(?:\w+\s+){0,2}(?:19|20)\d{2}\b"
    r"|\bfor\s+(?:many|several|some|a\s+few|over|more\s+than|\w+)\s+(?:years|months|weeks|"
    r"decades)\b|\bdecades?\b"
    r"|\b(?:19|20)\d{2}\s*(?:to|-|–)\s*(?:19|20)\d{2}\b|\b\d{1,2}\s*[-–]\s*\d{1,2}\s+"
    rf"(?:{_MONTHS})\b",
    re.IGNORECASE,
)


def shown_word(text: str, stem: str) -> str:
    """The word of `text` that gives the stem `stem` ("hotel" for "hotel"), else the stem."""
    for word in re.findall(r"[\w'’-]+", text):
        if lexical_tokens([word])[0][:1] == [stem]:
            return word
    return stem


class NoFigure(Rule):
    def check(self, evidence, query, hits, config):
        if evidence.states_figure(query, hits, config) is False:
            return "The statement gives no figure that answers this question."
        return None


# "Will the Work Plan include a climate programme?", "Is the forum going to ...": whether
# something will happen, which only a sentence of plans that says so answers.
_WILL = re.compile(
    r"^\s*(?:will|shall|(?:is|are)\s+(?:[\w'’-]+\s+){1,6}?going\s+to)\s+", re.IGNORECASE
)
# Words of the asking, not of what is planned ("end up", "actually", "really").
_FUTURE_FRAME = frozenset("end ending up actually really eventually ever still".split())


class FutureUnsaid(Rule):
    def check(self, evidence, query, hits, config):
        if not _WILL.search(query.core):
            return None
        words = [w for w in re.findall(r"[\w'’-]+", query.topic) if w.lower() not in _FUTURE_FRAME]
        topic = _content_stems(evidence, " ".join(words))
        if not topic or evidence.plans(topic):
            return None
        return "The outcome statement does not say whether this will happen."


class NoOtherActor(Rule):
    def check(self, evidence, query, hits, config):
        intent = query.intent
        if not (intent and intent.kind == "which" and query.subjects):
            return None
        passages = evidence.store.passages
        own = [h for h in hits if h.voice][: config.evidence_depth]
        if not own:
            return None  # where it never speaks, the silent-actor rule answers
        kind = evidence.voices.gazetteer.kind
        named = {
            a
            for h in own
            for a in passages[h.passage].actors
            if a not in query.subjects
            and (intent.actor_class == "any" or kind(a) == intent.actor_class)
        }
        if named:
            return None
        noun = intent.actor_class if intent.actor_class != "any" else "actor"
        return f"The passages about {join_names(query.subjects)} name no other {noun}."


# "Which countries have signed the Bangkok Joint Statement?", "Which treaty did Australia
# ratify?": a signing, which only a sentence that tells of it (of that thing, by that
# actor) answers. "Who signed the statement?" asks its signature blocks.
_SIGNING_ASKED = re.compile(
    r"\b(?:sign(?:ed|ing)?|ratif(?:y|ies|ied|ying|ication))\b", re.IGNORECASE
)


class SigningUnsaid(Rule):
    def check(self, evidence, query, hits, config):
        m = _SIGNING_ASKED.search(query.core)
        if query.signed or m is None:
            return None
        kind = "ratify" if m.group(0).lower().startswith("ratif") else "sign"
        if _tells_milestone(evidence, query, kind, dated=False):
            return None
        done = "ratified" if kind == "ratify" else "signed"
        return f"The outcome statement does not say that this was {done}: no sentence tells of it."


class LettersUnsaid(Rule):
    def check(self, evidence, query, hits, config):
        if query.acronyms or not asks_letters(query.core):
            return None
        for name in query.actors:
            letters = name.replace(" ", "")
            if not (letters.isupper() and len(letters) >= 3):
                continue  # a name in words has no letters to spell out
            # Spelt out where the statement writes it in brackets after its full name, or
            # the full name in brackets after it.
            written = re.escape(fold(name))
            if not re.search(rf"\({written}\)|{written}\s*\(", evidence.folded):
                return f"The outcome statement does not spell out “{name}”; it only names it."
        return None


# How a case ended in court: a verdict, a conviction, a sentence handed down.
_JUDGED = re.compile(
    r"\bhanded\s+down\b|\b(?:verdicts?|convict(?:ed|ions?)?|acquit(?:ted|tals?)?|sentenced|sentencing|"
    r"jail(?:ed)?|imprison(?:ed|ment)|prison\s+terms?|guilty|court\s+rulings?|"
    r"judge?ments?)\b",
    re.IGNORECASE,
)


class VerdictUnsaid(Rule):
    def check(self, evidence, query, hits, config):
        if not _JUDGED.search(query.core):
            return None
        answering = _answering(query, hits, config)
        passages = [evidence.store.passages[h.passage] for h in answering]
        if query.asked_actors:  # the case of an actor asked about: in a passage naming it
            passages = [p for p in passages if set(query.asked_actors) & set(p.actors)]
        if any(_JUDGED.search(p.text) for p in passages):
            return None
        return (
            "The outcome statement does not report how this case ended in court (no verdict, "
            "conviction or sentence is given)."
        )


# The last word of a named thing: a document, an operation, a body's programme.
_THING_NOUNS = (
    r"Treaty|Statement|Convention|Declaration|Strategy|Plan|Operation|Programme|Program|"
    r"Initiative|Forum|Centre|Center|Network|Act|Framework|Agreement|Compact|Conference|"
    r"Report|Exercise|Policy|Agenda"
)
# What a named document or plan sets out, asked: "the objectives of the Adelaide
# Strategy", "What priorities are set out in the RSO 2026-2028 Work Plan?".
_CONTENTS_ASKED = re.compile(
    r"\b(?P<noun>objectives?|aims?|goals?|priorities|pillars?|principles?|provisions?|"
    r"commitments?|contents?|components?|targets?)\b[^?]*?\b(?:of|in|under)\s+"
    r"(?:the\s+)?(?P<name>[^?,;]+?)(?=\s+(?:and|or)\s|[?,;]|$)",
    re.IGNORECASE,
)
# A name's proper words: capitalised, or a year or span of years ("2026-2028").
_PROPER = re.compile(r"\b(?:[A-Z][\w-]*|\d{4}(?:-\d{4})?)\b")
# After a name, what says something of it: a verb ("... provides a framework"), a colon or
# bracket, or an apposition (", or SPA-V, its ten-year strategic framework").
_SAYS_OF = re.compile(
    r"^\s*(?:(?:[\w-]+\s+){0,6}?(?:is|are|was|were|includ\w*|sets?\s+out|outlines?|"
    r"focus\w*|provides?|aims?|comprises?|covers?|calls?|commits?|prioriti[sz]\w*)\b|"
    r"[:(—–]|,\s*(?:or\s+[^,]{1,40},\s*)?(?:its|the|a|an|which)\b)",
    re.IGNORECASE,
)
# A document's name.
_DOCUMENT = re.compile(r"\b(?:[A-Z][\w-]*\s+){1,4}(?:" + _THING_NOUNS + r"|Action)\b")
# The next sentence, about it ("It ...", "The plan ..."); one that names another document
# is not ("The Coral Plan of Action ...").
_SAID_NEXT = re.compile(r"^\s*(?:it|its|this|the\s+(?:plan|strategy|framework|document))\b", re.I)


class ContentsUnsaid(Rule):
    def check(self, evidence, query, hits, config):
        m = _CONTENTS_ASKED.search(query.core)
        name = _document_name(m["name"]) if m else None
        if m is None or name is None:
            return None  # no name of a document ("the objectives of the dialogue")
        noun = frozenset(lexical_tokens([m["noun"]])[0])
        store, sentences = evidence.store, evidence.sentences
        named = False
        for n, (i, a, b, _, _) in enumerate(sentences):
            found = name.search(store.passages[i].text[a:b])
            if found is None:
                continue
            named = True
            following = sentences[n + 1] if n + 1 < len(sentences) else None
            after = following if following and following[0] == i else None
            if _says_more(store.passages[i].text[a:b][found.end() :], after, noun, store):
                return None
        if not named:
            return None  # a name the statement does not use: the name rules' concern
        return (
            f"The outcome statement names “{m['name'].strip()}” but does not set out what it holds."
        )


def _document_name(asked: str) -> re.Pattern[str] | None:
    """A pattern for a document's name as asked ("the 2023 Adelaide Strategy for
    Cooperation"): its proper words in order, a few small words between; None for no name
    (fewer than two proper words)."""
    proper = [w.removesuffix("'s").removesuffix("’s") for w in _PROPER.findall(asked)]
    proper = [w for w in proper if w.lower() != "the"]
    if len(proper) < 2:
        return None
    between = r"(?:\W+[\w-]+){0,3}?\W+"
    return re.compile(
        r"(?<![\w-])" + between.join(map(re.escape, proper)) + r"(?![\w-])", re.IGNORECASE
    )


def _says_more(rest: str, after, noun: frozenset[str], store) -> bool:
    """Whether a sentence says more of the name it just gave (`rest` is the sentence after
    the name), or the next sentence of its passage does: about it ("It ..."), or in the
    word asked for ("Areas of priority highlighted include ...") and naming no other
    document."""
    if _SAYS_OF.search(rest):
        return True
    if after is None:
        return False
    i, a, b, stems, _ = after
    text = store.passages[i].text[a:b]
    return bool(_SAID_NEXT.search(text) or noun & stems and not _DOCUMENT.search(text))


# Which actor ranks first, asked: "the best response", "the strongest record", "judge to
# be the most effective" (not "best practices", which are shared, not ranked).
_SUPERLATIVES = (
    r"best(?!\s+practi)|worst|strongest|weakest|greatest|biggest|largest|highest|lowest|"
    r"fastest|top|leading(?!\s+to\b)"
)
_RANKED = re.compile(rf"\b(?:{_SUPERLATIVES}|most\s+(?!of\b)\w+|least\s+\w+)\b", re.IGNORECASE)
# A sentence that ranks: any superlative ("its largest coordinated operation").
_RANKS = re.compile(rf"\b(?:{_SUPERLATIVES}|most|least)\b", re.IGNORECASE)


# "Which country does the statement rate ...": a class of actor asked, whatever follows.
_WHICH_ACTOR = re.compile(
    r"^\s*(?:according\s+to\s+[^,]+,\s*)?(?:which|what)\s+" + QUALIFIER + r"(?P<noun>"
    r"countr(?:y|ies)|states?|governments?|nations?|organi[sz]ations?|agenc(?:y|ies)|"
    r"members?|delegations?)\b",
    re.IGNORECASE,
)


class RankingUnsaid(Rule):
    def check(self, evidence, query, hits, config):
        ranked = _RANKED.search(query.core)
        which = _WHICH_ACTOR.search(query.core)
        if not (ranked and which):
            return None
        wanted = actor_class(which["noun"])
        kind = evidence.voices.gazetteer.kind
        answering = {h.passage for h in _answering(query, hits, config)}
        for i, a, b, _, _ in evidence.sentences:
            if i not in answering or not _RANKS.search(evidence.store.passages[i].text[a:b]):
                continue
            named = _named_in(evidence, i, a, b)
            if any(wanted == "any" or kind(x) == wanted for x in named):
                return None
        noun = {"country": "countries", "organisation": "organisations"}.get(wanted, "actors")
        return (
            f"The outcome statement does not rank the {noun}: no passage that answers this "
            f"calls one of them the “{ranked.group(0).lower()}”."
        )


# The statement's names for itself and its meeting.
_SELF_NAME = re.compile(
    r"^(?:the\s+)?(?:outcome\s+statement|(?:\w+\s+)?(?:rso\s+)?constructive\s+dialogue|"
    r"looking\s+ahead|foreword|glossary|key\s+insights?)$",
    re.IGNORECASE,
)


# A named thing an actor may speak about: a document, an operation, a body's programme.
_NAMED_THING = re.compile(rf"\b(?:{_THING_NOUNS})\b")


class NameUnsaid(Rule):
    def check(self, evidence, query, hits, config):
        if not (query.subjects and query.voice and query.names):
            return None
        store = evidence.store
        spoken: list[str] | None = None
        for name in query.names:
            if not _NAMED_THING.search(name) or _SELF_NAME.search(name):
                continue  # no named thing ("Asia and the Pacific"), or the statement itself
            if fold(name) in evidence.sections:
                continue  # a part of the statement
            words = re.findall(r"\w+", fold(name))
            pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)")
            if not pattern.search(evidence.folded):
                continue  # not the statement's name for it ("the GCM plan"): not checked
            if spoken is None:
                spoken = [
                    evidence.folded_passages[i]
                    for i in range(len(store.passages))
                    if set(query.subjects) & set(evidence.voices.of(i))
                ]
            if spoken and not any(pattern.search(text) for text in spoken):
                speaks = "speaks" if len(query.subjects) == 1 else "speak"
                who = join_names(query.subjects)
                return f"The passages where {who} {speaks} do not mention “{name}”."
        return None


RULES: tuple[Rule, ...] = (
    UnknownActor("unknown-actor", "not-mentioned", True),
    UnknownName("unknown-name", "not-mentioned", True),
    SilentActor("silent-actor", "only-listed", True),
    ActorAttribute("actor-attribute", "outside-scope", False),
    MissingPart("missing-part", "detail-mismatch", True),
    MissingSpecific("missing-specific", "detail-mismatch", True),
    NoFigure("no-figure", "no-figure", False),
    DialogueDetail("dialogue-detail", "detail-mismatch", False),
    UnknownType("unknown-type", "outside-scope", False),
    Aftermath("aftermath", "outside-scope", False),
    UnreportedEvent("unreported-event", "outside-scope", False),
    PlannedOnly("planned-only", "outside-scope", False),
    NoOtherActor("no-other-actor", "outside-scope", True),
    FutureUnsaid("future-unsaid", "outside-scope", False),
    SigningUnsaid("signing-unsaid", "outside-scope", False),
    LettersUnsaid("letters-unsaid", "outside-scope", True),
    VerdictUnsaid("verdict-unsaid", "outside-scope", False),
    ContentsUnsaid("contents-unsaid", "outside-scope", False),
    RankingUnsaid("ranking-unsaid", "outside-scope", False),
    NameUnsaid("name-unsaid", "detail-mismatch", False),
)
