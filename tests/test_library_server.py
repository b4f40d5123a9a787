"""Adding a statement through a running server: its own route, its own cap, the login.

In-process servers with the real model, each over a copy of the session's index, probed
over HTTP as a browser's script would post the file.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from qa import Assistant
from tests.test_corpus_formats import damaged_docx
from tests.test_security import ask, free_port, wait_until_up
from ui.upload import UPLOAD_PATH

HARBOUR = Path(__file__).parent / "data" / "harbour-dialogue-2031.md"


def serve(home: Path, *, auth: tuple[str, str] | None = None):
    from ui.app import build_app, launch

    assistant = Assistant.load(index_dir=home / "index", notify=None)
    demo = build_app(assistant)
    port = free_port()
    launch(demo, host="127.0.0.1", port=port, block=False, auth=auth, assistant=assistant)
    wait_until_up(port)
    return demo, assistant, f"http://127.0.0.1:{port}"


@pytest.fixture()
def home(index_dir, assistant, tmp_path) -> Path:
    shutil.copytree(index_dir, tmp_path / "index")
    return tmp_path


def upload(base: str, name: str, data: bytes, **kw) -> httpx.Response:
    headers = {"x-filename": quote(name), "content-type": "application/octet-stream"}
    return httpx.post(base + UPLOAD_PATH, content=data, headers=headers, timeout=300, **kw)


def answer(base: str, question: str) -> dict:
    event, data = ask(base, question)
    assert event == "complete", data
    return json.loads(data)[0]


def test_a_statement_added_through_the_page_is_asked_at_once(home):
    demo, assistant, base = serve(home)
    try:
        reply = upload(base, "Harbour Dialogue.md", HARBOUR.read_bytes())
        assert reply.status_code == 200, reply.text
        document = reply.json()["document"]
        assert reply.json()["added"] and document["id"] == "harbour-dialogue"
        assert "path" not in document  # the server's folders are not shown
        stored = home / "library" / "harbour-dialogue" / "source.md"
        assert stored.read_bytes() == HARBOUR.read_bytes()
        assert not [p for p in (home / "library").iterdir() if p.name.startswith(".upload-")]
        reply = answer(base, "What did Norway explain about cargo manifests?")
        assert reply["citations"][0]["passage"]["doc"] == "harbour-dialogue"
        bad = upload(base, "broken.docx", damaged_docx())
        assert bad.status_code == 422 and "not a valid Word file" in bad.json()["detail"]
        assert [d.id for d in assistant.documents] == ["rso-cd4", "harbour-dialogue"]
        generic = httpx.post(f"{base}/gradio_api/upload",
                             files={"files": ("a.pdf", b"\0" * (5 * 2**20))}, timeout=60)
        assert generic.status_code in (403, 413)
    finally:
        demo.close()


def test_with_a_login_only_a_signed_in_session_can_add_a_statement(home):
    demo, assistant, base = serve(home, auth=("analyst", "s3cret"))
    try:
        anonymous = upload(base, "harbour.md", HARBOUR.read_bytes())
        assert anonymous.status_code == 401
        with httpx.Client(base_url=base, timeout=300) as session:
            login = session.post("/login", data={"username": "analyst", "password": "s3cret"})
            assert login.status_code == 200
            reply = session.post(UPLOAD_PATH, content=HARBOUR.read_bytes(),
                                 headers={"x-filename": "harbour.md"})
        assert reply.status_code == 200 and reply.json()["added"]
        assert [d.id for d in assistant.documents] == ["rso-cd4", "harbour"]
    finally:
        demo.close()
