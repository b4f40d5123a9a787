"""What `serve` checks before anything slow: the login setting, the port, the batching.

No Gradio here, so a mistake costs a fraction of a second, not an import of Gradio
and a model load.
"""

from __future__ import annotations

import os
import socket
import sys

from corpus.errors import UsageError

__all__ = ["LOOPBACK", "batching", "check_port_free", "parse_auth", "preflight"]

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """`user:password` (from --auth or RSO_QA_AUTH) as a pair; None means no login."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise UsageError(
            "auth must be given as user:password (both parts non-empty), "
            "e.g. --auth analyst:s3cret or RSO_QA_AUTH=analyst:s3cret"
        )
    return user, password


def check_port_free(host: str, port: int) -> None:
    """Refuse a port another server holds, naming it and the fix."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind((host, port))
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {host}:{port} ({exc.strerror}); stop the other server there "
            "or pass another --port"
        ) from None


def preflight(host: str, port: int, auth: str | None) -> tuple[str, str] | None:
    """The login pair to use, after checking the port; warns when exposed without one."""
    credentials = parse_auth(auth or os.environ.get("RSO_QA_AUTH"))
    check_port_free(host, port)
    if host not in LOOPBACK and credentials is None:
        print(
            f"Warning: serving on {host} without a login; anyone who can reach this machine "
            "can use it. Add --auth user:password (or RSO_QA_AUTH) to require one.",
            file=sys.stderr,
        )
    return credentials


def batching(window_ms: float | None, max_batch: int | None) -> tuple[float, int]:
    """The micro-batching window and size to serve with: the given ones, else the settings
    (RSO_QA_BATCH_WINDOW_MS, RSO_QA_MAX_BATCH); a value the server cannot use is refused."""
    from qa.settings import Settings

    defaults = Settings()
    window = defaults.batch_window_ms if window_ms is None else window_ms
    largest = defaults.max_batch if max_batch is None else max_batch
    if not 0 <= window <= 1000:
        raise UsageError(f"the batch window must be 0 to 1000 ms, not {window}")
    if not 1 <= largest <= 256:
        raise UsageError(f"the largest batch must be 1 to 256 questions, not {largest}")
    return window, largest


def thread_count(threads: int | None) -> int | None:
    """Threads for one forward pass in the server: the given number, else the setting
    (RSO_QA_ENCODER_THREADS); None (from 0) means one per core."""
    from qa.settings import Settings

    value = Settings().encoder_threads if threads is None else threads
    if not 0 <= value <= 256:
        raise UsageError(f"the encoder threads must be 0 (one per core) to 256, not {value}")
    return value or None
