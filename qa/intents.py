"""How people ask: scope phrases, specifics, and structural intents.

- *Scope phrases* name the document or the meeting the whole statement is about ("at
  the Fourth RSO Constructive Dialogue", "according to the outcome statement"); they
  add nothing to a question and pull every answer towards the title line, so they are
  removed before ranking. A phrase that names *another* meeting ("the Fifth dialogue",
  "the 2024 dialogue") is not scope: it is a specific that has to match.
- *Specifics* are details a cited passage must contain: years, figures and ordinals.
- *Attributes* are general knowledge asked of a named actor as a whole ("the capital
  of Fiji", "What currency does Tonga use?").
- *Structural intents* ask for a part of the statement rather than a fact in it: a
  theme by number, ordinal or title words, a named section, the dialogue's own theme,
  "which countries ...", and a count over a list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from corpus.actors import Mention

__all__ = [
    "GENERIC_TYPES",
    "SECTIONS",
    "AskedType",
    "Intent",
    "Specific",
    "asked_attribute",
    "asked_type",
    "asks_aftermath",
    "asks_recommendation",
    "dialogue_detail",
    "find_intent",
    "find_specifics",
    "names_dialogue",
    "strip_scope",
]

# The meeting and the document every question is implicitly about.
_SELF = r"(?:fourth|4th|2026|january\s+2026)"
# The office that convenes the dialogue, by its acronym or its full name.
_HOST = r"(?:rso|regional\s+support\s+office(?:\s+of\s+the\s+bali\s+process)?|bali\s+process)"
_MEETING = (
    rf"(?:(?:{_SELF})\s+)?(?:{_HOST}\s+)?(?:(?:{_SELF})\s+)?"
    r"(?:constructive\s+)?(?:dialogue|meeting|event)(?:\s+(?:in|of)\s+2026|\s+2026)?"
)
_MEETING_SCOPE = re.compile(
    # Not inside the office's full name ("the Regional Support Office of the Bali Process").
    r"(?<!office)(?<!office\s)\s*,?\s*\b(?:"
    rf"(?:at|in|during|from|of|for|throughout|within)\s+(?:the|this)\s+{_MEETING}"
    r")\b\s*,?",
    re.IGNORECASE,
)
_SCOPE = re.compile(
    r"\s*,?\s*\b(?:"
    r"(?:according\s+to|in|from|per|based\s+on|as\s+(?:stated|described|reported|set\s+out|"
    r"defined|used|meant)\s+(?:in|by))\s+(?:the|this)\s+(?:outcome\s+)?(?:statement|document|report|text)"
    # "What is the Constructive Dialogue, as the statement defines it?"
    r"|as\s+(?:the|this)\s+(?:outcome\s+)?(?:statement|document|report|text)\s+"
    r"(?:defines|describes|puts|frames|calls|uses|means|presents)\s+(?:it|them)"
    r")\b\s*,?",
    re.IGNORECASE,
)
# "the fourth dialogue", "the 2026 Constructive Dialogue": a self-reference, not a detail.
_SELF_REFERENCE = re.compile(
    rf"\b{_SELF}\s+(?:{_HOST}\s+)?(?:constructive\s+)?(?:dialogue|border\s+forum)",
    re.IGNORECASE,
)


_THIS_YEAR = re.compile(r"\bthis\s+year(?:['’]s)?\b", re.IGNORECASE)
# The document as the subject: "What does the outcome statement mean by X?" asks what X
# means; "How does the statement frame returns?" how returns are framed.
_DOCUMENT_SUBJECT = re.compile(
    r"\b(does|did|do)\s+(?:the|this)\s+(?:outcome\s+)?(?:statement|document|text)\s+(?=[a-z])",
    re.IGNORECASE,
)


def strip_scope(text: str, *, meeting: bool = True) -> str:
    """The question without phrases that only name the statement or the dialogue (the
    dialogue's only when `meeting`: "What is the purpose of the Constructive Dialogue?"
    keeps it, as its topic)."""
    out = _SCOPE.sub(" ", _MEETING_SCOPE.sub(" ", text) if meeting else text)
    out = _DOCUMENT_SUBJECT.sub(r"\1 ", _THIS_YEAR.sub(" ", out))
    out = " ".join(out.split())
    out = re.sub(r"\s+([?.!,])", r"\1", out).strip(" ,")
    return out or text


_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "5th": 5,
    "6th": 6,
}
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
}


@dataclass(frozen=True)
class Specific:
    """A detail named in the question: its kind and the forms a passage may use."""

    kind: str  # "year", "figure", "ordinal" or "place" (a country named as where)
    text: str
    forms: tuple[str, ...]

    def found_in(self, text: str) -> bool:
        """Whether `text` names this detail in one of its forms (as a whole word)."""
        return bool(self.forms) and _names_form(self.forms, text)


@lru_cache(maxsize=8192)
def _names_form(forms: tuple[str, ...], text: str) -> bool:
    """Remembered per passage: retrieval and the evidence rules ask it of every passage."""
    return _forms_pattern(forms).search(text) is not None


@lru_cache(maxsize=512)
def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for all forms, each a whole word: it matches where any one of them does."""
    either = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<![\w,.])(?:{either})(?![\w]|[,.]\d)", re.IGNORECASE)


