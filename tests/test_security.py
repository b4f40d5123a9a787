"""Security: what the server reads, where it listens, and how early it refuses a question.

A real `rso-qa serve` process (default host, with GRADIO_SERVER_NAME=0.0.0.0 in its
environment to try to widen it) is probed over raw HTTP, so no client library can
normalise a crafted path away; a second, in-process server counts the model's work.
"""

from __future__ import annotations

import inspect
import ipaddress
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import psutil
import pytest
from typer.testing import CliRunner

from bench.load import stop_server
from corpus.statement import DEFAULT_SOURCE
from index.embed import QueryEncoder
from qa import Assistant

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def raw_get(port: int, target: str) -> tuple[int, bytes]:
    """GET exactly `target` (no client-side path clean-up): status and raw body."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        sock.sendall(request.encode())
        data = b""
        while chunk := sock.recv(1 << 16):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def wait_until_up(port: int, proc: subprocess.Popen | None = None, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            info = httpx.get(f"http://127.0.0.1:{port}/gradio_api/info", timeout=5)
            if info.status_code in (200, 401):  # 401: up, behind a login
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise RuntimeError(f"no server on port {port} after {timeout:.0f} s")


@pytest.fixture(scope="module")
def served(assistant, index_dir):
    """`rso-qa serve` as a user starts it, on a free port; its pid and port."""
    port = free_port()
    env = {**os.environ, "RSO_QA_HOME": str(index_dir.parent), "HF_HUB_OFFLINE": "1",
           "GRADIO_SERVER_NAME": "0.0.0.0", "GRADIO_ANALYTICS_ENABLED": "False"}
    env.pop("GRADIO_ALLOWED_PATHS", None)
    proc = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port)],
                            env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        wait_until_up(port, proc)
        yield proc.pid, port
    finally:
        stop_server(proc)


# --- where it listens ----------------------------------------------------------------------


def test_every_way_to_start_the_server_defaults_to_loopback():
    from cli.app import app, serve
    from ui.app import launch
    from ui.app import serve as serve_ui

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(launch).parameters["host"].default == "127.0.0.1"
    assert inspect.signature(serve_ui).parameters["host"].default == "127.0.0.1"
    help_text = CliRunner().invoke(app, ["serve", "--help"], terminal_width=200).stdout
    assert "[default: 127.0.0.1]" in " ".join(help_text.split())


def _listening(pid: int) -> list[tuple[str, int]]:
    procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    return [
        (c.laddr.ip, c.laddr.port)
        for p in procs
        for c in p.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    ]


def test_the_server_listens_on_loopback_only_even_when_gradio_is_told_otherwise(served):
    pid, port = served
    sockets = _listening(pid)
    assert (("127.0.0.1", port) in sockets) or (("::1", port) in sockets), sockets
    for ip, _ in sockets:
        assert ipaddress.ip_address(ip).is_loopback, sockets


def _other_addresses() -> list[str]:
    found = []
    for addrs in psutil.net_if_addrs().values():
        for addr in addrs:
            if addr.family not in (socket.AF_INET, socket.AF_INET6):
                continue
            ip = ipaddress.ip_address(addr.address.split("%")[0])
            if not (ip.is_loopback or ip.is_link_local):
                found.append(str(ip))
    return found


def test_the_server_cannot_be_reached_on_this_machines_other_addresses(served):
    _, port = served
    others = _other_addresses()
    if not others:
        pytest.skip("this machine has no non-loopback address; the bound socket test covers it")
    for ip in others:
        with pytest.raises(OSError):  # refused: nothing listens there
            socket.create_connection((ip, port), timeout=5).close()


# --- what it reads -------------------------------------------------------------------------

ROUTES = [
    "/file={p}",
    "/gradio_api/file={p}",
    "/gradio_api/file/{p}",
    "/gradio_api/file=../../../../../../..{p}",
    "/gradio_api/file={q}",
    "/gradio_api/file=file://{p}",
    "/gradio_api/file=/tmp/gradio/../../..{p}",
    "/static/../../../../../../..{p}",
    "/static/..%2F..%2F..%2F..%2F..%2F..%2F..{q}",
    "/assets/..%2F..%2F..%2F..%2F..%2F..%2F..{q}",
    "/svelte/..%2F..%2F..%2F..%2F..%2F..%2F..{q}",
    "/gradio_api/proxy=file://{p}",
]


def _targets(index_dir: Path) -> list[tuple[str, Path, bytes]]:
    return [
        ("system password file", Path("/etc/passwd"), b"root:"),
        ("the repo's pyproject.toml", REPO / "pyproject.toml", b'name = "rso-qa"'),
        ("the app's own code", REPO / "ui" / "app.py", b"def build_app"),
        ("the statement file", DEFAULT_SOURCE, b"SPOTLIGHT ON"),
        ("the index manifest", index_dir / "manifest.json", b"corpus_sha256"),
        ("the server's environment", Path("/proc/self/environ"), b"RSO_QA_HOME"),
    ]


@pytest.mark.parametrize("target", range(6), ids=[t[0] for t in _targets(Path("."))])
def test_no_route_serves_a_file_from_the_disk(served, index_dir, target):
    _, port = served
    _, path, marker = _targets(index_dir)[target]
    assert path.exists()
    leaks = []
    for route in ROUTES:
        url = route.format(p=path, q=quote(str(path), safe=""))
        status, body = raw_get(port, url)
        if status < 400 or marker in body:
            leaks.append((url, status, body[:80]))
    assert leaks == []


@pytest.mark.parametrize("route", ["/gradio_api/file={u}", "/gradio_api/proxy={u}"])
def test_the_server_does_not_fetch_urls_on_this_machine_for_a_caller(served, route):
    _, port = served
    status, body = raw_get(port, route.format(u=f"http://127.0.0.1:{port}/config"))
    assert status >= 400 and b'"dependencies"' not in body


def test_the_page_config_names_no_local_folder(served, index_dir):
    _, port = served
    for url in ("/config", "/gradio_api/info"):
        status, body = raw_get(port, url)
        assert status == 200
        for folder in (REPO, index_dir.parent, Path(sys.prefix)):
            assert str(folder).encode() not in body, (url, folder)


# --- how early it refuses ------------------------------------------------------------------


class CountingEmbedder:
    """The assistant's real query encoder, counting the questions it is asked to encode."""

    def __init__(self, real: QueryEncoder):
        self.real = real
        self.name = real.name
        self.dimension = real.dimension
        self.queries = 0

    def encode_queries(self, texts):
        self.queries += len(texts)
        return self.real.encode_queries(texts)


