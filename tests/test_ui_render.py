"""How answers, citations and the statement are written as HTML: real answers, real passages."""

from __future__ import annotations

import html
import re

import pytest

from corpus.passage import Passage
from qa.records import Answer, Citation, Filters
from ui.reading import statement_html
from ui.render import (
    active_filters_html,
    anchor_id,
    answer_html,
    citation_card,
    copy_text,
    error_html,
    filters_html,
    highlight,
    question_html,
    sentences_html,
)

FIJI_ROWS = {"theme-2/recommendation/fiji", "theme-4/recommendation/fiji"}


def marked(fragment: str) -> list[str]:
    """The plain text inside each <mark> of an HTML fragment."""
    return [
        html.unescape(m.replace("<br>", "\n")) for m in re.findall(r"<mark>(.*?)</mark>", fragment)
    ]


def cards(fragment: str) -> list[str]:
    return re.findall(r"<details .*?</details>", fragment)


@pytest.fixture(scope="module")
def fiji(assistant) -> Answer:
    return assistant.ask("What did Fiji call for?")


def test_every_marker_in_the_answer_links_to_a_numbered_card(fiji):
    out = answer_html(fiji)
    refs = re.findall(r'<a class="rq-ref"[^>]*>(\d+)</a>', out)
    assert refs and sorted(set(map(int, refs))) == [c.n for c in fiji.citations]
    numbers = re.findall(r'<span class="rq-n">(\d+)</span>', out)
    assert numbers == [str(c.n) for c in fiji.citations]
    assert "[1]" not in out  # the markers became links


def test_fiji_cards_name_both_recommendation_rows_and_link_to_their_place(fiji):
    out = answer_html(fiji)
    for pid in FIJI_ROWS:
        assert f'<code class="rq-id">{pid}</code>' in out
        assert f'href="#{anchor_id(pid)}"' in out


def test_each_card_highlights_exactly_the_key_sentences_of_its_passage(fiji):
    assert fiji.citations
    for c in fiji.citations:
        assert c.highlights
        card = citation_card(c)
        expected = [c.passage.text[s:e] for s, e in sorted(c.highlights)]
        got = marked(card)
        # A recommendation row is drawn as two cells, so a span may be cut at the cell break.
        assert "".join(got).replace("\n", "") == "".join(expected).replace("\n", "")
        assert all(g in c.passage.text for g in got)


def test_card_shows_theme_kind_speaker_badges_id_and_source_offsets(fiji):
    row = next(c for c in fiji.citations if c.passage.id == "theme-4/recommendation/fiji")
    card = citation_card(row)
    assert '<span class="rq-badge rq-theme">Theme 4 · Preparing for emerging priorities' in card
    assert '<span class="rq-badge rq-kind">Recommendation</span>' in card
    assert '<span class="rq-badge rq-actor rq-speaker">Fiji</span>' in card
    assert f"characters {row.passage.start:,}–{row.passage.end:,}" in card
    assert "Context" in card and "Actionable recommendation" in card


def test_abstention_shows_the_plain_sentence_and_related_passages_marked_not_an_answer(assistant):
    answer = assistant.ask("What did Germany say?")
    assert answer.abstained
    out = answer_html(answer)
    assert '<p class="rq-text rq-notice"><span class="rq-code" data-code="not-mentioned">' in out
    assert "Not in the statement</span>Germany is not mentioned" in out  # the reason, shown
    assert "not an answer" in out
    assert out.count('<span class="rq-flag">Not an answer</span>') == len(answer.related) > 0
    assert out.count("rq-related-card") == len(answer.related)
    assert 'class="rq-ref"' not in out  # nothing is presented as a cited answer


