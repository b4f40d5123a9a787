"""Shared fixtures: the real statement, the real model, a real index in a temp dir.

Two tiers: a test that needs the model (through `embedder` or `assistant`, directly
or through another fixture) or a browser is marked `slow` here, and one that starts a
process which loads the model is marked by hand. `make test-fast` runs the rest.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

# Fixtures that load the model or stand for the built index; a test using one is slow.
SLOW_FIXTURES = frozenset({"embedder", "assistant", "index_dir", "cli_env"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker(
            "browser"
        ):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def statement():
    from corpus import load_statement

    return load_statement()


@pytest.fixture(scope="session")
def embedder():
    from index import Embedder

    return Embedder.load()


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("rso-home") / "index"


@pytest.fixture(scope="session")
def assistant(index_dir):
    from qa import Assistant

    return Assistant.load(index_dir=index_dir, notify=None)


@pytest.fixture()
def cli_env(index_dir) -> dict[str, str]:
    """Environment for `rso-qa` subprocesses that share the session's built index."""
    return {**os.environ, "RSO_QA_HOME": str(index_dir.parent), "HF_HUB_OFFLINE": "1"}