@pytest.fixture(scope="module")
def counted(assistant, monkeypatch_module):
    """An in-process server whose assistant counts every query encoding."""
    from ui.app import build_app, launch

    monkeypatch_module.delenv("GRADIO_ALLOWED_PATHS", raising=False)
    embedder = CountingEmbedder(assistant.embedder)
    demo = build_app(Assistant(embedder, assistant.store))
    port = free_port()
    launch(demo, host="127.0.0.1", port=port, block=False)
    try:
        wait_until_up(port)
        yield demo, embedder, f"http://127.0.0.1:{port}"
    finally:
        demo.close()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_the_app_allows_no_extra_paths(counted):
    demo, _, _ = counted
    assert demo.allowed_paths == []


def test_what_the_server_keeps_per_caller_is_bounded(counted):
    """Every /ask call is a new Gradio session; a flood must not grow memory or the queue."""
    demo, _, _ = counted
    assert demo.state_session_capacity <= 1000
    assert demo._queue.max_size is not None and demo._queue.max_size <= 256


def ask(base: str, question: str) -> tuple[str, str]:
    """(event, data) from the /ask endpoint; ("refused", detail) for a non-200 status."""
    body = httpx.post(f"{base}/gradio_api/call/ask", json={"data": [question, 5, [], [], []]},
                      timeout=60)
    if body.status_code != 200:
        return "refused", f"{body.status_code} {body.json()['detail']}"
    with httpx.stream("GET", f"{base}/gradio_api/call/ask/{body.json()['event_id']}",
                      timeout=120) as resp:
        event = ""
        for line in resp.iter_lines():
            if line.startswith("event:"):
                event = line.partition(":")[2].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                return event, line.partition(":")[2].strip()
    raise AssertionError("no result")


