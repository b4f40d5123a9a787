"""How a question is typed, apart from what it asks: a request wrapped around it ("Can
you tell me ...", "..., please?", quotation marks around all of it, "??") and Title
Case ("What Did Tonga Report At The Dialogue?"). People type questions so; none of it
should change the answer. "what's" (or "whats") is read as "what is".
"""

from __future__ import annotations

import re

__all__ = ["strip_request", "title_case"]

# How people wrap a question in a request ("Can you tell me what Fiji called for?", "I'd
# like to know: ...", "Briefly, ..."): the wrapper asks nothing of the statement, and its
# words ("like", "briefly") would count as words the statement never uses.
_REQUEST = re.compile(
    r"^\s*(?:(?:please|kindly)\s*,?\s+)?(?:"
    r"(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|show|let)\s+(?:me|us)"
    r"(?:\s+know)?(?:\s+please)?\s*[:,]?\s+"
    # "Can you explain what X is?": the request to explain wraps "what X is".
    r"|(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:explain|describe|clarify|outline)"
    r"(?:\s+(?:to\s+)?(?:me|us))?\s*[:,]?\s+(?=(?:what|who|how|why|which|when|where)\b)"
    r"|i(?:'d|’d|\s+would)\s+like\s+to\s+(?:know|ask|understand|learn)\s*[:,]?\s+"
    r"|i\s+(?:want|need|wish)\s+to\s+(?:know|understand|learn)\s*[:,]?\s+"
    r"|i(?:'m|’m|\s+am)\s+(?:curious|wondering)\s*(?:about\s+)?[:,]?\s+"
    r"|do\s+you\s+know\s*[:,]?\s+"
    r"|(?:tell|show)\s+me\s*[:,]\s*"
    # "List everything Australia is doing", "Name all the organisations ...": what to list.
    r"|(?:list|name|enumerate)(?:\s+(?:out|for\s+me))?\s*[:,]?\s+(?:all\s+(?:of\s+)?)?(?=\w)"
    r"|(?:briefly|quickly|simply|in\s+short|in\s+brief|in\s+a\s+nutshell|in\s+a\s+few\s+words|"
    r"in\s+(?:a|one)\s+(?:sentence|line)|simply\s+put|in\s+plain\s+(?:english|terms))\s*[:,]\s*"
    r")+",
    re.IGNORECASE,
)


# The same wrapper around the question's end ("..., please?", "...??"), and quotation
# marks around the whole question (pasted from somewhere else).
_PLEASE = re.compile(r",?\s*\bplease\s*(?=[?.!]*\s*$)", re.IGNORECASE)
# "... at the moment?", "... right now?": when the asker stands, not part of the ask.
_NOW = re.compile(
    r",?\s*\b(?:at\s+the\s+moment|right\s+now|at\s+present|these\s+days|nowadays|"
    r"currently)\s*(?=[?.!]*\s*$)",
    re.IGNORECASE,
)
# "What exactly is the RSO?", "what precisely does it mean": a hedge on the question
# word, which asks nothing more.
_EXACTLY = re.compile(
    r"^(\s*(?:what|who|which|how|where|when)\s+)(?:exactly|precisely|actually|really)\s+(?=\w)",
    re.IGNORECASE,
)
# "what's", "whats", "who's": the question word and "is", as the patterns read them.
_IS = re.compile(r"\b(what|who|where|when|how)(?:['’]s|s)\b", re.IGNORECASE)
# An embedded question, once its wrapper is gone ("[tell me] what RILON is"): the verb
# goes back after the question word ("what is RILON").
_EMBEDDED = re.compile(
    r"^(?P<w>what|who)\s+(?P<rest>(?!(?:is|are|was|were|did|does|do)\b).+?)\s+"
    r"(?P<v>is|are|was|were)\s*(?P<mark>[?.!]?)\s*$",
    re.IGNORECASE,
)
_REPEATED = re.compile(r"([?!.])[?!.]+\s*$")
_QUOTED = re.compile(r"^\s*[\"“”‘’'«»](.+?)[\"“”‘’'«»]\s*([?.!]?)\s*$")


def _one_mark(m: re.Match[str]) -> str:
    return "?" if "?" in m.group(0) else m.group(1)


def strip_request(text: str) -> str:
    """The question without a request wrapped around it ("Can you tell me ...", "Can you
    explain ...", "..., please?", "... right now?", quotation marks around all of it,
    "??"), its "what's" read as "what is"."""
    out = text
    if quoted := _QUOTED.match(out):
        out = quoted.group(1) + quoted.group(2)
    out = _REQUEST.sub("", out, count=1)
    out = _REPEATED.sub(_one_mark, _NOW.sub("", _PLEASE.sub("", out))).strip()
    out = _IS.sub(lambda m: m.group(1) + " is", out)
    out = _EXACTLY.sub(r"\1", out)
    out = _EMBEDDED.sub(lambda m: f"{m['w']} {m['v']} {m['rest']}{m['mark']}", out)
    return out if re.search(r"\w", out) else text


# A question typed in Title Case ("What Did Fiji Call For At The Dialogue?"): small
# words in capitals after its first word.
_TITLE_SMALL = re.compile(
    r"(?<=\s)(?:The|Of|And|Did|Does|Do|For|In|At|To|A|An|Is|Are|Was|Were|On|With|By|About|"
    r"What|How|Which|Who|It|Its|Their|Has|Have|From)\b"
)


def title_case(text: str) -> bool:
    """Whether a question is typed in Title Case: every word after the first capitalised
    (at least two), or at least two small words so."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)[1:]
    every = len(words) >= 2 and all(w[0].isupper() for w in words)
    return every or len(_TITLE_SMALL.findall(text)) >= 2
