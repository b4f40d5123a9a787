"""Index faults: each ends in a rebuild with a message or a clear error naming the file and
the fix; never in an answer from stale or damaged data.

Every test works on its own copy of the session's index (or its own empty folder), with the
real model; the processes that build at once or are killed are real `rso-qa` processes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from corpus import load_statement
from corpus.errors import (
    DocumentError,
    IndexCorruptError,
    IndexMissingError,
    IndexStaleError,
    IndexUnreadableError,
)
from corpus.statement import DEFAULT_SOURCE
from index import IndexStore
from qa import Assistant
from qa.assistant import build_index

RSO_QA = [sys.executable, "-m", "cli"]
MODEL = "all-MiniLM-L6-v2"
FIX = "rso-qa build --force"


@pytest.fixture()
def copy(index_dir, assistant, tmp_path) -> Path:
    """A private copy of the session's (built, current) index."""
    target = tmp_path / "home" / "index"
    shutil.copytree(index_dir, target)
    return target


def load(directory: Path, **kw) -> Assistant:
    return Assistant.load(index_dir=directory, notify=kw.pop("notify", None), **kw)


def edit_manifest(directory: Path, **changes) -> None:
    path = directory / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest.update(changes)
    path.write_text(json.dumps(manifest))


def leftovers(directory: Path) -> list[str]:
    """Temporary or old index folders left next to the index."""
    return sorted(
        p.name for p in directory.parent.iterdir() if p.name.startswith(f".{directory.name}.")
        and not p.name.endswith(".lock")
    )


# --- missing -------------------------------------------------------------------------------


def test_a_missing_index_is_refused_with_the_command_that_builds_it(tmp_path):
    missing = tmp_path / "nowhere" / "index"
    with pytest.raises(IndexMissingError) as err:
        load(missing, rebuild=False)
    assert str(missing) in str(err.value) and "rso-qa build" in str(err.value)
    assert not missing.exists()


def test_a_manifest_deleted_by_hand_counts_as_no_index(copy):
    (copy / "manifest.json").unlink()
    with pytest.raises(IndexMissingError, match="rso-qa build"):
        load(copy, rebuild=False)


# --- damaged -------------------------------------------------------------------------------


def test_a_truncated_faiss_file_is_refused_naming_the_file_and_the_fix(copy):
    data = (copy / "index.faiss").read_bytes()
    (copy / "index.faiss").write_bytes(data[: len(data) // 3])
    with pytest.raises(IndexCorruptError) as err:
        load(copy)
    assert str(copy / "index.faiss") in str(err.value) and FIX in str(err.value)


def test_a_hand_edited_passages_file_is_refused_not_answered_from(copy):
    path = copy / "passages.jsonl"
    text = path.read_text("utf-8")
    assert "Fiji called for" in text
    path.write_text(text.replace("Fiji called for", "Atlantis called for"), "utf-8")
    with pytest.raises(IndexCorruptError) as err:
        load(copy)
    assert str(path) in str(err.value) and FIX in str(err.value)


def _index_files(index_dir: Path) -> list[str]:
    return sorted(json.loads((index_dir / "manifest.json").read_text())["files"])


@pytest.mark.parametrize("damage", ["one byte appended", "deleted"])
def test_every_file_of_the_index_is_checked_on_load(copy, damage):
    names = _index_files(copy)
    assert {"index.faiss", "passages.jsonl", "units.jsonl", "model.onnx", "tokenizer.json"} <= set(
        names
    )
    assert any(name.startswith("bm25/") for name in names)
    for name in names:
        shutil.rmtree(copy.parent / "spare", ignore_errors=True)
        spare = shutil.copytree(copy, copy.parent / "spare")
        path = spare / name
        if damage == "deleted":
            path.unlink()
        else:
            path.write_bytes(path.read_bytes() + b"\n")
        with pytest.raises(IndexCorruptError) as err:
            load(spare)
        assert str(path) in str(err.value) and FIX in str(err.value), name


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("{not json", id="not JSON"),
        pytest.param("[]", id="a list"),
        pytest.param('{"model": "all-MiniLM-L6-v2"}', id="fields missing"),
        pytest.param(b"\xff\xfe{}", id="not UTF-8"),
    ],
)
def test_a_damaged_manifest_is_refused_naming_it_and_the_fix(copy, content):
    path = copy / "manifest.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(IndexCorruptError) as err:
        load(copy)
    assert str(path) in str(err.value) and FIX in str(err.value)


def test_a_manifest_that_lists_no_file_hashes_is_refused(copy):
    edit_manifest(copy, files={})
    with pytest.raises(IndexCorruptError, match=r"manifest\.json does not list .*build --force"):
        load(copy)


