"""`rso-qa serve` refuses a bad login setting or a busy port at once, in one sentence."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

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
