"""Shared fixtures: the real statement, the real model, a real index in a temp dir.

Two tiers: a test that needs the model (through `embedder` or `assistant`, directly
or through another fixture) or a browser is marked `slow` here, and one that starts a
process which loads the model is marked by hand. `make test-fast` runs the rest.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

# Fixtures that load the model or stand for the built index; a test using one is slow.
SLOW_FIXTURES = frozenset({"embedder", "assistant", "index_dir", "cli_env", "printed"})


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


START_TIMEOUT = 180  # seconds: loading torch and the model on a small CI machine
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def serve_process(request, assistant, index_dir):
    """Start `rso-qa serve [args]` on a free port, sharing the session's built index;
    yields (process, port) and stops it at the end. Its terminal output goes to
    artifacts/serve-<test module>.log."""

    @contextmanager
    def start(*args: str) -> Iterator[tuple[subprocess.Popen, int]]:
        port = free_port()
        env = {**os.environ, "RSO_QA_HOME": str(index_dir.parent), "HF_HUB_OFFLINE": "1"}
        env.pop("RSO_QA_AUTH", None)
        log = ARTIFACTS / f"serve-{request.module.__name__}.log"
        log.parent.mkdir(exist_ok=True)
        with log.open("w") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "cli", "serve", "--port", str(port), *args],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not listening(port):
                if proc.poll() is not None:
                    pytest.fail(f"rso-qa serve exited with {proc.returncode}:\n{log.read_text()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"rso-qa serve did not listen within {START_TIMEOUT} s")
                time.sleep(0.25)
            yield proc, port
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)

    return start
@pytest.fixture(scope="session")
def printed(tmp_path_factory) -> Path:
    """The bundled statement and the fictional one as people receive them, made here:
    web pages, Word files, and PDFs printed by Debian's Chromium (running heads and page
    numbers on). Nothing third-party is kept in the repository."""
    from corpus.statement import DEFAULT_SOURCE
    from tests.renderings import html_to_docx, markdown_html, to_html, to_pdf

    out = tmp_path_factory.mktemp("printed")
    harbour = Path(__file__).parent / "data" / "harbour-dialogue-2031.md"
    pages = {
        "statement": to_html(DEFAULT_SOURCE.read_text("utf-8"), title="Outcome Statement"),
        "harbour": markdown_html(harbour.read_text("utf-8"), title="Harbour Dialogue"),
    }
    for name, page in pages.items():
        (out / f"{name}.html").write_text(page, "utf-8")
        html_to_docx(page, out / f"{name}.docx")
        to_pdf(page, out / f"{name}.pdf")
    (out / "harbour.md").write_bytes(harbour.read_bytes())
    return out
