"""What the chat does with a message: check it, ask with the chosen filters, render."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corpus.errors import InvalidQuestionError
from ui.handlers import answer_turn, api_answer, ask_turn, filters_from, reply, user_message
from ui.texts import EXAMPLES

FIJI_ROWS = {"theme-2/recommendation/fiji", "theme-4/recommendation/fiji"}


def cited(fragment: str) -> list[str]:
    return re.findall(r'<details class="rq-card" data-n="\d+" data-passage="([^"]+)"', fragment)


def passage(assistant, pid: str):
    return next(p for p in assistant.passages if p.id == pid)


def test_fiji_question_cites_both_recommendation_rows(assistant):
    assert FIJI_ROWS <= set(cited(ask_turn(assistant, "What did Fiji call for?")))


def test_theme_filter_constrains_retrieval_not_just_the_display(assistant):
    out = ask_turn(assistant, "What did Fiji call for?", themes=[4])
    ids = cited(out)
    assert "theme-4/recommendation/fiji" in ids
    assert all(passage(assistant, i).theme == 4 for i in ids)


def test_kind_filter_constrains_retrieval(assistant):
    ids = cited(ask_turn(assistant, "What did Fiji call for?", kinds=["spotlight"]))
    assert ids and all(passage(assistant, i).kind == "spotlight" for i in ids)


def test_actor_filter_constrains_retrieval(assistant):
    ids = cited(
        ask_turn(assistant, "Who called for stronger maritime surveillance?", actors=["Tonga"])
    )
    assert ids and all("Tonga" in passage(assistant, i).actors for i in ids)


def test_k_caps_the_number_of_cards_and_slider_floats_are_accepted(assistant):
    assert len(cited(ask_turn(assistant, "What did Fiji call for?", k=1.0))) == 1


def test_abstention_is_rendered_as_related_passages_not_an_answer(assistant):
    out = ask_turn(assistant, "What did Germany say?")
    assert "rq-abstained" in out and "Not an answer" in out and cited(out) == []


@pytest.mark.parametrize(
    ("message", "kwargs", "needle"),
    [
        ("y" * 2001, {}, "the limit is 2,000"),
        ("   ", {}, "The question is empty"),
        ("What did Fiji call for?", {"actors": ["Atlantis"]}, "unknown actor"),
        ("What did Fiji call for?", {"themes": [9]}, "unknown theme 9"),
        ("What did Fiji call for?", {"kinds": ["poem"]}, "unknown kind"),
        ("What did Fiji call for?", {"k": 0}, "k must be"),
    ],
)
def test_bad_input_is_refused_with_one_sentence_in_place_of_the_answer(
    assistant, message, kwargs, needle
):
    out = ask_turn(assistant, message, **kwargs)
    assert out.startswith('<div class="rq-answer rq-error">')
    assert needle in out


def test_a_question_over_the_limit_is_refused_before_any_model_work():
    # No assistant at all: the check must happen before anything would touch one.
    with pytest.raises(InvalidQuestionError, match="limit is 2,000"):
        api_answer(None, "y" * 2001)  # type: ignore[arg-type]
    assert "limit is 2,000" in ask_turn(None, "y" * 2001)  # type: ignore[arg-type]


def test_api_answer_is_the_answer_record_as_json(assistant):
    data = api_answer(assistant, "What is RILON?", k=3, kinds=["glossary"])
    assert data["citations"][0]["passage"]["id"] == "glossary/rilon"
    assert "Regional Information Liaison and Outreach Network" in data["text"]
    assert set(data) >= {"question", "text", "abstained", "citations", "related", "timings"}


def test_theme_numbers_sent_as_text_or_floats_filter_like_numbers(assistant):
    filters = assistant.filters(filters_from(["4", 2.0, 4], None, ("Fiji",)))
    assert (filters.themes, filters.kinds, filters.actors) == ((4, 2), (), ("Fiji",))


def test_chat_entries_are_role_tagged_and_the_question_is_escaped():
    assert user_message("<b>hi</b>") == {
        "role": "user",
        "content": '<div class="rq-q">&lt;b&gt;hi&lt;/b&gt;</div>',
    }
    assert reply("<p>x</p>") == {"role": "assistant", "content": "<p>x</p>"}


def test_example_questions_cover_every_question_type_and_each_gets_its_kind_of_reply(assistant):
    questions = Path(__file__).resolve().parent.parent / "eval" / "questions.jsonl"
    types = {json.loads(line)["type"] for line in questions.read_text().splitlines() if line}
    assert [t for t, _ in EXAMPLES] == sorted(types)
    for kind, text in EXAMPLES:
        answer = assistant.ask(text)
        assert answer.abstained is (kind == "unanswerable"), (text, answer.text)


def test_a_chat_turn_keeps_the_answer_record_for_the_brief_and_names_its_filters(assistant):
    html, record = answer_turn(assistant, "What did Fiji call for?", actors=["Fiji"], k=3.0)
    assert record is not None and record.question == "What did Fiji call for?"
    assert FIJI_ROWS <= {c.passage.id for c in record.citations}
    assert '<span class="rq-chip">Fiji</span>' in html and "Searched only in" in html
    refused, none = answer_turn(assistant, "   ")
    assert none is None and "The question is empty" in refused
