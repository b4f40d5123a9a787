"""`rso-qa add`, `docs`, `ask --doc` and `remove` as a user runs them (real processes, real
model), and bad files refused with exit code 2 leaving the library as it was."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_corpus_formats import damaged_docx

RSO_QA = [sys.executable, "-m", "cli"]
HARBOUR = Path(__file__).parent / "data" / "harbour-dialogue-2031.md"


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(RSO_QA + args, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture()
def env(index_dir, assistant, tmp_path) -> dict[str, str]:
    """A data folder of its own, starting from a copy of the session's index."""
    shutil.copytree(index_dir, tmp_path / "home" / "index")
    return {**os.environ, "RSO_QA_HOME": str(tmp_path / "home"), "HF_HUB_OFFLINE": "1"}


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_add_list_ask_and_remove_a_statement(env):
    added = run(["add", str(HARBOUR), "--id", "hsd7", "--title", "Harbour Dialogue 2031"], env)
    assert added.returncode == 0, added.stderr
    assert "Added 'hsd7': Harbour Dialogue 2031 (markdown, 32 passages, 2031-03-14)" in added.stdout
    again = run(["add", str(HARBOUR)], env)
    assert again.returncode == 0 and "already in the library as 'hsd7'" in again.stdout
    listed = json.loads(run(["docs", "--json"], env).stdout)
    assert [(d["id"], d["format"], d["passages"]) for d in listed] == [
        ("rso-cd4", "text", 115), ("hsd7", "markdown", 32)
    ]
    assert listed[1]["title"] == "Harbour Dialogue 2031"
    answer = json.loads(run(["ask", "What did Norway explain?", "--doc", "hsd7", "--json"],
                            env).stdout)
    assert answer["citations"] and {c["passage"]["doc"] for c in answer["citations"]} == {"hsd7"}
    shown = run(["ask", "What did Norway explain?"], env).stdout
    assert "hsd7/theme-1/spotlight/norway" in shown
    assert "Harbour Dialogue 2031 - Theme 1" in " ".join(shown.split())  # the label names it
    removed = run(["remove", "hsd7"], env)
    assert removed.returncode == 0 and "Removed 'hsd7'" in removed.stdout
    assert [d["id"] for d in json.loads(run(["docs", "--json"], env).stdout)] == ["rso-cd4"]
    kept = run(["remove", "rso-cd4"], env)
    assert kept.returncode == 2 and "cannot be removed" in kept.stderr


BAD = {
    "a damaged PDF": ("statement.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj <<", "not a valid PDF"),
    "a damaged Word file": ("statement.docx", damaged_docx(), "not a valid Word file"),
    "an unsupported type": ("statement.xlsx", b"PK\x03\x04 spreadsheet", "zip archive"),
    "an empty file": ("statement.html", b"", "is empty"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", BAD.values(), ids=BAD.keys())
def test_a_bad_file_exits_2_in_one_sentence_and_leaves_the_library_as_it_was(env, tmp_path, case):
    name, data, needle = case
    home = Path(env["RSO_QA_HOME"])
    assert run(["add", str(HARBOUR), "--id", "hsd7"], env).returncode == 0
    before = (snapshot(home / "library"), snapshot(home / "index"))
    bad = tmp_path / name
    bad.write_bytes(data)
    done = run(["add", str(bad)], env)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:") and needle in lines[0]
    assert str(bad) in lines[0] and "Traceback" not in done.stderr
    assert (snapshot(home / "library"), snapshot(home / "index")) == before
    assert bad.read_bytes() == data  # the user's file is never changed
