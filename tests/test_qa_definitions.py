"""What a question asks to be defined, and where prose defines it (an apposition after
the name), as people ask and as the statement writes."""

from __future__ import annotations

import pytest

from qa.definitions import defined_phrase, defines


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("What is the Constructive Dialogue?", "Constructive Dialogue"),
        ("what is the rso border forum", "rso border forum"),
        ("whats SOMTC", "SOMTC"),
        ("What’s the COMMIT Process?", "COMMIT Process"),
        ("What is meant by polycriminality?", "polycriminality"),
        ("What are Migrant Resource Centres?", "Migrant Resource Centres"),
        ("What is the 'real challenge'?", "real challenge"),
        ("What did Fiji call for?", ""),  # not a definition
        ("What is Fiji doing about scams?", ""),  # a clause, not a name
        ("What is the main message of theme 1 on information sharing?", ""),  # too long
    ],
)
def test_the_thing_asked_to_be_defined_is_a_name_or_short_phrase(question, phrase):
    assert defined_phrase(question) == phrase


@pytest.mark.parametrize(
    ("text", "defined"),
    [
        ("The Constructive Dialogue—as the RSO’s flagship annual event—is a key dialogue.", True),
        ("identified at the Fourth RSO Border Forum, the RSO’s flagship activity, were", True),
        ("The Border Forum is an annual capacity building activity.", True),
        ("the Border Forum (the RSO's annual activity) met", True),
        ("By sequencing the Border Forum ahead of the Dialogue, the RSO creates a link.", False),
        ("the Border Forum, held in Bangkok, was attended", False),
        ("Delegates met at the Border Forum.", False),
    ],
)
def test_prose_defines_a_name_by_an_apposition_set_off_after_it(text, defined):
    assert defines(text, "Border Forum" if "Border" in text else "Constructive Dialogue") is defined


@pytest.mark.parametrize(
    ("question", "leads"),
    [
        ("What is the Constructive Dialogue?", {"foreword/5"}),
        ("what is the RSO Border Forum", {"foreword/6", "overview/3"}),
    ],
)
def test_the_passage_that_defines_the_asked_name_leads(assistant, question, leads):
    answer = assistant.ask(question)
    assert not answer.abstained and answer.citations[0].passage.id in leads
    assert defines(answer.citations[0].passage.text, defined_phrase(question))


@pytest.mark.parametrize(
    "question",
    [
        "What does RILON stand for and what is the refreshed initiative meant to do?",
        "What is the SPA-V, what does it stand for, and what period does it cover?",
    ],
)
def test_what_an_acronym_stands_for_asked_with_more_cites_its_glossary_line_too(
    assistant, question
):
    answer = assistant.ask(question)
    cited = [c.passage for c in answer.citations]
    assert not answer.abstained and any(p.kind == "glossary" for p in cited)
    assert any(p.kind != "glossary" for p in cited)  # and the prose that says more
