"""`rso-qa serve` refuses a bad login setting or a busy port at once, in one sentence."""

from __future__ import annotations

import socket
import subprocess
import sys

RSO_QA = [sys.executable, "-m", "cli"]


def serve(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*RSO_QA, "serve", *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_a_malformed_auth_is_refused_before_the_model_loads(cli_env):
    result = serve(["--auth", "analyst"], cli_env)
    assert result.returncode == 2
    assert "user:password" in result.stderr and "Traceback" not in result.stderr


def test_auth_from_the_environment_is_checked_too(cli_env):
    result = serve([], {**cli_env, "RSO_QA_AUTH": "analyst:"})
    assert result.returncode == 2 and "user:password" in result.stderr


def test_a_busy_port_is_named_with_the_fix(cli_env):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = serve(["--port", str(port)], cli_env)
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr
