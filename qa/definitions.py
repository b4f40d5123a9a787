"""What a question asks to be defined, and where the statement defines it.

People ask what a thing is by its name ("What is the Constructive Dialogue?", "what is
the rso border forum", "What is meant by polycriminality?"). Prose defines a name by
an apposition right after it: "The Constructive Dialogue—as the RSO's flagship annual
event—is a key dialogue", "the Fourth RSO Border Forum, the RSO's flagship capacity
building activity", "X is a ...". That passage answers the question; the others only
use the name. (Acronyms have their own introduction, "Full Name (ACR)", in
`qa.retrieve.introduces`.)
"""

from __future__ import annotations

import functools
import re

from corpus.actors import fold

__all__ = ["defined_phrase", "defines"]

# "What is X?", "whats X", "What are the X?", "What is meant by X?", "define X".
_WHAT_IS = re.compile(
    r"^\s*(?:what(?:['’]?s|\s+(?:is|are|was|were))(?:\s+meant\s+by)?|define|definition\s+of|"
    r"(?:can\s+you\s+|please\s+)?explain)"
    r"\s+(?:the\s+|an?\s+)?(?P<thing>[^?,;:]+?)"
    # "Define the routes-based approach as set out by IOM and UNHCR", "explain the ...
    # approach promoted by IOM": who set it out is no part of the name.
    r"(?:\s+(?:as\s+)?(?:set\s+out|described|defined|used|explained|outlined|presented|"
    r"promoted|proposed|developed)\s+(?:by|in)\b[^?]*)?"
    r"\s*\??\s*$",
    re.IGNORECASE,
)
# A thing is a name or a short phrase, not a clause ("what is Fiji doing about ...").
_MAX_WORDS = 6
_CLAUSE = re.compile(
    r"\b(?:did|does|do|doing|done|said|say|says|being|been|has|have|had|will|would|can|"
    r"could|should|according|about|in|at|from|by|under|between|when|where|why|how)\b",
    re.IGNORECASE,
)
# Right after the name, an apposition set off on both sides ("X, the RSO's flagship
# activity, ...", "X—as the flagship event—is", "X (the ...)"), or "X is a / the ...";
# not "ahead of X, the RSO creates ...", which is the next clause.
_APPOSITION = (
    r"(?:\s*(?P<open>[,(—–]|\s-)\s*(?:as\s+)?(?:the|a|an|its|their|one)\b[^,.;:()—–]{0,150}"
    r"[,)—–]"
    r"|\s+(?:is|are|refers\s+to|means)\s+(?:the|a|an|one)\b)"
)


def defined_phrase(core: str) -> str:
    """The name or short phrase the question asks to be defined, else ""."""
    m = _WHAT_IS.match(core)
    if not m:
        return ""
    thing = m.group("thing").strip(" '\"‘’“”")
    words = re.findall(r"[\w'’-]+", thing)
    if not words or len(words) > _MAX_WORDS or _CLAUSE.search(thing):
        return ""
    return thing


# A sentence that opens with the name as its subject and says what it is or does: "The
# routes-based approach provides a whole-of-journey framework ...".
_OPENING = r"(?:^|(?<=[.!?])\s+|\n)(?:the\s+)?"
_SAYS_WHAT = r"\s+(?:is|are|provides|offers|refers\s+to|means|describes|serves\s+as)\b"


def defines(text: str, phrase: str) -> bool:
    """Whether `text` defines `phrase`: the phrase, then an apposition; or a sentence
    that opens with it as its subject and says what it is or provides (a plural "s" may
    differ: "route-based" is "routes-based")."""
    patterns = _definers(phrase)
    if patterns is None or patterns[0] not in text.lower():
        return False
    text = text.replace("’", "'")
    return any(p.search(text) for p in patterns[1:])


@functools.lru_cache(maxsize=256)
def _definers(phrase: str) -> tuple[str, re.Pattern[str], re.Pattern[str]] | None:
    """The patterns of `defines` for one phrase (a question's phrase is tried on every
    passage), with the stem of its last word, which a defining passage must hold."""
    words = re.findall(r"\w+", fold(phrase))
    if not words:
        return None
    name = r"[\W_]+".join(re.escape(w.removesuffix("s")) + "s?" for w in words)
    return (
        words[-1].removesuffix("s"),
        re.compile(r"(?<!\w)" + name + _APPOSITION, re.IGNORECASE),
        re.compile(_OPENING + name + _SAYS_WHAT, re.IGNORECASE),
    )
