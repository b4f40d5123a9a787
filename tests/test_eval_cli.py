"""`rso-qa eval` as a user runs it, on a question file of their own."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

RSO_QA = [sys.executable, "-m", "cli"]
SYSTEMS = ["default", "dense-only", "baseline-faiss", "baseline-bm25"]
TINY = [
    {
        "id": "mine-1",
        "question": "What does RILON stand for?",
        "evidence": ["Regional Information Liaison and Outreach Network"],
        "type": "definition",
        "answer": "Regional Information Liaison and Outreach Network.",
    },
    {
        "id": "mine-2",
        "question": "what did fiji call for",
        "evidence": ["Fiji called for"],
        "type": "actor",
        "answer": "Fiji called for shared responsibility.",
    },
    {
        "id": "mine-3",
        "question": "What did Germany say about border management?",
        "evidence": [],
        "type": "unanswerable",
        "answer": "Germany is not mentioned.",
    },
]


def run(args, env):
    return subprocess.run(RSO_QA + args, env=env, capture_output=True, text=True, timeout=600)


def write_questions(path, rows) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.mark.slow
def test_eval_runs_any_question_file_and_writes_json_and_a_chart(assistant, cli_env, tmp_path):
    questions, out, chart = tmp_path / "mine.jsonl", tmp_path / "out.json", tmp_path / "c.png"
    write_questions(questions, TINY)
    result = run(
        ["eval", "--questions", str(questions), "--json", str(out), "--chart", str(chart)],
        cli_env,
    )
    assert result.returncode == 0, result.stderr
    for name in SYSTEMS:
        assert name in result.stdout
    assert "Per question type: default" in result.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["questions"], report["k"]) == (3, 5)
    assert [s["name"] for s in report["systems"]] == SYSTEMS
    default = report["systems"][0]
    assert default["overall"]["answerable"] == 2
    assert default["overall"]["hit_at_5"] == 1.0
    assert default["overall"]["abstention_recall"] == 1.0  # Germany is never mentioned
    assert [q["id"] for q in default["questions"]] == ["mine-1", "mine-2", "mine-3"]
    assert set(default["by_type"]) == {"definition", "actor", "unanswerable"}
    assert report["systems"][2]["overall"]["answer_evidence"] is None
    import matplotlib.image

    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    height, width, _ = matplotlib.image.imread(chart).shape
    assert width >= 1200 and height >= 800


@pytest.mark.slow
def test_eval_with_one_config_and_no_baselines_lists_its_failures(assistant, cli_env, tmp_path):
    questions, out = tmp_path / "mine.jsonl", tmp_path / "out.json"
    hard = {
        "id": "mine-9",
        "question": "What is the colour of the sky?",
        "evidence": ["Regional Information Liaison and Outreach Network"],
        "type": "fact",
    }
    write_questions(questions, [TINY[0], hard])
    result = run(
        [
            "eval",
            "--questions",
            str(questions),
            "--config",
            "dense-only",
            "--no-baselines",
            "--k",
            "3",
            "--failures",
            "5",
            "--json",
            str(out),
        ],
        cli_env,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [s["name"] for s in report["systems"]] == ["dense-only"]
    assert report["k"] == 3
    assert all(len(q["cited"]) <= 3 for q in report["systems"][0]["questions"])
    failed = [f["id"] for f in report["systems"][0]["failures"]]
    assert failed == ["mine-9"]
    assert "mine-9" in result.stdout and "cited instead" in result.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--config", "fastest"], "unknown config 'fastest'"),
        (["--k", "0"], "--k must be from 1"),
        (["--json", "/no/such/folder/out.json"], "no folder /no/such/folder"),
        (["--split", "dev"], "give --questions or --split, not both"),
    ],
)
def test_bad_options_fail_in_one_sentence_before_the_model_loads(tmp_path, args, needle):
    questions = tmp_path / "mine.jsonl"
    write_questions(questions, TINY)
    # A model that does not exist: had the command loaded it, the error would say so.
    env = {**os.environ, "RSO_QA_MODEL": "no-such-model", "RSO_QA_HOME": str(tmp_path)}
    result = run(["eval", "--questions", str(questions), *args], env)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and needle in lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_an_unknown_split_is_named_with_the_choices(cli_env):
    result = run(["eval", "--split", "train"], cli_env)
    assert result.returncode == 2
    wanted = "--split must be one of dev, test, blind, blind3, blind4, blind2, not 'train'"
    assert wanted in result.stderr


def test_a_malformed_question_file_is_named_by_line(cli_env, tmp_path):
    questions = tmp_path / "broken.jsonl"
    questions.write_text(json.dumps(TINY[0]) + "\n{not json\n", encoding="utf-8")
    result = run(["eval", "--questions", str(questions)], cli_env)
    assert result.returncode == 2
    assert "broken.jsonl, line 2: not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_the_eval_options(cli_env):
    result = run(["eval", "--help"], cli_env)
    assert result.returncode == 0
    for option in (
        "--questions",
        "--k",
        "--json",
        "--chart",
        "--config",
        "--no-baselines",
        "--failures",
    ):
        assert option in result.stdout
