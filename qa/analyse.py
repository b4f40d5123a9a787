"""Question analysis: clean the text, drop scope phrases, find actors, acronyms,
specifics and structural intents, and expand names for search."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.actors import Gazetteer, Mention, fold
from corpus.errors import InvalidQuestionError
from qa.definitions import defined_phrase
from qa.intents import (
    AskedType,
    Intent,
    Specific,
    asked_attribute,
    asked_type,
    asks_aftermath,
    asks_recommendation,
    claimed_words,
    dialogue_detail,
    find_intent,
    find_specifics,
    names_dialogue,
    own_theme,
    strip_scope,
)
from qa.outcomes import asks_outcome
from qa.settings import MAX_QUESTION_CHARS
from qa.shorthand import Shorthand
from qa.spelling import Speller
from qa.voices import asks_voice
from qa.wording import strip_request, title_case

__all__ = ["FRAME_WORDS", "Query", "QueryAnalyser", "asks_letters", "clean_question"]

# Words of a question's frame, not of its topic: they never count as evidence.
FRAME_WORDS = (
    "what which who whom whose when where why how did does do done say said says tell told "
    "mention mentioned describe described share shared statement dialogue outcome document "
    "according think thinks view present presented contribute contributed report reported "
    "anything something everything thing things same kind give gave given me please mean "
    "means meaning "
    "stand stands full form name short abbreviation acronym called ask asked asking regard "
    "regarding main per else happen happened happens take taken took talk talked speak "
    "spoke want wanted much many overall also way ways section summarise summarize "
    "summary overview position role play plays played hold holds use used uses using make "
    "makes made get gets got go goes going went come came know known see seen purpose purposes "
    "goal goals rationale significance reason reasons overarching central constructive "
    # Hedges and fillers: how a thing is asked, never what ("how will it actually be used").
    "actually really exactly basically specifically essentially precisely afterwards afterward "
    # How many things, or which of them, are asked ("What two separate contributions did
    # Fiji make?", "What different roles does the Philippines play?").
    "two three four five six seven eight nine ten several various different separate distinct "
    "respective"
)
# Words that ask for a part of the statement as a whole, not for a fact in it.
_STRUCTURE_WORDS = (
    "theme themes topic section part chapter summary summarise summarize summarised overview "
    "outline about cover covers covered main key points gist brief briefly explain recap "
    "one two three four five first second third fourth fifth number insights look ahead "
    "foreword preface glossary participation support was were is are next step steps"
)

_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}
# Who signed the statement or its foreword: its signature blocks (a name, then a role).
_SIGNED = re.compile(
    r"^\s*(?:who|whose|which)\b[^?]*\b(?:signator(?:y|ies)|signatures?)\b(?![^?]*\bof\s+the\s+[A-Z])"
    r"|\b(?:who|whom)\b[^?]*\bsigned\s+(?:off\s+)?(?:(?:the|this|its)\s+)?(?:outcome\s+)?"
    r"(?:statement|foreword|document|report)\b|\b(?:statement|foreword)\b[^?]*\bsigned\s+by\b",
    re.IGNORECASE,
)
# Questions that ask what a name or acronym means.
_DEFINITION = re.compile(
    r"\b(what(?:['’]?s| is| are| does)|stand(?:s)? for|mean(?:s|ing)?|defin\w*|acronym|"
    r"abbreviat\w*|full (?:form|name))\b",
    re.IGNORECASE,
)
# "What does IFLEC stand for?", "the full form of RILON": only the letters' meaning is
# asked, which the glossary line gives exactly.
_EXPANSION = re.compile(
    r"\bstands?\s+for\b|\bfull\s+(?:form|name)\b|\babbreviat\w*|\bshort\s+for\b|"
    r"\bacronym\s+(?:for|of)\b|\bletters\b",
    re.IGNORECASE,
)
# The name first, then what it is asked by a pronoun: "SPA-V - what is it and what period
# does it cover?", "RILON: what's that, and who is in it?".
_WHAT_IS_IT = re.compile(
    r"^\s*(?P<name>[^\s?]+(?:\s+[^\s?]+)?)\s*[-–—:?]\s*what(?:['’]s|\s+(?:is|are|was|were))\s+"
    r"(?:it|that|this|they)\b",
    re.IGNORECASE,
)
_MEANING_WORDS = (
    "what is are does do stand stands for mean means meaning define definition acronym "
    "abbreviation full form name short the"
)


def clean_question(question: object) -> str:
    """The question as text the pipeline can use, or one sentence saying why not."""
    if not isinstance(question, str):
        raise InvalidQuestionError(f"The question must be text, not {type(question).__name__}.")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestionError(
            f"The question is {len(question):,} characters long; the limit is "
            f"{MAX_QUESTION_CHARS:,}. Shorten it to the question itself."
        )
    text = unicodedata.normalize("NFKC", question)
    text = "".join(
        " " if unicodedata.category(ch) in _CONTROL and ch not in "\n\t" else ch for ch in text
    )
    text = " ".join(text.split())
    if not text:
        raise InvalidQuestionError(
            "The question is empty. Type a question about the outcome statement."
        )
    return text


# Words that ask for what a list block holds: who attended, how to get in touch.
_ASKS_LIST = {
    "participation": re.compile(
        r"\b(attend\w*|participa\w*|represent\w*|present at|in attendance|took part|"
        r"take part|members? and observers?|observers?|thank\w*|gratitude|"
        # "Did the UK send a delegation?": whether it came.
        r"sen[dt]\s+(?:a\s+|any\s+|an?\s+official\s+)?(?:delegat\w*|representatives?|officials?))\b",
        re.IGNORECASE,
    ),
    "contact": re.compile(
        r"\b(address|phone|telephone|tel|fax|e-?mail|contact|website|web site|located|"
        r"office|linkedin|facebook|twitter|x\.com|reach)\b"
        # "Where is the RSO based?": where its office is (not "countries based in ...").
        r"|^\s*where\b.*\bbased\b",
        re.IGNORECASE,
    ),
}

# What the statement itself, or the dialogue's delegates as one, say about a topic ("What
# does the statement say about data?", "what did delegates note on corruption?", "what came
# up about AI?"): the statement's own words, not one actor's report.
_OWN_WORDS = re.compile(
    r"\b(?:statement|document|report|dialogue|delegates|participants|discussions?)\s+"
    r"(?:\w+\s+){0,2}?(?:say|said|says|note|noted|notes|conclude[sd]?|characteri[sz]es?|"
    r"describes?|described|sees?|saw|frames?|framed|identif(?:y|ies|ied)|highlight(?:s|ed)?|"
    r"stress(?:es|ed)?)\b|\bwhat\s+came\s+up\b|\bwhat\s+(?:was|is)\s+said\s+(?:about|on)\b",
    re.IGNORECASE,
)

# Being at the dialogue itself is attending it ("Which UN agencies were at the
# Dialogue?"); read before the dialogue's name goes with the scope phrases.
_AT_DIALOGUE = re.compile(
    r"\b(?:was|were)\s+(?:present\s+)?at\s+(?:the|this)\s+(?:[\w'’-]+\s+){0,5}?dialogue\b",
    re.IGNORECASE,
)

# Attendance at another event than the dialogue ("attended the joint meetings in Manila",
# "took part in the tabletop exercise"): the dialogue's attendance list does not answer.
# ("attended the Third Dialogue" is left to the ordinal, a detail that must match; the
# dialogue's sessions and workshops are the dialogue.)
_OTHER_EVENT = re.compile(
    r"\b(?:attend\w*|participa\w*|represent\w*|present at|took part|take part)\b[^?.;]*?"
    r"\b(?P<event>meetings?|forums?|conferences?|exercises?|operations?|"
    r"trainings?|programmes?|programs?|summits?|consultations?)\b",
    re.IGNORECASE,
)


# Taking part in something ("Which organisations took part in the Tour de Table?", "which
# countries sat at the table", "which UN agencies joined"): a list of participants, which
# the passage naming the most of them gives.
_TOOK_PART = re.compile(
    r"\b(?:took|take|taking)\s+part\b|\bparticipat\w*|\battend\w*|\bjoin(?:ed|s)?\b|"
    r"\bsat\s+(?:at|on|in)\b|\bin\s+attendance\b|\brepresented\b|\bbrought\s+together\b|"
    r"\b(?:was|were|are|is)\s+(?:present|involved)\b",
    re.IGNORECASE,
)


def _asks_lists(core: str) -> frozenset[str]:
    """The list blocks a question asks for: the attendance list only when it asks who
    attended the dialogue itself (its name is gone with the scope phrases)."""
    kinds = {kind for kind, pattern in _ASKS_LIST.items() if pattern.search(core)}
    if other_event(core) or _WHO_SPOKE.search(core):
        kinds.discard("participation")
    return frozenset(kinds)


# "Which participants addressed reintegration?", "Which delegations called for ...?": who
# spoke on a topic, which the passages that report it answer, not the attendance list.
_WHO_SPOKE = re.compile(
    r"\b(?:which|what)\s+(?:[a-z-]+\s+)?(?:participants?|delegat\w*|members?|observers?|"
    r"representatives?)\s+(?:[a-z-]+\s+){0,2}?(?:addressed|discussed|spoke|talked|raised|"
    r"mentioned|highlighted|called|proposed|recommended|shared|presented|noted|described|"
    r"focused|covered|said|stressed|emphasi[sz]ed|warned|urged|suggested|reported)\b",
    re.IGNORECASE,
)


# ... or a body that met apart from it, named first ("Where did the trafficking working
# group convene, and how many took part?").
_BODY_MET = re.compile(
    r"\b(?P<event>groups?|meetings?|forums?|conferences?|summits?|exercises?)\b[^?]*?"
    r"\b(?:convened?|convening|met|meet|meets|held)\b",
    re.IGNORECASE,
)


def other_event(core: str) -> bool:
    """Whether the question asks about attendance at another event than the dialogue."""
    return bool(_OTHER_EVENT.search(core) or _BODY_MET.search(core))


def event_noun(core: str) -> str:
    """The kind of other event whose attendance is asked ("exercise"), or ""."""
    m = _OTHER_EVENT.search(core) or _BODY_MET.search(core)
    return m.group("event").lower() if m else ""


# Markup and template noise pasted around a question: HTML (with script and style
# bodies), console markup ("[bold red]", "[/]", the "[31m" left of a colour code),
# template fields ("{question}", "${HOME}", "%s").
_NOISE = re.compile(
    r"<(script|style)\b.*?</\1\s*>|<[^<>]{0,200}>|\[/?[a-z0-9 #=,;/.-]{0,40}\](?!\()"
    r"|\$?\{[^{}]{0,80}\}|%[sdnrif]\b|`[^`]*`|\]?\((?:https?|ftp)://[^)\s]*\)"
    r"|(?<!\w)[*_]+|[*_]+(?!\w)",
    re.IGNORECASE | re.DOTALL,
)
# A question after a preamble ("Ignore the statement. What did Fiji call for?"): the
# sentences that ask are the question.
_ASKING = re.compile(r"[^.!?]*\?")
# A short question that points back at the sentence before it ("... polycriminality.
# What does that mean?"): that sentence holds what is asked.
_POINTS_BACK = re.compile(
    r"^\W*(?:\w+\s+){0,5}?(?:that|this|these|those|it|they|them)\b(?:\s+\w+){0,3}\W*$",
    re.IGNORECASE,
)


def _plain(text: str) -> str:
    """The question without markup noise and without a preamble that does not ask (what
    analysis reads; the text shown is kept)."""
    out = " ".join(_NOISE.sub(" ", text).replace("[", " ").split())
    asking = [m.group(0).strip() for m in _ASKING.finditer(out)]
    if any(_POINTS_BACK.match(a) for a in asking):
        return out
    if asking and len(asking) < len(re.split(r"(?<=[.!?])\s+", out.strip())):
        out = " ".join(asking)
    return out or text


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans cut out (the names of actors)."""
    out, pos = [], 0
    for start, end in sorted(spans):
        if start >= pos:
            out.append(text[pos:start])
            pos = end
    out.append(text[pos:])
    return " ".join("".join(out).split())


