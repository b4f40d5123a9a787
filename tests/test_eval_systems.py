"""The systems the eval compares, on the real statement, model and index."""

from __future__ import annotations

import pytest

from corpus.statement import DEFAULT_SOURCE
from eval.questions import Question
from eval.systems import CHUNK_SIZE, AssistantSystem, Bm25Chunks, DenseChunks, split_chunks

RILON = Question(
    "t1",
    "What does RILON stand for?",
    ("Regional Information Liaison and Outreach Network",),
    "definition",
)
FIJI = Question(
    "t2",
    "What did Fiji call for?",
    ("Fiji called for",),
    "actor",
)


@pytest.fixture(scope="module")
def chunks() -> tuple[str, ...]:
    return split_chunks(DEFAULT_SOURCE.read_text(encoding="utf-8"))


def test_tutorial_chunks_are_at_most_1000_characters_and_overlap(chunks):
    assert len(chunks) > 40
    assert max(len(c) for c in chunks) <= CHUNK_SIZE
    # the splitter carries whole pieces of up to 200 characters into the next chunk
    assert sum(b[:40] in a for a, b in zip(chunks, chunks[1:])) >= 10


def test_faiss_baseline_ranks_chunks_with_the_same_embedder(assistant, chunks):
    system = DenseChunks(chunks, assistant.embedder, k=5)
    outcome = system.run(RILON)
    assert len(outcome.cited) == 5
    assert outcome.first_hit is not None and outcome.first_hit <= 5
    assert (outcome.abstained, outcome.answer) == (False, None)
    assert all(c.id.startswith("chunk-") for c in outcome.cited)


def test_bm25_baseline_ranks_by_words_and_cites_nothing_for_unknown_ones(chunks):
    system = Bm25Chunks(chunks, k=5)
    outcome = system.run(RILON)
    assert outcome.first_hit is not None and "RILON" in outcome.cited[0].text
    unknown = system.run(Question("t3", "Zorblax quuxification?", (), "unanswerable"))
    assert unknown.cited == () and not unknown.abstained


def test_assistant_system_cites_passages_and_keeps_the_answer(assistant):
    outcome = AssistantSystem(assistant, "default", k=5).run(FIJI)
    ids = [c.id for c in outcome.cited]
    assert {"theme-2/recommendation/fiji", "theme-4/recommendation/fiji"} <= set(ids)
    assert outcome.answer and "[1]" in outcome.answer
    assert outcome.latency_ms > 0


def test_an_unknown_config_is_named_with_the_choices(assistant):
    with pytest.raises(ValueError, match="unknown config 'fastest'.*dense-only"):
        AssistantSystem(assistant, "fastest")
