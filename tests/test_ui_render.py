"""How answers, citations and the statement are written as HTML: real answers, real passages."""

from __future__ import annotations

import html
import re

import pytest

from corpus.passage import Passage
from qa.records import Answer, Citation
from ui.reading import statement_html
from ui.render import (
    anchor_id,
    answer_html,
    citation_card,
    error_html,
    highlight,
    question_html,
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
    assert '<p class="rq-text rq-notice">Germany is not mentioned' in out
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
    for heading in ("Foreword", "Key insights", "Theme 4: Preparing for emerging priorities"):
        assert f"<h2>{heading}" in page
    assert page.count("<h2>Theme ") == 4