def asks_letters(text: str) -> bool:
    """Whether a question asks what letters stand for ("What does X stand for?", "the
    full form of X")."""
    return bool(_EXPANSION.search(text))


def _asks_meaning(text: str, acronyms: list[str]) -> bool:
    """ "What is RILON?", "what does SPA-V stand for", "RILON?": the question is the acronym.

    Once the acronym and the words that ask for a meaning are gone, at most one
    content word may remain ("What is the RSO Secondment Programme for?" keeps two,
    so it asks about the programme, not about the RSO).
    """
    from index.lexical import lexical_tokens

    ignore = set(lexical_tokens([" ".join(acronyms) + " " + _MEANING_WORDS])[0])
    rest = [t for t in lexical_tokens([text])[0] if t not in ignore]
    if not _DEFINITION.search(text):
        # "RILON?", "ifLEC": the name alone, as a search box takes it, asks what it is.
        return not rest and not re.search(r"[a-z]\s+[a-z]", _without_names(text, acronyms))
    return len(rest) <= 1


def _without_names(text: str, names: Sequence[str]) -> str:
    """`text` with each of `names` cut out (any case), to see what else it says."""
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return text


# A question that joins two asks: "both ... and", "... and when?", "..., and which ...".
_PARTS = re.compile(
    r"\bboth\b|(?:\band|\bor|,)\s+(?:what|which|who|whom|when|where|why|how)\b", re.IGNORECASE
)
# An ask already made before the join; without one, "Under theme 1, what ...?" opens
# with a phrase that sets the scene, and asks once.
_ASKED = re.compile(
    r"\b(?:what|which|who|whom|when|where|why|how)\b|^\s*(?:is|are|was|were|did|does|do|"
    r"has|have|had|can|could|will|would|should|tell|list|name|describe|explain|summ?ari[sz]e)\b",
    re.IGNORECASE,
)