@pytest.mark.parametrize("length", [2001, 100_000, 1_000_000])
def test_a_question_over_the_limit_is_refused_before_any_model_work(counted, length):
    _, embedder, base = counted
    before = embedder.queries
    event, data = ask(base, ("What did Fiji call for? " * (length // 24 + 1))[:length])
    if length < 10_000:  # read, then refused by the assistant's own check
        assert event == "error" and "limit is 2,000" in data
    else:  # refused by the body cap before Gradio reads it
        assert event == "refused" and data.startswith("413 ") and "2,000 characters" in data
    assert embedder.queries == before  # the model never saw it
    event, data = ask(base, "What is RILON?")  # and the next question is answered
    assert event == "complete" and "glossary/rilon" in data
    assert embedder.queries == before + 1


def test_the_assistant_refuses_an_over_long_question_before_encoding(assistant):
    from corpus.errors import InvalidQuestionError

    embedder = CountingEmbedder(assistant.embedder)
    counted_assistant = Assistant(embedder, assistant.store)
    with pytest.raises(InvalidQuestionError, match="limit is 2,000"):
        counted_assistant.ask("Fiji " * 1000)
    assert embedder.queries == 0
    counted_assistant.ask("What is RILON?")
    assert embedder.queries == 1


def test_the_file_probe_does_see_a_file_a_server_is_allowed_to_serve(tmp_path):
    """A control: the probe above would report a leak if a route served a file."""
    import gradio as gr

    secret = tmp_path / "allowed.txt"
    secret.write_text("control-marker")
    port = free_port()
    with gr.Blocks() as demo:
        gr.Markdown("control")
    demo.launch(server_name="127.0.0.1", server_port=port, allowed_paths=[str(tmp_path)],
                prevent_thread_lock=True, quiet=True)
    try:
        status, body = raw_get(port, f"/gradio_api/file={secret}")
        assert status == 200 and b"control-marker" in body
    finally:
        demo.close()


# --- guards in front of the app (ui/guard.py) ---------------------------------------------


def _post(port: int, path: str, body: bytes, *, host: str | None = None,
          content_type: str = "application/json") -> httpx.Response:
    headers = {"content-type": content_type, "host": host or f"127.0.0.1:{port}"}
    return httpx.post(f"http://127.0.0.1:{port}{path}", content=body, headers=headers,
                      timeout=60)


def test_three_10_mb_questions_from_new_sessions_do_not_grow_the_server(served):
    pid, port = served
    process = psutil.Process(pid)
    httpx.get(f"http://127.0.0.1:{port}/", timeout=60)  # warm: the page is built once
    before = process.memory_info().rss
    question = "x" * (10 * 2**20)
    for i in range(3):
        for path, payload in [
            ("/gradio_api/call/ask", {"data": [question, 5, [], [], []]}),
            ("/gradio_api/queue/join", {"data": [question, []], "fn_index": 0,
                                        "session_hash": f"big-{i}", "trigger_id": 1}),
        ]:
            reply = _post(port, path, json.dumps(payload).encode())
            assert reply.status_code == 413
            assert "2,000 characters" in reply.json()["detail"]
    assert process.memory_info().rss - before < 50 * 2**20


def test_a_million_actor_values_are_refused_at_once(served):
    _, port = served
    payload = {"data": ["What did Fiji call for?", 5, [], [], ["Fiji"] * 1_400_000]}
    reply = _post(port, "/gradio_api/call/ask", json.dumps(payload).encode())
    assert reply.status_code == 413


def test_a_request_that_hides_its_length_is_cut_off_at_the_cap(served):
    _, port = served

    def chunks():
        for _ in range(64):
            yield b"x" * 16384

    reply = httpx.post(f"http://127.0.0.1:{port}/gradio_api/call/ask", content=chunks(),
                       headers={"content-type": "application/json"}, timeout=60)
    assert reply.status_code == 413


def test_an_upload_is_refused(served):
    _, port = served
    reply = httpx.post(f"http://127.0.0.1:{port}/gradio_api/upload",
                       files={"files": ("a.bin", b"\0" * (5 * 2**20))}, timeout=60)
    assert reply.status_code in (403, 413)
    small = httpx.post(f"http://127.0.0.1:{port}/gradio_api/upload",
                       files={"files": ("a.txt", b"hello")}, timeout=60)
    assert small.status_code == 403 and "does not take file uploads" in small.json()["detail"]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:7860", "127.0.0.1.evil.example"])
def test_a_request_for_another_host_name_is_refused(served, host):
    _, port = served
    reply = httpx.get(f"http://127.0.0.1:{port}/", headers={"host": host}, timeout=60)
    assert reply.status_code == 400
    data = httpx.get(f"http://127.0.0.1:{port}/gradio_api/info", headers={"host": host},
                     timeout=60)
    assert data.status_code == 400


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_loopback_names_are_served(served, host):
    _, port = served
    reply = httpx.get(f"http://127.0.0.1:{port}/", headers={"host": f"{host}:{port}"},
                      timeout=60)
    assert reply.status_code == 200


@pytest.fixture(scope="module")
def guarded(assistant):
    """An in-process server with a login."""
    from ui.app import build_app, launch

    demo = build_app(assistant)
    port = free_port()
    launch(demo, host="127.0.0.1", port=port, block=False, auth=("analyst", "s3cret"))
    try:
        wait_until_up(port)
        yield port
    finally:
        demo.close()


def _login(port: int, password: str) -> httpx.Response:
    return httpx.post(f"http://127.0.0.1:{port}/login", timeout=60,
                      data={"username": "analyst", "password": password})


def test_wrong_passwords_meet_a_growing_wait(guarded):
    port = guarded
    waits = []
    for attempt in range(3):
        assert _login(port, f"guess-{attempt}").status_code == 400
        refused = _login(port, "s3cret")  # at once: not even the right password is checked
        assert refused.status_code == 429 and "wait" in refused.json()["detail"]
        waits.append(int(refused.headers["retry-after"]))
        time.sleep(0.5 * 2**attempt + 0.1)
    assert waits == [1, 1, 2]  # 0.5 s, 1 s, 2 s, rounded up
    assert _login(port, "s3cret").status_code == 200  # after the wait, the right one works


def test_an_upload_is_refused_with_a_login_too(guarded):
    reply = httpx.post(f"http://127.0.0.1:{guarded}/gradio_api/upload",
                       files={"files": ("a.txt", b"hello")}, timeout=60)
    assert reply.status_code == 403
