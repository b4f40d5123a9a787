"""Readable citation labels: from the statement's own title page, sections and speakers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corpus.passage import Passage
from qa.labels import citation_label, document_title, join_names
from qa.records import Citation
from qa.voices import speakers

TITLE = "Outcome Statement, Fourth RSO Constructive Dialogue (2026)"


def labelled(statement, pid: str) -> str:
    return citation_label(statement.by_id(pid), document_title(statement.passages))


def test_the_document_title_comes_from_the_title_page_with_acronyms_kept(statement):
    assert document_title(statement.passages) == TITLE


def test_a_statement_without_a_title_page_still_gets_a_title():
    p = Passage("foreword/1", "foreword", "Foreword", None, None, (), "Text.", 0, 5)
    assert document_title([p]) == "The statement"


def test_fiji_and_tonga_row_names_document_theme_kind_and_both_speakers(statement):
    assert labelled(statement, "theme-2/recommendation/fiji") == (
        f"{TITLE} - Theme 2: Meeting the challenge posed by transnational crime groups"
        " - Recommendation (Fiji and Tonga)"
    )


@pytest.mark.parametrize(
    ("pid", "ending"),
    [
        ("theme-4/recommendation/fiji", "Theme 4: Preparing for emerging priorities and "
         "challenges - Recommendation (Fiji)"),
        ("theme-2/recommendation/japan", "Recommendation (Japan, Indonesia and India)"),
        ("theme-3/spotlight/bangladesh", "Spotlight (Bangladesh)"),
        ("theme-2/narrative/3", "Theme 2: Meeting the challenge posed by transnational crime "
         "groups - Narrative, paragraph 3"),
        ("foreword/3", "Foreword - Paragraph 3"),
        ("foreword/signatory-david-scott", "Foreword - Signatory (David Scott)"),
        ("key-insight/2", "Key insights - Key insight 2: Meeting the challenge posed by "
         "transnational crime groups"),
        ("participation/2", "Participation and Support - Paragraph 2"),
        ("glossary/rilon", "Glossary - RILON"),
        ("overview/title", "Title page"),
        ("contact", " - Contact"),
    ],
)
def test_every_kind_of_passage_gets_a_label_a_reader_can_find_it_by(statement, pid, ending):
    label = labelled(statement, pid)
    assert label.startswith(TITLE) and label.endswith(ending), label


def test_every_passage_of_the_statement_has_a_distinct_label(statement):
    title = document_title(statement.passages)
    labels = [citation_label(p, title) for p in statement.passages]
    assert len(set(labels)) == len(labels)


def test_speakers_are_the_first_actor_and_those_named_in_capitals():
    text = "Pacific Island States noted a challenge. FIJI and TONGA reaffirmed. Samoa agreed."
    row = Passage(
        "theme-2/recommendation/fiji", "recommendation", "S", 2, "S",
        ("Fiji", "Pacific Island States", "Tonga", "Samoa"), text, 0, len(text),
    )
    assert speakers(row) == ("Fiji", "Tonga")
    narrative = Passage("theme-2/narrative/1", "narrative", "S", 2, "S", ("Fiji",), text, 0, 9)
    assert speakers(narrative) == ()


def test_names_are_joined_as_in_prose():
    assert [join_names(n) for n in (["A"], ["A", "B"], ["A", "B", "C"])] == [
        "A", "A and B", "A, B and C",
    ]


def test_the_quote_is_the_highlighted_sentences_with_gaps_marked():
    text = "One. Two.\nThree. Four."
    p = Passage("x/1", "narrative", "S", None, None, (), text, 0, len(text))
    assert Citation(1, p, 0.5, [(0, 4), (5, 9)]).quote() == "One. Two."
    assert Citation(1, p, 0.5, [(17, 22), (0, 4)]).quote() == "One. … Four."
    assert Citation(1, p, 0.5, [(5, 16)]).quote() == "Two. Three."


def test_the_label_travels_in_the_citation_record():
    p = Passage("x/1", "narrative", "S", None, None, (), "One.", 0, 4)
    data = Citation(1, p, 0.5, [(0, 4)], "Doc - S - Narrative").to_dict()
    assert data["label"] == "Doc - S - Narrative"
    assert list(data)[:4] == ["n", "score", "highlights", "passage"]



@pytest.fixture(scope="module")
def public_answers(assistant):
    """Every question of the public set (eval/questions.jsonl) and its answer."""
    path = Path(__file__).resolve().parent.parent / "eval" / "questions.jsonl"
    questions = [json.loads(line)["question"] for line in path.read_text().splitlines() if line]
    return [(q, assistant.ask(q)) for q in questions]


def test_every_citation_in_the_public_set_has_the_label_of_its_passage(assistant, public_answers):
    for _, answer in public_answers:
        for c in [*answer.citations, *answer.related]:
            assert c.label == assistant.labels[c.passage.id] and c.label.startswith(TITLE)


def test_every_answer_in_the_public_set_cites_exactly_the_numbers_its_text_marks(public_answers):
    mismatched = []
    for question, answer in public_answers:
        markers = {int(m) for m in re.findall(r"\[(\d+)\]", answer.text)}
        if markers != {c.n for c in answer.citations}:
            mismatched.append((question, sorted(markers), [c.n for c in answer.citations]))
    assert not mismatched, f"{len(mismatched)} of {len(public_answers)}: {mismatched[:5]}"
