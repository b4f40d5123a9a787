"""The statement is cut into the passages a reader would cite."""

from __future__ import annotations

from collections import Counter

from corpus import KINDS, clean_markup, load_statement


def test_statement_has_the_published_block_counts(statement):
    kinds = Counter(p.kind for p in statement.passages)
    assert kinds["spotlight"] == 30
    assert kinds["recommendation"] == 24
    assert kinds["key-insight"] == 4
    assert kinds["glossary"] == 18
    assert kinds["contact"] == 1
    assert set(kinds) == set(KINDS)


def test_ids_are_unique_and_identical_across_parses(statement):
    ids = [p.id for p in statement.passages]
    assert len(ids) == len(set(ids))
    assert ids == [p.id for p in load_statement().passages]


def test_ids_are_readable_paths(statement):
    ids = {p.id for p in statement.passages}
    assert {"theme-4/recommendation/fiji", "theme-2/spotlight/fiji", "glossary/rilon",
            "key-insight/1", "contact"} <= ids


def test_no_passage_text_is_empty_or_carries_markup(statement):
    for p in statement.passages:
        assert p.text.strip(), p.id
        assert "<p>" not in p.text and "**" not in p.text and "\t" not in p.text, p.id


def test_offsets_recover_each_passage_text_from_the_file(statement):
    source = statement.source.read_text("utf-8")
    for p in statement.passages:
        assert clean_markup(source[p.start:p.end]) == p.text, p.id


def test_passages_follow_the_order_of_the_file(statement):
    starts = [p.start for p in statement.passages]
    assert starts == sorted(starts)


def test_recommendation_rows_keep_context_and_recommendation(statement):
    rows = [p for p in statement.passages if p.kind == "recommendation"]
    for row in rows:
        assert row.context and row.recommendation, row.id
        assert row.text == f"{row.context}\n{row.recommendation}"


def test_fiji_spotlight_and_both_fiji_rows_carry_fiji(statement):
    fiji = {p.id: p for p in statement.passages if "Fiji" in p.actors and p.kind != "participation"}
    assert fiji["theme-2/spotlight/fiji"].speaker == "Fiji"
    assert "Fiji" in fiji["theme-2/recommendation/fiji"].actors
    assert "Tonga" in fiji["theme-2/recommendation/fiji"].actors
    assert "climate" in fiji["theme-4/recommendation/fiji"].text


def test_themes_carry_their_titles(statement):
    themed = [p for p in statement.passages if p.theme]
    assert {p.theme for p in themed} == {1, 2, 3, 4}
    titles = {p.theme: p.theme_title for p in themed if p.kind == "narrative"}
    assert titles[2].startswith("Meeting the challenge posed by transnational crime groups")
    assert all(p.theme is None for p in statement.passages if p.kind == "glossary")


def test_spotlight_speakers_come_from_capitals_or_bold(statement):
    speakers = {p.id: p.speaker for p in statement.passages if p.kind == "spotlight"}
    assert speakers["theme-1/spotlight/china"] == "China"
    assert speakers["theme-2/spotlight/united-states-of-america"] == "United States of America"
    assert speakers["theme-3/spotlight/maldives"] == "Maldives"
    assert speakers["theme-4/spotlight/iom"] == "IOM"
    assert all(speakers.values())


def test_icmpd_bullets_stay_with_their_lead_paragraph(statement):
    icmpd = statement.by_id("theme-4/spotlight/icmpd")
    assert icmpd.text.count("\n- ") == 3


def test_clean_markup_removes_tags_bold_and_links():
    raw = "<p>The **BOLD** [Strategy](#) text</p> <p>two</p>\tcell"
    assert clean_markup(raw) == "The BOLD Strategy text\ntwo\ncell"
