"""A library of statements: add, list, ask across or within, remove; with the real model.

Each test works in its own data folder, starting from a copy of the session's index,
so adding a statement embeds only that statement's passages.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from corpus.errors import DocumentError, IndexFolderError, InvalidQuestionError, UsageError
from qa import Assistant
from ui.reading import statement_html
from ui.render import answer_html

HARBOUR = Path(__file__).parent / "data" / "harbour-dialogue-2031.md"


@pytest.fixture()
def home(index_dir, assistant, tmp_path) -> Path:
    """A data folder whose index is a copy of the session's (bundled statement only)."""
    shutil.copytree(index_dir, tmp_path / "index")
    return tmp_path


def load(home: Path) -> Assistant:
    return Assistant.load(index_dir=home / "index", notify=None)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_adding_a_statement_embeds_only_its_passages(home):
    assistant = load(home)
    before = assistant.store.matrix.copy()
    document, added = assistant.add_document(HARBOUR)
    assert added and document.id == "harbour-dialogue-2031" and document.passages == 32
    assert document.title == "Outcome Statement of the Seventh Harbour Security Dialogue"
    assert np.array_equal(assistant.store.matrix[: len(before)], before)  # kept, not redone
    assert len(assistant.passages) == 115 + 32
    copy = home / "library" / document.id / "source.md"
    assert copy.read_bytes() == HARBOUR.read_bytes() and document.path == str(copy)
    again = load(home)  # and another process sees the same library without a rebuild
    assert [d.id for d in again.documents] == ["rso-cd4", document.id]
    assert again.store.manifest.built_at == assistant.store.manifest.built_at


def test_ids_citations_and_filters_stay_apart_across_documents(home):
    assistant = load(home)
    assistant.add_document(HARBOUR, doc_id="hsd7")
    ids = [p.id for p in assistant.passages]
    assert len(ids) == len(set(ids))
    assert all(p.id.startswith("hsd7/") for p in assistant.passages if p.doc == "hsd7")
    kenya = assistant.ask("What did Kenya say about clearance times?")
    assert kenya.citations and kenya.citations[0].passage.id == "hsd7/theme-1/spotlight/kenya"
    fiji = assistant.ask("What did Fiji call for?", k=5)
    assert {c.passage.doc for c in fiji.citations} == {"rso-cd4"}
    only = assistant.ask("What did Kenya say?", documents=["rso-cd4"])
    assert all(c.passage.doc == "rso-cd4" for c in only.citations + only.related)
    themed = assistant.ask("training", filters={"themes": [3], "documents": ["hsd7"]})
    assert themed.citations
    assert all(c.passage.theme == 3 and c.passage.doc == "hsd7" for c in themed.citations)
    data = json.loads(json.dumps(kenya.to_dict()))
    assert data["citations"][0]["passage"]["doc"] == "hsd7"
    title = "Outcome Statement of the Seventh Harbour Security Dialogue (2031)"
    assert kenya.citations[0].label.startswith(title)  # the label names its statement
    assert fiji.citations[0].label.startswith("Outcome Statement, Fourth RSO")
    assert title in answer_html(kenya)
    page = statement_html(assistant.passages, assistant.documents)
    assert page.count('<h1 class="rq-doc-title">') == 2
    anchors = re.findall(r'<article class="[^"]+" id="([^"]+)"', page)
    assert len(anchors) == len(set(anchors)) == len(assistant.passages)


def test_theme_filters_follow_the_documents_not_a_fixed_four(home):
    assistant = load(home)
    assert assistant.themes == (1, 2, 3, 4)
    with pytest.raises(InvalidQuestionError, match="themes are 1, 2, 3 and 4"):
        assistant.ask("ports", filters={"themes": [5]})
    with pytest.raises(InvalidQuestionError, match="unknown document 'hsd7'"):
        assistant.ask("ports", documents=["hsd7"])


def test_a_question_naming_a_year_or_a_dialogue_prefers_that_document(home):
    assistant = load(home)
    assistant.add_document(HARBOUR, doc_id="hsd7")
    question = "What did delegates agree on information sharing {}?"
    assert assistant.ask(question.format("in the seventh dialogue")).citations[0].passage.doc == (
        "hsd7"
    )
    assert assistant.ask(question.format("in 2031")).citations[0].passage.doc == "hsd7"
    assert assistant.ask(question.format("at the fourth dialogue")).citations[0].passage.doc == (
        "rso-cd4"
    )
    assert assistant.ask(question.format("at the 2026 dialogue")).citations[0].passage.doc == (
        "rso-cd4"
    )


def test_adding_the_same_file_twice_is_a_no_op(home, tmp_path):
    assistant = load(home)
    first, added = assistant.add_document(HARBOUR)
    renamed = tmp_path / "another-name.md"
    renamed.write_bytes(HARBOUR.read_bytes())
    library = snapshot(home / "library")
    second, added_again = assistant.add_document(renamed)
    assert added and not added_again and second.id == first.id
    assert snapshot(home / "library") == library


def test_removing_a_statement_takes_out_its_passages_and_only_its_folder(home):
    assistant = load(home)
    before = (assistant.passages, assistant.store.matrix.copy())
    document, _ = assistant.add_document(HARBOUR, doc_id="hsd7")
    removed = assistant.remove_document("hsd7")
    assert removed.id == "hsd7" and assistant.passages == before[0]
    assert np.array_equal(assistant.store.matrix, before[1])
    assert not (home / "library" / "hsd7").exists()
    assert [d.id for d in load(home).documents] == ["rso-cd4"]
    with pytest.raises(UsageError, match="cannot be removed"):
        assistant.remove_document("rso-cd4")


def test_a_file_that_is_not_a_statement_leaves_library_and_index_as_they_were(home, tmp_path):
    assistant = load(home)
    assistant.add_document(HARBOUR, doc_id="hsd7")
    state = (snapshot(home / "library"), snapshot(home / "index"))
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>")
    with pytest.raises(DocumentError, match="not a valid PDF"):
        assistant.add_document(bad)
    assert (snapshot(home / "library"), snapshot(home / "index")) == state
    assert [d.id for d in assistant.documents] == ["rso-cd4", "hsd7"]


def test_a_users_folder_named_library_is_not_used(home):
    (home / "library").mkdir()
    (home / "library" / "notes.txt").write_text("mine")
    assistant = load(home)
    with pytest.raises(IndexFolderError, match="did not write"):
        assistant.add_document(HARBOUR)
    assert sorted(p.name for p in (home / "library").iterdir()) == ["notes.txt"]
