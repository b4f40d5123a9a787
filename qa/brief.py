"""A cited brief of one or more answers, as Markdown or Word, for a reader to take away.

Each question is followed by its answer with the [n] markers, then a numbered list
of sources: the readable label, the passage id and offsets for checking, and the
whole passage quoted with the answer's sentences in bold. `rso-qa ask --out` and the
chat's "Download brief" both write through here.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from corpus.errors import UsageError
from qa.records import Answer, Citation

__all__ = [
    "BRIEF_FORMATS",
    "brief_docx",
    "brief_markdown",
    "check_brief_path",
    "segments",
    "write_brief",
]

BRIEF_FORMATS = (".md", ".docx")
_HOW_TO_READ = (
    "Answers quote the statement word for word. Each [n] refers to source n under its "
    "answer, quoted in full with the answer's sentences in bold."
)
_NOT_AN_ANSWER = "Closest passages (not an answer: the statement may not cover this question)"
# Characters XML 1.0 (and so Word) cannot hold; they become U+FFFD rather than an error.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_<>\[\]#|])")
_MD_MARKER = re.compile(r"\\\[(\d{1,2})\\\]")


def segments(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, highlighted) runs; overlapping spans are merged."""
    merged: list[list[int]] = []
    for s, e in sorted((max(0, s), min(len(text), e)) for s, e in spans if s < e):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        elif s < e:
            merged.append([s, e])
    out: list[tuple[str, bool]] = []
    pos = 0
    for s, e in merged:
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def brief_markdown(answers: Sequence[Answer], *, title: str, today: date | None = None) -> str:
    """The brief as Markdown: headings, the answers, and their quoted sources."""
    lines = [f"# Brief: {_md(title)}", "", f"*{_prepared(today)} {_HOW_TO_READ}*", ""]
    for i, answer in enumerate(answers, 1):
        lines += [f"## {i}. {_md(_clean(answer.question))}", ""]
        text = _md(_clean(answer.text))
        lines += [_MD_MARKER.sub(r"[\1]", text), ""]
        sources = answer.related if answer.abstained else answer.citations
        if sources:
            lines += [f"**{_NOT_AN_ANSWER if answer.abstained else 'Sources'}**", ""]
        for c in sources:
            lines += [f"**[{c.n}]** {_md(_clean(c.label or c.passage.id))}  ", f"*{_where(c)}*", ""]
            lines += [*_md_quote(c), ""]
    return "\n".join(lines).rstrip() + "\n"


def brief_docx(answers: Sequence[Answer], *, title: str, today: date | None = None) -> bytes:
    """The brief as a Word document (python-docx), same content as the Markdown."""
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    document.core_properties.title = _clean(f"Brief: {title}")
    document.add_heading(_clean(f"Brief: {title}"), level=0)
    intro = document.add_paragraph().add_run(f"{_prepared(today)} {_HOW_TO_READ}")
    intro.italic = True
    for i, answer in enumerate(answers, 1):
        document.add_heading(_clean(f"{i}. {answer.question}"), level=1)
        document.add_paragraph(_clean(answer.text))
        sources = answer.related if answer.abstained else answer.citations
        if sources:
            document.add_heading(_NOT_AN_ANSWER if answer.abstained else "Sources", level=2)
        for c in sources:
            head = document.add_paragraph()
            head.add_run(f"[{c.n}] ").bold = True
            head.add_run(_clean(c.label or c.passage.id)).bold = True
            where = document.add_paragraph().add_run(_where(c))
            where.italic = True
            where.font.size = Pt(9)
            where.font.color.rgb = RGBColor(0x55, 0x5F, 0x6D)
            for line in _lines(c):
                quote = document.add_paragraph(style="Quote")
                for piece, bold in line:
                    quote.add_run(_clean(piece)).bold = bold
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def check_brief_path(path: Path) -> str:
    """The brief's format ('.md' or '.docx') if `path` can take one, else one sentence why
    not. Called before any model work, so a typo costs no wait."""
    suffix = path.suffix.lower()
    if suffix not in BRIEF_FORMATS:
        raise UsageError(
            f"cannot write a brief to {path}: the file name must end in .md (Markdown) "
            "or .docx (Word)"
        )
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise UsageError(f"cannot write a brief to {path}: it exists and is not a plain file")
    # Mode bits, not access(): root may write anything, but a file marked read-only
    # was marked so by someone who wanted it kept.
    if path.exists() and not path.stat().st_mode & 0o222:
        raise UsageError(f"cannot write a brief to {path}: the file is read-only")
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(f"cannot write a brief to {path}: no folder {parent}; create it first")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write a brief to {path}: the folder {parent} is not writable")
    return suffix


def write_brief(path: Path, answers: Sequence[Answer], *, title: str) -> Path:
    """Write the brief the file name asks for (.md or .docx), whole or not at all.

    The content goes to a temporary file beside it that is then renamed over `path`,
    so an interrupted write never leaves half a brief, and nothing else is touched.
    """
    suffix = check_brief_path(path)
    data = (
        brief_docx(answers, title=title)
        if suffix == ".docx"
        else brief_markdown(answers, title=title).encode("utf-8")
    )
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write a brief to {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise UsageError(f"cannot write a brief to {path}: {exc.strerror or exc}") from None
    return path


def _prepared(today: date | None) -> str:
    day = today or date.today()
    return f"Prepared with rso-qa on {day.day} {day:%B %Y}."


def _where(c: Citation) -> str:
    p = c.passage
    return f"{p.id}, characters {p.start:,}-{p.end:,} of the statement"


def _lines(c: Citation) -> list[list[tuple[str, bool]]]:
    """The passage as lines of (piece, bold) runs: a recommendation row's context and
    recommendation stay two paragraphs, and bold never spans a line break."""
    lines: list[list[tuple[str, bool]]] = [[]]
    for piece, bold in segments(c.passage.text, c.highlights):
        for j, part in enumerate(piece.split("\n")):
            if j:
                lines.append([])
            if part:
                lines[-1].append((part, bold))
    return [line for line in lines if line]


def _md_quote(c: Citation) -> list[str]:
    out: list[str] = []
    for line in _lines(c):
        if out:
            out.append(">")
        text = "".join(_md_bold(_md(_clean(p))) if bold else _md(_clean(p)) for p, bold in line)
        out.append(f"> {text}")
    return out


def _md_bold(text: str) -> str:
    """Bold that Markdown honours: the markers hug the words, spaces stay outside."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}**{core}**{trail}"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
