"""Parse the outcome statement into typed passages.

The statement is a sequence of capitalised headings, each opening a block of one
kind: prose paragraphs, "SPOTLIGHT ON ..." actor paragraphs, tab-separated
"CONTEXT / ACTIONABLE RECOMMENDATION" rows, or a glossary table. One passage is
cut per paragraph, row or entry, so that a citation points at one place.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from corpus.actors import Gazetteer
from corpus.errors import DocumentError
from corpus.files import read_document_bytes
from corpus.markup import clean_markup
from corpus.passage import Passage
from corpus.sentences import split_sentences

__all__ = [
    "DEFAULT_SOURCE",
    "CHUNKER_VERSION",
    "Statement",
    "load_statement",
    "parse_statement",
    "slugify",
]

CHUNKER_VERSION = "5"
DEFAULT_SOURCE: Path = Path(
    str(
        resources.files("corpus")
        / "data"
        / "outcome-statement-4th-rso-constructive-dialogue-2026.txt"
    )
)

_SPOTLIGHT = "SPOTLIGHT ON"
_RECOMMENDATIONS = "ACTIONABLE RECOMMENDATIONS"
_CLOSING = {
    "LOOKING AHEAD": "looking-ahead",
    "PARTICIPATION AND SUPPORT": "participation",
    "GLOSSARY": "glossary",
}
_SIGNATURE_IMAGE = re.compile(r"^An? .*\bsignature\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Block:
    """A paragraph or table row of the source: its raw text and where it sits."""

    raw: str
    start: int
    end: int


@dataclass(frozen=True)
class Statement:
    """The parsed statement: its passages, the gazetteer and the source's hash."""

    passages: tuple[Passage, ...]
    gazetteer: Gazetteer
    glossary: tuple[tuple[str, str], ...]
    sha256: str
    source: Path

    def by_id(self, passage_id: str) -> Passage:
        for passage in self.passages:
            if passage.id == passage_id:
                return passage
        raise KeyError(passage_id)


