"""Issue 10's "Failures seen", each by name, and the six sidebar examples: what a careful
reader of the statement would do (decline with the right reason, or the right passages
first). Real model, real index."""

from __future__ import annotations

import re

import pytest

from ui.texts import EXAMPLES


def cited(answer) -> list[str]:
    return [c.passage.id for c in answer.citations]


@pytest.mark.parametrize(
    "question",
    [
        "Who is the President of Indonesia?",
        "Who is the Prime Minister of Australia?",
        "What currency does Tonga use?",
        "What is the capital of Fiji?",
    ],
)
def test_general_knowledge_about_a_named_actor_is_declined(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained, answer.text
    assert answer.code in ("outside-scope", "weak-evidence", "not-mentioned")
    assert answer.related and answer.citations == []


@pytest.mark.parametrize(
    ("question", "actor"),
    [("What did Myanmar propose?", "Myanmar"), ("What did Laos recommend?", "Laos")],
)
def test_an_actor_only_named_in_passing_is_not_treated_as_a_speaker(assistant, question, actor):
    answer = assistant.ask(question)
    assert answer.abstained and answer.code == "only-listed"
    assert answer.text.startswith(f"{actor} is only named in passing")


def test_a_scope_phrase_does_not_turn_an_unknown_actor_into_an_answer(assistant):
    answer = assistant.ask("What did Brazil call for at the Fourth RSO Constructive Dialogue?")
    assert answer.abstained and answer.code == "not-mentioned"
    assert answer.text == "Brazil is not mentioned in the outcome statement."


def test_a_scope_phrase_keeps_both_fiji_rows(assistant):
    plain = assistant.ask("What did Fiji call for?")
    scoped = assistant.ask("What did Fiji call for at the Fourth RSO Constructive Dialogue?")
    rows = {"theme-2/recommendation/fiji", "theme-4/recommendation/fiji"}
    assert rows <= set(cited(scoped)) and cited(scoped) == cited(plain)


@pytest.mark.parametrize(
    "question",
    [
        "What did Nepal call for at the Fourth RSO Constructive Dialogue?",
        "what did nepal call for at the fourth rso constructive dialogue",
    ],
)
def test_nepal_with_a_scope_phrase_gets_nepals_row_first_and_nothing_from_looking_ahead(
    assistant, question
):
    ids = cited(assistant.ask(question))
    assert ids[0] == "theme-3/recommendation/nepal"
    assert not any(i.startswith("looking-ahead") for i in ids)


def test_a_year_near_a_real_one_is_checked(assistant):
    answer = assistant.ask("What did Fiji call for in 2024?")
    assert answer.abstained and answer.code == "detail-mismatch" and "2024" in answer.text


@pytest.mark.parametrize(
    ("question", "figure", "passage"),
    [
        (
            "How many people did Thailand repatriate from scam centres?",
            "over 11,000 people",
            "theme-2/spotlight/thailand",
        ),
        (
            "How many officials attended Sri Lanka's first District-level Anti Trafficking Forum?",
            "more than 150 district and divisional officials",
            "theme-2/recommendation/sri-lanka",
        ),
    ],
)
def test_a_worded_figure_answers_a_count(assistant, question, figure, passage):
    answer = assistant.ask(question)
    assert not answer.abstained and cited(answer)[0] == passage
    assert figure in answer.text


def test_a_count_over_a_list_is_computed_and_said_to_be_counted(assistant):
    answer = assistant.ask("How many countries attended?")
    assert not answer.abstained and cited(answer) == ["participation/2"]
    assert answer.text.startswith("Counted from the cited list, 27 countries are named [1]")


def test_summarise_theme_3_reads_theme_3(assistant):
    answer = assistant.ask("Summarise theme 3")
    assert cited(answer)[0] == "key-insight/3"
    assert all(c.passage.theme == 3 for c in answer.citations)
    assert answer.text.startswith("Promoting pathways that support safe and legal labour mobility")


def test_every_source_card_is_referenced_by_a_marker(assistant):
    for question in (
        "What did Fiji call for?",
        "What did Indonesia present across the dialogue?",
        "Which countries repatriated people from scam centres?",
    ):
        answer = assistant.ask(question)
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
        assert markers == {c.n for c in answer.citations}, question


# The six sidebar examples, each with what makes its answer right.
RIGHT = {
    "What did Fiji call for?": lambda a: (
        {
            "theme-2/recommendation/fiji",
            "theme-4/recommendation/fiji",
        }
        <= set(cited(a))
        and "Fiji called for" in a.text
    ),
    # What it is and does, where the statement introduces it, then what its letters stand for.
    "What is RILON?": lambda a: (
        cited(a)[:2] == ["theme-1/recommendation/rso-border-forum", "glossary/rilon"]
        and "(RILON) Initiative aims to strengthen coordination" in a.text
        and "RILON — Regional Information Liaison and Outreach Network" in a.text
    ),
    "How many member states, member organisations and observers make up the Bali Process?": (
        lambda a: (
            cited(a)[0] == "foreword/3"
            and "45 Member States, 4 Member Organisations and 27 Observer States" in a.text
        )
    ),
    "Which countries repatriated people from scam centres?": lambda a: (
        cited(a)[0] == "theme-2/spotlight/thailand"
        and "repatriation of over 11,000 people" in a.text
    ),
    "What was the theme of the 2026 constructive dialogue?": lambda a: (
        "This year’s theme of "
        "‘Migration Security and Protection: Collaborative Approaches for Resilient Systems’"
        in a.text
        and not a.text.startswith("OUTCOME STATEMENT")
    ),
    "What did Germany say?": lambda a: a.abstained and a.code == "not-mentioned",
}


@pytest.mark.parametrize(("kind", "question"), EXAMPLES)
def test_each_sidebar_example_gets_the_right_answer(assistant, kind, question):
    answer = assistant.ask(question)
    assert RIGHT[question](answer), (kind, answer.text, cited(answer))
    assert answer.abstained == (kind == "unanswerable")
