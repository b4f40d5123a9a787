"""No command of rso-qa deletes or moves a file it did not create.

Every path that could build an index (`ask`, `build`, `build --force`, `serve`,
`RSO_QA_HOME`) is pointed at a folder of the user's own, and must refuse in one
sentence, before the model loads, leaving every file as it was. Fast tier: nothing
here loads the model or builds an index.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.errors import DocumentError, IndexCorruptError, IndexFolderError
from corpus.files import document_sha256, file_sha256, read_document_bytes
from index.folders import check_index_location, check_replaceable, remove_leftovers

RSO_QA = str(Path(sys.executable).with_name("rso-qa"))


def user_folder(root: Path) -> dict[Path, bytes]:
    """A folder of a user's own work: files at two levels. Returns what it holds."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "sub").mkdir(exist_ok=True)
    files = {root / "thesis.txt": b"five years of work\n", root / "sub" / "photo.jpg": b"\xff\xd8"}
    for path, data in files.items():
        path.write_bytes(data)
    return files


def assert_untouched(files: dict[Path, bytes]) -> None:
    for path, data in files.items():
        assert path.read_bytes() == data, f"{path} was changed or removed"


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120):
    """`rso-qa` with a model that does not exist: every refusal here must come before
    the model loads, or its message would be about the model instead."""
    return subprocess.run(
        [RSO_QA, *args],
        env={**os.environ, "HF_HUB_OFFLINE": "1", "RSO_QA_MODEL": "no-such-model", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def one_sentence_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[-1].startswith("Error:"), stderr
    assert "Traceback" not in stderr
    return lines[0]


COMMANDS = {
    "ask": ["ask", "What is RILON?"],
    "build": ["build"],
    "build --force": ["build", "--force"],
    "serve": ["serve", "--port", "0"],
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_users_folder_given_as_index_dir_is_refused_and_kept(tmp_path, command):
    folder = tmp_path / "d"
    files = user_folder(folder)
    done = run(*command, "--index-dir", str(folder))
    assert done.returncode == 2
    line = one_sentence_error(done.stderr)
    assert str(folder) in line and "did not write" in line and "--index-dir" in line
    assert_untouched(files)
    assert sorted(p.name for p in folder.iterdir()) == ["sub", "thesis.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"], "nothing is left beside it"


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_rso_qa_home_whose_index_folder_is_the_users_is_refused_and_kept(tmp_path, command):
    files = user_folder(tmp_path / "home" / "index")
    done = run(*command, env={"RSO_QA_HOME": str(tmp_path / "home")})
    assert done.returncode == 2
    assert "did not write" in one_sentence_error(done.stderr)
    assert_untouched(files)


def test_a_home_folder_as_index_dir_is_refused(tmp_path):
    home = tmp_path / "alice"
    files = user_folder(home)
    (home / ".bashrc").write_text("export EDITOR=vi\n")
    files[home / ".bashrc"] = b"export EDITOR=vi\n"
    done = run("build", "--force", "--index-dir", str(home))
    assert done.returncode == 2
    assert_untouched(files)


def test_rso_qa_home_set_to_a_file_is_one_sentence_before_the_model_loads(tmp_path):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine")
    done = run("ask", "What is RILON?", env={"RSO_QA_HOME": str(not_a_folder)})
    assert done.returncode == 2
    line = one_sentence_error(done.stderr)
    assert "is a file, not a folder" in line and "RSO_QA_HOME" in line
    assert not_a_folder.read_text() == "mine"


def test_an_index_dir_that_is_a_file_is_refused(tmp_path):
    path = tmp_path / "index"
    path.write_text("mine")
    with pytest.raises(IndexFolderError, match="is a file, not a folder"):
        check_index_location(path)
    assert path.read_text() == "mine"


# --- which folders may be replaced ---------------------------------------------------------


def test_a_new_or_empty_folder_may_become_the_index(tmp_path):
    check_replaceable(tmp_path / "new")
    (tmp_path / "empty").mkdir()
    check_replaceable(tmp_path / "empty")


def test_a_folder_of_only_our_files_may_be_replaced_even_if_damaged(tmp_path):
    folder = tmp_path / "index"
    folder.mkdir()
    (folder / "manifest.json").write_text("{not json")
    (folder / "index.faiss").write_bytes(b"\0")
    check_replaceable(folder)


def test_our_index_with_a_users_file_added_is_not_replaced(tmp_path):
    folder = tmp_path / "index"
    folder.mkdir()
    (folder / "manifest.json").write_text("{}")
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(IndexFolderError, match="'notes.txt'"):
        check_replaceable(folder)


def test_a_folder_of_our_names_without_a_manifest_is_not_ours(tmp_path):
    folder = tmp_path / "index"
    folder.mkdir()
    (folder / "passages.jsonl").write_text("a user's file that happens to share the name")
    with pytest.raises(IndexFolderError):
        check_replaceable(folder)


def test_a_symlinked_index_is_judged_by_the_folder_it_points_to(tmp_path):
    real = tmp_path / "real"
    user_folder(real)
    link = tmp_path / "index"
    link.symlink_to(real)
    with pytest.raises(IndexFolderError, match=str(real)):
        check_replaceable(link)


def test_a_broken_link_as_index_dir_is_refused(tmp_path):
    link = tmp_path / "index"
    link.symlink_to(tmp_path / "gone")
    with pytest.raises(IndexFolderError, match="broken link"):
        check_index_location(link)


def test_leftovers_of_a_killed_build_are_removed_but_a_users_lookalike_is_kept(tmp_path):
    index = tmp_path / "index"
    ours = tmp_path / ".index.tmp-123"
    ours.mkdir()
    (ours / "passages.jsonl").write_text("")
    (ours / "bm25").mkdir()
    lookalike = tmp_path / ".index.tmp-456"
    files = user_folder(lookalike)
    other = tmp_path / ".index.old-x"  # not our pattern (no digits)
    other.mkdir()
    remove_leftovers(index)
    assert not ours.exists()
    assert_untouched(files)
    assert other.exists()


def test_a_build_killed_between_the_two_renames_gets_its_old_index_back(tmp_path):
    index = tmp_path / "index"
    old = tmp_path / ".index.old-200"  # the good index, moved aside by the swap
    old.mkdir()
    (old / "manifest.json").write_text('{"corpus_sha256": "abc"}')
    (old / "index.faiss").write_bytes(b"vectors")
    older = tmp_path / ".index.old-100"  # from an even earlier kill
    older.mkdir()
    (older / "manifest.json").write_text('{"corpus_sha256": "old"}')
    new = tmp_path / ".index.tmp-300"  # the new index, never renamed into place
    new.mkdir()
    (new / "passages.jsonl").write_text("")
    remove_leftovers(index)
    assert (index / "manifest.json").read_text() == '{"corpus_sha256": "abc"}'
    assert (index / "index.faiss").read_bytes() == b"vectors"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_an_existing_index_is_never_replaced_by_a_leftover(tmp_path):
    index = tmp_path / "index"
    index.mkdir()
    (index / "manifest.json").write_text("current")
    old = tmp_path / ".index.old-5"
    old.mkdir()
    (old / "manifest.json").write_text("old")
    remove_leftovers(index)
    assert (index / "manifest.json").read_text() == "current" and not old.exists()


# --- damaged manifests ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "files", [[], None, "x", {"index.faiss": 3}], ids=["list", "null", "string", "number"]
)
def test_a_manifest_with_a_wrong_files_field_is_damaged_not_a_crash(tmp_path, files):
    from index.store import read_manifest

    folder = tmp_path / "index"
    folder.mkdir()
    manifest = {
        "corpus_sha256": "0" * 64, "source": "s", "model": "m", "dimension": 384,
        "chunker_version": "5", "package_version": "0", "token_encoding": "t",
        "index_type": "flat", "passages": 1, "units": 1, "built_at": "now", "files": files,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexCorruptError, match=r"damaged .*'files'.*rso-qa build --force"):
        read_manifest(folder)


def test_a_manifest_that_is_not_an_object_is_damaged(tmp_path):
    from index.store import read_manifest

    (tmp_path / "manifest.json").write_text("[1, 2]")
    with pytest.raises(IndexCorruptError, match="not a JSON object"):
        read_manifest(tmp_path)


def test_the_cli_names_a_damaged_manifest_and_the_fix(tmp_path):
    folder = tmp_path / "index"
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"files": None}))
    done = run("ask", "What is RILON?", "--index-dir", str(folder))
    assert done.returncode == 2
    line = one_sentence_error(done.stderr)
    assert "damaged" in line and "rso-qa build --force" in line


