"""PDFs printed by Chromium from the statements' web pages: paragraphs, headings and
table rows rebuilt, running heads and page numbers dropped, rows cut by a page break
joined again. Slow tier: Chromium prints each PDF."""

from __future__ import annotations

from collections import Counter

import pdfplumber

from corpus import load_statement
from corpus.markup import clean_markup, collapse_whitespace


def words(statement) -> list[str]:
    return [collapse_whitespace(p.text) for p in statement.passages]


def test_the_printed_statement_gives_the_same_passages_as_the_text(printed, statement):
    pdf = load_statement(printed / "statement.pdf")
    assert pdf.document.format == "pdf" and pdf.document.date == "2026-01-27"
    assert Counter(p.kind for p in pdf.passages) == Counter(p.kind for p in statement.passages)
    assert [p.id for p in pdf.passages] == [p.id for p in statement.passages]
    same = sum(a == b for a, b in zip(words(pdf), words(statement), strict=True))
    # The one passage allowed to differ is the address block, where a web address
    # broken at its hyphen cannot be told from a hyphenated word.
    assert same >= len(statement.passages) - 1


def test_page_heads_and_numbers_do_not_reach_any_passage(printed):
    with pdfplumber.open(printed / "statement.pdf") as pdf:
        pages = len(pdf.pages)
        first = pdf.pages[0].extract_text()
    assert pages > 10 and "file://" in first and f"1/{pages}" in first  # they are printed
    text = " ".join(words(load_statement(printed / "statement.pdf")))
    assert "file://" not in text and f"/{pages}" not in text and "Outcome Statement" in text


def test_table_rows_cut_by_a_page_break_are_one_row_again(printed, statement):
    pdf = load_statement(printed / "statement.pdf")
    rows = [p for p in pdf.passages if p.kind == "recommendation"]
    assert len(rows) == 24
    for row, original in zip(rows, (p for p in statement.passages if p.kind == "recommendation"),
                             strict=True):
        assert collapse_whitespace(row.context) == collapse_whitespace(original.context)


def test_offsets_of_the_pdf_point_into_the_text_read_from_it(printed):
    pdf = load_statement(printed / "statement.pdf")
    for p in pdf.passages:
        assert clean_markup(pdf.text[p.start : p.end]) == p.text, p.id


def test_the_fictional_statement_reads_the_same_from_its_pdf(printed):
    source = load_statement(printed / "harbour.md")
    pdf = load_statement(printed / "harbour.pdf")
    assert [(p.id, p.kind, p.theme) for p in pdf.passages] == [
        (p.id, p.kind, p.theme) for p in source.passages
    ]
    assert words(pdf) == words(source)