def asks_twice(text: str) -> bool:
    """Whether `text` joins a second ask onto a first ("..., and when?")."""
    for m in _PARTS.finditer(text):
        if m.group(0).lower() == "both" or _ASKED.search(text[: m.start()]):
            return True
    return False


# A run of capitalised words, joined by the small words names use.
_NAME_RUN = re.compile(
    r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|on|for|the|and|in|against|de)\s+)*[A-Z][\w'’-]*)+"
)
_ACRONYM = re.compile(r"\b[A-Z]{3,}\b")
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|its|their|his|her|our|your)$", re.IGNORECASE)
_ONE_CAPITAL = re.compile(r"\b[A-Z][a-z][\w'’-]*")
_ROMAN = re.compile(r"[IVXLC]+")
_CONNECTORS = frozenset({"of", "on", "for", "the", "and", "in", "against", "de"})
# A country's name before a currency names the currency ("the losses in US dollars"),
# not the country as an actor.
_CURRENCY = re.compile(
    r"\s+(?:dollars?|rupiah|baht|yen|euros?|pesos?|ringgit|rupees?|taka|dong|kip|"
    r"pa['’]anga|currency)\b",
    re.IGNORECASE,
)

# When something was held ("When was ... held?", "when did ... take place?").
_WHEN_HELD = re.compile(
    r"^\s*(?:when|on\s+what\s+dates?|what\s+dates?)\b[^?]*\b(?:held|take\s+place|took\s+place|"
    r"happen|happened|run|convened?|meet|met)\b"
    # "dates of the fourth dialogue", "what were the dates of the dialogue?", "When was
    # the fourth RSO Constructive Dialogue?"
    r"|^\s*(?:(?:what|which)\s+(?:is|are|was|were)\s+)?(?:the\s+)?dates?\s+(?:of|for)\b"
    r"|^\s*when\s+(?:is|was)\b",
    re.IGNORECASE,
)
# A word with a demonym's ending, and the word before it ("Sri Lankan", "Bangladeshi").
_DEMONYM = re.compile(r"\b(?:[A-Z][a-z]+\s+)?(?P<last>[A-Za-z][a-z]{3,}(?:an|ese|i|ish|ine))\b")
# A country named as a place: "in Cambodia", "within Myanmar" (not "from Fiji": delegates
# from a country are who came, which the attendance and voice rules check).
_PLACE_BEFORE = re.compile(r"\b(?:in|inside|within)\s+(?:the\s+)?$", re.IGNORECASE)
# Words that open a question in capitals without naming anything.
_LEADING = frozenset(
    "what who which how when where why is are was were did does do has have had can could "
    "should would will summarise summarize list name tell give describe explain according "
    "in at during".split()
)


