"""What each section of a document is, told by its layout and wording alone.

Sections are recognised by what they hold, never by their headings' words: a
two-column table whose first cells are acronyms is a glossary; one of prose rows
is a table of recommendations; paragraphs most of which are led by an actor named
in capitals or bold are spotlights; items under bare numbers ("1", or "1. Title")
are key insights; prose that ends in signatures is a foreword; an address block
(e-mail, telephone, web) is the contact. A prose section that has spotlights or a
table under it, or whose heading is a key insight's title or numbered, is a theme;
theme numbers count up from 1, as many as there are. Prose before the first theme
is overview, after the last is looking ahead, or participation when it lists who
attended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from corpus.actors import Gazetteer, fold
from corpus.formats.layout import Block, Layout
from corpus.markup import clean_markup

__all__ = [
    "SIGNATURE_IMAGE",
    "Section",
    "find_date",
    "glossary_entry",
    "is_signatory",
    "item_title",
    "numbered_items",
    "readable_heading",
    "sections_of",
    "slugify",
]

SIGNATURE_IMAGE = re.compile(r"^An? .*\bsignature\b", re.IGNORECASE)
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = "|".join(_MONTHS)
_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s+(?P<month>{_MONTH})"
    rf"|(?P<month2>{_MONTH})(?:\s+(?P<day2>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?,?)?)"
    rf"\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_PHONE = re.compile(r"\b(?:tel|phone|fax)\b\.?:?\s*\+?\d", re.IGNORECASE)
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
_THEME_NUMBER = re.compile(
    r"^(?:(?:theme|pillar|priority|session|part|chapter)\s+)?\d{1,2}\s*[.):–-]\s+", re.IGNORECASE
)
_ATTENDANCE = re.compile(r"\b(attended by|in attendance|participants? (?:from|were))\b", re.I)
_OPENING = re.compile(r"^\W*(?:the\s+)?\W*", re.IGNORECASE)
_LEAD_CHARS = 200  # a spotlight's actor is named, stressed, near its start
_SPOKEN_SHARE = 0.6
_ACRONYM_SHARE = 0.7
_ATTENDANCE_ACTORS = 8
_SMALL_WORDS = {"and", "of", "for", "the", "in", "on", "to", "a", "an", "from", "at", "by"}


@dataclass
class Section:
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)
    shape: str = ""  # what it holds: prose, table, glossary, spoken, numbered, signed, contact
    kind: str = ""
    theme: int | None = None
    name: str = ""
    lead: list[Block] = field(default_factory=list)  # letterhead lines of a contact block

    @property
    def level(self) -> int:
        return self.heading.level if self.heading else 0


def slugify(text: str) -> str:
    """A readable id part: lower-case words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def readable_heading(heading: str, keep: frozenset[str] = frozenset()) -> str:
    """A heading in capitals as title case (small words lower, acronyms in `keep` as they
    are); any other heading as written."""
    if any(c.islower() for c in heading):
        return heading

    def word(i: int, w: str) -> str:
        if w.strip(":;,.()") in keep:
            return w
        low = w.lower()
        return low if i and low in _SMALL_WORDS else low.capitalize()

    return " ".join(word(i, w) for i, w in enumerate(heading.split()))


def find_date(text: str) -> str | None:
    """The first date `text` states, as ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`)."""
    for m in _DATE.finditer(text):
        month = (m["month"] or m["month2"]).lower()
        day = m["day"] or m["day2"]
        out = f"{m['year']}-{_MONTHS.index(month) + 1:02d}"
        return f"{out}-{int(day):02d}" if day else out
    return None


def sections_of(
    layout: Layout,
) -> tuple[list[Block], list[Section], tuple[tuple[str, str], ...], Gazetteer]:
    """The title page's blocks, the sections (each with its passage kind, theme and
    name), the glossary and the gazetteer built from it."""
    sections = _group(layout)
    title_blocks, sections = _title(layout, sections)
    for section in sections:
        section.shape = _table_shape(layout, section)
    glossary = tuple(
        entry
        for s in sections
        if s.shape == "glossary"
        for b in s.blocks
        if b.kind == "row" and not b.header and (entry := glossary_entry(layout, b))
    )
    gazetteer = Gazetteer.for_statement(glossary)
    for section in sections:
        if not section.shape:
            section.shape = _shape(layout, section, gazetteer)
    keep = frozenset(acronym for acronym, _ in glossary)
    _assign(layout, sections, gazetteer, keep)
    return title_blocks, sections, glossary, gazetteer


def _group(layout: Layout) -> list[Section]:
    sections = [Section(None)]
    for block in layout.blocks:
        if block.kind == "heading":
            sections.append(Section(block))
        else:
            sections[-1].blocks.append(block)
    return _numbered_headings(layout, [s for s in sections if s.heading is not None or s.blocks])


