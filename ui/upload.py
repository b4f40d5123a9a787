"""The one upload the server takes: a statement for the library, on its own route.

Gradio's generic upload route stays closed (ui/guard.py) and every other request body
stays capped at 32 kB. `POST /library/add` takes the file as the raw body, its name in
an `X-Filename` header (which a cross-site form cannot send, and a cross-site script
cannot send without a CORS preflight this server never answers), with its own cap.
The name's ending and the first bytes are checked before anything is parsed; the
body is written to a temporary file inside the library folder (never elsewhere) and
removed whatever happens. With a login, an upload without a signed-in session is
refused before its body is read.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from corpus.errors import RsoQaError
from corpus.formats import SUFFIXES, detect_format

__all__ = ["MAX_UPLOAD_BYTES", "UPLOAD_PATH", "AddStatement", "StatementUpload"]

UPLOAD_PATH = "/library/add"
# A published statement is a few MB as PDF; the reader refuses files over 50 MB anyway.
MAX_UPLOAD_BYTES = 20 * 2**20
AddStatement = Callable[[Path, str, "str | None"], dict[str, Any]]
_HEAD = 8192


async def _reply(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class StatementUpload:
    """Answers `POST /library/add` itself; every other request goes on to the app."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        add: AddStatement,
        folder: Path,
        login: bool = False,
        limit: int = MAX_UPLOAD_BYTES,
    ):
        self.app = app
        self.add = add
        self.folder = Path(folder)
        self.login = login
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"].rstrip("/") == UPLOAD_PATH
        ):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal:
            await _reply(send, refusal[0], {"detail": refusal[1]})
            return
        name = Path(unquote(headers["x-filename"])).name
        title = unquote(headers.get("x-title", "")).strip() or None
        tmp = self.folder / f".upload-{time.time_ns()}{Path(name).suffix.lower()}"
        try:
            status, message = await self._receive(receive, tmp)
            if status:
                await _reply(send, status, {"detail": message})
                return
            with tmp.open("rb") as fh:
                head = fh.read(_HEAD)
            try:
                detect_format(head, name)  # the bytes must be what the name says
                result = await anyio.to_thread.run_sync(self.add, tmp, name, title)
            except RsoQaError as exc:
                await _reply(send, 422, {"detail": str(exc)})
                return
            await _reply(send, 200, result)
        finally:
            tmp.unlink(missing_ok=True)

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        if self.login and not _signed_in(scope, headers):
            return 401, "Sign in first to add a statement."
        origin = headers.get("origin")
        if origin and urlsplit(origin).netloc.lower() != headers.get("host", "").lower():
            return 403, "Statements can only be added from this server's own page."
        name = unquote(headers.get("x-filename", "")).strip()
        if not name:
            return 400, "Send the file's name in the X-Filename header."
        if Path(name).suffix.lower() not in SUFFIXES:
            return 415, (f"{Path(name).name} is not a statement file rso-qa reads: send a PDF, "
                         "Word (.docx), HTML, Markdown or text file.")
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            return 413, f"The file is larger than {self.limit // 2**20} MB; a statement is smaller."
        return None

    async def _receive(self, receive: Receive, tmp: Path) -> tuple[int, str]:
        """Stream the body into `tmp`, at most `limit` bytes; (status, message) on refusal."""
        self.folder.mkdir(parents=True, exist_ok=True)
        size = 0
        with tmp.open("wb") as out:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return 400, "The upload was cut off."
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.limit:
                    return 413, (f"The file is larger than {self.limit // 2**20} MB; a "
                                 "statement is smaller.")
                out.write(chunk)
                if not message.get("more_body", False):
                    break
        if size == 0:
            return 400, "The file is empty."
        return 0, ""


def _signed_in(scope: Scope, headers: dict[str, str]) -> bool:
    """Whether the request carries a Gradio session that signed in (as Gradio checks it)."""
    app = scope.get("app")
    tokens = getattr(app, "tokens", None)
    cookie_id = getattr(app, "cookie_id", None)
    if tokens is None or cookie_id is None:
        return False
    cookies = SimpleCookie()
    cookies.load(headers.get("cookie", ""))
    for name in (f"access-token-{cookie_id}", f"access-token-unsecure-{cookie_id}"):
        if name in cookies and cookies[name].value in tokens:
            return True
    return False