# An ordinal is a detail when it numbers an occurrence of an event or a part ("the Fifth
# Dialogue", "Sri Lanka's second District-level Anti Trafficking Forum", "the third
# round"), not when it is a plain adjective ("the first RILON response group", "the
# first intergovernmental framework"): what follows it, within a few words, decides.
_EDITION = re.compile(
    rf"\s+(?:{_HOST}\s+)?(?:[\w'’-]+\s+){{0,4}}?(?:meetings?|dialogues?|forums?|conferences?|"
    r"workshops?|"
    r"sessions?|rounds?|editions?|summits?|themes?|insights?|iterations?|consultations?|"
    r"exercises?|anniversary|phases?|cycles?|operations?|plenar(?:y|ies)|panels?|days?)\b",
    re.IGNORECASE,
)
# One of a series of groups, plans or reports, past the first ("the second RILON response
# group", "its third national plan"); "the first RILON response group" says only that it
# is new.
_SERIES = re.compile(
    rf"\s+(?:{_HOST}\s+)?(?:[\w'’-]+\s+){{0,4}}?(?:groups?|plans?|programmes?|programs?|"
    r"reports?|surveys?|strateg(?:y|ies))\b",
    re.IGNORECASE,
)
_SPECIFIC = re.compile(
    r"\b(?:(?P<year>(?:19|20)\d{2})|(?P<figure>\d{1,3}(?:,\d{3})+|\d{3,})"
    r"|(?P<ordinal>" + "|".join(_ORDINALS) + r"))\b",
    re.IGNORECASE,
)


# A meeting named by where it stands to this one ("the next Constructive Dialogue", "the
# previous Border Forum"): another meeting, a detail that has to match, as an ordinal.
_RELATIVE = re.compile(
    r"\b(?P<rel>next|upcoming|previous|prior|forthcoming|subsequent)\s+"
    # Words of the meeting's name, not a phrase about it ("the next steps after the
    # dialogue" names no other meeting).
    r"(?:(?!(?:steps?|after|before|following|since|of|from|to|at|for|in|on|the|and)\b)"
    r"[\w-]+\s+){0,3}?"
    r"(?:dialogues?|forums?|meetings?|conferences?|summits?|editions?|rounds?)\b",
    re.IGNORECASE,
)


# The words for "after this one" and "before this one": a statement that says "the
# upcoming Ministerial meeting" speaks of "the next" one.
_AFTER = ("next", "upcoming", "forthcoming", "subsequent")
_BEFORE = ("previous", "prior")
_RELATIVE_FORMS = {w: _AFTER for w in _AFTER} | {w: _BEFORE for w in _BEFORE}


def find_specifics(text: str, *, skip: tuple[tuple[int, int], ...] = ()) -> tuple[Specific, ...]:
    """Years, figures and ordinals of `text` (an ordinal only where it numbers an event
    or a part, and "the next dialogue" as one), except self-references and `skip`
    spans."""
    spans = [m.span() for m in _SELF_REFERENCE.finditer(text)] + list(skip)
    found: list[Specific] = []
    for m in _SPECIFIC.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        raw = m.group(0)
        if m.group("ordinal"):
            n = _ORDINALS[raw.lower()]
            if not (_EDITION.match(text, m.end()) or n > 1 and _SERIES.match(text, m.end())):
                continue
            words = [w for w, v in _ORDINALS.items() if v == n]
            found.append(Specific("ordinal", raw, tuple(words)))
        elif m.group("year"):
            found.append(Specific("year", raw, (raw,)))
        else:
            plain = raw.replace(",", "")
            grouped = f"{int(plain):,}"
            found.append(Specific("figure", raw, tuple(dict.fromkeys((grouped, plain)))))
    for m in _RELATIVE.finditer(text):
        forms = _RELATIVE_FORMS[m.group("rel").lower()]
        found.append(Specific("ordinal", " ".join(m.group(0).split()), forms))
    return tuple(found)