def test_user_text_is_escaped_and_shown_literally():
    for payload in ('<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>"):
        out = question_html(payload)
        assert "<img" not in out and "<script" not in out
        assert html.unescape(re.sub(r"<[^>]+>", "", out)) == payload


def test_corpus_text_is_escaped_in_cards_and_in_the_reading_view():
    text = 'Evil <b onmouseover="x()">bold</b> & "quotes"\n<script>alert(1)</script>'
    passage = Passage(
        id='theme-1/spotlight/x"><script>',
        kind="spotlight",
        section="S <i>",
        theme=1,
        theme_title="T <u>: rest",
        actors=("<Actor>",),
        text=text,
        start=0,
        end=len(text),
    )
    card = citation_card(Citation(1, passage, 0.5, [(0, 20)]))
    page = statement_html([passage])
    for out in (card, page):
        assert "<script" not in out and "<b " not in out and "<i>" not in out
        assert "<u>" not in out and "<Actor>" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert re.search(r'id="p-[a-z0-9-]+"', page)  # the anchor is slugged, not the raw id


def test_error_messages_are_escaped():
    assert error_html("bad <input>") == (
        '<div class="rq-answer rq-error"><p class="rq-text">bad &lt;input&gt;</p></div>'
    )


def test_highlight_merges_overlaps_and_clips_to_the_range():
    text = "alpha beta gamma delta"
    assert highlight(text, [(6, 10), (8, 16)]) == "alpha <mark>beta gamma</mark> delta"
    assert highlight(text, [(0, 10)], start=6, end=16) == "<mark>beta</mark> gamma"
    assert highlight(text, []) == text
    assert highlight("a\nb", [(0, 3)]) == "<mark>a<br>b</mark>"


def test_long_questions_are_shortened_for_display_only():
    out = question_html("y" * 2500)
    assert "y" * 300 + "…" in out and "2,500 characters" in out and "y" * 301 not in out


def test_rendered_chat_html_has_no_blank_line_that_would_end_the_html_block(assistant, fiji):
    germany = assistant.ask("What did Germany say?")
    for out in (answer_html(fiji), answer_html(germany), question_html("a\n\nb")):
        assert "\n" not in out


def test_reading_view_has_every_passage_once_in_document_order_with_unique_anchors(assistant):
    page = statement_html(assistant.passages)
    anchors = re.findall(r'<article class="[^"]+" id="([^"]+)"', page)
    assert anchors == [anchor_id(p.id) for p in assistant.passages]
    assert len(set(anchors)) == len(anchors)
    assert anchor_id("theme-4/recommendation/fiji") == "p-theme-4-recommendation-fiji"
    for heading in ("Foreword", "Key Insights", "Theme 4: Preparing for emerging priorities"):
        assert f"<h2>{heading}" in page
    assert page.count("<h2>Theme ") == 4


CALL = "Fiji and Tonga called for continued international support."
CONTEXT = "Pacific Island States noted the challenge. FIJI and TONGA reaffirmed."
ROW = Passage(
    "theme-2/recommendation/fiji", "recommendation", "Meeting the challenge: more", 2,
    "Meeting the challenge: more", ("Fiji", "Pacific Island States", "Tonga"),
    f"{CONTEXT}\n{CALL}", 10, 200, context=CONTEXT, recommendation=CALL,
)
LABEL = "Doc (2026) - Theme 2: Meeting the challenge - Recommendation (Fiji and Tonga)"
ROW_CITATION = Citation(2, ROW, 0.9, [(len(CONTEXT) + 1, len(ROW.text))], LABEL)


def test_a_card_is_titled_by_kind_and_speakers_and_previews_the_quote_while_closed():
    card = citation_card(ROW_CITATION)
    assert '<span class="rq-where">Recommendation (Fiji and Tonga)' in card
    assert f'<span class="rq-preview">\u201c{CALL}\u201d</span>' in card
    assert f'<div class="rq-label">{LABEL}</div>' in card
    # Fiji and Tonga both speak; the Pacific Island States are only mentioned.
    assert card.count("rq-actor rq-speaker") == 2
    assert '<span class="rq-badge rq-actor">Pacific Island States</span>' in card


def test_a_card_carries_what_copy_and_the_reading_view_need_as_hidden_text():
    card = citation_card(ROW_CITATION)
    start = len(CONTEXT) + 1
    assert f'<span class="rq-data rq-spans">{start}-{len(ROW.text)}</span>' in card
    assert f'<span class="rq-data rq-copy-text">\u201c{CALL}\u201d ({LABEL})</span>' in card
    assert copy_text(ROW_CITATION) == f"\u201c{CALL}\u201d ({LABEL})"
    assert copy_text(Citation(1, ROW, 0.5, [], "")) == ROW.id  # no quote, no label: the id


def test_the_id_and_offsets_sit_one_click_away_in_a_nested_details():
    card = citation_card(ROW_CITATION)
    check = re.search(r'<details class="rq-check">.*?</details>', card)
    assert check and "theme-2/recommendation/fiji" in check.group(0)
    assert "characters 10–200 of the statement" in check.group(0)


def test_filters_are_named_in_words_above_an_answer():
    filters = Filters((2,), ("recommendation",), ("Tonga",))
    out = filters_html(filters, {2: "Meeting the challenge: more"})
    assert "Searched only in" in out
    chips = re.findall(r'<span class="rq-chip">(.*?)</span>', out)
    assert chips == ["Theme 2 · Meeting the challenge", "Recommendation", "Tonga"]
    assert filters_html(Filters(), {}) == ""
    answer = Answer("q", f"{CALL} [1]", False, [Citation(1, ROW, 0.9, [], LABEL)])
    assert answer_html(answer, out).startswith(f'<div class="rq-answer">{out}')
    assert "Clear resets them" in active_filters_html([], [], ["Tonga"], {})
    assert active_filters_html(None, None, None, {}) == ""


def test_the_reading_view_labels_passages_readably_and_addresses_each_sentence():
    page = statement_html([ROW])
    assert re.search(
        r'<a class="rq-p-link" href="#p-theme-2-recommendation-fiji" '
        r'title="theme-2/recommendation/fiji">Recommendation \(Fiji and Tonga\)</a>', page
    )
    spans = re.findall(r'<span class="rq-s" data-s="(\d+)" data-e="(\d+)">(.*?)</span>', page)
    for s, e, text in spans:
        assert html.unescape(text) == ROW.text[int(s) : int(e)]
    assert [t for _, _, t in spans][-1] == CALL and len(spans) == 3
    assert 'id="rq-find"' in page and 'id="rq-back"' in page


def test_sentences_html_keeps_the_text_whole_and_escaped():
    text = "One <b>. Two & three.\nFour."
    out = sentences_html(text)
    assert html.unescape(re.sub(r"<[^>]+>", "", out.replace("<br>", "\n"))) == text
    assert "<b>" not in out
