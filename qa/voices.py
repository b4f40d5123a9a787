"""Who speaks in a passage, and whether a question asks what an actor said or did.

The one definition that ranking (speaker boost), the evidence check (an actor only
listed never speaks) and the answer (one line per actor) share. An actor speaks in a
passage when it leads it (`Passage.speaker`: the stressed actor of a spotlight or a
recommendation row), when it is the subject of a clause there (named, not after a
preposition, and followed by a verb: "FIJI and TONGA reaffirmed", "The RSO
provided"), or when it is the agent of a passive ("co-chaired by the governments of
New Zealand and Viet Nam", "funded by the Government of New Zealand"). An actor
named in a list ("officers in Thailand, Indonesia and Malaysia"), in brackets
("Member States (Cambodia, Laos, Myanmar)"), as a place ("Vientiane, Laos") or as
the subject of taking part ("... and the IGC participated alongside the Co-Chairs")
does not speak there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.actors import Gazetteer, Mention
from corpus.passage import Passage

__all__ = ["Voices", "asks_voice", "clause_subjects", "speakers"]

# Words after which a name is an object, a place or a list item, not a subject.
_PREPOSITIONS = frozenset(
    "in into with from of to for among amongst including such as between at on like via "
    "under within throughout towards toward against alongside across beyond than per "
    "involving besides about around".split()
)
_ARTICLES = frozenset({"the", "a", "an"})
_LISTS = frozenset({"participation", "glossary", "contact"})
# The agent of a passive: "... by (the governments of) X".
_AGENT = re.compile(
    r"\bby\s+(?:the\s+)?(?:(?:governments?|government)\s+of\s+(?:the\s+)?)?$", re.IGNORECASE
)
# A finite verb right after a name: auxiliaries, reporting verbs in the present, and
# any past form ("highlighted", "called", "shared").
_VERB = re.compile(
    r"(?:has|have|had|is|are|was|were|will|would|may|might|can|could|should|must|also|"
    r"continues?|considers?|notes?|calls?|highlights?|says?|said|stresses|emphasi[sz]es|"
    r"shares?|presents?|supports?|aims?|focuses|reports?|urges?|recommends?|proposes?|"
    r"plans?|seeks?|believes?|argues?|welcomes?|acknowledges?|reaffirms?|commits?|"
    r"provides?|stands?|extends?|remains?|looks?|sees?|wants?|hopes?|creates?|acts?|"
    r"updates?|outlines?|leads?|hosts?|chairs?|co-chairs?|made|led|took|gave|brought|"
    r"set|held|sought|spoke|told|\w{3,}ed)",
    re.IGNORECASE,
)
# Taking part is no speaking: "ICMPD, the OSCE and the IGC participated alongside the
# Co-Chairs" names who was there, as the attendance list does.
_ATTENDED = re.compile(
    r"(?:participated|attended|joined|gathered|took\s+part|(?:was|were)\s+(?:also\s+)?"
    r"(?:present|represented|in\s+attendance))\b",
    re.IGNORECASE,
)
# What may stand between two names of one subject: "X and Y", "X, Y and the Z",
# "The International Organization for Migration (IOM) and the ...".
_GAP = re.compile(r"\s*\)?\s*(?:,\s*)?(?:(?:and|&)\s+)?(?:the\s+)?\(?\s*", re.IGNORECASE)
# After the names: a closing bracket or a short bracketed aside, then the next word.
_TAIL = re.compile(r"\s*\)?(?:\s*\([^()]{1,60}\))?\s+([A-Za-z][\w'’-]*)")


def speakers(passage: Passage) -> tuple[str, ...]:
    """Who a spotlight or recommendation row is attributed to: its speaker, and any
    other actor the text names in capitals, as the statement marks who speaks
    ("FIJI and TONGA reaffirmed ..."). Other kinds are attributed to nobody.

    What a label, a badge and `Voices` (which adds the subjects of clauses) all start
    from."""
    if not passage.speaker:  # the lead: `Passage.speaker`, as everywhere
        return ()
    first, *others = passage.actors
    shouted = [
        actor
        for actor in others
        if any(ch.islower() for ch in actor)
        and re.search(rf"(?<![\w-]){re.escape(actor.upper())}(?![\w-])", passage.text)
    ]
    return (first, *shouted)


def clause_subjects(text: str, mentions: Sequence[Mention]) -> list[str]:
    """Actors that are the subject of a clause, or the agent of a passive, in `text`."""
    out: list[str] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    i = 0
    while i < len(ordered):
        j, end = i + 1, ordered[i].end
        while j < len(ordered) and _GAP.fullmatch(text, end, ordered[j].start):
            end = max(end, ordered[j].end)
            j += 1
        tail = _TAIL.match(text, end)
        start = ordered[i].start
        subject = bool(
            tail
            and _VERB.fullmatch(tail.group(1))
            and not _ATTENDED.match(text, tail.start(1))
        )
        if (subject and not _after_preposition(text, start)) or _AGENT.search(
            text, max(0, start - 40), start
        ):
            out.extend(m.actor for m in ordered[i:j] if m.actor not in out)
        i = j
    return out


def _after_preposition(text: str, start: int) -> bool:
    """Whether a name at `start` follows a preposition or an open bracket."""
    before = text[max(0, start - 60) : start]
    stripped = before.rstrip()
    if stripped.endswith(("(", "[")):
        return True
    words = re.findall(r"[A-Za-z'’]+", stripped)[-3:]
    while words and words[-1].lower() in _ARTICLES:
        words.pop()
    return (
        bool(words)
        and words[-1].lower() in _PREPOSITIONS
        and not stripped.endswith((".", ":", ";"))
    )


class Voices:
    """Who speaks in each passage of a store, and who speaks anywhere."""

    def __init__(self, passages: Sequence[Passage], gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        # Where each passage names an actor (list blocks too: they name who attended).
        self.mentions: list[list[Mention]] = [gazetteer.mentions(p.text) for p in passages]
        self._of: list[tuple[str, ...]] = []
        for passage, mentions in zip(passages, self.mentions, strict=True):
            if passage.kind in _LISTS:  # an attendance list, a glossary line, an address
                self._of.append(())
                continue
            found = clause_subjects(passage.text, mentions)
            lead = speakers(passage)
            self._of.append(tuple(dict.fromkeys([*lead, *found])))
        self.speaking: frozenset[str] = frozenset(a for voices in self._of for a in voices)

    def of(self, passage: int) -> tuple[str, ...]:
        """The actors who speak in passage number `passage`, its lead first."""
        return self._of[passage]

    def speaks(self, actor: str) -> bool:
        """Whether `actor` speaks anywhere in the statement."""
        return actor in self.speaking


# What a question asks of a named actor. "speech": what it said ("What did Laos
# recommend?", "Fiji's position", "according to Japan"); "act": what it did ("What
# has Myanmar done?"); "" when the actor is asked about rather than asked to speak
# ("How is Malaysia involved?", "What role does Viet Nam play?", "Which countries
# are in COMMIT?").
_SPEECH = (
    r"say|said|says|propose[sd]?|proposals?|recommend(?:ed|s)?|recommendations?|call(?:ed|s)?|"
    r"calls?|suggest(?:ed|s)?|suggestions?|note[sd]?|highlight(?:ed|s)?|present(?:ed|s)?|"
    r"share[sd]?|report(?:ed|s)?|announce[sd]?|pledge[sd]?|pledges|urge[sd]?|want(?:ed|s)?|"
    r"argue[sd]?|stress(?:ed|es)?|emphasi[sz]e[sd]?|think|thinks|believe[sd]?|mention(?:ed|s)?|"
    r"raise[sd]?|warn(?:ed|s)?|caution(?:ed|s)?|describe[sd]?|outline[sd]?|update[sd]?|"
    r"express(?:ed|es)?|view|views|position|positions|stance|statement|input|priorities|"
    r"commitments?|ask(?:ed|s)?|request(?:ed|s)?|tell|told|explain(?:ed|s)?|flag(?:ged|s)?|"
    r"contribute[sd]?|contributions?|bring|brought|offer(?:ed|s)?"
)
SPEECH_WORDS = _SPEECH  # the words for what an actor said, as a regex alternation
# A role held rather than something done ("What role does X play / hold?"), and what a
# name means ("What does RILON stand for / mean / refer to?"): neither asks it to act.
_ROLE = (
    r"play|plays|played|hold|holds|involved|involve|participate[sd]?|belong|belongs|"
    r"feature[sd]?|appear(?:ed|s)?|attend(?:ed|s)?|represented|listed|named|mentioned\s+as|"
    r"stand|stands|mean|means|refer|refers"
    # What an actor received is done to it, by another ("What did Pakistan gain from
    # ICMPD's support?"): it is asked about, not asked to act.
    r"|gain(?:ed|s)?|receive[sd]?|get|gets|got|benefit(?:ed|s)?|obtain(?:ed|s)?"
)
_VIEW = re.compile(rf"^(?:'s|’s)?\s+(?:{_SPEECH})\b", re.IGNORECASE)
_AUXILIARY = re.compile(
    r"\b(?:did|does|do|has|have|had|will|would|could|can|is|are|was|were)\s+$", re.IGNORECASE
)
# The verb after the name(s): past "and Tonga", a bracketed acronym ("(ILO)") or "also".
# "Pakistan's delegation said", "the UK delegation said": those who speak for an actor
# are the actor speaking.
_NEXT = re.compile(
    r"(?:\s+(?:and|&|,)\s+[^?]*?)?(?:\s*\([^()]{1,40}\))?"
    r"(?:(?:['’]s)?\s+(?:delegations?|delegates?|representatives?|government|officials?|"
    r"ministers?|spokespersons?|team))?\s+(?:also\s+)?([a-z][\w’'-]*)",
    re.IGNORECASE,
)
# "What recommendations did the ILO make?": the thing asked for is something said.
_SPEECH_NOUNS = (
    r"recommendations?|proposals?|suggestions?|views?|points?|concerns?|commitments?|"
    r"pledges?|calls?|messages?|remarks?|statements?|positions?|priorities|updates?|"
    r"observations?|findings?|lessons?|insights?|warnings?|examples?|ideas?|arguments?"
)
SPEECH_NOUNS = _SPEECH_NOUNS  # the things an actor says, as a regex alternation
_ASKS_FOR_SPEECH = re.compile(
    rf"^\s*(?:what|which)\s+(?:\w+\s+)?(?:{_SPEECH_NOUNS})\s+"
    r"(?:did|does|do|has|have|had|will|would)\s+$",
    re.IGNORECASE,
)
# After "the <name>", a second word before the end: the first was a noun the name
# modifies ("the RILON initiative strengthen?", "the RILON refresh aim to do?"), not
# the verb.
_LINKS = (
    "to|for|about|on|in|at|as|with|from|by|into|onto|over|under|regarding|concerning|"
    "towards|toward|against|during|after|before|since|through|across|around|among|amid|"
    "within|without|beyond|via|per|and|or|but|so|if|that|than|when|while|where|whether|"
    "this|these|those|its|their|his|her|our|it|them|they|there|here|up|out|off|back|down|"
    "also|not|now|then|already|yet|still|ever|together|so|too|more|most|less|least|first"
)
_MODIFIED = re.compile(
    rf"\s+(?!(?:{_LINKS})\b)[a-z][\w'’-]*(?:\s+to\s+[a-z]+)?\s*(?:\?|$)", re.IGNORECASE
)
# The name opens a longer subject that a passive verb follows ("the IGC annual meeting be
# held", "the IGC Annual Meeting under Australia's chairship be held"): the name only
# qualifies what the clause is about.
_PASSIVE_AFTER = re.compile(r"(?:\s+[a-z][\w'’-]*){1,6}\s+(?:be|been|being)\b", re.IGNORECASE)
# "What did the UK have to do with ...": how it is linked to something, not what it did.
_RELATION = re.compile(r"(?:have|has|had)\s+to\s+do\s+with\b", re.IGNORECASE)
_ACCORDING = re.compile(r"\b(?:according to|per|in the view of)\s+(?:the\s+)?$", re.IGNORECASE)


def asks_voice(question: str, mentions: Sequence[Mention]) -> tuple[str, tuple[str, ...]]:
    """What the question asks of named actors, and of which: ("speech" | "act" | "",
    the actors asked to speak or act). "What did Norway announce for the RSO?" asks
    Norway, not the RSO."""
    kinds: list[str] = []
    subjects: list[str] = []
    for m in mentions:
        before, after = question[: m.start], question[m.end :]
        stripped = re.sub(r"\s*\bthe\s+$", " ", before, flags=re.IGNORECASE)
        kind, reach = "", m.end
        if _ACCORDING.search(stripped) or _VIEW.match(after):
            kind = "speech"
        elif _AUXILIARY.search(stripped) and (verb := _NEXT.match(after)):
            word = verb.group(1)
            reach = m.end + verb.start(1)
            aux = _AUXILIARY.search(stripped)
            copula = aux is not None and aux.group(0).strip().lower() in (
                "is",
                "are",
                "was",
                "were",
            )
            if re.fullmatch(_SPEECH, word, re.IGNORECASE) or _ASKS_FOR_SPEECH.search(stripped):
                kind = "speech"
            elif (
                re.fullmatch(_ROLE, word, re.IGNORECASE)
                or word.lower() in ("the", "a", "an")
                or _RELATION.match(question, m.end + verb.start(1))
            ):
                kind = ""
            elif before.rstrip().lower().endswith("the") and _MODIFIED.match(
                question, m.end + verb.end(1)
            ):
                kind = ""  # "What will the RILON initiative strengthen?": the initiative acts
            elif _PASSIVE_AFTER.match(after):
                kind = ""  # "Where will the IGC annual meeting be held?": a meeting is held
            elif not copula or word.lower().endswith("ing"):
                kind = "act"
        if kind:
            kinds.append(kind)
            # "What do Fiji and Tonga want": every actor named before the verb.
            subjects += [o.actor for o in mentions if m.start <= o.start < reach]
    kind = "speech" if "speech" in kinds else ("act" if kinds else "")
    return kind, tuple(dict.fromkeys(subjects))