def test_the_cli_refuses_a_damaged_index_then_build_force_repairs_it(copy, cli_env):
    faiss_file = copy / "index.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:1000])
    args = ["--index-dir", str(copy)]
    asked = subprocess.run(RSO_QA + ["ask", "What did Fiji call for?", *args], env=cli_env,
                           capture_output=True, text=True, timeout=300)
    assert asked.returncode == 2
    assert "Traceback" not in asked.stderr and "Fiji" not in asked.stdout
    assert str(faiss_file) in asked.stderr and FIX in asked.stderr
    built = subprocess.run(RSO_QA + ["build", "--force", *args], env=cli_env,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    IndexStore.load(copy, corpus_sha256=load_statement().sha256, model=MODEL)


# --- stale ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"model": "paraphrase-MiniLM-L3-v2"}, "built with model 'paraphrase-MiniLM-L3-v2'"),
        ({"corpus_sha256": "0" * 64}, "statement file changed"),
        ({"chunker_version": "0"}, "chunker v0"),
        ({"package_version": "0.0.1"}, "rso-qa 0.0.1"),
        ({"format": 99}, "index format 99"),
    ],
    ids=["another model", "another corpus", "another chunker", "another version",
         "another format"],
)
def test_a_stale_index_is_refused_with_the_reason_when_rebuilding_is_off(copy, changes, reason):
    edit_manifest(copy, **changes)
    with pytest.raises(IndexStaleError) as err:
        load(copy, rebuild=False)
    assert str(copy) in str(err.value) and reason in str(err.value)
    assert "rso-qa build" in str(err.value)


def test_an_index_built_with_another_model_is_rebuilt_with_a_message(copy):
    edit_manifest(copy, model="paraphrase-MiniLM-L3-v2")
    messages: list[str] = []
    assistant = load(copy, notify=messages.append)
    assert len(messages) == 1 and "Rebuilding the index" in messages[0]
    assert "built with model 'paraphrase-MiniLM-L3-v2'" in messages[0]
    assert assistant.store.manifest.model == MODEL
    assert json.loads((copy / "manifest.json").read_text())["model"] == MODEL
    assert leftovers(copy) == []


def test_a_changed_statement_is_reindexed_and_the_next_answer_quotes_the_new_text(copy, tmp_path):
    statement = tmp_path / "statement.txt"
    shutil.copyfile(DEFAULT_SOURCE, statement)
    messages: list[str] = []
    before = load(copy, corpus=statement, notify=messages.append)
    assert messages == []  # the same bytes: the copied index is current
    old = "Fiji called for Members to consider evolving realities and future pressures"
    assert any(old in c.passage.text for c in before.ask("What did Fiji call for?").citations)

    new = "Fiji called for a regional fund for communities displaced by rising seas by 2030"
    text = statement.read_text("utf-8")
    assert text.count(old) == 1
    statement.write_text(text.replace(old, new), "utf-8")
    after = load(copy, corpus=statement, notify=messages.append)
    assert len(messages) == 1 and "statement file changed" in messages[0]
    answer = after.ask("What did Fiji call for?")
    assert not answer.abstained
    row = next(c.passage for c in answer.citations if c.passage.id == "theme-4/recommendation/fiji")
    assert new in row.text and old not in row.text
    assert "regional fund" in answer.text
    source = statement.read_text("utf-8")
    assert new in source[row.start : row.end]  # the offsets point into the new file
    assert all(old not in c.passage.text for c in answer.citations + answer.related)


def test_a_running_assistant_rebuilds_when_its_statement_changes_under_it(copy, tmp_path):
    statement = tmp_path / "statement.txt"
    shutil.copyfile(DEFAULT_SOURCE, statement)
    messages: list[str] = []
    running = load(copy, corpus=statement, notify=messages.append)
    old = "Fiji called for Members to consider evolving realities and future pressures"
    new = "Fiji called for a regional fund for communities displaced by rising seas by 2030"
    statement.write_text(statement.read_text("utf-8").replace(old, new), "utf-8")
    answer = running.ask("What did Fiji call for?")  # same object, no reload by the caller
    assert messages and "changed; rebuilding the index" in messages[-1]
    assert "regional fund" in answer.text
    assert all(old not in c.passage.text for c in answer.citations + answer.related)
    assert json.loads((copy / "manifest.json").read_text())["corpus_sha256"] == (
        hashlib.sha256(statement.read_bytes()).hexdigest()
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "is empty"), (b"\xff\xfeF\x00i\x00j\x00i\x00", "not UTF-8")],
    ids=["an empty file", "UTF-16 text"],
)
def test_a_statement_that_cannot_be_read_is_refused_not_answered_from_the_old_index(
    copy, tmp_path, content, reason
):
    statement = tmp_path / "statement.txt"
    statement.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        load(copy, corpus=statement)
    assert str(statement) in str(err.value) and reason in str(err.value)


def test_a_missing_statement_file_is_named(copy, tmp_path):
    with pytest.raises(DocumentError, match=re.escape(str(tmp_path / "gone.txt"))):
        load(copy, corpus=tmp_path / "gone.txt")


# --- read-only ---------------------------------------------------------------------------


