"""`rso-qa serve` refuses a bad setting or a busy port at once, in one sentence, and serves
without torch."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import psutil
import pytest

from bench.load import stop_server

RSO_QA = [sys.executable, "-m", "cli"]


@pytest.fixture()
def env(tmp_path) -> dict[str, str]:
    """A model that does not exist: a command that loaded it would fail with that instead."""
    return {**os.environ, "HF_HUB_OFFLINE": "1", "RSO_QA_MODEL": "no-such-model",
            "RSO_QA_HOME": str(tmp_path)}


def serve(args: list[str], env: dict[str, str]) -> str:
    """The one error line of a `rso-qa serve` that must refuse (exit code 2)."""
    result = subprocess.run(
        [*RSO_QA, "serve", *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:"), result.stderr
    return lines[0]


def test_a_malformed_auth_is_refused_before_the_model_loads(env):
    assert "user:password" in serve(["--auth", "analyst"], env)


def test_auth_from_the_environment_is_checked_too(env):
    assert "user:password" in serve([], {**env, "RSO_QA_AUTH": "analyst:"})


def test_a_busy_port_is_named_with_the_fix(env):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = serve(["--port", str(port)], env)
    assert f"cannot listen on 127.0.0.1:{port}" in line and "--port" in line



def test_batching_and_thread_settings_the_server_cannot_use_are_refused_before_loading(env):
    for args, extra, needle in [
        (["--max-batch", "0"], {}, "largest batch"),
        (["--batch-window-ms", "-1"], {}, "batch window"),
        ([], {"RSO_QA_MAX_BATCH": "many"}, "RSO_QA_MAX_BATCH='many' is not a int"),
        (["--encoder-threads", "-1"], {}, "encoder threads must be 0 (one per core) to 256"),
        ([], {"RSO_QA_ENCODER_THREADS": "two"}, "RSO_QA_ENCODER_THREADS='two' is not a int"),
    ]:
        assert needle in serve(args, {**env, **extra})


@pytest.mark.slow
def test_rso_qa_serve_answers_the_json_api_without_torch_scipy_or_pandas_loaded(
    assistant, cli_env
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([*RSO_QA, "serve", "--port", str(port)], env=cli_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                health = httpx.get(f"{base}/api/health", timeout=5).json()
                break
            except httpx.HTTPError:
                time.sleep(0.5)
        assert health["encoder"] == "onnx"
        answer = httpx.post(f"{base}/api/ask", json={"question": "What is RILON?"}, timeout=60)
        assert answer.json()["citations"][0]["passage"]["id"] == (
            "theme-1/recommendation/rso-border-forum"
        )
        # torch (which sentence-transformers needs) would have mapped its libraries
        mapped = {m.path for m in psutil.Process(proc.pid).memory_maps()}
        assert not [p for p in mapped if "/torch/" in p or "sentence_transformers" in p]
        # nor scipy (bm25s scores with numpy) nor pandas (Gradio's, loaded on first use)
        assert not [p for p in mapped if "/scipy" in p or "/pandas/" in p]
        assert any("onnxruntime" in p for p in mapped)
    finally:
        stop_server(proc)
