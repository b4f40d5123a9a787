"""The `qa.Assistant` contract that other tools call."""

from __future__ import annotations

import json
import re

import pytest

from corpus.errors import InvalidQuestionError
from qa import Answer, Assistant, Citation

FIJI_ROWS = {"theme-2/recommendation/fiji", "theme-4/recommendation/fiji"}


def test_the_contract_api_works_as_written(assistant):
    assert isinstance(assistant, Assistant)
    passages = assistant.passages
    assert isinstance(passages, tuple) and passages
    first = passages[0]
    for field in ("id", "kind", "theme", "actors", "text", "start", "end"):
        assert hasattr(first, field)
    answer = assistant.ask("What did Fiji call for?", k=5)
    assert isinstance(answer, Answer)
    assert isinstance(answer.text, str) and "[1]" in answer.text
    assert answer.abstained is False
    assert all(isinstance(c, Citation) for c in answer.citations)
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    scores = [c.score for c in answer.citations]
    assert scores == sorted(scores, reverse=True)
    json.dumps(answer.to_dict())


def test_fiji_question_cites_both_recommendation_rows(assistant):
    answer = assistant.ask("What did Fiji call for?", k=5)
    cited = {c.passage.id for c in answer.citations}
    assert FIJI_ROWS <= cited


def test_highlights_are_spans_of_the_cited_passage(assistant):
    answer = assistant.ask("What is RILON?")
    assert answer.citations
    for c in answer.citations:
        assert c.highlights
        for start, end in c.highlights:
            assert 0 <= start < end <= len(c.passage.text)


def test_answer_sentences_are_verbatim_from_cited_passages(assistant):
    answer = assistant.ask("How many fraud complaints has the Indonesia Anti Scam Centre received?")
    assert answer.text.strip() and re.search(r"\[\d+\][.!?;:]*$", answer.text.rstrip()), answer.text
    by_number = {c.n: " ".join(c.passage.text.split()) for c in answer.citations}
    pieces = re.findall(r"(.+?)\s*\[(\d+)\]([.!?;:]*)", " ".join(answer.text.split()))
    assert pieces
    for words, n, end in pieces:
        # Each piece is verbatim from the very passage its marker points to; the marker
        # sits before the piece's closing punctuation.
        assert (words.strip() + end).lstrip("•-–— ").rstrip(".") in by_number[int(n)]


@pytest.mark.parametrize("question", ["", "   \n\t ", "x" * 2001])
def test_empty_or_huge_questions_get_one_clear_sentence(assistant, question):
    with pytest.raises(InvalidQuestionError) as info:
        assistant.ask(question)
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message


@pytest.mark.parametrize("k", [0, -1, 51, "5", 2.5])
def test_bad_k_is_refused_by_name(assistant, k):
    with pytest.raises(InvalidQuestionError, match="k must"):
        assistant.ask("What is RILON?", k=k)


def test_filters_constrain_retrieval(assistant):
    only = {"themes": [3], "kinds": ["spotlight"]}
    answer = assistant.ask("trafficking in persons", filters=only)
    assert answer.citations
    assert all(c.passage.theme == 3 and c.passage.kind == "spotlight" for c in answer.citations)


def test_unknown_filter_values_are_named(assistant):
    with pytest.raises(InvalidQuestionError, match="unknown kind 'poem'"):
        assistant.ask("RILON", filters={"kinds": ["poem"]})


def test_begin_then_complete_answers_as_ask_does_on_the_public_set(assistant):
    import numpy as np
    from answers import assert_same_answer

    from eval.questions import load_questions

    questions = [q.question for q in load_questions()]
    askings = [assistant.begin(q) for q in questions]
    assert all(a.texts == (a.query.search_text,) for a in askings)
    # The texts of many questions in one forward pass, as a server encodes them.
    vectors = assistant.embedder.encode_queries([a.texts[0] for a in askings])
    for i, (question, asking) in enumerate(zip(questions, askings, strict=True)):
        answer = assistant.complete(asking, vectors[i : i + 1])
        assert_same_answer(answer.to_dict(), assistant.ask(question).to_dict(), question)
        assert set(answer.timings) == set(assistant.ask(question).timings)
    asking = assistant.begin("What did Fiji call for?", k=1, filters={"actors": ["Fiji"]})
    assert asking.to_dict()["filters"]["actors"] == ["Fiji"] and asking.k == 1
    with pytest.raises(ValueError, match="1 text"):
        assistant.complete(asking, np.zeros((0, 384), dtype=np.float32))


def test_begin_checks_the_question_as_ask_does_before_any_model_work(assistant):
    for question, kwargs, needle in [
        ("   ", {}, "empty"),
        ("What is RILON?", {"k": 0}, "k must be"),
        ("What is RILON?", {"filters": {"actors": ["Atlantis"]}}, "unknown actor 'Atlantis'"),
    ]:
        with pytest.raises(InvalidQuestionError, match=needle):
            assistant.begin(question, **kwargs)
    assert assistant.stale() is False