# --- corpus paths that are not statement files ----------------------------------------------


def test_a_device_as_corpus_is_refused_before_reading():
    with pytest.raises(DocumentError, match="not a regular file"):
        read_document_bytes("/dev/zero")


def test_a_fifo_as_corpus_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "statement.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="not a regular file"):
        read_document_bytes(fifo)


def test_a_folder_as_corpus_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="is a folder"):
        read_document_bytes(tmp_path)


def test_a_file_too_large_to_be_a_statement_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(DocumentError, match="more than"):
        read_document_bytes(big, max_bytes=1024)



def test_a_statement_is_hashed_through_the_same_checks_as_it_is_read(tmp_path):
    statement = tmp_path / "statement.txt"
    statement.write_bytes("FIJI and TONGA reaffirmed …\n".encode())
    assert document_sha256(statement) == file_sha256(statement)
    assert document_sha256(statement) == hashlib.sha256(statement.read_bytes()).hexdigest()
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="not a regular file"):
        document_sha256(fifo)

@pytest.mark.parametrize("corpus", ["/dev/zero", "fifo", "missing"])
def test_the_cli_refuses_a_corpus_that_is_not_a_file_in_one_sentence(tmp_path, corpus):
    if corpus == "fifo":
        corpus = str(tmp_path / "fifo")
        os.mkfifo(corpus)
    elif corpus == "missing":
        corpus = str(tmp_path / "missing.txt")
    done = run("ask", "What is RILON?", "--corpus", corpus, "--index-dir", str(tmp_path / "i"),
               timeout=60)
    assert done.returncode == 2
    assert corpus in one_sentence_error(done.stderr)
    assert not (tmp_path / "i").exists()
