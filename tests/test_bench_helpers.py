"""The arithmetic behind the benchmark figures: recall, percentiles, targets, corpora."""

from __future__ import annotations

import math

import numpy as np
import pytest

from bench.figures import Figure, Section, at_least, at_most, percentile, recall_at_k
from bench.query import self_times
from bench.scale import (
    Corpus,
    exact_top_k,
    measure,
    mixture_vectors,
    near,
    perturb_text,
    random_unit_vectors,
)


def test_recall_counts_the_share_of_true_neighbours_found():
    truth = np.array([[1, 2, 3, 4], [5, 6, 7, 8]])
    found = np.array([[4, 3, 9, 9], [5, 6, 7, 8]])
    assert recall_at_k(found, truth, 4) == pytest.approx((2 / 4 + 4 / 4) / 2)


def test_recall_ignores_order_within_the_top_k_and_columns_past_k():
    truth = np.array([[1, 2, 3]])
    found = np.array([[2, 1, 7]])
    assert recall_at_k(found, truth, 2) == 1.0


def test_recall_never_counts_a_missing_result_as_found():
    truth = np.array([[-1, 2]])
    found = np.array([[-1, -1]])
    assert recall_at_k(found, truth, 2) == 0.0


def test_recall_refuses_a_k_wider_than_the_results():
    with pytest.raises(ValueError, match="k=3"):
        recall_at_k(np.zeros((1, 2), int), np.zeros((1, 2), int), 3)


def test_percentile_interpolates_and_is_nan_for_no_values():
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([10.0] * 3 + [100.0], 95) == pytest.approx(86.5)
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError, match="101"):
        percentile([1.0], 101)


def test_targets_say_whether_a_figure_holds():
    assert at_most("ratio", 1.29, 1.3).ok is True
    assert at_most("ratio", 1.31, 1.3).ok is False
    assert at_least("recall", 0.95, 0.95).ok is True
    assert at_least("recall", 0.9, 0.95).target == ">= 0.95"


def test_a_section_serialises_nan_as_null():
    section = Section("s", [Figure("f", float("nan"), "ms")], {"x": 1})
    assert section.to_dict() == {
        "name": "s",
        "figures": [{"name": "f", "value": None, "unit": "ms", "target": "", "ok": None}],
        "details": {"x": 1},
    }


def test_self_times_sum_one_function_over_the_tree_and_drop_idle_frames():
    frames = [("f", "a.py", 0.002), ("g", "b.py", 0.0), ("f", "a.py", 0.003)]
    assert self_times(frames) == {"f": pytest.approx(0.005)}


def test_random_unit_vectors_are_unit_length_float32_and_seeded():
    a = random_unit_vectors(1_000, 16, seed=3)
    assert a.dtype == np.float32 and a.shape == (1_000, 16)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(a, random_unit_vectors(1_000, 16, seed=3))


def test_mixtures_stay_near_their_anchors():
    anchors = random_unit_vectors(20, 64, seed=0)
    mixed = mixture_vectors(anchors, 500, seed=1)
    assert np.allclose(np.linalg.norm(mixed, axis=1), 1.0, atol=1e-5)
    # every mixture leans towards some anchor far more than random vectors do
    assert np.median((mixed @ anchors.T).max(axis=1)) > 0.6


def test_queries_near_the_corpus_find_their_source_as_the_exact_first_neighbour():
    vectors = random_unit_vectors(2_000, 32, seed=0)
    queries = near(vectors, 50, noise=0.02, seed=5)
    truth = exact_top_k(vectors, queries, 10)
    sources = np.random.default_rng(5).choice(len(vectors), size=50, replace=False)
    assert np.array_equal(truth[:, 0], sources)


def test_perturbed_text_changes_a_few_words_and_keeps_most():
    rng = np.random.default_rng(0)
    text = " ".join(f"word{i}" for i in range(40))
    changed = perturb_text(text, rng, ["zebra", "yak"])
    kept = set(text.split()) & set(changed.split())
    assert changed != text and len(kept) >= 28


def test_measure_reports_perfect_recall_for_exact_search():
    vectors = random_unit_vectors(3_000, 32, seed=0)
    corpus = Corpus("tiny", vectors, near(vectors, 20), "test")
    row = measure(corpus)
    assert row["index_type"] == "flat-ip"
    assert row["recall_at_10"] == 1.0
    assert row["index_bytes"] >= 3_000 * 32 * 4


def test_the_store_searches_exactly_below_the_threshold_and_with_hnsw_above():
    from index.vectors import HNSW_EF_SEARCH, make_vector_index, vector_index_type

    vectors = random_unit_vectors(300, 16, seed=2)
    assert vector_index_type(299, exact_below=300) == "flat-ip"
    exact = make_vector_index(vectors[:299], exact_below=300)
    approximate = make_vector_index(vectors, exact_below=300)
    assert not hasattr(exact, "hnsw")
    assert approximate.hnsw.efSearch == HNSW_EF_SEARCH
    queries = near(vectors, 20)
    truth = exact_top_k(vectors, queries, 10)
    assert recall_at_k(approximate.search(queries, 10)[1], truth, 10) >= 0.95
    approximate.hnsw.efSearch = 1  # a control: a starved search must show as lost recall
    assert recall_at_k(approximate.search(queries, 10)[1], truth, 10) < 0.95


def test_recall_counts_the_true_neighbours_found():
    truth = np.array([[1, 2, 3, 4], [5, 6, 7, 8]])
    found = np.array([[4, 3, 9, 9], [5, 6, 7, 8]])
    assert recall_at_k(found, truth, 4) == pytest.approx((2 + 4) / 8)
    assert recall_at_k(truth, truth, 4) == 1.0
