"""Questions seen failing on the fresh question sets of round 6 of issue 10 (written from
the statement alone), each as a careful reader of the statement would answer it, by
name. Real model, real index."""

from __future__ import annotations

import pytest


def cited(answer) -> list[str]:
    return [c.passage.id for c in answer.citations]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # Shorthand of notes and chat, read as the statement's words.
        (
            "which countries has bangladesh signed MoUs with on labour migration",
            "theme-3/spotlight/bangladesh",
        ),
        (
            "how many ppl did thailand help repatriate from the myawaddy scam compounds",
            "theme-2/spotlight/thailand",
        ),
        # An acronym typed in lower case, in a question typed in lower case.
        ("what is the rso", "foreword/4"),
        # "How many": the passage that gives the number, before those that only name them.
        ("how many members does the bali process have", "foreword/3"),
    ],
)
def test_questions_the_statement_answers_are_answered(assistant, question, first):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.text
    assert cited(answer)[0] == first


def test_what_the_dialogue_concluded_is_its_closing_section(assistant):
    answer = assistant.ask("What did the dialogue conclude overall?")
    assert not answer.abstained, answer.text
    assert cited(answer)[:2] == ["looking-ahead/1", "looking-ahead/2"]
    # ... and the same words about another meeting are still declined.
    other = assistant.ask("What were the main outcomes of the Third RSO Constructive Dialogue?")
    assert other.abstained


@pytest.mark.parametrize(
    "question",
    [
        "what year was interpol founded",  # dates of its operation are no founding date
        "when does the common pathways forum launch?",  # planned, with no date
    ],
)
def test_a_date_the_statement_does_not_give_is_declined(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and answer.code == "outside-scope", answer.text
    assert "no date" in answer.reason


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("When was the Indonesia Anti Scam Centre established?", "theme-2/spotlight/indonesia"),
        ("When does the SPA-V start?", None),
    ],
)
def test_a_date_the_statement_gives_is_answered(assistant, question, first):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.text
    assert first is None or cited(answer)[0] == first


@pytest.mark.parametrize(
    ("question", "first"),
    [
        (
            "What does RILON stand for, and what is the refreshed initiative intended to do?",
            "theme-1/recommendation/rso-border-forum",
        ),
        (
            "What does SPA-V stand for and what period does it cover?",
            "theme-4/spotlight/commit-process",
        ),
    ],
)
def test_letters_and_more_are_answered_by_the_passage_that_introduces_the_name(
    assistant, question, first
):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.text
    assert cited(answer)[0] == first


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # A meeting named after a body is held; the body is not asked to act.
        (
            "Where and when will the IGC Annual Meeting under Australia's chairship be held?",
            "theme-4/recommendation/australia",
        ),
        # A hedge says how a thing is asked, not what.
        ("How will the Outcome Statement actually be used afterwards?", "looking-ahead/3"),
    ],
)
def test_how_a_question_is_put_does_not_decline_it(assistant, question, first):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.text
    assert cited(answer)[0] == first


@pytest.mark.parametrize(
    "question",
    [
        "When did Timor-Leste ratify the ASEAN Treaty on Extradition?",  # signed, not ratified
        "In what year was the ASEAN Convention Against Trafficking in Persons signed?",
        "When was the Bali Process founded, and by which two countries?",
        "When is the next Bali Process Ministerial Conference scheduled?",
    ],
)
def test_a_milestone_or_plan_the_statement_does_not_date_is_declined(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and "no date" in answer.reason, answer.text


def test_a_milestone_the_statement_dates_is_answered_with_more_asked_beside_it(assistant):
    answer = assistant.ask(
        "When was the ASEAN extradition treaty signed, and why was it considered a big deal?"
    )
    assert not answer.abstained, answer.text
    assert cited(answer)[0] == "theme-4/spotlight/asean"


def test_which_bodies_were_at_the_dialogue_is_its_attendance_list(assistant):
    answer = assistant.ask("Which UN agencies were at the Dialogue?")
    assert not answer.abstained, answer.text
    assert cited(answer)[0] == "participation/2"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what did the statement say about how big the scam centre industry is", "narrative"),
        ("What does the statement say about identifying trafficking victims?", "recommendation"),
    ],
)
def test_what_the_statement_says_is_answered_in_its_own_words_first(assistant, question, kind):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.text
    assert answer.citations[0].passage.kind == kind  # not one actor's spotlight


@pytest.mark.parametrize(
    "question",
    [
        "Which countries have signed the 2025 Bangkok Joint Statement?",
        "Which treaty did Australia sign at the dialogue?",
    ],
)
def test_a_signing_the_statement_never_tells_of_is_declined(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and answer.code == "outside-scope", answer.text


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # The memoranda of understanding it tells of are what Bangladesh signed.
        ("Which countries has Bangladesh signed MoUs with?", "theme-3/spotlight/bangladesh"),
        ("Which countries have signed the ASEAN Treaty on Extradition?", "theme-4/spotlight/asean"),
    ],
)
def test_a_signing_the_statement_tells_of_is_answered(assistant, question, first):
    answer = assistant.ask(question)
    assert not answer.abstained, answer.text
    assert cited(answer)[0] == first


def test_where_an_event_the_statement_only_dates_was_held_is_declined(assistant):
    answer = assistant.ask(
        "Where was the June 2025 tabletop exercise of the disruption working group held?"
    )
    assert answer.abstained and "no place" in answer.reason, answer.text
    placed = assistant.ask("where was the asia-pacific part of operation liberterra III run from?")
    assert not placed.abstained and cited(placed)[0] == "theme-1/spotlight/interpol"


def test_a_definition_asked_with_the_statement_named_after_it(assistant):
    answer = assistant.ask("What is the Constructive Dialogue, as the statement defines it?")
    assert not answer.abstained and cited(answer)[0] == "foreword/5", answer.text
