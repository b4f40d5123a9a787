"""Outcomes asked of what the statement only plans: the `planned-only` rule, on the
hand-made statement (its Looking Ahead passage plans a forum and a workshop)."""

from __future__ import annotations

import pytest
import synthetic

from qa.config import RetrievalConfig
from qa.evidence import RULES
from qa.outcomes import asks_outcome, is_planned, planned_clause
from qa.respond import Responder


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(synthetic.store())


@pytest.mark.parametrize(
    "question",
    [
        "Has the Common Pathways Forum been set up yet?",
        "Was Bangladesh's National Reintegration Policy adopted?",
        "What was decided at the 2026 IGC Annual Meeting in Bangkok?",
        "What did the first RILON response group agree at its first meeting?",
        "When did the forum first meet?",
        "what came out of the border workshop",
        "Did the treaty enter into force?",
    ],
)
def test_asking_whether_something_was_done_or_what_came_of_it_asks_an_outcome(question):
    assert asks_outcome(question)


@pytest.mark.parametrize(
    "question",
    [
        "What will the RSO establish?",  # the plan itself, which the statement gives
        "What did Fiji call for?",
        "What is the Common Pathways Forum?",
        "Who will host the border workshop?",
        "How many people were repatriated?",
    ],
)
def test_asking_for_a_plan_or_what_was_said_asks_no_outcome(question):
    assert not asks_outcome(question)


@pytest.mark.parametrize(
    ("sentence", "planned"),
    [
        ("The RSO plans to take forward the establishment of a Common Pathways Forum.", True),
        ("Australia will convene the IGC Annual Meeting in 2026 in Bangkok.", True),
        ("Measures include the formulation of a National Reintegration Policy.", True),
        ("The ASEAN Treaty on Extradition, signed in November 2025, was noted.", False),
        ("Thailand assisted in the repatriation of over 11,000 people.", False),
    ],
)
def test_a_sentence_is_planned_when_it_speaks_of_what_is_still_to_come(sentence, planned):
    assert is_planned(sentence) is planned


def test_the_quoted_clause_is_the_words_around_the_plan():
    sentence = (
        "A Tour de Table bringing together regional dialogues and coordination mechanisms "
        "provided a first step, which the RSO plans to take forward through the "
        "establishment of a Common Pathways Forum."
    )
    clause = planned_clause(sentence)
    assert "plans to take forward" in clause and "Common Pathways Forum" in clause
    assert clause.startswith("…") and len(clause) < len(sentence)


def _check(responder: Responder, question: str) -> str | None:
    rule = next(r for r in RULES if r.id == "planned-only")
    query = responder.analyser.analyse(question)
    return rule.check(responder.evidence, query, [], RetrievalConfig())


def test_an_outcome_of_a_planned_thing_is_declined_quoting_the_plan(responder):
    reason = _check(responder, "Has the Common Pathways Forum been established?")
    assert reason is not None and "only as planned" in reason
    assert "plans to establish a Common Pathways Forum" in reason
    reason = _check(responder, "What was decided at the border workshop?")
    assert reason is not None and "will convene a border workshop" in reason


@pytest.mark.parametrize(
    "question",
    [
        "Did Thailand assist in the repatriation of people from scam centres?",  # reported
        "What will the RSO establish with regional partners?",  # the plan, asked as one
        "Was the forum discussed?",  # one word of the thing: too little to tell
    ],
)
def test_a_reported_event_or_a_plan_asked_as_a_plan_is_not_declined(responder, question):
    assert _check(responder, question) is None


def test_the_decline_reaches_the_answer_with_its_code(responder):
    query = responder.analyser.analyse("Was the Common Pathways Forum established?")
    answer = responder.respond(
        query, synthetic.encode, RetrievalConfig(), k=5, filters=None, started=0.0
    )
    assert answer.abstained and answer.code == "outside-scope"
    assert "only as planned" in answer.reason
