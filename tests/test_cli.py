"""`rso-qa` as a user runs it: real subprocesses, real model, real index."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

RSO_QA = [sys.executable, "-m", "cli"]


def run(args, env, **kw):
    return subprocess.run(RSO_QA + args, env=env, capture_output=True, text=True, timeout=300, **kw)


def test_help_lists_the_commands(cli_env):
    result = run(["--help"], cli_env)
    assert result.returncode == 0
    for command in ("build", "ask", "serve"):
        assert command in result.stdout


def test_help_does_not_import_the_heavy_libraries():
    code = ("import sys; from typer.testing import CliRunner; from cli.app import app; "
            "CliRunner().invoke(app, ['--help']); "
            "print(sorted(m for m in ('torch','faiss','gradio','sentence_transformers') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]"


def test_ask_json_cites_both_fiji_rows(assistant, cli_env):
    result = run(["ask", "What did Fiji call for?", "--json"], cli_env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    cited = [c["passage"]["id"] for c in data["citations"]][:5]
    assert {"theme-2/recommendation/fiji", "theme-4/recommendation/fiji"} <= set(cited)
    for c in data["citations"]:
        assert c["passage"]["end"] > c["passage"]["start"]


def test_ask_prints_answer_and_sources(assistant, cli_env):
    result = run(["ask", "What is RILON?"], cli_env)
    assert result.returncode == 0, result.stderr
    assert "Regional Information Liaison and Outreach Network" in result.stdout
    assert "glossary/rilon" in result.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["ask", ""], "empty"),
        (["ask", "   "], "empty"),
        (["ask", "y" * 2001], "limit is 2,000"),
        (["ask", "What is RILON?", "--model", "no-such-model-xyz"], "no-such-model-xyz"),
        (["ask", "What is RILON?", "--k", "0"], "k must"),
    ],
)
def test_bad_input_gets_one_sentence_and_exit_code_2(assistant, cli_env, args, needle):
    result = run(args, cli_env)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:"), result.stderr
    assert needle in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


def test_an_index_dir_that_is_a_file_is_a_clear_error(assistant, cli_env, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    result = run(["ask", "What is RILON?", "--index-dir", str(blocker / "index")], cli_env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(blocker) in result.stderr


def test_build_reports_the_index(assistant, cli_env):
    result = run(["build"], cli_env)
    assert result.returncode == 0, result.stderr
    assert "Index ready" in result.stdout and "passages" in result.stdout