# General knowledge about a named actor, as people ask it: "the capital of Fiji", "Who
# is the President of Indonesia?", "What is Japan's currency?", "What currency does
# Tonga use?", "Who heads the UNHCR?", "When was ASEAN founded?", "What language is
# spoken in Timor-Leste?", "Timor-Leste joined ASEAN in 2025 - what is its capital?". A
# standing fact is asked in the present tense; "What updates did COMMIT give?" asks about
# an event the statement reports.
_OF_ACTOR = re.compile(
    r"^(?:what|who|which)\s+(?:is|are|was|were)\s+the\s+(?P<a>(?:[\w-]+\s+){0,2}[\w-]+)\s+of"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ACTORS_THING = re.compile(
    r"^(?:what|who|which)\s+(?:is|are|was|were)\s+(?:the\s+)?$", re.IGNORECASE
)
_THING_DOES = re.compile(
    r"^(?:what|which)\s+(?P<a>[\w-]+(?:\s+[\w-]+)?)\s+(?:does|do|is|are)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_THING_IN = re.compile(
    r"^(?:what|which)\s+(?P<a>[\w-]+(?:\s+[\w-]+)?)\s+(?:is|are)\s+(?:mostly\s+|mainly\s+)?"
    r"\w+(?:ed|en|wn)\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WHO_VERBS = re.compile(
    r"^(?:who|when)\s+(?:(?P<v>heads|leads|runs|founded|created|established)\s+(?:the\s+)?"
    r"|(?:was|were|is)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
# "Where is UNODC headquartered?", "Where is IOM based?": where a body sits.
_WHERE_BASED = re.compile(r"^where\s+(?:is|are|was|were)\s+(?:the\s+)?$", re.IGNORECASE)
_ITS = re.compile(
    r"^(?:what|who|which)\s+(?:is|are|was|were)\s+(?:its|their)\s+(?P<a>[\w-]+(?:\s+[\w-]+)?)$",
    re.IGNORECASE,
)
# Where the last question of a sentence starts ("... in 2025 - what is its capital?").
_LAST_ASK = re.compile(r"(?:^|[-–—;:,]\s*)(?=(?:what|who|which|when)\b)", re.IGNORECASE)
# A relative clause that describes the actor in the past, not a new question: "the prime
# minister of Timor-Leste, which joined ASEAN in 2025?", "Fiji, who has called for ...".
# An apposition describes it too: "the capital of Timor-Leste, the newest ASEAN member?".
_ASIDE = re.compile(
    r",\s*(?:(?:which|who)\s+(?:\w+ed|has|had|have)\b|(?:the|a|an)\s"
    # A reason given for asking: "..., given NZ co-chairs the working group?"
    r"|(?:given|since|because|considering)\s)[^,?]*",
    re.IGNORECASE,
)
# When an attribute holds ("the current prime minister"): not a word of the attribute.
WHEN_HOLDS = r"current|present|former|new|latest|incumbent|sitting|acting|serving"


def asked_attribute(core: str, mentions: Sequence[Mention]) -> str:
    """The attribute a question asks of a named actor as a whole, if it asks one; only
    for a question whose last clause ends with the actor (or its possessive and the
    attribute), or asks for "its" attribute after naming the actor."""
    text = core.rstrip(" ?.!")
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text)]
    starts = [
        m.end() for m in _LAST_ASK.finditer(text) if not any(a < m.end() < b for a, b in asides)
    ]
    offset = starts[-1] if starts else 0
    clause = text[offset:]
    named = [m for m in mentions if m.end <= offset]
    if named and (hit := _ITS.search(clause)):
        return hit.group("a")
    for m in mentions:
        if m.start < offset:
            continue
        before = clause[: m.start - offset]
        after = _ASIDE.sub("", clause[m.end - offset :]).strip()
        if not after and (hit := _OF_ACTOR.search(before) or _THING_IN.search(before)):
            return hit.group("a")
        if _ACTORS_THING.search(before) and (
            hit := re.fullmatch(
                rf"(?:'s|’s)\s+(?:(?:{WHEN_HOLDS})\s+)?(?P<a>[\w-]+(?:\s+[\w-]+)?)",
                after,
                re.IGNORECASE,
            )
        ):
            return hit.group("a")
        if (hit := _THING_DOES.search(before)) and re.fullmatch(r"[a-z]+", after):
            return hit.group("a")
        if _WHERE_BASED.search(before) and re.fullmatch(r"(?:headquartered|based)", after):
            return after
        if (hit := _WHO_VERBS.search(before)) and (
            hit.group("v") and not after or re.fullmatch(r"(?:founded|created|established)", after)
        ):
            return hit.group("v") or after
    return ""