def _numbered_headings(layout: Layout, sections: list[Section]) -> list[Section]:
    """Items set as headings ("1. Title" in bold or a heading style, a short text under
    each) read as one section of numbered items, under the heading just before them."""
    out: list[Section] = []
    i = 0
    while i < len(sections):
        run: list[Section] = []
        while i + len(run) < len(sections):
            section = sections[i + len(run)]
            heading = _words(layout, section.heading) if section.heading else ""
            short = 0 < len(section.blocks) <= 3 and all(b.kind == "text" for b in section.blocks)
            if not (short and _starts_item(heading, len(run) + 1)):
                break
            run.append(section)
        if len(run) < 2:
            out.append(sections[i])
            i += 1
            continue
        blocks = [b for s in run if s.heading for b in (replace(s.heading, kind="text"), *s.blocks)]
        if out and not out[-1].blocks and out[-1].heading is not None:
            out[-1].blocks = blocks
        else:
            out.append(Section(None, blocks))
        i += len(run)
    return out


def _title(layout: Layout, sections: list[Section]) -> tuple[list[Block], list[Section]]:
    """The title page: the first heading (or first short line), its short lines, a date."""
    if not sections:
        return [], sections
    first = sections[0]
    if first.heading is None:
        lead = first.blocks[0]
        if lead.kind != "text" or "\n" in layout.raw(lead).strip() or lead.end - lead.start > 200:
            return [], sections
        blocks, first.blocks = [lead], first.blocks[1:]
        rest = sections if first.blocks else sections[1:]
    else:
        blocks, rest = [first.heading], sections[1:]
        short = [b for b in first.blocks if b.kind == "text" and b.end - b.start < 200]
        if len(short) == len(first.blocks):
            blocks += short
        else:
            rest = [Section(None, first.blocks), *rest]
    while rest and rest[0].heading is not None and _is_date_line(layout.raw(rest[0].heading)):
        dated = rest.pop(0)
        blocks.append(dated.heading)  # type: ignore[arg-type]
        if dated.blocks:
            rest.insert(0, Section(None, dated.blocks))
    return blocks, rest


def _is_date_line(text: str) -> bool:
    return len(text.strip()) < 60 and find_date(text) is not None


def _words(layout: Layout, block: Block) -> str:
    return clean_markup(layout.raw(block))


def _table_shape(layout: Layout, section: Section) -> str:
    rows = [b for b in section.blocks if b.kind == "row" and not b.header and len(b.cells) >= 2]
    texts = [b for b in section.blocks if b.kind == "text"]
    if not rows or len(rows) < len(texts):
        return ""
    acronyms = sum(_is_acronym(clean_markup(layout.cell(b.cells[0]))) for b in rows)
    return "glossary" if acronyms >= _ACRONYM_SHARE * len(rows) else "table"


def _is_acronym(cell: str) -> bool:
    capitals = sum(c.isupper() for c in cell)
    return 0 < len(cell) <= 24 and capitals >= 2 and len(cell.split()) <= 3 and cell[-1] != "."


def glossary_entry(layout: Layout, row: Block) -> tuple[str, str] | None:
    acronym = clean_markup(layout.cell(row.cells[0]))
    expansion = " ".join(clean_markup(" ".join(layout.cell(c) for c in row.cells[1:])).split())
    return (acronym, expansion) if acronym and expansion else None


def _shape(layout: Layout, section: Section, gazetteer: Gazetteer) -> str:
    texts = [b for b in section.blocks if b.kind == "text"]
    if not texts:
        return "empty" if not section.blocks else "prose"
    raws = [layout.raw(b).strip() for b in texts]
    if numbered_items(raws):
        return "numbered"
    if any(is_signatory(r) for r in raws):
        return "signed"
    joined = "\n".join(raws)
    if (_EMAIL.search(joined) or _PHONE.search(joined)) and max(map(len, raws)) < 400:
        return "contact"
    leads = [r for r in raws if not r.startswith("- ")]
    spoken = sum(_led_by_actor(r, gazetteer) for r in leads)
    if leads and spoken >= _SPOKEN_SHARE * len(leads):
        return "spoken"
    return "prose"


def numbered_items(raws: list[str]) -> list[tuple[int, int]] | None:
    """(title, end) block indexes of each item, when the blocks are all numbered items:
    a bare number then a title line, or "1. Title", each with text under it."""
    items: list[tuple[int, int]] = []
    i = 0
    while i < len(raws):
        n = len(items) + 1
        if clean_markup(raws[i]) == str(n) and i + 1 < len(raws):
            title = i + 1
        elif _starts_item(raws[i], n):
            title = i
        else:
            return None
        end = title + 1
        while end < len(raws) and not _starts_item(raws[end], n + 1):
            end += 1
        if end == title + 1 and "\n" not in raws[title]:
            return None  # a title with no text under it
        items.append((title, end))
        i = end
    return items if len(items) >= 2 else None


