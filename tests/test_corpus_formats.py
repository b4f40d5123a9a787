"""Statements as people receive them: text, web page, Word, Markdown; one parser for all.

The bundled statement rendered as a web page and as a Word file must give the very
passages the text gives; a fictional statement with other headings, three themes,
other actors and another year proves the parser is keyed to no one layout. Fast
tier: no model, no browser (the PDF renderings are in test_corpus_pdf.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from corpus import load_statement
from corpus.errors import DocumentError
from corpus.formats import detect_format, read_layout
from corpus.markup import clean_markup, collapse_whitespace
from corpus.statement import DEFAULT_SOURCE, parse_statement
from corpus.structure import find_date
from tests.renderings import html_to_docx, markdown_html, to_html

DATA = Path(__file__).parent / "data"
HARBOUR = DATA / "harbour-dialogue-2031.md"


def shape(statement) -> list[tuple]:
    """What must not change across formats: ids, kinds, themes and the words."""
    return [(p.id, p.kind, p.theme, collapse_whitespace(p.text)) for p in statement.passages]


@pytest.fixture(scope="module")
def renderings(tmp_path_factory, statement):
    out = tmp_path_factory.mktemp("renderings")
    page = to_html(DEFAULT_SOURCE.read_text("utf-8"))
    (out / "statement.html").write_text(page, "utf-8")
    html_to_docx(page, out / "statement.docx")
    harbour = markdown_html(HARBOUR.read_text("utf-8"))
    html_to_docx(harbour, out / "harbour.docx")
    return out


def test_the_bundled_statement_parses_to_the_same_passages_as_before(statement):
    golden = [json.loads(line) for line in (DATA / "statement-passages.jsonl").open()]
    now = [
        {"id": p.id, "kind": p.kind, "theme": p.theme, "start": p.start, "end": p.end,
         "text_sha1": hashlib.sha1(p.text.encode()).hexdigest()[:12]}
        for p in statement.passages
    ]
    assert now == golden
    assert {p.doc for p in statement.passages} == {"rso-cd4"}


def test_the_bundled_statement_is_a_document_with_its_title_and_date(statement):
    doc = statement.document
    assert doc.id == "rso-cd4" and doc.format == "text" and doc.passages == 115
    assert doc.title == "Outcome Statement: Fourth RSO Constructive Dialogue"
    assert doc.date == "2026-01-27" and doc.sha256 == statement.sha256


@pytest.mark.parametrize("name", ["statement.html", "statement.docx"])
def test_a_rendering_of_the_statement_gives_the_same_passages(renderings, statement, name):
    copy = load_statement(renderings / name)
    assert copy.document.format == name.rsplit(".", 1)[1]
    assert shape(copy) == shape(statement)


@pytest.mark.parametrize("name", ["statement.html", "statement.docx"])
def test_offsets_of_a_rendering_point_into_its_own_text(renderings, name):
    copy = load_statement(renderings / name)
    for p in copy.passages:
        assert clean_markup(copy.text[p.start : p.end]) == p.text, p.id


def test_renaming_every_heading_changes_no_passage_kind(statement):
    """Nothing in the parser names a heading: replace each with other capitals."""
    source = DEFAULT_SOURCE.read_text("utf-8")
    words = iter(["PART"] * 1000)
    count = Counter()

    def rename(match: re.Match) -> str:
        count["n"] += 1
        return f"{next(words)} NUMBER {count['n']:03d} OF THE DOCUMENT"

    headings = re.compile(r"^(?=[^\n\t]*[A-Z]{6})[^a-z\n\t\d]+$", re.MULTILINE)
    renamed = headings.sub(rename, source)
    assert count["n"] >= 25
    passages, _, _ = parse_statement(renamed)
    assert Counter(p.kind for p in passages) == Counter(p.kind for p in statement.passages)
    with_headings = {"overview/title", "contact"}  # their text holds heading lines
    assert [p.text for p in passages if p.id not in with_headings] == [
        p.text for p in statement.passages if p.id not in with_headings
    ]


def test_a_fictional_statement_with_another_layout_has_its_own_structure():
    harbour = load_statement(HARBOUR)
    kinds = Counter(p.kind for p in harbour.passages)
    assert {p.theme for p in harbour.passages if p.kind == "narrative"} == {1, 2, 3}
    assert kinds["key-insight"] == 3 and kinds["spotlight"] == 6 and kinds["recommendation"] == 4
    assert kinds["glossary"] == 3 and kinds["contact"] == 1 and kinds["participation"] == 1
    assert kinds["foreword"] == 5 and kinds["looking-ahead"] == 2
    doc = harbour.document
    assert doc.title == "Outcome Statement of the Seventh Harbour Security Dialogue"
    assert doc.date == "2031-03-14" and doc.format == "markdown"
    speakers = {p.id: p.speaker for p in harbour.passages if p.kind == "spotlight"}
    assert speakers["theme-1/spotlight/norway"] == "Norway"
    assert speakers["theme-2/spotlight/philippines"] == "Philippines"
    row = next(p for p in harbour.passages if p.id == "theme-2/recommendation/uruguay")
    assert row.context.startswith("Uruguay observed") and "shore leave" in row.recommendation
    titles = {p.theme: p.theme_title for p in harbour.passages if p.kind == "narrative"}
    assert titles[3] == "Training port officers together"


def test_the_fictional_statement_reads_the_same_from_word(renderings):
    assert shape(load_statement(renderings / "harbour.docx")) == shape(load_statement(HARBOUR))


@pytest.mark.parametrize(
    ("text", "date"),
    [("27-28 JANUARY 2026", "2026-01-27"), ("Reykjavik, 14–15 March 2031", "2031-03-14"),
     ("June 3, 2025", "2025-06-03"), ("November 2024", "2024-11"), ("in 2026 alone", None)],
)
def test_a_stated_date_is_read_and_a_bare_year_is_not_a_date(text, date):
    assert find_date(text) == date


# --- files that are not statements ------------------------------------------------------------


def scanned_pdf() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).text((20, 80), "A SCANNED PAGE OF TEXT", fill="black")
    out = io.BytesIO()
    image.save(out, "PDF")
    return out.getvalue()


def locked_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(scanned_pdf()))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def damaged_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document")
    return out.getvalue()


BAD_FILES = {
    "an empty file": ("statement.txt", b"", "is empty"),
    "a scanned PDF": ("scan.pdf", scanned_pdf(), "no text layer"),
    "a password-protected PDF": ("locked.pdf", locked_pdf(), "password-protected"),
    "a truncated PDF": ("half.pdf", scanned_pdf()[:1500], "not a valid PDF"),
    "a PDF by name only": ("fake.pdf", b"hello, I am text", "not a valid PDF"),
    "a damaged Word file": ("broken.docx", damaged_docx(), "not a valid Word file"),
    "a Word file by name only": ("fake.docx", b"plain words", "not a valid Word file"),
    "a locked or old Word file": ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
                                  "password-protected or an old Word"),
    "an image": ("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "binary file"),
    "a spreadsheet export": ("numbers.csv", b"a,b\n1,2\n", "ending '.csv'"),
    "text that is not UTF-8": ("latin.txt", "café".encode("latin-1"), "not UTF-8"),
}


@pytest.mark.parametrize("case", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_file_that_is_not_a_readable_statement_is_refused_in_one_sentence(case):
    name, data, needle = case
    with pytest.raises(DocumentError) as err:
        read_layout(data, name)
    message = str(err.value)
    assert needle in message and name in message and "\n" not in message


def test_the_format_is_told_by_the_bytes_before_the_name():
    assert detect_format(b"%PDF-1.7\n...", "statement.txt") == "pdf"
    assert detect_format(b"<!DOCTYPE html><p>x</p>", "statement") == "html"
    assert detect_format(b"# Title\n", "notes.md") == "markdown"
