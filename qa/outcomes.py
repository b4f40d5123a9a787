"""Outcomes asked of things the statement only plans.

The statement records a dialogue and what its participants plan: "the RSO plans to take
forward ... the establishment of a Common Pathways Forum", "A first RILON response group
will bring together ...", "Australia will convene the IGC Annual Meeting in 2026". A
question that asks whether such a thing happened or what came of it ("Has the Common
Pathways Forum been set up?", "What was decided at the 2026 IGC Annual Meeting?", "Was
Bangladesh's National Reintegration Policy adopted?") asks for an outcome the statement
cannot report: every sentence that speaks of the thing speaks of it as planned.
"""

from __future__ import annotations

import re

__all__ = ["OUTCOME_WORDS", "asks_outcome", "is_planned", "planned_clause"]

# Verbs of something done or decided, as people ask whether it happened.
OUTCOME_WORDS = (
    r"adopt\w*|approv\w*|establish\w*|launch\w*|ratif\w*|sign(?:ed)?|set\s+up|creat\w*|"
    r"complet\w*|implement\w*|finali[sz]\w*|enter(?:ed)?\s+into\s+force|held|hold|met|meet|"
    r"conven\w*|start\w*|begun|began|open(?:ed)?|publish\w*|agree[ds]?|decid\w*|achiev\w*|"
    r"conclud\w*|resolv\w*|produc\w*|form(?:ed)?|take\s+place|took\s+place|taken\s+place"
)
_OUTCOME = re.compile(
    # A yes/no question: "Has the Forum been set up?", "Was the policy adopted?"
    # ("Is Australia going to convene ...?" asks about the future: a plan answers it.)
    rf"^\s*(?:was|were|has|have|had|did|is|are)\b(?![^?]*\bgoing\s+to\b).*\b(?:{OUTCOME_WORDS})\b"
    # What came of it: "What was decided at ...", "What were the results of ..."
    r"|\bwhat\s+(?:was|were|has\s+been|have\s+been)\s+(?:\w+\s+){0,2}?"
    r"(?:decided|agreed|achieved|adopted|concluded|resolved|produced|"
    r"the\s+(?:outcomes?|results?))\b"
    r"|\bwhat\s+did\s+.+\b(?:agree|decide|achieve|adopt|conclude|resolve|produce)\b"
    r"|\bwhat\s+came\s+(?:out\s+)?of\b"
    # "What results has the response group achieved?", "what progress have they made"
    # (not "What results did Tonga report?": results it reported are in the statement)
    r"|\bwhat\s+(?:results?|outcomes?|progress|impacts?|achievements?)\s+(?:has|have)\b"
    r"[^?]*\b(?:achieved|made|delivered|produced|yielded|seen|had)\b"
    # When it first happened: "When did it first meet?", "when was it launched"
    r"|\bwhen\s+(?:did|was|were|has|have)\b.*\b(?:first|launch\w*|establish\w*|set\s+up|"
    r"start\w*|begin|began|open\w*|meet|met|adopt\w*|sign\w*)\b",
    re.IGNORECASE | re.DOTALL,
)
# How the statement speaks of what is still to come or under way.
_PLANNED = re.compile(
    r"\b(?:will|shall|plans?\s+to|planned|planning|intends?\s+to|aims?\s+to|"
    r"to\s+be\s+\w+ed|upcoming|forthcoming|proposed|formulation|drafting|"
    r"under\s+development|being\s+developed|in\s+(?:the\s+)?future)\b",
    re.IGNORECASE,
)


def asks_outcome(core: str) -> bool:
    """Whether the question asks whether something was done, or what came of it."""
    return bool(_OUTCOME.search(core))


def is_planned(sentence: str) -> bool:
    """Whether a sentence speaks of what it describes as still to come or under way."""
    return bool(_PLANNED.search(sentence))


def planned_clause(sentence: str, before: int = 60, after: int = 90) -> str:
    """The words around a sentence's first word of planning, to quote in a reason."""
    m = _PLANNED.search(sentence)
    if m is None:
        return sentence
    start = max(0, m.start() - before)
    end = min(len(sentence), m.end() + after)
    if start > 0:
        start = sentence.find(" ", start) + 1
    if end < len(sentence):
        end = sentence.rfind(" ", m.end(), end) if sentence.rfind(" ", m.end(), end) > 0 else end
    text = sentence[start:end].strip().rstrip(".,;:")
    return ("…" if start > 0 else "") + text + ("…" if end < len(sentence) else "")
