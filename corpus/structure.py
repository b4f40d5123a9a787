"""From a document's layout to typed passages: one per paragraph, row or entry.

corpus/sections.py tells what each section is from layout and wording alone; here
each becomes its passages, with readable ids that stay the same from one parse to
the next (`theme-4/recommendation/fiji`, `glossary/rilon`, `foreword/signatory-...`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from corpus.actors import Gazetteer
from corpus.formats.layout import Block, Layout
from corpus.markup import clean_markup
from corpus.passage import Passage
from corpus.sections import (
    SIGNATURE_IMAGE,
    Section,
    find_date,
    glossary_entry,
    is_signatory,
    item_title,
    numbered_items,
    readable_heading,
    sections_of,
    slugify,
)
from corpus.sentences import split_sentences

__all__ = ["Parsed", "find_date", "parse_layout", "readable_heading", "slugify"]


@dataclass(frozen=True)
class Parsed:
    """A parsed document: passages (ids local to it), glossary, gazetteer, title, date."""

    passages: tuple[Passage, ...]
    glossary: tuple[tuple[str, str], ...]
    gazetteer: Gazetteer
    title: str | None
    date: str | None


def parse_layout(layout: Layout) -> Parsed:
    """Cut a layout into passages; raises ValueError when it holds none."""
    title_blocks, sections, glossary, gazetteer = sections_of(layout)
    keep = frozenset(acronym for acronym, _ in glossary)
    maker = _Maker(layout, gazetteer)
    passages = [maker.title(title_blocks)] if title_blocks else []
    for section in sections:
        passages.extend(maker.section(section))
    if not passages:
        raise ValueError("no passages found: it holds no text rso-qa can cite")
    seen: set[str] = set()
    for passage in passages:
        if passage.id in seen:
            raise ValueError(f"duplicate passage id {passage.id!r}: the parser needs a fix")
        seen.add(passage.id)
    title_text = None
    if title_blocks:
        title = clean_markup(layout.raw(title_blocks[0])).replace("\n", " ")
        title_text = readable_heading(title, keep)
    date_source = " ".join(layout.raw(b) for b in title_blocks) or layout.text[:2000]
    return Parsed(tuple(passages), glossary, gazetteer, title_text, find_date(date_source))


class _Maker:
    """Makes each section's passages; keeps the counters that make ids unique."""

    def __init__(self, layout: Layout, gazetteer: Gazetteer):
        self.layout = layout
        self.gazetteer = gazetteer
        self.counts: dict[str, int] = {}
        self.used: dict[str, int] = {}

    def span(self, blocks: list[Block]) -> tuple[str, int, int]:
        start, end = blocks[0].start, blocks[-1].end
        return self.layout.text[start:end], start, end

    def passage(self, section: Section, blocks: list[Block], pid: str, **extra) -> Passage:
        raw, start, end = self.span(blocks)
        return Passage(
            id=pid,
            kind=extra.pop("kind", section.kind),
            section=section.name,
            theme=extra.pop("theme", section.theme),
            theme_title=extra.pop("theme_title", section.name if section.theme else None),
            actors=extra.pop("actors", None) or self.gazetteer.actors_in(raw),
            text=clean_markup(raw),
            start=start,
            end=end,
            **extra,
        )

    def prefix(self, section: Section) -> str:
        return f"theme-{section.theme}/{section.kind}" if section.theme else section.kind

    def numbered(self, section: Section) -> str:
        prefix = self.prefix(section)
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}/{self.counts[prefix]}"

    def unique(self, prefix: str, actors: tuple[str, ...]) -> str:
        base = f"{prefix}/{slugify(actors[0])}" if actors else f"{prefix}/row"
        self.used[base] = self.used.get(base, 0) + 1
        return base if self.used[base] == 1 else f"{base}-{self.used[base]}"

    def title(self, blocks: list[Block]) -> Passage:
        section = Section(None, kind="overview", name="Title")
        return self.passage(section, blocks, "overview/title", title="Title")

    def section(self, section: Section) -> Iterator[Passage]:
        if not section.kind or not section.blocks:
            return
        yield from getattr(self, "_" + section.kind.replace("-", "_"), self._prose)(section)

    def _rows_as_prose(self, section: Section) -> Iterator[Passage]:
        for block in section.blocks:
            if block.kind == "row" and not block.header:
                yield self.passage(section, [block], self.numbered(section))

    def _prose(self, section: Section) -> Iterator[Passage]:
        texts = [b for b in section.blocks if b.kind == "text"]
        for group in _lead_in_groups(self.layout, texts):
            yield self.passage(section, group, self.numbered(section))
        yield from self._rows_as_prose(section)

    def _foreword(self, section: Section) -> Iterator[Passage]:
        for block in section.blocks:
            raw = self.layout.raw(block).strip()
            if block.kind != "text" or SIGNATURE_IMAGE.match(clean_markup(raw)):
                continue  # the description of a signature image, not the statement's words
            if is_signatory(raw):
                name = clean_markup(raw.split("\n")[0])
                pid = f"foreword/signatory-{slugify(name)}"
                yield self.passage(section, [block], pid, title=name)
            else:
                yield self.passage(section, [block], self.numbered(section))

    def _key_insight(self, section: Section) -> Iterator[Passage]:
        texts = [b for b in section.blocks if b.kind == "text"]
        raws = [self.layout.raw(b).strip() for b in texts]
        for n, (title, end) in enumerate(numbered_items(raws) or [], 1):
            name = item_title(raws[title])
            body = texts[title:end]
            yield self.passage(
                section,
                body,
                f"key-insight/{n}",
                theme=n,
                theme_title=name,
                actors=self.gazetteer.actors_in(
                    "\n".join(self.layout.raw(b) for b in body[1:]) or raws[title]
                ),
                title=name,
            )

    def _spotlight(self, section: Section) -> Iterator[Passage]:
        groups: list[list[Block]] = []
        for block in section.blocks:
            if block.kind != "text":
                continue
            if self.layout.raw(block).lstrip().startswith("- ") and groups:
                groups[-1].append(block)  # a bulleted list continues its lead paragraph
            else:
                groups.append([block])
        for group in groups:
            raw, _, _ = self.span(group)
            actors = self.gazetteer.actors_in(raw)
            yield self.passage(section, group, self.unique(self.prefix(section), actors),
                               actors=actors)
        yield from self._rows_as_prose(section)

    def _recommendation(self, section: Section) -> Iterator[Passage]:
        for block in section.blocks:
            if block.kind == "text":
                yield self.passage(
                    section, [block], self.numbered(Section(None, kind="narrative",
                                                             theme=section.theme)),
                    kind="narrative",
                )
                continue
            if block.header:
                continue
            cells = [clean_markup(self.layout.cell(c)) for c in block.cells]
            cells = [c for c in cells if c]
            actors = self.gazetteer.actors_in(self.layout.raw(block))
            pid = self.unique(self.prefix(section), actors)
            if len(cells) < 2:
                yield self.passage(section, [block], pid, actors=actors)
                continue
            yield self.passage(
                section,
                [block],
                pid,
                actors=actors,
                context=cells[0],
                recommendation="\n".join(cells[1:]),
            )

    def _glossary(self, section: Section) -> Iterator[Passage]:
        for block in section.blocks:
            if block.kind != "row" or block.header:
                continue
            entry = glossary_entry(self.layout, block)
            if entry is None:
                continue
            actor = self.gazetteer.canonical(entry[0])
            pid = self.unique("glossary", (entry[0],))
            yield self.passage(
                section, [block], pid, title=entry[0], actors=(actor,) if actor else ()
            )

    def _contact(self, section: Section) -> Iterator[Passage]:
        pid = "contact" if "contact" not in self.counts else f"contact-{self.counts['contact']}"
        self.counts["contact"] = self.counts.get("contact", 1) + 1
        own = [section.heading] if section.heading else []
        yield self.passage(section, [*section.lead, *own, *section.blocks], pid)


def _lead_in_groups(layout: Layout, blocks: list[Block]) -> list[list[Block]]:
    """Paragraphs, with a lead-in ("...around three priorities:") kept with its items.

    Items written as paragraphs are one sentence each; the first paragraph of more
    than one sentence ends the list.
    """
    groups: list[list[Block]] = []
    open_list = False
    for block in blocks:
        text = layout.raw(block).strip()
        if open_list and len(split_sentences(clean_markup(text))) == 1:
            groups[-1].append(block)
            continue
        groups.append([block])
        open_list = text.endswith(":")
    return groups
