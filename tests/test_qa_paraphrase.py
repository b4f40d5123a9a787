"""Paraphrase invariance: four variants of every dev and test question keep the same top
citation and the same decision in at least 97% of cases."""

from __future__ import annotations

import pytest

from eval.paraphrase import swap_table, variants
from eval.splits import question_set


def test_variants_add_scope_lower_case_swap_a_name_and_prefix():
    swaps = swap_table({"UNODC": "United Nations Office on Drugs and Crime"})
    assert variants("What did UNODC report?", swaps) == [
        "What did UNODC report at the Fourth RSO Constructive Dialogue?",
        "what did unodc report",
        "What did United Nations Office on Drugs and Crime report?",
        "According to the statement, what did UNODC report?",
    ]
    assert variants("What did Fiji call for?", swaps)[2] == (
        "In the outcome statement, what did Fiji call for?"
    )


@pytest.mark.slow
def test_top_citation_and_decision_hold_under_paraphrase_for_97_percent(assistant):
    swaps = swap_table(assistant.analyser.glossary)

    def outcome(question: str):
        answer = assistant.ask(question)
        return answer.abstained, (answer.citations[0].passage.id if answer.citations else None)

    cases = held = 0
    changed = []
    for q in (*question_set("dev"), *question_set("test")):
        original = outcome(q.question)
        for variant in variants(q.question, swaps):
            cases += 1
            if outcome(variant) == original:
                held += 1
            else:
                changed.append((q.id, variant))
    assert cases >= 4 * 290
    assert held / cases >= 0.97, f"{held}/{cases} held; changed: {changed[:15]}"