def _starts_item(raw: str, n: int) -> bool:
    text = clean_markup(raw)
    if text == str(n):
        return True
    match = _NUMBERED.match(text.split("\n")[0])
    return match is not None and int(match[1]) == n


def is_signatory(raw: str) -> bool:
    """A signature block: a name of two to four capitalised words, then a role line."""
    lines = raw.strip().split("\n")
    if len(lines) not in (2, 3) or len(raw) > 120:
        return False
    words = clean_markup(lines[0]).split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and "." not in lines[0]


def _led_by_actor(raw: str, gazetteer: Gazetteer) -> bool:
    """A paragraph whose subject is an actor: named first, or stressed near its start."""
    head = raw[:_LEAD_CHARS]
    mentions = gazetteer.mentions(head)
    if not mentions:
        return False
    opening = _OPENING.match(head)
    return any(m.emphasised for m in mentions) or mentions[0].start <= (
        opening.end() if opening else 0
    )


def _assign(
    layout: Layout, sections: list[Section], gazetteer: Gazetteer, keep: frozenset[str]
) -> None:
    """Give every section its passage kind, theme and name."""
    key_titles = {
        fold(t): t for s in sections if s.shape == "numbered" for t in _item_titles(layout, s)
    }
    themes: list[int] = []
    theme = 0
    parent: Section | None = None
    for i, section in enumerate(sections):
        heading = clean_markup(layout.raw(section.heading)) if section.heading else ""
        section.name = readable_heading(heading, keep) if heading else "Overview"
        if section.shape in ("glossary", "contact", "numbered", "signed"):
            section.kind = {
                "glossary": "glossary",
                "contact": "contact",
                "numbered": "key-insight",
                "signed": "foreword",
            }[section.shape]
            parent = None
            continue
        if section.shape in ("spoken", "table") and parent is not None:
            section.kind = "spotlight" if section.shape == "spoken" else "recommendation"
            section.theme, section.name = parent.theme, parent.name
            continue
        if parent is not None and section.level > parent.level > 0:
            section.kind, section.theme, section.name = "narrative", parent.theme, parent.name
            continue
        if section.shape == "empty":
            continue
        if _is_theme(section, heading, sections[i + 1 :], key_titles):
            theme += 1
            themes.append(i)
            title = _THEME_NUMBER.sub("", heading)
            section.kind, section.theme = "narrative", theme
            section.name = key_titles.get(fold(title), readable_heading(title, keep))
            parent = section
            continue
        section.kind = section.shape if section.shape in ("spoken", "table") else "prose"
        parent = None
    last = themes[-1] if themes else -1
    first = themes[0] if themes else len(sections)
    for i, section in enumerate(sections):
        if section.kind == "prose":
            if i < first:
                section.kind = "overview"
            elif i < last:
                section.kind = "narrative"  # between two themes: the earlier one goes on
                section.theme = max(t for t in range(1, len(themes) + 1) if themes[t - 1] < i)
            else:
                section.kind = "participation" if _lists_attendance(
                    layout, section, gazetteer
                ) else "looking-ahead"
        elif section.kind in ("spoken", "table"):
            section.kind = "spotlight" if section.kind == "spoken" else "recommendation"
        if section.kind == "contact":
            j = i - 1
            while j >= 0 and sections[j].shape == "empty" and sections[j].heading is not None:
                section.lead.insert(0, sections[j].heading)  # type: ignore[arg-type]
                j -= 1
            section.name = "Contact"


def _is_theme(
    section: Section, heading: str, after: list[Section], key_titles: dict[str, str]
) -> bool:
    if not heading:
        return False
    if _THEME_NUMBER.match(heading) or fold(_THEME_NUMBER.sub("", heading)) in key_titles:
        return True
    for other in after:
        if other.shape == "empty":
            continue
        deeper = other.level > section.level > 0
        if other.shape in ("spoken", "table"):
            return True
        if not deeper:
            return False
    return False


def _lists_attendance(layout: Layout, section: Section, gazetteer: Gazetteer) -> bool:
    for block in section.blocks:
        raw = layout.raw(block)
        if _ATTENDANCE.search(raw) or len(set(gazetteer.actors_in(raw))) >= _ATTENDANCE_ACTORS:
            return True
    return False


def _item_titles(layout: Layout, section: Section) -> list[str]:
    texts = [b for b in section.blocks if b.kind == "text"]
    raws = [layout.raw(b).strip() for b in texts]
    return [item_title(raws[t]) for t, _ in numbered_items(raws) or []]


def item_title(raw: str) -> str:
    line = clean_markup(raw).split("\n")[0]
    match = _NUMBERED.match(line)
    return match[2] if match else line