# The dialogue itself, or one of its parts, as what a question asks about once scope
# phrases are gone ("Which hotel hosted the Fourth RSO Constructive Dialogue?", "How long
# did each workshop session last?"): its logistics, which the statement may not give.
_DIALOGUE = re.compile(
    rf"\b(?:(?:the|this|{_SELF})\s+)+(?:{_HOST}\s+)?(?:constructive\s+)?"
    r"(?:dialogue|meeting|event)\b|\bconstructive\s+dialogue\b"
    r"|\b(?:(?:each|every|the|its|all)\s+)?(?:workshop\s+)?(?:sessions?|workshops?|plenar(?:y|ies)|"
    r"panel\s+discussions?|panels?)\b",
    re.IGNORECASE,
)
# A round of the dialogue as a question names it ("Who moderated the Tour de Table?"); a
# passage that names one describes who took part in it, not the dialogue's logistics.
_ROUND = re.compile(r"\b(?:the\s+)?(?:tours?\s+de\s+table|round[\s-]?tables?)\b", re.IGNORECASE)
# A question about what was said, discussed or concluded there asks for its content.
_DISCUSSED = re.compile(
    r"\b(?:say|said|says|discuss\w*|conclu\w*|agree\w*|decid\w*|decision\w*|focus\w*|"
    r"cover\w*|address\w*|explor\w*|reveal\w*|find|found|findings?|outcomes?|results?|"
    r"themes?|topics?|issues?|priorit\w*|reaffirm\w*|recommend\w*|highlight\w*|note[ds]?|"
    r"stress\w*|emphasi\w*|call\w*|propos\w*|shar\w*|present\w*|report\w*|mean\w*|"
    r"learn\w*|lessons?|insights?|messages?|takeaways?)\b|^\s*(?:when|how\s+many)\b",
    re.IGNORECASE,
)


# A part's name, in capitals after the first word ("the Tour de Table").
_SESSION_NAME = re.compile(
    r"(?<=\s)[A-Z][\w'’-]*(?:\s+(?:de|of|on|for|the|and|la|du)?\s*[A-Z][\w'’-]*)+"
)
_TOPIC = re.compile(
    r"\s+(?:on|about|regarding|concerning|covering|with)\s+(?!(?:the\s+)?(?:first|second|third|last|"
    r"final|opening|closing)\b)[^?]*",
    re.IGNORECASE,
)


def names_dialogue(text: str) -> bool:
    """Whether `text` names the dialogue itself or one of its parts."""
    return bool(_DIALOGUE.search(text))


# How a logistics question opens: where, who did it, which thing, how long.
_LOGISTICS = re.compile(
    r"^\s*(?:(?:in|at|on|from|by|with|during|for)\s+)?(?:where|who|whom|which\s+\w+|"
    r"what\s+(?!(?:is|was|are|were|did|does|do|has|have|had|kind|sort|type)\b)\w+|how\s+long"
    # A yes-or-no question about how the dialogue was run ("Was the dialogue held online?").
    r"|(?:was|were|did)\s+(?=(?:the|this|its|each|every|all)\s))\b",
    re.IGNORECASE,
)


def dialogue_detail(core: str) -> str:
    """What a question asks about the dialogue's own logistics (where it was held, who
    hosted it, which hotel, how long its sessions lasted), without the dialogue's name;
    "" when it names no part of the dialogue, does not open as such a question does, or
    asks what was said or covered there, when, or how many (the statement dates itself,
    and counts have their own rule)."""
    if not ((_DIALOGUE.search(core) or _ROUND.search(core)) and _LOGISTICS.search(core)):
        return ""
    rest = re.sub(r"\s+(?=[?.!]$)", "", " ".join(_ROUND.sub(" ", _DIALOGUE.sub(" ", core)).split()))
    # The topic of the session asked about is no detail of it: "Who moderated the panel
    # on labour mobility?" asks who moderated.
    rest = _TOPIC.sub("", rest).strip()
    # Nor is the session's name ("Who moderated the Tour de Table?").
    rest = " ".join(_SESSION_NAME.sub(" ", rest).split())
    return "" if _DISCUSSED.search(rest) else rest


# What followed the dialogue, asked in the past ("How many scam centres were closed as a
# result of the dialogue?"): a record of what was said there cannot report it. Plans for
# after it ("What will the RSO do after the dialogue?") are in the statement.
_AFTERMATH = re.compile(
    r"\b(?:as\s+a\s+(?:direct\s+)?result\s+of|resulting\s+from|because\s+of|thanks\s+to|"
    r"since|after|following|in\s+the\s+wake\s+of|in\s+response\s+to)\s+(?:the|this)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:dialogue|meeting|event)\b",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:was|were|has|have|had|did|been)\b", re.IGNORECASE)


def asks_aftermath(text: str) -> bool:
    """Whether the question asks, in the past tense, what followed the dialogue."""
    return bool(_AFTERMATH.search(text) and _PAST.search(text))


