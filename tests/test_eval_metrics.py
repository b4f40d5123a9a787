"""Metric arithmetic on small hand-built outcomes, and the span-matching rules."""

from __future__ import annotations

import pytest

from eval.floors import below_floor, load_floors
from eval.metrics import HEADLINE, Cited, Outcome, summarise, summarise_by_type
from eval.questions import Question
from eval.run import SystemResult, failure_kind
from eval.spans import answer_overlaps, normalise, strip_markers

FILLER = Cited.of("filler", "Nothing of use here.")


def q(qid: str, *evidence: str, type: str = "fact") -> Question:
    return Question(qid, f"question {qid}?", tuple(evidence), type if evidence else "unanswerable")


def cites(*texts: str) -> tuple[Cited, ...]:
    return tuple(Cited.of(f"p{i}", t) for i, t in enumerate(texts, 1))


def outcome(question, cited=(), *, abstained=False, answer="", ms=10.0) -> Outcome:
    return Outcome(question, "sys", tuple(cited), abstained, answer, ms)


@pytest.fixture()
def outcomes() -> list[Outcome]:
    return [
        # first hit at rank 1
        outcome(
            q("a", "alpha span"), cites("the alpha span is here", "x"), answer="alpha span [1]"
        ),
        # first hit at rank 3; a multi question with its second span at rank 6
        outcome(
            q("b", "beta one", "beta two", type="multi"),
            (FILLER, FILLER, *cites("beta one"), FILLER, FILLER, *cites("and beta two")),
            answer="Something else [1]",
        ),
        # no hit at all
        outcome(q("c", "gamma"), (FILLER,) * 5, answer="Nothing [1]"),
        # answerable but declined
        outcome(q("d", "delta"), abstained=True, answer="The statement does not say."),
        # unanswerable, rightly declined
        outcome(q("e"), abstained=True, answer="Not mentioned."),
        # unanswerable, answered anyway
        outcome(q("f"), cites("forty characters of text"), answer="forty [1]"),
    ]


def test_hit_and_mrr_count_the_first_cited_span_over_answerable_questions(outcomes):
    m = summarise(outcomes)
    assert (m["questions"], m["answerable"], m["unanswerable"]) == (6, 4, 2)
    assert m["hit_at_1"] == pytest.approx(1 / 4)
    assert m["hit_at_3"] == pytest.approx(2 / 4)
    assert m["hit_at_5"] == pytest.approx(2 / 4)
    assert m["mrr_at_10"] == pytest.approx((1 + 1 / 3) / 4)


def test_full_recall_needs_every_span_in_the_top_five(outcomes):
    assert outcomes[1].span_ranks == (3, 6)
    assert summarise(outcomes)["full_recall_at_5"] == pytest.approx(1 / 4)
    late = outcome(
        q("g", "beta one", "beta two"), (*cites("beta one"), *(FILLER,) * 4, *cites("beta two"))
    )
    assert late.span_ranks == (1, 6)
    m = summarise([late])
    assert (m["hit_at_1"], m["full_recall_at_5"], m["mrr_at_10"]) == (1.0, 0.0, 1.0)


def test_mrr_stops_at_rank_ten():
    deep = outcome(q("h", "needle"), (*(FILLER,) * 10, *cites("needle")))
    assert deep.first_hit == 11
    assert summarise([deep])["mrr_at_10"] == 0.0


def test_abstention_precision_recall_and_false_abstentions(outcomes):
    m = summarise(outcomes)
    assert m["abstention_recall"] == pytest.approx(1 / 2)  # e declined, f answered
    assert m["abstention_precision"] == pytest.approx(1 / 2)  # declined d and e; only e right
    assert m["false_abstention_rate"] == pytest.approx(1 / 4)
    assert m["false_abstentions"] == 1


def test_a_system_that_never_abstains_scores_zero_abstention_precision():
    m = summarise([outcome(q("e")), outcome(q("a", "alpha"), cites("alpha"))])
    assert (m["abstention_precision"], m["abstention_recall"]) == (0.0, 0.0)
    assert summarise([outcome(q("a", "alpha"))])["abstention_precision"] is None


def test_answer_evidence_reads_the_answer_text(outcomes):
    assert [o.answer_evidence for o in outcomes[:4]] == [True, False, False, False]
    assert summarise(outcomes)["answer_evidence"] == pytest.approx(1 / 4)


def test_baselines_write_no_answer_so_answer_evidence_is_not_applicable():
    baseline = Outcome(q("a", "alpha"), "bm25", cites("alpha"), False, None, 1.0)
    assert baseline.answer_evidence is None
    assert summarise([baseline])["answer_evidence"] is None


def test_characters_read_sum_the_citations_and_abstentions_read_nothing(outcomes):
    assert summarise(outcomes)["chars_read"] == pytest.approx(247 / 6)
    declined = Outcome(q("d", "delta"), "x", cites("some text"), True, "No.", 1.0)
    assert declined.chars_read == 0
    assert Cited.of("x", "<p>a   <b>bold</b></p>").chars == len("a bold")


def test_latency_percentiles():
    timed = [outcome(q(str(i)), ms=float(i)) for i in range(1, 101)]
    m = summarise(timed)
    assert m["latency_p50_ms"] == pytest.approx(50.5)
    assert m["latency_p95_ms"] == pytest.approx(95.05)


