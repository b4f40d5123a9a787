"""What stands between the network and the app: body caps, hosts, uploads, sign-in pace.

Each guard is a small ASGI middleware that answers before any work is done, so that
one anonymous request can neither fill memory nor hold the worker, and a page from
another site can neither drive the server (DNS rebinding) nor leave files on it.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import math
import socket
import time
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "LOOPBACK_HOSTS",
    "MAX_REQUEST_BYTES",
    "MCP_PREFIX",
    "BodyLimit",
    "LoginThrottle",
    "McpSignIn",
    "basic_auth_matches",
    "NoUploads",
    "allowed_hosts",
    "guards",
]

# A question is at most 2,000 characters; JSON-escaped (\uXXXX, surrogate pairs) that is
# at most 24 kB, plus filters and Gradio's envelope. Nothing the app takes is larger.
MAX_REQUEST_BYTES = 32 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
MCP_PREFIX = "/gradio_api/mcp"
_WILDCARD_BINDS = {"0.0.0.0", "::", ""}


async def _reply(send: Send, status: int, message: str, headers: Iterable[tuple[str, str]] = ()):
    body = json.dumps({"detail": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *((k.encode(), v.encode()) for k, v in headers),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse a request body over `limit` bytes before the app reads or stores any of it.

    The body is read here (at most `limit` bytes) and handed on whole, so a request
    that lies about its length or streams without one is cut off just the same.
    """

    def __init__(self, app: ASGIApp, *, limit: int = MAX_REQUEST_BYTES):
        self.app = app
        self.limit = limit

    def _too_large(self) -> str:
        return (
            f"The request is larger than {self.limit // 1024} kB; the question limit is 2,000 "
            "characters and each filter takes at most 64 values."
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _reply(send, 413, self._too_large())
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await _reply(send, 413, self._too_large())
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class NoUploads:
    """Close Gradio's generic upload route: this app has no upload component."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"].rstrip("/").endswith("/upload")
        ):
            await _reply(send, 403, "This server does not take file uploads.")
            return
        await self.app(scope, receive, send)


class LoginThrottle:
    """A growing wait after each failed sign-in from one client, reset by a success.

    After n failures in a row the next attempt is refused (429) for
    min(base * 2**(n-1), cap) seconds, so guessing 100 passwords takes hours, not
    seconds, while a user who mistypes once waits half a second. A sign-in is a POST
    to the page's /login, or a JSON API (/api/...) or MCP request with credentials.
    """

    def __init__(
        self, app: ASGIApp, *, base: float = 0.5, cap: float = 300.0, clients: int = 10_000
    ):
        self.app = app
        self.base = base
        self.cap = cap
        self.clients = clients
        self.failures: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def wait(self, client: str, now: float | None = None) -> float:
        """Seconds this client must still wait before its next sign-in attempt."""
        count, until = self.failures.get(client, (0, 0.0))
        return max(0.0, until - (time.monotonic() if now is None else now)) if count else 0.0

    def failed(self, client: str, now: float | None = None) -> None:
        count = self.failures.pop(client, (0, 0.0))[0] + 1
        delay = min(self.base * 2 ** (count - 1), self.cap)
        self.failures[client] = (count, (time.monotonic() if now is None else now) + delay)
        while len(self.failures) > self.clients:  # bounded: the oldest client is forgotten
            self.failures.popitem(last=False)

    def succeeded(self, client: str) -> None:
        self.failures.pop(client, None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        failures = _sign_in_failures(scope)
        if not failures:
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.wait(client)
        if wait > 0:
            seconds = math.ceil(wait)
            await _reply(
                send,
                429,
                f"Too many failed sign-ins; wait {seconds} s before trying again.",
                [("retry-after", str(seconds))],
            )
            return
        status = 0

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, watch)
        if status in failures:
            self.failed(client)
        elif 200 <= status < 300:
            self.succeeded(client)


def basic_auth_matches(header: str, credentials: tuple[str, str]) -> bool:
    """Whether an `Authorization` header carries the server's user and password (HTTP
    Basic): the one check the JSON API and the MCP endpoint share. Both parts are
    compared in full, in constant time, so a guess learns nothing from timing."""
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return False
    user, sep, password = decoded.partition(":")
    ok_user = hmac.compare_digest(user.encode(), credentials[0].encode())
    ok_password = hmac.compare_digest(password.encode(), credentials[1].encode())
    return bool(sep) and ok_user and ok_password


class McpSignIn:
    """The MCP endpoint asks for the server's user and password (HTTP Basic).

    Gradio's login is a browser form and a cookie, which MCP clients do not have, and
    its MCP routes do not check it; a client sends `Authorization: Basic ...` instead.
    """

    def __init__(self, app: ASGIApp, *, credentials: tuple[str, str]):
        self.app = app
        self.credentials = credentials

    def _signed_in(self, scope: Scope) -> bool:
        header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        return basic_auth_matches(header, self.credentials)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _is_mcp(scope) and not self._signed_in(scope):
            await _reply(
                send,
                401,
                "This MCP server asks for the server's user and password: send them as "
                "HTTP Basic authentication (an Authorization header).",
                [("www-authenticate", 'Basic realm="rso-qa MCP"')],
            )
            return
        await self.app(scope, receive, send)


def _is_mcp(scope: Scope) -> bool:
    path = scope.get("path", "")
    return path == MCP_PREFIX or path.startswith(MCP_PREFIX + "/")


def _sign_in_failures(scope: Scope) -> frozenset[int]:
    """The statuses that mean a failed sign-in for this request; empty if it is not one."""
    if scope["type"] != "http":
        return frozenset()
    path = scope["path"].rstrip("/")
    if scope["method"] == "POST" and path.endswith("/login"):
        return frozenset({400, 401, 403})
    # The JSON API and the MCP endpoint sign in on every call (HTTP Basic): a refusal
    # counts only when it carried credentials, so asking first without them is not slowed.
    api = path == "/api" or path.startswith("/api/")
    if (api or _is_mcp(scope)) and b"authorization" in dict(scope["headers"]):
        return frozenset({401})
    return frozenset()


def allowed_hosts(host: str, extra: Iterable[str] = ()) -> list[str]:
    """Host names the server answers to: loopback, the bound host, and any given.

    Bound to every interface, the machine's own names and addresses are added, since
    those are what other machines type.
    """
    names = [*LOOPBACK_HOSTS, host, *extra]
    if host in _WILDCARD_BINDS:
        names.remove(host)
        hostname = socket.gethostname()
        names += [hostname, socket.getfqdn()]
        try:
            names += [str(info[4][0]) for info in socket.getaddrinfo(hostname, None)]
        except OSError:
            pass
    # A Host header carries an IPv6 address in brackets ("[::1]:7860").
    names += [f"[{n}]" for n in names if ":" in n and not n.startswith("[")]
    return list(dict.fromkeys(n.lower() for n in names if n))


def guards(
    host: str,
    *,
    extra_hosts: Iterable[str] = (),
    auth: bool = False,
    mcp_credentials: tuple[str, str] | None = None,
    upload: Middleware | None = None,
) -> list[Any]:
    """The middleware stack for the app, outermost first. They cover every route,
    the MCP endpoint included; with `mcp_credentials` it also asks for them.

    `upload` (ui/upload.py) answers its own route with its own cap, so it sits before
    the body cap that holds for every other request.
    """
    stack = [
        Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host, extra_hosts)),
        Middleware(NoUploads),
        *([upload] if upload is not None else []),
        Middleware(BodyLimit),
    ]
    if auth or mcp_credentials:
        stack.append(Middleware(LoginThrottle))
    if mcp_credentials:
        stack.append(Middleware(McpSignIn, credentials=mcp_credentials))
    return stack