# A yes/no question about a past event ("Was the Work Plan approved?", "Did Norway
# announce funding?", "Has the treaty been ratified?"): only a passage that reports the
# event can confirm it, and it would say so in the event's words.
_CLAIM = re.compile(r"^\s*(?:did|has|have|had|was|were)\s+(?P<rest>.+)$", re.IGNORECASE | re.DOTALL)
# Words that hedge or place the ask, not part of the event.
_HEDGES = frozenset(
    "ever already still really actually also any anything something much more most else "
    "without within officially formally publicly eventually finally yet".split()
)


# "Which countries have ratified the treaty so far?": the event asked who did, in the
# perfect tense, is a claim too: its verb must be one the statement uses.
_WH_CLAIM = re.compile(
    r"^\s*(?:which|who|what)\b[^?]*?\b(?:have|has|had)\s+(?:(?:already|now|since|yet)\s+)?"
    r"(?P<verb>[a-z]+ed)\b",
    re.IGNORECASE,
)


def claimed_words(core: str) -> tuple[str, ...]:
    """The lower-case content words of a yes/no question about a past event, which
    a passage must use to report it; names (capitalised) and figures are checked by
    rules of their own. Of a "which ... have done" question, its verb."""
    m = _CLAIM.match(core)
    if not m:
        wh = _WH_CLAIM.match(core)
        return (wh.group("verb").lower(),) if wh else ()
    words = re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", m.group("rest"))
    return tuple(w for w in dict.fromkeys(words) if w not in _HEDGES)


# What was recommended, asked as people ask it: "What did Fiji recommend?", "What did
# the Maldives call for?", "Where should enforcement be aimed?", "What was proposed on
# ...?". The statement writes each theme's recommendations as table rows apart from its
# spotlights: such a question reads the row first.
_RECOMMEND = re.compile(
    r"\b(?:recommend(?!ing)\w*|call(?:s|ed)?\s+for|urg(?:e|es|ed)|propos(?!ing)\w*|"
    r"suggest(?!ing)\w*|advocat(?!ing)\w*|encourag(?!ing)\w*|advis(?:e|es|ed))\b"
    # The -ing form asks it after "is" ("What is Fiji calling for?"); else it names the
    # topic ("what has it done on ... encouraging reporting").
    r"|\b(?:is|are|was|were|been|be)\s+(?:(?!(?:on|of|in|about|for|to|with|at)\b)[\w-]+\s+)"
    r"{0,3}?(?:recommending|calling\s+for|"
    r"urging|proposing|suggesting|advocating|encouraging|advising)\b",
    re.IGNORECASE,
)
# "What should ...", "ought to": what ought to be done. Asked of a named actor ("where
# does the Maldives think enforcement should be aimed") it is what the actor recommended,
# a row; asked of no one ("how should returns be understood?") it is the statement's own
# view, which the theme's narrative gives.
_OUGHT = re.compile(r"\b(?:should|ought\s+to)\b", re.IGNORECASE)


def asks_recommendation(core: str, *, of_actor: bool = False) -> bool:
    """Whether the question asks what was recommended or called for (or, of a named
    actor, what it thinks should be done)."""
    return bool(_RECOMMEND.search(core) or of_actor and _OUGHT.search(core))


# What kind of thing an answer must be, as the question names it: "Which hotel hosted
# ...", "What sanctions were agreed ...", "What is the deadline to apply ...", "In which
# city ...", "How long did ... last". Words that name no kind of thing ("Which topics",
# "What obstacles", "What is the relationship between ...") are left out: any passage
# may answer them.
_TYPE_NOUN = re.compile(
    # A phrase that sets the scene may come first ("Under theme 1, what training ...").
    r"^\s*(?:[^,?]{1,80},\s*)?(?:(?:in|at|on|from|for|by|with|during|to|under)\s+)?"
    r"(?:which|what)\s+(?!(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could|"
    r"should)\b)"
    r"(?P<t>[a-z-]+(?:\s+(?:and|or)\s+[a-z-]+)?)\s+(?:is|are|was|were|did|does|do|has|have|had|"
    r"will|would|can|could|should|[a-z]+ed)\b",
    re.IGNORECASE,
)
_TYPE_OF = re.compile(
    r"^\s*what\s+(?:is|was|are|were)\s+the\s+(?P<t>[a-z-]+)\s+(?:of|to|for|at|in|on)\b",
    re.IGNORECASE,
)
_HOW_LONG = re.compile(r"^\s*how\s+long\b", re.IGNORECASE)
GENERIC_TYPES = frozenset(
    "topic topics obstacle obstacles hurdle hurdles barrier barriers difficulty difficulties "
    "problem problems issue issues matter matters subject subjects thing things aspect "
    "aspects factor factors element elements kind kinds type types sort sorts form forms "
    "way ways area areas point points idea ideas example examples lesson lessons tip tips "
    "detail details fact facts item items option options "
    # Words that ask for an explanation, not for a kind of thing.
    "relation relations relationship relationships link links connection connections "
    "difference differences similarity similarities nexus role roles impact impacts effect "
    "effects significance importance benefit benefits value nature extent scale size scope "
    "status basis background context history origin origins reason reasons cause causes "
    "consequence consequences implication implications purpose aim aims goal goals "
    "objective objectives mandate function meaning definition rationale focus".split()
)
_PLACE_TYPES = frozenset(
    "city cities town towns capital venue venues location locations place places".split()
)
_TIME_TYPES = frozenset(
    "period periods timeframe timeline date dates year years month months day days time "
    "times decade era".split()
)


