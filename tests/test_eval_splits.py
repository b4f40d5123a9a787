"""The dev / test / blind method: a seeded stratified split, and sets named by split."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from corpus.errors import QuestionFileError, UsageError
from eval.questions import load_questions
from eval.splits import SETS, question_set, stratified_split


@pytest.fixture(scope="module")
def public():
    return load_questions()


def test_the_public_split_is_the_seeded_stratified_split_of_its_first_231_questions(public):
    # Questions added later for tuning (ids "d...") are dev by definition.
    original = [q for q in public if q.id.startswith("q")]
    assert len(original) == 231
    assert {q.id: q.split for q in original} == stratified_split(original)
    assert all(q.split == "dev" for q in public if not q.id.startswith("q"))


def test_every_type_is_split_about_half_and_half(public):
    original = [q for q in public if q.id.startswith("q")]
    by = Counter((q.type, q.split) for q in original)
    for kind in {q.type for q in original}:
        assert abs(by[(kind, "dev")] - by[(kind, "test")]) <= 1, kind


def test_the_split_does_not_depend_on_the_order_of_the_file(public):
    assert stratified_split(list(reversed(public))) == stratified_split(public)
    assert stratified_split(public, seed=11) != stratified_split(public)


def test_dev_and_test_partition_the_public_set_and_blind_is_its_own_file(public):
    dev, test, blind, blind3, blind4 = (question_set(name) for name in SETS)
    retired = question_set("blind2")
    assert {q.id for q in dev} | {q.id for q in test} == {q.id for q in public} | {
        q.id for q in retired
    }
    assert not {q.id for q in dev} & {q.id for q in test}
    assert len(dev) == len({q.id for q in dev})
    for held_out in (blind, blind3, blind4):
        assert len(held_out) >= 150
        assert sum(not q.answerable for q in held_out) / len(held_out) >= 0.25
        assert not {q.id for q in held_out} & ({q.id for q in public} | {q.id for q in retired})
    ids = [{q.id for q in s} for s in (blind, blind3, blind4)]
    assert sum(len(s) for s in ids) == len(set().union(*ids))  # no id in two held-out sets


def test_a_retired_blind_set_tunes_with_dev_and_is_never_reported_as_held_out():
    assert "blind2" not in SETS
    dev = {q.id for q in question_set("dev")}
    assert {q.id for q in question_set("blind2")} <= dev


def test_an_unknown_set_or_split_is_refused_by_name(tmp_path):
    with pytest.raises(UsageError, match="unknown question set 'train'"):
        question_set("train")
    row = {"id": "a", "question": "x?", "evidence": ["y"], "type": "fact", "split": "train"}
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="line 1: unknown split 'train'"):
        load_questions(path)