def test_metrics_split_by_question_type(outcomes):
    by_type = summarise_by_type(outcomes)
    assert list(by_type) == ["fact", "multi", "unanswerable"]
    assert by_type["fact"]["questions"] == 3
    assert by_type["multi"]["hit_at_3"] == 1.0
    assert by_type["unanswerable"]["hit_at_1"] is None
    assert by_type["fact"]["abstention_recall"] is None


def test_failures_are_listed_worst_first(outcomes):
    result = SystemResult("sys", "test", tuple(outcomes))
    failed = result.failures()
    assert [o.question.id for o in failed] == ["c", "d", "b", "f"]
    assert [failure_kind(o) for o in failed] == [
        "missed",
        "declined",
        "partial",
        "answered unanswerable",
    ]
    row = result.to_dict()["failures"][2]
    assert row["missing"] == ["beta two"] and row["cited"][2] == "p1"


def test_spans_match_after_markup_and_whitespace_are_removed():
    assert normalise("<p>the  **Bali**\n\tProcess</p>") == "the Bali Process"
    assert normalise("Bali Process") in Cited.of("p", "<b>Bali</b>\nProcess").text


def test_citation_markers_are_stripped_from_answers():
    assert strip_markers("First [1]. Second [2, 3]  third [4–5]") == "First. Second third"


def test_a_span_inside_the_answer_overlaps():
    assert answer_overlaps("Fiji called", "As noted, Fiji called for action [1].")


def test_an_answer_sentence_inside_a_long_span_overlaps():
    span = "Fiji called for stronger cooperation. It also urged shared data across borders."
    assert answer_overlaps(span, "It also urged shared data across borders. [2] Other text.")


def test_a_long_shared_stretch_overlaps_but_a_short_one_does_not():
    span = "the Regional Support Office of the Bali Process acts as a connector"
    assert answer_overlaps(span, "Indeed the Regional Support Office of the Bali Process helps.")
    assert not answer_overlaps(span, "The Regional Support Office exists.")  # 27 shared chars
    assert not answer_overlaps("Fiji", "")


def test_floors_flag_a_metric_that_drops_below_or_a_ceiling_that_is_passed():
    floors = {"floors": {"hit_at_1": 0.8, "mrr_at_10": 0.5}, "ceilings": {"chars_read": 2000}}
    summary = {"hit_at_1": 0.79, "mrr_at_10": 0.9, "chars_read": 2500}
    problems = below_floor(summary, floors)
    assert len(problems) == 2
    assert "hit_at_1" in problems[0] and "chars_read" in problems[1]
    assert below_floor({"hit_at_1": 0.8, "mrr_at_10": 0.5, "chars_read": 2000}, floors) == []


def test_the_floors_file_guards_every_headline_metric_on_the_held_out_sets():
    data = load_floors()
    assert set(data["sets"]) == {"test", "blind", "blind3", "blind4"}
    for limits in data["sets"].values():
        guarded = set(limits["floors"]) | set(limits.get("ceilings", {}))
        assert set(HEADLINE) <= guarded
        assert all(0 <= v <= 1 for v in limits["floors"].values())


def test_sets_report_the_gap_and_list_failures_of_the_tuning_set_only():
    from rich.console import Console

    from eval.report import print_sets
    from eval.run import Report, SetsReport

    def report(name: str, hits: int) -> Report:
        rows = [
            outcome(q(f"{name}{i}", "alpha"), cites("alpha" if i < hits else "beta"))
            for i in range(4)
        ]
        return Report(name, 5, (SystemResult("default", "d", tuple(rows)),), 1.0)

    sets = SetsReport(
        (("dev", report("dev", 4)), ("test", report("test", 3)), ("blind", report("blind", 2)))
    )
    assert sets.gap == pytest.approx(0.5)
    assert sets.to_dict()["gap_hit_at_1"] == 0.5
    assert sets.to_dict()["gaps_hit_at_1"] == {"blind": 0.5}
    console = Console(width=200, record=True)
    print_sets(sets, console=console)
    text = console.export_text()
    assert "Generalisation gap (dev Hit@1 − blind Hit@1): +0.500" in text
    assert "blind2" not in text and "test3" not in text  # counted, never listed
    assert "2 missed (fact)" in text and "1 missed (fact)" in text
    assert SetsReport((("dev", report("dev", 4)),)).gap is None


def test_one_held_out_set_alone_has_its_failures_counted_not_listed():
    from rich.console import Console

    from eval.report import print_report
    from eval.run import Report

    rows = [outcome(q(f"blind{i}", "alpha"), cites("alpha" if i < 2 else "beta")) for i in range(4)]
    report = Report("blind", 5, (SystemResult("default", "d", tuple(rows)),), 1.0)
    held = Console(width=200, record=True)
    print_report(report, console=held, held_out=True)
    text = held.export_text()
    assert "2 missed (fact)" in text and "blind3" not in text
    tuning = Console(width=200, record=True)
    print_report(report, console=tuning)
    assert "blind3" in tuning.export_text()  # the tuning set's failures, listed
