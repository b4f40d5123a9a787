"""The CI floor: the default config must not fall below eval/floors.json on test and the
held-out sets (blind, blind3, blind4).

No such set is tuned on (dev is), so these floors measure what the assistant does on
questions nobody fitted it to.
"""

from __future__ import annotations

import pytest

from eval.floors import below_floor, load_floors
from eval.run import run_sets
from eval.splits import question_set


@pytest.mark.slow
def test_default_config_stays_above_every_floor_on_the_held_out_sets(assistant):
    floors = load_floors()
    names = list(floors["sets"])
    assert names == ["test", "blind", "blind3", "blind4"]
    report = run_sets(
        assistant,
        [(name, question_set(name)) for name in names],
        configs=[floors["config"]],
        k=floors["k"],
    )
    problems = []
    for name in names:
        summary = report.report(name).result(floors["config"]).overall
        problems += [f"{name}: {p}" for p in below_floor(summary, floors["sets"][name])]
    assert problems == []
