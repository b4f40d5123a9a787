"""What `serve` checks before anything slow: the login setting and the port.

No Gradio here, so a mistake costs a fraction of a second, not an import of Gradio
and a model load.
"""

from __future__ import annotations

import os
import socket
import sys

from corpus.errors import UsageError

__all__ = ["LOOPBACK", "check_port_free", "parse_auth", "preflight"]

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