@dataclass(frozen=True)
class AskedType:
    """The kind of thing an answer must be: the words naming it, and whether it is a
    "thing", a "place" (a named place answers), a "time" (a date answers) or a
    "duration" ("how long": a span of time answers)."""

    words: str
    kind: str


# "When was ...", "Under theme 2, when did ...": a time, named by no noun.
_WHEN = re.compile(
    r"^\s*(?:[^,?]{1,80},\s*)?when(?:\s+and\s+where)?\s+"
    r"(?:was|were|did|is|are|will|has|have|does|do)\b",
    re.IGNORECASE,
)
# "Where was the exercise held?", "where will the meeting take place": where an event was
# or will be (not "where does the statement discuss ...", nor where a thing is located).
_WHERE = re.compile(
    r"^\s*(?:[^,?]{1,80},\s*)?where(?:\s+and\s+when)?\s+(?:was|were|is|are|will|did|does|do)\b"
    r"[^?]*\b(?:held|hold|signed|hosted|host|convened?|take\s+place|took\s+place|"
    r"meet|met|headquartered|run)\b",
    re.IGNORECASE,
)
# "What time did the plenary start?", "at what hour": a time of day.
_CLOCK_ASKED = re.compile(r"\b(?:what|which)\s+(?:time|hour)\s+(?:did|does|do|will|is|was)\b", re.I)


def asked_type(core: str) -> AskedType | None:
    """The kind of thing the question asks for, when it names one (or asks "when")."""
    if _HOW_LONG.search(core):
        return AskedType("", "duration")
    if _CLOCK_ASKED.search(core):
        return AskedType("", "clock")
    if _WHEN.search(core):
        return AskedType("", "time")
    if _WHERE.search(core):
        return AskedType("", "place")
    m = _TYPE_NOUN.search(core) or _TYPE_OF.search(core)
    if not m:
        return None
    words = [w for w in re.split(r"\s+(?:and|or)\s+", m.group("t").lower()) if w]
    kept = [w for w in words if w not in GENERIC_TYPES]
    if not kept:
        return None
    if all(w in _PLACE_TYPES for w in kept):
        kind = "place"
    elif all(w in _TIME_TYPES for w in kept):
        kind = "time"
    else:
        kind = "thing"
    return AskedType(" ".join(kept), kind)


def _titled(asked: set[str], title_words: dict[int, set[str]]) -> int | None:
    """The theme whose distinctive title words the question uses most, if it uses any."""
    scored = {n: len(asked & words) for n, words in title_words.items()}
    best = max(scored, key=lambda n: scored[n], default=None)
    return best if best is not None and scored[best] > 0 else None


