"""The public question set and the question-file reader."""

from __future__ import annotations

import itertools
import json
from collections import Counter

import pytest

from corpus.errors import QuestionFileError
from corpus.markup import clean_markup, collapse_whitespace
from corpus.statement import DEFAULT_SOURCE
from eval.questions import TYPES, load_questions, missing_spans, parse_questions
from eval.spans import normalise


@pytest.fixture(scope="module")
def questions():
    return load_questions()


def _words(text: str) -> set[str]:
    return set(text.lower().split())


def test_every_evidence_span_is_verbatim_in_the_statement(questions):
    clean = collapse_whitespace(clean_markup(DEFAULT_SOURCE.read_text(encoding="utf-8")))
    missing = [
        (q.id, s) for q in questions for s in q.evidence if collapse_whitespace(s) not in clean
    ]
    assert missing == []
    assert missing_spans(questions, DEFAULT_SOURCE.read_text(encoding="utf-8")) == []


def test_every_evidence_span_sits_inside_one_passage(questions, statement):
    # A span that crosses passages (or lies in text no passage keeps) can never be cited.
    texts = [normalise(p.text) for p in statement.passages]
    stranded = [
        (q.id, s)
        for q in questions
        for s in q.evidence
        if not any(normalise(s) in t for t in texts)
    ]
    assert stranded == []


def test_no_two_questions_are_near_duplicates(questions):
    close = []
    for a, b in itertools.combinations(questions, 2):
        wa, wb = _words(a.question), _words(b.question)
        if len(wa & wb) / len(wa | wb) >= 0.8:
            close.append((a.id, b.id))
    assert close == []


def test_question_ids_are_unique(questions):
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))


def test_the_set_is_big_enough_and_covers_every_type(questions):
    counts = Counter(q.type for q in questions)
    assert len(questions) >= 120
    assert counts["unanswerable"] >= 15
    assert counts["multi"] >= 15
    assert set(counts) == set(TYPES)
    assert all(len(q.evidence) >= 2 for q in questions if q.type == "multi")
    assert all(q.answer.strip() for q in questions)


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ('{"id": "a", "question": "x?", "evidence": ["y"], "type": "fact"', "not valid JSON"),
        ('["a", "b"]', "expected a JSON object"),
        ('{"id": "a", "question": "x?", "type": "fact"}', "missing 'evidence'"),
        ('{"id": "a", "question": "x?", "evidence": ["y"], "type": "trivia"}', "unknown type"),
        ('{"id": "a", "question": "x?", "evidence": "y", "type": "fact"}', "list of non-empty"),
        ('{"id": "a", "question": "x?", "evidence": [""], "type": "fact"}', "list of non-empty"),
        ('{"id": "a", "question": " ", "evidence": ["y"], "type": "fact"}', "'question' must"),
        ('{"id": "", "question": "x?", "evidence": ["y"], "type": "fact"}', "'id' must"),
        ('{"id": "a", "question": "x?", "evidence": ["y"], "type": "unanswerable"}', "evidence []"),
        ('{"id": "a", "question": "x?", "evidence": [], "type": "actor"}', "at least one span"),
        (
            '{"id": "a", "question": "x?", "evidence": [], "type": "unanswerable", "answer": 3}',
            "'answer' must be text",
        ),
    ],
)
def test_a_malformed_line_is_named_with_what_is_wrong(tmp_path, line, needle):
    good = {"id": "ok", "question": "What is RILON?", "evidence": ["RILON"], "type": "definition"}
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(good) + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(QuestionFileError) as err:
        load_questions(path)
    assert f"{path}, line 3" in str(err.value)
    assert needle in str(err.value)


def test_a_repeated_id_names_both_lines():
    line = '{"id": "q1", "question": "x?", "evidence": [], "type": "unanswerable"}'
    with pytest.raises(QuestionFileError, match=r"line 2: id 'q1' is already used on line 1"):
        parse_questions([line, line], name="set")


def test_files_that_cannot_be_read_get_clear_errors(tmp_path):
    with pytest.raises(QuestionFileError, match="no question file"):
        load_questions(tmp_path / "absent.jsonl")
    (tmp_path / "latin1.jsonl").write_bytes(b'{"question": "caf\xe9"}\n')
    with pytest.raises(QuestionFileError, match="not UTF-8"):
        load_questions(tmp_path / "latin1.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="holds no questions"):
        load_questions(tmp_path / "empty.jsonl")


def test_extra_fields_and_a_byte_order_mark_are_accepted(tmp_path):
    row = {
        "id": 7,
        "question": "Is Mars mentioned?",
        "evidence": [],
        "type": "unanswerable",
        "answer": "No.",
        "source": "someone else's set",
    }
    path = tmp_path / "bom.jsonl"
    path.write_bytes("\ufeff".encode() + json.dumps(row).encode() + b"\n")
    (question,) = load_questions(path)
    assert (question.id, question.answerable, question.line) == ("7", False, 1)