def slugify(text: str) -> str:
    """A readable id part: lower-case words joined by hyphens."""
    from corpus.actors import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def load_statement(path: Path | str | None = None) -> Statement:
    """Read and parse a statement file (the embedded one by default)."""
    source = Path(path) if path is not None else DEFAULT_SOURCE
    data = read_document_bytes(source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{source} is not UTF-8 text (byte {data[exc.start]:#04x} at {exc.start}); save it "
            "as UTF-8 and retry"
        ) from None
    try:
        passages, glossary, gazetteer = parse_statement(text)
    except ValueError as exc:
        raise DocumentError(f"cannot read {source} as a statement: {exc}") from None
    return Statement(passages, gazetteer, glossary, hashlib.sha256(data).hexdigest(), source)


def parse_statement(
    text: str,
) -> tuple[tuple[Passage, ...], tuple[tuple[str, str], ...], Gazetteer]:
    """Cut the statement into passages, then attribute each to its actors."""
    sections = list(_sections(text))
    glossary = tuple(
        _glossary_entry(block.raw) for kind, _, block in _flatten(sections) if kind == "glossary"
    )
    gazetteer = Gazetteer.for_statement(glossary)
    passages = list(_passages(sections, gazetteer))
    seen: set[str] = set()
    for passage in passages:
        if passage.id in seen:
            raise ValueError(f"duplicate passage id {passage.id!r}: the parser needs a fix")
        seen.add(passage.id)
    if not passages:
        raise ValueError("no passages found: is this the outcome statement?")
    return tuple(passages), glossary, gazetteer


@dataclass
class _Section:
    kind: str
    heading: str
    theme: int | None
    theme_title: str | None
    blocks: list[_Block]
    source: str = ""

    def join(self, blocks: list[_Block]) -> _Block:
        """One block spanning several, blank lines included, so offsets still slice."""
        start, end = blocks[0].start, blocks[-1].end
        return _Block(self.source[start:end], start, end)


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    letters = [c for c in stripped if c.isalpha()]
    return (
        "\t" not in line
        and len(letters) >= 6
        and stripped.isupper()
        and not stripped.startswith(("CONTEXT",))
    )


def _sections(text: str) -> Iterator[_Section]:
    """Group the source's blocks under the heading they follow."""
    section = _Section("overview", "Title", None, None, [], text)
    theme = 0
    theme_titles: list[str] = []
    key_insight_titles: list[str] = []
    pending: list[tuple[int, int, str]] = []

    def flush() -> None:
        if pending:
            raw = text[pending[0][0] : pending[-1][1]]
            section.blocks.append(_Block(raw, pending[0][0], pending[-1][1]))
            pending.clear()

    for start, end, line in _lines(text):
        stripped = line.strip()
        table_row = "\t" in line
        if not stripped or table_row or _is_heading(line) and section.kind != "overview-title":
            flush()
        if not stripped:
            continue
        if section.kind == "contact":
            pending.append((start, end, line))
            continue
        if _is_heading(line) and not (section.heading == "Title" and _is_date(stripped)):
            heading = stripped
            if heading.startswith("OUTCOME STATEMENT"):
                pending.append((start, end, line))
                continue
            yield section
            if heading.startswith(_SPOTLIGHT):
                section = _Section(
                    "spotlight", section.heading, section.theme, section.theme_title, [], text
                )
            elif heading.startswith(_RECOMMENDATIONS):
                section = _Section(
                    "recommendation", section.heading, section.theme, section.theme_title, []
                )
            elif heading in _CLOSING:
                section = _Section(_CLOSING[heading], heading.title(), None, None, [], text)
            elif heading == "FOREWORD":
                section = _Section("foreword", "Foreword", None, None, [], text)
            elif heading.startswith("KEY INSIGHTS"):
                section = _Section("key-insight", "Key insights", None, None, [], text)
            elif section.kind == "glossary":
                section = _Section("contact", "Contact", None, None, [], text)
                pending.append((start, end, line))
            elif section.kind == "foreword":
                section = _Section("overview", _title_case(heading), None, None, [], text)
            else:
                theme += 1
                title = _match_title(heading, key_insight_titles)
                theme_titles.append(title)
                section = _Section("narrative", title, theme, title, [], text)
            continue
        if stripped.startswith("CONTEXT\t"):
            continue
        if section.kind == "key-insight" and not stripped.isdigit() and not pending:
            key_insight_titles.append(stripped) if _looks_like_title(stripped) else None
        pending.append((start, end, line))
        if table_row:
            flush()
    flush()
    yield section


def _is_date(line: str) -> bool:
    return bool(re.search(r"\d", line)) and len(line) < 40


def _looks_like_title(line: str) -> bool:
    return ":" in line and len(line) < 160 and not line.endswith(".")


def _title_case(heading: str) -> str:
    small = {"and", "of", "for", "the", "in", "on", "to", "a"}
    words = heading.lower().split()
    return " ".join(w if i and w in small else w.capitalize() for i, w in enumerate(words))


def _match_title(heading: str, titles: list[str]) -> str:
    for title in titles:
        if title.upper() == heading.upper():
            return title
    return _title_case(heading)


def _flatten(sections: list[_Section]) -> Iterator[tuple[str, _Section, _Block]]:
    for section in sections:
        for block in section.blocks:
            yield section.kind, section, block


def _glossary_entry(raw: str) -> tuple[str, str]:
    acronym, _, expansion = raw.partition("\t")
    return acronym.strip(), " ".join(expansion.split())


def _passages(sections: list[_Section], gazetteer: Gazetteer) -> Iterator[Passage]:
    for section in sections:
        if not section.blocks:
            continue
        maker = _MAKERS.get(section.kind, _prose)
        yield from maker(section, gazetteer)


def _passage(section: _Section, block: _Block, gazetteer: Gazetteer, pid: str, **extra) -> Passage:
    return Passage(
        id=pid,
        kind=extra.pop("kind", section.kind),
        section=section.heading,
        theme=section.theme,
        theme_title=section.theme_title,
        actors=extra.pop("actors", None) or gazetteer.actors_in(block.raw),
        text=clean_markup(block.raw),
        start=block.start,
        end=block.end,
        **extra,
    )


def _prefix(section: _Section) -> str:
    return f"theme-{section.theme}/{section.kind}" if section.theme else section.kind


def _prose(section: _Section, gazetteer: Gazetteer) -> Iterator[Passage]:
    blocks = section.blocks
    prefix = _prefix(section)
    if section.heading == "Title":
        yield _passage(section, section.join(blocks), gazetteer, "overview/title", title="Title")
        return
    for n, group in enumerate(_lead_in_groups(blocks), 1):
        yield _passage(section, section.join(group), gazetteer, f"{prefix}/{n}")


def _lead_in_groups(blocks: list[_Block]) -> list[list[_Block]]:
    """Paragraphs, with a lead-in ("...around three priorities:") kept with its items.

    Items written as paragraphs are one sentence each; the first paragraph of more
    than one sentence ends the list.
    """
    groups: list[list[_Block]] = []
    open_list = False
    for block in blocks:
        text = block.raw.strip()
        if open_list and len(split_sentences(clean_markup(text))) == 1:
            groups[-1].append(block)
            continue
        groups.append([block])
        open_list = text.endswith(":")
    return groups


def _foreword(section: _Section, gazetteer: Gazetteer) -> Iterator[Passage]:
    n = 0
    for block in section.blocks:
        if _SIGNATURE_IMAGE.match(block.raw.strip()):
            continue  # the description of a signature image, not the statement's words
        if "\n" in block.raw.strip() and len(block.raw) < 120:
            name = block.raw.strip().splitlines()[0].strip()
            yield _passage(
                section, block, gazetteer, f"foreword/signatory-{slugify(name)}", title=name
            )
            continue
        n += 1
        yield _passage(section, block, gazetteer, f"foreword/{n}")


def _key_insights(section: _Section, gazetteer: Gazetteer) -> Iterator[Passage]:
    blocks = [b for b in section.blocks if not b.raw.strip().isdigit()]
    for n, (title, body) in enumerate(zip(blocks[::2], blocks[1::2], strict=True), 1):
        merged = section.join([title, body])
        # Key insight n sums up theme n: its title is that theme's heading.
        yield Passage(
            id=f"key-insight/{n}",
            kind="key-insight",
            section=section.heading,
            theme=n,
            theme_title=title.raw.strip(),
            actors=gazetteer.actors_in(body.raw),
            text=clean_markup(merged.raw),
            start=merged.start,
            end=merged.end,
            title=title.raw.strip(),
        )


def _spotlights(section: _Section, gazetteer: Gazetteer) -> Iterator[Passage]:
    groups: list[list[_Block]] = []
    for block in section.blocks:
        if block.raw.lstrip().startswith("- ") and groups:
            groups[-1].append(block)  # a bulleted list continues its lead paragraph
        else:
            groups.append([block])
    used: dict[str, int] = {}
    for group in groups:
        block = section.join(group)
        actors = gazetteer.actors_in(block.raw)
        yield _passage(
            section, block, gazetteer, _unique(_prefix(section), actors, used), actors=actors
        )


def _recommendations(section: _Section, gazetteer: Gazetteer) -> Iterator[Passage]:
    used: dict[str, int] = {}
    for block in section.blocks:
        context, _, recommendation = block.raw.partition("\t")
        actors = gazetteer.actors_in(block.raw)
        yield _passage(
            section,
            block,
            gazetteer,
            _unique(_prefix(section), actors, used),
            actors=actors,
            context=clean_markup(context),
            recommendation=clean_markup(recommendation),
        )


def _glossary(section: _Section, gazetteer: Gazetteer) -> Iterator[Passage]:
    for block in section.blocks:
        acronym, expansion = _glossary_entry(block.raw)
        actor = gazetteer.canonical(acronym)
        yield _passage(
            section,
            block,
            gazetteer,
            f"glossary/{slugify(acronym)}",
            title=acronym,
            actors=(actor,) if actor else (),
        )


def _contact(section: _Section, gazetteer: Gazetteer) -> Iterator[Passage]:
    yield _passage(section, section.join(section.blocks), gazetteer, "contact")


def _unique(prefix: str, actors: tuple[str, ...], used: dict[str, int]) -> str:
    base = f"{prefix}/{slugify(actors[0])}" if actors else f"{prefix}/row"
    used[base] = used.get(base, 0) + 1
    return base if used[base] == 1 else f"{base}-{used[base]}"


_MAKERS = {
    "foreword": _foreword,
    "key-insight": _key_insights,
    "spotlight": _spotlights,
    "recommendation": _recommendations,
    "glossary": _glossary,
    "contact": _contact,
}