# Named sections, by the words people use for them.
SECTIONS: dict[str, str] = {
    "foreword": r"foreword|preface",
    "overview": r"overview\s+section",
    "key-insight": r"key\s+insights?",
    # "the next steps" of the dialogue as a whole, not of a body ("next steps for RILON").
    "looking-ahead": (
        r"looking[\s-]+ahead|next\s+steps(?!\s+(?:for|of|on|in|by)\b)|closing\s+section"
    ),
    "participation": r"participation(?:\s+and\s+support)?\s+section|participation\s+and\s+support",
    "glossary": r"glossary|list\s+of\s+acronyms",
}
_SECTION = re.compile(
    r"\b(?:" + "|".join(f"(?P<{k.replace('-', '_')}>{v})" for k, v in SECTIONS.items()) + r")\b",
    re.IGNORECASE,
)
_THEME_NUMBER = re.compile(
    r"\btheme\s+(?:no\.?\s*|number\s+|#\s*)?(?P<n>\d{1,2}|one|two|three|four|five|iv|i{1,3}|v)\b"
    r"|\b(?P<ord>" + "|".join(_ORDINALS) + r")\s+theme\b",
    re.IGNORECASE,
)
# People call a theme a topic ("the main topic of the dialogue").
_THEME_WORD = re.compile(r"\b(?:theme|topic)\b", re.IGNORECASE)
# The meeting's own theme, by how people point at it: "this year's theme", "the
# dialogue's theme", "the Constructive Dialogue theme" (one theme, of the meeting itself).
_OWN_THEME = re.compile(
    r"\bthis\s+year['’]?s\s+(?:overall\s+|main\s+|chosen\s+)?theme\b|\btheme\s+(?:for|of)\s+this\s+"
    r"year\b|\b(?:dialogue|meeting|event)['’]s\s+(?:overall\s+|main\s+)?theme\b|"
    r"\b(?:constructive\s+)?dialogue\s+theme\b",
    re.IGNORECASE,
)
# A key insight by its place: the statement gives one per theme, in theme order ("the
# third key insight", "key insight 2").
_INSIGHT_NUMBER = re.compile(
    r"\b(?P<ord>" + "|".join(_ORDINALS) + r")\s+key\s+insight\b"
    r"|\bkey\s+insight\s+(?:no\.?\s*|number\s+|#\s*)?(?P<n>\d{1,2}|one|two|three|four|five)\b",
    re.IGNORECASE,
)
# A theme named by its title words may be called a section or a chapter too ("the
# transnational crime section", "the 'emerging priorities' section").
_TITLED_PART = re.compile(r"\b(?:theme|section|chapter)\b", re.IGNORECASE)
# Words that ask for a part as a whole whatever else the question says ("Summarise the
# scams theme", "What was the theme on cyber scams about?").
_SUMMARISE = re.compile(
    r"\b(?:summ?ar[iy][sz]?\w*|overview|outline|recap|gist)\b|\babout\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_THEMES_WORD = re.compile(r"\bthemes\b", re.IGNORECASE)
# What the dialogue as a whole came to, asked with nothing else ("What did the dialogue
# conclude?", "the main takeaways", "the key messages of the statement").
_CONCLUDING = "conclude concluded concludes concluding conclusion conclusions takeaway takeaways "
_CONCLUDING += "outcomes findings results messages bottom line"
_CONCLUDED = re.compile(r"\b(?:" + "|".join(_CONCLUDING.split()) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _concluding_stems() -> frozenset[str]:
    from index.lexical import lexical_tokens

    return frozenset(lexical_tokens([_CONCLUDING])[0])


_SUMMARY = re.compile(
    r"\b(summ?ar[iy]\w*|overview|outline|about|cover\w*|say\w*|said|tell|describe\w*|"
    r"explain\w*|gist|main\s+points?|key\s+points?|in\s+short|brief\w*|recap)\b",
    re.IGNORECASE,
)
# The word before an actor noun qualifies it ("which Pacific countries"); an auxiliary
# does not ("what should governments do" asks what, not which).
QUALIFIER = (
    r"(?:(?!(?:should|would|could|can|will|must|might|may|do|does|did|are|is|were|was|have|"
    r"has|had)\b)[a-z-]+\s+)?"
)
# "Which countries ...": who is asked for, as a class of actor.
_WHICH = re.compile(
    r"^\s*(?:which|what|name\s+the|list\s+the)\s+(?:other\s+)?"
    + QUALIFIER
    + r"(?P<noun>countries|country|states|"
    r"member\s+states|governments|nations|organi[sz]ations|organi[sz]ation|agencies|bodies|"
    r"actors|speakers|delegations|members|partners|participants|working\s+groups|"
    r"dialogues|processes|institutions|contributions|delegates)\b(?!\s+(?:does|did|do)\b)"
    r"|^\s*who\s+(?:else\s+)?(?P<verb>said|spoke|mentioned|talked|raised|highlighted|noted|"
    r"called|stressed|emphasi[sz]ed|discussed|addressed|shared|presented|reported)\b",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"\bhow\s+many\s+(?:different\s+|other\s+)?(?P<noun>countries|country|states|"
    r"member\s+states|governments|nations|organi[sz]ations|agencies|bodies|actors|"
    r"delegations|members|partners|participants|working\s+groups|dialogues|processes|"
    r"themes|key\s+insights|insights)\b",
    re.IGNORECASE,
)


def actor_class(noun: str | None) -> str:
    """ "country", "organisation" or "any": which actors a plural noun asks for."""
    noun = (noun or "").lower()
    if re.match(r"countr|states|member\s+states|governments|nations|delegations", noun):
        return "country"
    if re.match(r"organi|agenc|bodies|institutions|working|dialogues|processes", noun):
        return "organisation"
    return "any"


@dataclass(frozen=True)
class Intent:
    """A question about the statement's structure.

    `kind` is "theme" (one theme), "themes" (all of them), "section" (a named
    section), "dialogue-theme" (the meeting's own theme), "which" (one line per
    actor) or "count" (a number counted from a list). `summary` is True when the
    question asks for the part itself, not for a fact inside it.
    """

    kind: str
    theme: int | None = None
    section: str | None = None
    actor_class: str = "any"
    noun: str | None = None
    summary: bool = False
    span: tuple[int, int] = (0, 0)
    extra: tuple[str, ...] = ()  # a theme's question: its content stems beyond the title


def own_theme(asked: str, intent: Intent | None) -> Intent | None:
    """The meeting's own theme when the question points at it ("What was this year's
    theme, and what was it meant to get people thinking about?": the sentence that
    quotes it says what it invited reflection on too), read before "this year's" goes as
    scope; a theme asked by its number stays that theme (one of its title words, "get
    people thinking", does not ask for it), and a question of another kind ("which
    countries ...") stays that kind. What an actor said of it is no such question (the
    caller does not ask for actors)."""
    if not _OWN_THEME.search(asked):
        return intent
    if intent is not None and (
        intent.kind not in ("theme", "section") or intent.theme and intent.span != (0, 0)
    ):
        return intent  # "Which countries spoke about this year's theme?", "theme 3"
    return Intent("dialogue-theme", summary=True)


def find_intent(
    text: str,
    theme_titles: dict[int, str],
    rest: list[str],
    title_words: dict[int, set[str]],
    *,
    theme_words: dict[int, set[str]] | None = None,
) -> Intent | None:
    """The structural intent of an already scope-stripped question, if any.

    `rest` holds the question's content words once frame, scope and structure words
    are gone; with none left the question asks for the part itself (a summary).
    `title_words` holds each theme's distinctive title words (stemmed), `theme_words`
    all of its title words: a theme named by number and by its title ("Summarise theme
    4 on emerging priorities") is still asked for as a whole.
    """
    summary = not rest
    m = _COUNT.search(text)
    if m:
        return Intent(
            "count",
            noun=m.group("noun").lower(),
            actor_class=actor_class(m.group("noun")),
            span=m.span(),
        )
    m = _THEME_NUMBER.search(text)
    if m:
        raw = (m.group("n") or m.group("ord")).lower()
        n = int(raw) if raw.isdigit() else _NUMBERS.get(raw) or _ORDINALS.get(raw)
        titled = (theme_words or {}).get(n or 0, set())
        extra = tuple(sorted(set(rest) - titled))
        return Intent("theme", theme=n, summary=not extra, span=m.span(), extra=extra)
    m = _INSIGHT_NUMBER.search(text)
    if m:
        raw = (m.group("n") or m.group("ord")).lower()
        n = int(raw) if raw.isdigit() else _NUMBERS.get(raw) or _ORDINALS.get(raw)
        # Named by number and by its theme's title ("the fourth key insight on emerging
        # priorities"), it is still asked for as a whole.
        titled = (theme_words or {}).get(n or 0, set())
        return Intent(
            "section",
            section="key-insight",
            theme=n,
            summary=not set(rest) - titled,
            span=m.span(),
        )
    asking = bool(_SUMMARISE.search(text))
    named_section = _SECTION.search(text)
    if _THEME_WORD.search(text) or (_TITLED_PART.search(text) and not named_section):
        asked = set(rest)
        best = _titled(asked, title_words)
        if best is not None:
            beyond = asked - title_words[best]
            return Intent(
                "theme",
                theme=best,
                summary=not beyond or asking and len(beyond) <= 1,
                extra=tuple(sorted(beyond)),
            )
    concluded = None if named_section else _CONCLUDED.search(text)
    if concluded and not set(rest) - _concluding_stems():
        # "What did the dialogue conclude?", "the key takeaways": the statement's closing
        # section says what the dialogue as a whole reaffirmed.
        return Intent("section", section="looking-ahead", summary=True, span=concluded.span())
    m = named_section
    if m:
        name = next(k for k in SECTIONS if m.group(k.replace("-", "_")))
        if name == "key-insight" and (best := _titled(set(rest), title_words)) is not None:
            # "the key insight on transnational crime groups": one per theme, under the
            # theme's title, so the title's words name which.
            beyond = set(rest) - title_words[best]
            return Intent("section", section=name, theme=best, summary=not beyond, span=m.span())
        return Intent("section", section=name, summary=summary, span=m.span())
    if _THEME_WORD.search(text) and summary:
        return Intent("dialogue-theme", summary=True)
    if _THEMES_WORD.search(text) and summary:
        return Intent("themes", summary=True)
    if _THEME_WORD.search(text) and asking and len(rest) <= 2:
        # A theme by what it is about, not by its title: which one, retrieval tells.
        return Intent("theme", summary=True)
    m = _WHICH.search(text)
    if m:
        noun = m.group("noun")
        return Intent("which", noun=noun.lower() if noun else None, actor_class=actor_class(noun))
    return None
