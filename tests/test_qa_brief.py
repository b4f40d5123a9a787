"""The cited brief as Markdown and Word, from synthetic answers (fast tier)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest

from corpus.errors import UsageError
from corpus.passage import Passage
from qa.brief import brief_docx, brief_markdown, segments, write_brief
from qa.records import Answer, Citation

CONTEXT = "Pacific Island States noted the challenge of vast maritime domains."
CALL = "Fiji and Tonga called for continued international support in intelligence sharing."
ROW = Passage(
    "theme-2/recommendation/fiji", "recommendation", "Meeting the challenge: more", 2,
    "Meeting the challenge: more", ("Fiji", "Tonga"), f"{CONTEXT}\n{CALL}", 100, 260,
    context=CONTEXT, recommendation=CALL,
)
LABEL = "Doc (2026) - Theme 2: Meeting the challenge - Recommendation (Fiji and Tonga)"
FIJI = Answer(
    "What did Fiji call for?",
    f"{CALL} [1]",
    False,
    [Citation(1, ROW, 0.9, [(len(CONTEXT) + 1, len(ROW.text))], LABEL)],
)
GERMANY = Answer(
    "What did <b>Germany</b> say?", "Germany is not mentioned in the outcome statement.", True,
    [], [Citation(1, ROW, 0.2, [(0, len(CONTEXT))], LABEL)], "Germany is not mentioned",
)


def word_text(data: bytes) -> tuple[str, list[str]]:
    """All paragraph text of a .docx, and the text of its bold runs."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p for p in document.paragraphs]
    bold = [r.text for p in paragraphs for r in p.runs if r.bold]
    return "\n".join(p.text for p in paragraphs), bold


def test_markdown_brief_has_question_answer_markers_label_and_the_quote_in_bold():
    md = brief_markdown([FIJI], title="Doc (2026)", today=date(2026, 2, 3))
    assert md.startswith("# Brief: Doc (2026)\n")
    assert "Prepared with rso-qa on 3 February 2026." in md
    assert "## 1. What did Fiji call for?" in md
    assert f"{CALL} [1]" in md  # the marker stays a plain [1]
    assert f"**[1]** {LABEL}" in md
    assert "*theme-2/recommendation/fiji, characters 100-260 of the statement*" in md
    assert f"> {CONTEXT}\n>\n> **{CALL}**" in md  # context, then the quoted call in bold


def test_markdown_escapes_what_would_be_markup_in_questions_and_passages():
    md = brief_markdown([GERMANY], title="Doc")
    assert "What did \\<b\\>Germany\\</b\\> say?" in md and "<b>" not in md
    assert "Closest passages (not an answer" in md and "**Sources**" not in md


def test_word_brief_holds_the_same_content_with_the_answer_sentences_bold():
    text, bold = word_text(brief_docx([FIJI, GERMANY], title="Doc (2026)"))
    for needle in ("Brief: Doc (2026)", "1. What did Fiji call for?", f"{CALL} [1]", LABEL,
                   "2. What did <b>Germany</b> say?", "Closest passages (not an answer"):
        assert needle in text
    assert CALL in bold and CONTEXT in bold  # Fiji's call, and Germany's closest sentence
    assert text.count(CONTEXT) == 2


def test_text_word_cannot_hold_is_replaced_not_an_error():
    odd = Answer("What\x00 about \ud800 this?", "No.", True, [], [], "weak")
    text, _ = word_text(brief_docx([odd], title="Doc"))
    assert "What\ufffd about \ufffd this?" in text
    assert "\ufffd" in brief_markdown([odd], title="Doc")


def test_segments_merge_overlaps_and_clip_to_the_text():
    assert segments("abcdef", [(1, 3), (2, 4), (9, 12)]) == [("a", False), ("bcd", True),
                                                            ("ef", False)]
    assert segments("abc", []) == [("abc", False)]


@pytest.mark.parametrize("suffix", [".md", ".docx", ".MD"])
def test_write_brief_writes_the_named_file_and_nothing_else(tmp_path, suffix):
    target = tmp_path / f"brief{suffix}"
    target.write_text("an older brief the user asked to replace")
    write_brief(target, [FIJI], title="Doc")
    data = target.read_bytes()
    assert (LABEL in word_text(data)[0]) if suffix == ".docx" else (LABEL in data.decode())
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


@pytest.mark.parametrize(
    ("name", "needle"),
    [("brief.pdf", "must end in .md"), ("brief", "must end in .md"),
     ("missing/brief.md", "no folder"), ("folder.md", "not a plain file"),
     ("link.md", "not a plain file"), ("locked.docx", "read-only")],
)
def test_a_path_that_cannot_take_a_brief_is_refused_in_one_sentence(tmp_path, name, needle):
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "folder.md" / "keep.txt").write_text("mine")
    (tmp_path / "target.txt").write_text("mine")
    (tmp_path / "link.md").symlink_to(tmp_path / "target.txt")
    locked = tmp_path / "locked.docx"
    locked.write_text("mine")
    locked.chmod(0o444)
    with pytest.raises(UsageError, match=needle):
        write_brief(tmp_path / name, [FIJI], title="Doc")
    assert (tmp_path / "folder.md" / "keep.txt").read_text() == "mine"
    assert (tmp_path / "target.txt").read_text() == "mine" and locked.read_text() == "mine"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_folder_that_cannot_be_written_is_refused_in_one_sentence():
    with pytest.raises(UsageError, match="cannot write a brief to /proc/brief.md"):
        write_brief(Path("/proc/brief.md"), [FIJI], title="Doc")
    assert not Path("/proc/brief.md").exists()