@dataclass(frozen=True)
class Query:
    """An analysed question.

    `text` is the cleaned question as asked; `core` is it without scope phrases
    (what ranking and the evidence check read); `voice` is "speech" or "act" when the
    question asks what a named actor said or did (`qa.voices`); `specifics` must
    match in a cited passage.
    """

    text: str
    search_text: str
    actors: tuple[str, ...]
    unknown_actors: tuple[str, ...]
    acronyms: tuple[str, ...]
    definition: bool = False
    lists: frozenset[str] = frozenset()
    core: str = ""
    specifics: tuple[Specific, ...] = ()
    intent: Intent | None = None
    voice: str = ""  # "speech" or "act" when it asks what a named actor said or did
    subjects: tuple[str, ...] = ()  # the actors asked to have said or done it
    topic: str = ""  # `core` without the actors' names: what the question is about
    names: tuple[str, ...] = ()  # other proper names it uses ("World Bank", "UNICEF")
    attribute: str = ""  # what it asks of a named actor as a whole ("capital", "currency")
    other_event: bool = False  # asks who attended another event than the dialogue
    logistics: str = ""  # what it asks of the dialogue's own logistics ("hotel hosted")
    asked: AskedType | None = None  # the kind of thing the answer must be ("hotel", "city")
    aftermath: bool = False  # asks what followed the dialogue ("closed as a result of it")
    event: str = ""  # the other event whose attendance is asked ("exercise"), if any
    recommends: bool = False  # asks what was recommended or called for ("What did Fiji urge?")
    claim: tuple[str, ...] = ()  # a yes/no question's words for a past event ("approved")
    expansion: bool = False  # asks only what an acronym's letters stand for
    outcome: bool = False  # asks whether something was done, or what came of it
    defined: str = ""  # the name or phrase asked to be defined ("the RSO Border Forum")
    spelled: bool = False  # asks what an acronym stands for or is, maybe among other asks
    # asks what the statement, its delegates or its discussions say (no actor named)
    own_words: bool = False
    unknown_subjects: tuple[str, ...] = ()  # asked to have said or done it, never named
    signed: bool = False  # asks who signed the statement (its signature blocks answer)
    # asks when the dialogue itself took place (its title page, dated, answers)
    when_held: bool = False
    participants: bool = False  # "which <actors> took part in ...": a list of participants
    taken_part_in: tuple[str, ...] = ()  # the word stems of what they took part in

    @property
    def multi_part(self) -> bool:
        """Whether the question asks about several things at once: two actors, "both ...
        and", or a second question joined on ("..., and when?"). A country named as a
        place ("from scam centres in Cambodia") is not a second actor asked about."""
        return len(self.asked_actors) >= 2 or asks_twice(self.core or self.text)

    @property
    def asked_actors(self) -> tuple[str, ...]:
        """The actors the question is about: a country named as a place ("scam centres in
        Cambodia") is a detail of it, not one of them."""
        places = {s.forms[0] for s in self.specifics if s.kind == "place"}
        return tuple(a for a in self.actors if a not in places)

    @property
    def wanted_lists(self) -> frozenset[str]:
        """The list-like passage kinds this question asks for."""
        return self.lists | ({"glossary"} if self.definition or self.spelled else set())