@pytest.fixture()
def read_only(tmp_path):
    """Make a folder read-only for real (root ignores chmod): a read-only bind mount."""
    mounts: list[Path] = []

    def mount(source: Path) -> Path:
        target = tmp_path / f"ro-{len(mounts)}"
        target.mkdir()
        steps = [["mount", "--bind", str(source), str(target)],
                 ["mount", "-o", "remount,ro,bind", str(target)]]
        for i, step in enumerate(steps):
            done = subprocess.run(step, capture_output=True, text=True)
            if done.returncode != 0:
                if i:
                    subprocess.run(["umount", str(target)], capture_output=True)
                pytest.skip(f"cannot make a read-only mount here: {done.stderr.strip()}")
            if i == 0:
                mounts.append(target)
        return target

    yield mount
    for target in reversed(mounts):
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def _read_only_home(read_only, tmp_path) -> Path:
    """An empty read-only folder, or a /sys path that cannot be written when mounting fails."""
    empty = tmp_path / "empty"
    empty.mkdir()
    try:
        return read_only(empty)
    except pytest.skip.Exception:
        return Path("/sys/rso-qa-home")


def test_an_index_cannot_be_built_in_a_read_only_folder_and_the_error_names_it(
    read_only, tmp_path, assistant
):
    directory = _read_only_home(read_only, tmp_path) / "index"
    with pytest.raises(IndexUnreadableError) as err:
        load(directory)
    message = str(err.value)
    assert str(directory) in message and "writable --index-dir" in message


def test_the_cli_names_a_read_only_data_folder(read_only, tmp_path, cli_env, assistant):
    home = _read_only_home(read_only, tmp_path)
    result = subprocess.run(RSO_QA + ["ask", "What did Fiji call for?"],
                            env={**cli_env, "RSO_QA_HOME": str(home)},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Fiji" not in result.stdout
    assert str(home / "index") in result.stderr and "RSO_QA_HOME" in result.stderr


def test_a_current_index_on_a_read_only_folder_still_answers(copy, read_only):
    directory = read_only(copy.parent) / "index"
    answer = load(directory).ask("What did Fiji call for?")
    assert "theme-4/recommendation/fiji" in [c.passage.id for c in answer.citations]


def test_a_stale_index_on_a_read_only_folder_is_refused_not_answered_from(copy, read_only):
    edit_manifest(copy, corpus_sha256="0" * 64)
    directory = read_only(copy.parent) / "index"
    messages: list[str] = []
    with pytest.raises(IndexUnreadableError) as err:
        load(directory, notify=messages.append)
    assert messages and "statement file changed" in messages[0]
    assert str(directory) in str(err.value)


# --- concurrent and interrupted builds -----------------------------------------------------


def test_two_builds_at_once_make_one_valid_index_and_one_says_it_waited(tmp_path, cli_env,
                                                                       assistant):
    home = tmp_path / "home"
    env = {**cli_env, "RSO_QA_HOME": str(home)}
    procs = [subprocess.Popen(RSO_QA + ["build"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=900) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "Index ready" in out
        assert f"Building the index at {home / 'index'} (first run)" in err
    waited = [err for _, err in results if "Waiting for another process" in err]
    assert len(waited) == 1, [err for _, err in results]
    store = IndexStore.load(home / "index", corpus_sha256=load_statement().sha256, model=MODEL)
    assert len(store.passages) == len(assistant.passages)
    assert leftovers(home / "index") == []


def test_a_build_killed_midway_leaves_the_last_good_index_and_no_lock(copy, cli_env, embedder):
    manifest_before = (copy / "manifest.json").read_text()
    lock = FileLock(str(copy.parent / ".index.lock"))
    proc = subprocess.Popen(RSO_QA + ["build", "--force", "--index-dir", str(copy)], env=cli_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                lock.acquire(timeout=0)
                lock.release()
                time.sleep(0.2)
            except Timeout:
                break  # the builder holds the lock: it is embedding
        assert proc.poll() is None, "the build ended before it could be interrupted"
        time.sleep(1.0)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    with lock.acquire(timeout=0):  # the kernel released the dead builder's lock
        pass
    assert (copy / "manifest.json").read_text() == manifest_before
    sha = load_statement().sha256
    IndexStore.load(copy, corpus_sha256=sha, model=MODEL)
    (copy.parent / ".index.tmp-1").mkdir(exist_ok=True)  # as a kill during the save leaves
    build_index(DEFAULT_SOURCE, embedder, copy)
    assert leftovers(copy) == []


# --- folders that are not ours ---------------------------------------------------------------


def test_build_force_through_a_symlinked_index_keeps_the_link_and_leaves_nothing(
    copy, embedder, tmp_path
):
    real = copy
    link = tmp_path / "linked-index"
    link.symlink_to(real, target_is_directory=True)
    before = sorted(p.name for p in real.parent.iterdir())
    build_index(DEFAULT_SOURCE, embedder, link, force=True)
    assert link.is_symlink() and link.resolve() == real.resolve()
    IndexStore.load(link, corpus_sha256=load_statement().sha256, model=MODEL)
    after = sorted(p.name for p in real.parent.iterdir() if not p.name.endswith(".lock"))
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        "home", "linked-index"
    ]


def test_an_empty_folder_given_as_index_dir_becomes_the_index(tmp_path, embedder):
    folder = tmp_path / "empty"
    folder.mkdir()
    build_index(DEFAULT_SOURCE, embedder, folder)
    IndexStore.load(folder, corpus_sha256=load_statement().sha256, model=MODEL)
