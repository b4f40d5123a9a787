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


@pytest.mark.parametrize("suffix", [".docx", ".md"])
def test_ask_out_writes_a_brief_quoting_the_fiji_and_tonga_row_under_a_theme_2_label(
    assistant, cli_env, tmp_path, suffix
):
    import io

    import docx

    out = tmp_path / f"brief{suffix}"
    result = run(["ask", "What did Fiji call for?", "--out", str(out)], cli_env)
    assert result.returncode == 0, result.stderr
    assert f"Wrote the brief to {out}" in result.stdout
    if suffix == ".docx":
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs)
    else:
        text = out.read_text()
    assert "Fiji and Tonga called for continued international support" in text
    assert "Theme 2: Meeting the challenge posed by transnational crime groups - " \
        "Recommendation (Fiji and Tonga)" in text
    assert "What did Fiji call for?" in text


@pytest.mark.parametrize(
    ("name", "needle"),
    [("brief.pdf", "must end in .md (Markdown) or .docx (Word)"),
     ("mine.md", "not a plain file"), ("nowhere/brief.md", "no folder")],
)
def test_ask_out_refuses_a_path_that_cannot_take_a_brief_before_loading_anything(
    cli_env, tmp_path, name, needle
):
    (tmp_path / "mine.md").mkdir()
    (tmp_path / "mine.md" / "notes.txt").write_text("mine")
    env = {**cli_env, "RSO_QA_HOME": str(tmp_path / "home")}  # no index: nothing may build
    result = run(["ask", "What did Fiji call for?", "--out", str(tmp_path / name)], env)
    assert result.returncode == 2 and needle in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "mine.md" / "notes.txt").read_text() == "mine"
    assert not (tmp_path / "home").exists()
