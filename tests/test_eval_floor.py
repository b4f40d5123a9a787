"""The CI floor: the default config must not fall below eval/floors.json on the public set."""

from __future__ import annotations

import pytest

from eval.floors import below_floor, load_floors
from eval.questions import load_questions
from eval.run import run_eval


@pytest.mark.slow
def test_default_config_stays_above_every_floor_on_the_public_set(assistant):
    floors = load_floors()
    report = run_eval(
        assistant, load_questions(), configs=[floors["config"]], k=floors["k"], source_text=None
    )
    summary = report.result(floors["config"]).overall
    measured = {key: round(summary[key], 3) for key in floors["floors"]}
    assert below_floor(summary, floors) == [], f"measured {measured}"