class QueryAnalyser:
    """Knows the statement's actors and glossary; turns a question into a Query."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        mentioned: frozenset[str],
        glossary: dict[str, str],
        *,
        themes: dict[int, str] | None = None,
        texts: Sequence[str] = (),
    ):
        from index.lexical import lexical_tokens

        self.gazetteer = gazetteer
        # Stems of the words the statement writes in lower case ("commitment"): a
        # question's lower-case "commit" is that word, not the COMMIT Process.
        lower = re.findall(r"(?<![^\s(“‘\"'])[a-z][a-z'’]+(?=[\s.,;:!?)”’\"'])", "\n".join(texts))
        self.word_stems = frozenset(lexical_tokens([" ".join(dict.fromkeys(lower))])[0])
        # Every word stem of the statement, in any case (for questions in Title Case).
        vocabulary = re.findall(r"[A-Za-z][\w'’-]*", "\n".join(texts).lower())
        self.any_stems = frozenset(lexical_tokens([" ".join(dict.fromkeys(vocabulary))])[0])
        self.speller = Speller(vocabulary)  # a misspelt word of the statement is no name
        self.shorthand = Shorthand(vocabulary)  # "MoUs": the statement's "memoranda of ..."
        self.mentioned = mentioned
        self.glossary = glossary
        self.themes = dict(themes or {})
        self._frame = frozenset(lexical_tokens([FRAME_WORDS])[0])
        self._held = frozenset(
            lexical_tokens(["held hold place date dates day days fourth 4th rso 2026"])[0]
        )
        self._structure = frozenset(lexical_tokens([_STRUCTURE_WORDS])[0])
        # Each theme's title words that no other title uses: "the labour mobility theme".
        words = {n: set(lexical_tokens([t])[0]) for n, t in self.themes.items()}
        self.title_words = {
            n: {w for w in ws if not any(w in o for m, o in words.items() if m != n)}
            for n, ws in words.items()
        }
        self.theme_words = words
        self._by_expansion = {fold(v): k for k, v in glossary.items()}
        self._acronym = (
            re.compile(
                r"(?<![A-Za-z0-9])("
                + "|".join(sorted(map(re.escape, glossary), key=len, reverse=True))
                + r")(?![A-Za-z0-9])",
                re.IGNORECASE,
            )
            if glossary
            else None
        )

    def analyse(self, question: str, *, expand: bool = True) -> Query:
        from index.lexical import lexical_tokens

        text = clean_question(question)
        plain = self.shorthand.expand(_plain(text))
        asked = strip_request(plain)
        core = strip_scope(asked)
        if core != asked and not set(lexical_tokens([core])[0]) - self._frame:
            # "What is the purpose of the Constructive Dialogue?": with the dialogue's
            # name gone nothing is asked; the dialogue itself is the topic (the
            # statement's name still goes: "..., as the statement defines it?").
            core = strip_scope(asked, meeting=False)
        actors: list[str] = []
        unknown: list[str] = []
        mentions = [
            m
            for m in self.gazetteer.mentions(core)
            if not self._word(core, m) and not _CURRENCY.match(core, m.end)
        ]
        for mention in mentions:
            target = actors if mention.actor in self.mentioned else unknown
            if mention.actor not in target:
                target.append(mention.actor)
        acronyms = self._acronyms(core)
        names: list[str] = []
        expansions: list[str] = []
        if expand:
            names = [a for a in actors if fold(a) not in fold(core)]
            expansions = [f"{a} {self.glossary[a]}" for a in acronyms]
        # "What is the Indonesia Foreign Law Enforcement Community?" asks what IFLEC is.
        named = acronyms + [
            self.glossary[a] for a in acronyms if fold(self.glossary[a]) in fold(core)
        ]
        # A word inside a name ("Regional Support Office") asks for no list block.
        lists = _asks_lists(_without(core, [(m.start, m.end) for m in mentions]))
        if _AT_DIALOGUE.search(asked):
            lists |= {"participation"}  # "Which UN agencies were at the Dialogue?"
        # "What is the email of the RSO?" asks for a contact detail, not what the RSO is.
        definition = bool(acronyms) and _asks_meaning(core, named) and "contact" not in lists
        # Actors are searched by their statement names; an acronym's expansion
        # only when its meaning is asked, else the glossary line wins every query
        # that names the acronym.
        search_text = " ".join([core, *names, *(expansions if definition else [])])
        # Content words beyond frame and structure (actors' names count: "what did
        # Nepal say under theme 3" is about Nepal, not a summary of the theme).
        rest = [
            t
            for t in lexical_tokens([core])[0]
            if t not in self._frame and t not in self._structure
        ]
        intent = find_intent(
            core, self.themes, rest, self.title_words, theme_words=self.theme_words
        )
        if not actors:  # "What did Fiji say about this year's theme?" asks Fiji
            intent = own_theme(asked, intent)
        participants = bool(intent and intent.kind == "which" and _TOOK_PART.search(core))
        # "What does RILON stand for?" asks about a name, not what it said or did.
        voice, subjects = ("", ()) if definition else asks_voice(core, mentions)
        # The number that names a theme or a key insight is no detail to find.
        skip = (intent.span,) if intent and intent.theme is not None else ()
        return Query(
            text,
            search_text,
            tuple(actors),
            tuple(unknown),
            tuple(acronyms),
            definition,
            lists,
            core=core,
            specifics=find_specifics(core, skip=skip)
            + self._places(core, mentions)
            + self._demonyms(core),
            intent=intent,
            voice=voice,
            subjects=tuple(a for a in subjects if a in actors),
            unknown_subjects=tuple(a for a in subjects if a in unknown),
            signed=bool(_SIGNED.search(core)),
            topic=(topic := _without(core, [(m.start, m.end) for m in mentions])),
            names=self._names(topic, core),
            attribute=asked_attribute(core, mentions),
            other_event=other_event(core),
            logistics=dialogue_detail(core),
            asked=asked_type(core),
            aftermath=asks_aftermath(plain),
            claim=claimed_words(topic),  # an actor's name is checked by rules of its own
            expansion=definition and bool(_EXPANSION.search(core)) and not asks_twice(core),
            recommends=asks_recommendation(core, of_actor=bool(actors)),
            event=event_noun(core),
            outcome=asks_outcome(core),
            defined=self._defined(core, mentions),
            spelled=bool(acronyms) and bool(_EXPANSION.search(core) or self._named_first(core)),
            own_words=not actors and bool(_OWN_WORDS.search(asked)),
            when_held=self._when_held(asked),  # the dialogue's name, not yet gone as scope
            participants=participants,
            taken_part_in=self._taken_part_in(core) if participants else (),
        )

    def _places(self, core: str, mentions: Sequence[Mention]) -> tuple[Specific, ...]:
        """Countries named as where something happened ("scam centres in Cambodia"): a
        detail the passage that answers must name too, like a year or a figure."""
        return tuple(
            Specific("place", core[m.start : m.end], (m.actor, core[m.start : m.end]))
            for m in mentions
            if m.actor in self.gazetteer.countries and _PLACE_BEFORE.search(core[: m.start])
        )

    def _defined(self, core: str, mentions: Sequence[Mention]) -> str:
        """The name asked to be defined, without the actors that qualify it ("the IOM/UNHCR
        routes-based approach" is the routes-based approach); a name that is an actor's
        own ("the RSO Border Forum") stays whole."""
        phrase = defined_phrase(core)
        bare = defined_phrase(_without(core, [(m.start, m.end) for m in mentions]))
        bare = re.sub(r"^(?:(?:and|or|&|/|-)\s*)+", "", bare.strip(" /&-"), flags=re.I)
        kept = re.findall(r"[\w'’-]+", bare)
        return bare if phrase and len(kept) >= 2 else phrase

    def _named_first(self, core: str) -> bool:
        """ "SPA-V - what is it ...": the question opens with an acronym alone, then asks
        what it is."""
        m = _WHAT_IS_IT.search(core)
        if m is None:
            return False
        return fold(m.group("name").strip(" '\"‘’“”")) in map(fold, self.glossary)

    def _taken_part_in(self, core: str) -> tuple[str, ...]:
        """The words of what a question asks who took part in ("... in the Tour de Table"
        -> tour, table), up to the next ask; none for the dialogue itself (its name went
        with the scope)."""
        from index.lexical import lexical_tokens

        m = _TOOK_PART.search(core)
        if m is None:
            return ()
        taken = re.split(r",|\band\b|\?", core[m.end() :], maxsplit=1)[0]
        words = lexical_tokens([taken])[0]
        return tuple(t for t in words if t not in self._frame and t not in self._structure)

    def _when_held(self, asked: str) -> bool:
        """ "When did the dialogue take place?", "when was the 4th constructive dialogue
        held", "dates of the fourth RSO constructive dialogue": the date of the dialogue
        itself, and nothing more."""
        from index.lexical import lexical_tokens

        if not (_WHEN_HELD.search(asked) and names_dialogue(asked)):
            return False
        rest = set(lexical_tokens([strip_scope(asked, meeting=False)])[0])
        rest = rest - self._frame - self._held
        return not rest

    def _demonyms(self, core: str) -> tuple[Specific, ...]:
        """A country named by its demonym ("Bangladeshi immigration officers", "the
        Australian measures"): whose they are is a detail the passage that answers must
        name, like a place."""
        found = []
        for m in _DEMONYM.finditer(core):
            # "Sri Lankan" as a whole, else its last word ("the Bangladeshi" -> "Bangladeshi").
            whole = self._country_of(m.group(0))
            shown = m.group(0) if whole else m.group("last")
            actor = whole or self._country_of(shown)
            if actor:
                found.append(Specific("place", shown, (actor, shown)))
        return tuple(found)

    def _country_of(self, word: str) -> str | None:
        """The country a demonym names ("Bangladeshi": Bangladesh, "Sri Lankan": Sri
        Lanka, "Maldivian": Maldives), else None."""
        for variant in (
            word[:-1],
            word[:-2],
            word[:-3],
            word[:-1] + "a",
            word + "s",
            word[:-3] + "es",
        ):
            actor = self.gazetteer.canonical(variant) if len(variant) >= 4 else None
            if actor and actor in self.gazetteer.countries:
                return actor
        return None

    def _word(self, text: str, mention: Mention) -> bool:
        """Whether a mention is an everyday word of the statement written in lower case
        ("what they were forced to commit"), not the body whose acronym it spells. A
        question typed all in lower case may spell acronyms so: there it is the body."""
        from index.lexical import lexical_tokens

        raw = text[mention.start : mention.end]
        if not raw.islower() or " " in raw or text.islower():
            return False
        stems = lexical_tokens([raw])[0]
        return len(stems) == 1 and stems[0] in self.word_stems

    def _names(self, topic: str, core: str) -> tuple[str, ...]:
        """Proper names in the question that are not actors: runs of two or more
        capitalised words ("World Bank", "Declaration of Partnership") and upper-case
        acronyms ("UNICEF"). A demonym of a known actor ("Sri Lankan officers") is
        not a name. Nothing is found in a question written all in capitals."""
        if core.isupper():
            return ()
        if title_case(core):
            topic = self._decapitalise(topic)
        found: list[str] = []
        for m in _NAME_RUN.finditer(topic):
            run = m.group(0)
            words = run.split()
            if m.start() == 0 and words[0].lower() in _LEADING:
                words = words[1:]
            while words and words[0].lower() in _CONNECTORS:
                words = words[1:]
            name = " ".join(words)
            if len(words) >= 2 and not self._demonym(name):
                found.append(name)
        for m in _ACRONYM.finditer(topic):
            word = m.group(0)
            if word not in self.glossary and not _ROMAN.fullmatch(word):
                found.append(word)
        found.extend(self._single_names(topic, found))
        return tuple(dict.fromkeys(found))

    def _single_names(self, topic: str, found: Sequence[str]) -> list[str]:
        """One capitalised word inside a sentence that the statement never writes in
        any case ("What did Europol present?"): a proper name. A capital opening a
        sentence names nothing, nor does one after an article ("the President"), nor a
        misspelt word of the statement ("Thailnad")."""
        from index.lexical import lexical_tokens

        taken = " ".join(found)
        names: list[str] = []
        for m in _ONE_CAPITAL.finditer(topic):
            word = m.group(0)
            before = topic[: m.start()].rstrip()
            if not before or before[-1] in '.?!:;"“‘(' or word in taken:
                continue
            if _DETERMINER.search(before):
                continue  # "the President of Fiji": a title or a common noun, capitalised
            stems = lexical_tokens([word.lower()])[0]
            if not stems or stems[0] in self.any_stems or word.lower() in _LEADING:
                continue
            if self._demonym(word) or self.speller.misspells(word):
                continue
            names.append(word)
        return names

    def _decapitalise(self, text: str) -> str:
        """A question typed in Title Case, with the words the statement writes in lower
        case (and the small words) in lower case again: its capitals name nothing."""
        from index.lexical import lexical_tokens

        def lower(m: re.Match[str]) -> str:
            word = m.group(0)
            if word.isupper() and len(word) > 1:
                return word  # an acronym keeps its capitals
            stems = lexical_tokens([word.lower()])[0]
            small = word.lower() in _LEADING or word.lower() in _CONNECTORS
            known = self.any_stems | self._frame | self._structure
            return word.lower() if small or not stems or stems[0] in known else word

        return re.sub(r"[A-Za-z][\w'’-]*", lower, text)

    def _coined(self, word: str) -> bool:
        """Whether a lower-case word is no word of the statement's prose ("rso", not
        "it"): in a question typed all in lower case, such a word is the acronym."""
        from index.lexical import lexical_tokens

        stems = lexical_tokens([word])[0]
        return bool(stems) and stems[0] not in self.word_stems

    def _demonym(self, name: str) -> bool:
        """ "Sri Lankan", "Philippine", "Vietnamese": an actor's name with a suffix."""
        head = name.split()
        for cut in range(len(head), 0, -1):
            stem = " ".join(head[:cut])
            for variant in (stem, stem[:-1], stem[:-2], stem[:-3], stem + "s"):
                if variant and self.gazetteer.canonical(variant):
                    return True
        return False

    def _acronyms(self, text: str) -> list[str]:
        found: list[str] = []
        if self._acronym:
            for m in self._acronym.finditer(text):
                raw = m.group(1)
                # "it" or "ngo" in lower case are words; acronyms are written upper,
                # except in a question typed all in lower case ("what is the rso").
                key = next((k for k in self.glossary if k.lower() == raw.lower()), None)
                cased = raw.isupper() or len(raw) >= 5 or (text.islower() and self._coined(raw))
                if key and cased and key not in found:
                    found.append(key)
        # "COMMIT" for the glossary's "COMMIT Process": its letters, written in capitals.
        for key in self.glossary:
            head = key.split()[0]
            if (
                " " in key
                and key not in found
                and len(head) >= 3
                and head.isupper()
                and re.search(rf"(?<![\w-]){re.escape(head)}(?![\w-])", text)
            ):
                found.append(key)
        folded = fold(text)
        for expansion, acronym in self._by_expansion.items():
            if expansion in folded and acronym not in found:
                found.append(acronym)
        return found
