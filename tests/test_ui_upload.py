"""The statement upload route (ui/upload.py) on a tiny Starlette app (fast tier).

The same route is driven against a real `rso-qa serve`, with the real model and
library, in test_library_server.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from corpus.errors import DocumentError
from ui.guard import MAX_REQUEST_BYTES, guards
from ui.upload import UPLOAD_PATH, StatementUpload


async def echo(request: Request) -> JSONResponse:
    return JSONResponse({"bytes": len(await request.body())})


class Recorder:
    """An `add` that keeps what it was handed: the temporary file's path and bytes."""

    def __init__(self, fail: str | None = None):
        self.calls: list[tuple[Path, str, str | None, bytes]] = []
        self.fail = fail

    def __call__(self, path: Path, name: str, title: str | None) -> dict:
        self.calls.append((path, name, title, path.read_bytes()))
        if self.fail:
            raise DocumentError(self.fail)
        return {"added": True, "document": {"id": "doc", "title": title or name}}


def client(folder: Path, add: Recorder, *, login: bool = False, limit: int = 1 << 20):
    upload = Middleware(StatementUpload, add=add, folder=folder, login=login, limit=limit)
    app = Starlette(
        routes=[Route("/gradio_api/call/ask", echo, methods=["POST"]),
                Route("/gradio_api/upload", echo, methods=["POST"])],
        middleware=guards("127.0.0.1", upload=upload),
    )
    return TestClient(app, base_url="http://127.0.0.1:7860")


def post(c: TestClient, body: bytes, name: str | None = "statement.txt", **headers):
    if name is not None:
        headers["x-filename"] = name
    return c.post(UPLOAD_PATH, content=body, headers=headers)


def test_a_statement_reaches_the_library_through_a_temporary_file_that_is_then_removed(
    tmp_path,
):
    add = Recorder()
    reply = post(client(tmp_path, add), b"STATEMENT\n\nText.", "Fifth%20statement.txt",
                 **{"x-title": "The%20Fifth"})
    assert reply.status_code == 200 and reply.json()["added"] is True
    path, name, title, data = add.calls[0]
    assert name == "Fifth statement.txt" and title == "The Fifth" and data == b"STATEMENT\n\nText."
    assert path.parent == tmp_path and path.name.startswith(".upload-")
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone


def test_the_upload_has_its_own_cap_while_every_other_body_keeps_the_32_kB_cap(tmp_path):
    add = Recorder()
    c = client(tmp_path, add, limit=200_000)
    assert post(c, b"x" * 100_000).status_code == 200  # over 32 kB, under its own cap
    too_big = post(c, b"x" * 200_001)
    assert too_big.status_code == 413 and "MB" in too_big.json()["detail"]
    assert c.post("/gradio_api/call/ask", content=b"x" * (MAX_REQUEST_BYTES + 1)).status_code == 413
    assert c.post("/gradio_api/upload", files={"f": ("a.pdf", b"x" * 100)}).status_code == 403
    assert len(add.calls) == 1 and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "body", "status", "needle"),
    [
        ("photo.png", b"\x89PNG", 415, "not a statement file"),
        (None, b"text", 400, "X-Filename"),
        ("empty.pdf", b"", 400, "empty"),
        ("fake.pdf", b"just some words", 422, "not a valid PDF"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 32, 422, "password-protected"),
    ],
    ids=["wrong ending", "no name", "empty", "text named .pdf", "locked Word file"],
)
def test_the_type_is_checked_before_anything_is_parsed(tmp_path, name, body, status, needle):
    add = Recorder()
    reply = post(client(tmp_path, add), body, name)
    assert reply.status_code == status and needle in reply.json()["detail"]
    assert add.calls == [] and list(tmp_path.iterdir()) == []


def test_a_statement_that_cannot_be_parsed_is_one_sentence_and_leaves_no_file(tmp_path):
    add = Recorder(fail="scan.pdf has no text layer (it looks like a scan)")
    reply = post(client(tmp_path, add), b"%PDF-1.4 ...", "scan.pdf")
    assert reply.status_code == 422 and "no text layer" in reply.json()["detail"]
    assert list(tmp_path.iterdir()) == []


def test_with_a_login_an_upload_without_a_session_is_refused_before_its_body_is_read(tmp_path):
    add = Recorder()
    reply = post(client(tmp_path, add, login=True), b"STATEMENT\n\nText.")
    assert reply.status_code == 401 and "Sign in" in reply.json()["detail"]
    assert add.calls == [] and not any(tmp_path.iterdir())


def test_a_page_from_another_site_cannot_add_a_statement(tmp_path):
    add = Recorder()
    reply = post(client(tmp_path, add), b"STATEMENT\n\nText.", origin="http://evil.example")
    assert reply.status_code == 403 and add.calls == []
