"""Readable references for citations: document, section, kind of passage, who, paragraph.

A label is what a reader pastes into a brief ("Outcome Statement, Fourth RSO
Constructive Dialogue (2026) - Theme 2: Meeting the challenge posed by transnational
crime groups - Recommendation (Fiji and Tonga)"); the passage id and offsets stay in
the record for checking. Everything here is derived from the passages themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.passage import SPEAKING_KINDS, Passage
from qa.voices import speakers

__all__ = [
    "KIND_LABELS",
    "SEPARATOR",
    "citation_label",
    "document_title",
    "join_names",
    "section_label",
    "short_label",
]

KIND_LABELS: dict[str, str] = {
    "foreword": "Foreword",
    "overview": "Overview",
    "key-insight": "Key insight",
    "narrative": "Narrative",
    "spotlight": "Spotlight",
    "recommendation": "Recommendation",
    "looking-ahead": "Looking ahead",
    "participation": "Participation",
    "glossary": "Glossary",
    "contact": "Contact",
}
SEPARATOR = " - "
FALLBACK_TITLE = "The statement"
# Kinds whose passage is attributed to the actors who speak in it (corpus.passage).
_ATTRIBUTED = SPEAKING_KINDS
_SMALL_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"})
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def document_title(passages: Sequence[Passage]) -> str:
    """The title a reference names, from the statement's own title page.

    "OUTCOME STATEMENT: FOURTH RSO CONSTRUCTIVE DIALOGUE / 27-28 JANUARY 2026" becomes
    "Outcome Statement, Fourth RSO Constructive Dialogue (2026)". The one place that
    knows where a title comes from, so a document record's title can replace it.
    """
    page = next((p for p in passages if p.title == "Title" and p.kind == "overview"), None)
    if page is None:
        return FALLBACK_TITLE
    lines = [line.strip() for line in page.text.splitlines() if line.strip()]
    acronyms = {p.title for p in passages if p.kind == "glossary" and p.title}
    parts = [_title_case(part, acronyms) for part in lines[0].split(":") if part.strip()]
    year = next((m.group(0) for line in lines[1:] for m in [_YEAR.search(line)] if m), None)
    title = ", ".join(parts) or FALLBACK_TITLE
    return f"{title} ({year})" if year else title


def section_label(passage: Passage) -> str:
    """Where the passage sits: "Theme 2: Meeting the challenge posed by transnational
    crime groups" (the theme title up to its colon), else the section's name."""
    if passage.theme and passage.section == passage.theme_title:
        return f"Theme {passage.theme}: {_short(passage.theme_title)}"
    if passage.kind == "key-insight":
        return "Key insights"
    if passage.title == "Title":
        return "Title page"
    if passage.kind == "overview":
        return "Overview"
    return _title_case(passage.section, set())


def citation_label(passage: Passage, document: str) -> str:
    """The full reference: document, section, kind with who or which paragraph."""
    return SEPARATOR.join(p for p in (document, section_label(passage), _what(passage)) if p)


def short_label(passage: Passage) -> str:
    """The label without document and section, for a reader already under the section's
    heading: "Recommendation (Fiji and Tonga)", "Paragraph 3", "Key insight 2: ..."."""
    return _what(passage) or section_label(passage)


def join_names(names: Sequence[str]) -> str:
    """ "Fiji", "Fiji and Tonga", "Fiji, Tonga and Samoa"."""
    if len(names) <= 2:
        return " and ".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _what(passage: Passage) -> str:
    """The kind of passage and who speaks, or its paragraph number in the section."""
    kind = KIND_LABELS.get(passage.kind, passage.kind)
    if passage.kind in _ATTRIBUTED:
        who = speakers(passage)
        return f"{kind} ({join_names(who)})" if who else kind
    if passage.kind == "key-insight":
        return f"Key insight {passage.theme}: {_short(passage.title)}"
    if passage.kind == "glossary":
        return passage.title or kind
    if passage.title == "Title" or passage.kind == "contact":
        return ""
    if passage.kind == "foreword" and passage.title:
        return f"Signatory ({passage.title})"
    number = passage.id.rsplit("/", 1)[-1]
    paragraph = f"paragraph {number}" if number.isdigit() else ""
    if section_label(passage).lower().startswith(kind.lower()):
        return paragraph.capitalize()
    return ", ".join(p for p in (kind, paragraph) if p)


def _short(title: str | None) -> str:
    return (title or "").split(":", 1)[0].strip()


def _title_case(text: str, acronyms: set[str]) -> str:
    """Headline case with short words in lower case and known acronyms kept."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        if word in acronyms:
            out.append(word)
        elif i and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:].lower())
    return " ".join(out)
