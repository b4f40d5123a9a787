"""The MCP tool `ask`, through the `mcp` Python client, against a real `rso-qa serve`."""

from __future__ import annotations

import asyncio
import base64
import json
import subprocess
import sys

import httpx
import pytest
from gradio_client import Client
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client

from ui.app import build_app, launch
from ui.guard import MAX_REQUEST_BYTES
from ui.mcp import MCP_PATH

FIJI_ROWS = {"theme-2/recommendation/fiji", "theme-4/recommendation/fiji"}


def mcp_session(url: str, calls, headers: dict[str, str] | None = None):
    """Connect an MCP client to `url`, run `await calls(session)` and return its result."""

    async def run():
        async with httpx.AsyncClient(headers=headers or {}, timeout=60) as http:
            async with streamable_http_client(url, http_client=http) as (read, write, _):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    return await calls(session)

    return asyncio.run(run())


async def tools_and_fiji(session):
    tools = (await session.list_tools()).tools
    result = await session.call_tool("ask", {"question": "What did Fiji call for?", "k": 5})
    return tools, result


@pytest.fixture(scope="module")
def served(serve_process):
    with serve_process() as running:
        yield running


@pytest.fixture(scope="module")
def mcp_url(served) -> str:
    _, port = served
    return f"http://127.0.0.1:{port}{MCP_PATH}"


def test_an_mcp_client_lists_one_ask_tool_and_gets_json_citing_both_fiji_rows(mcp_url):
    tools, result = mcp_session(mcp_url, tools_and_fiji)
    assert [t.name for t in tools] == ["ask"]
    assert set(tools[0].inputSchema["properties"]) == {"question", "k"}
    assert tools[0].inputSchema["required"] == ["question"]
    assert not result.isError
    data = json.loads(result.content[0].text)  # Answer.to_dict() as JSON text
    assert data["abstained"] is False and "[1]" in data["text"]
    assert FIJI_ROWS <= {c["passage"]["id"] for c in data["citations"]}
    assert all(c["label"].startswith("Outcome Statement, Fourth RSO") for c in data["citations"])


def test_the_tool_tells_an_ai_client_when_to_call_it_and_how_to_cite(mcp_url):
    tools, _ = mcp_session(mcp_url, tools_and_fiji)
    description = tools[0].description
    assert "Call it for any question about what the statement says" in description
    assert "label" in description and "[n]" in description and "abstained" in description
    assert "from 1 to 50" in tools[0].inputSchema["properties"]["k"]["description"]


def test_a_bad_question_is_a_tool_error_with_one_sentence(mcp_url):
    async def bad(session):
        return [
            await session.call_tool("ask", {"question": "", "k": 5}),
            await session.call_tool("ask", {"question": "What is RILON?", "k": 0}),
        ]

    empty, zero = mcp_session(mcp_url, bad)
    assert empty.isError and "The question is empty" in empty.content[0].text
    assert zero.isError and "k must be" in zero.content[0].text


def test_the_mcp_endpoint_sits_behind_the_host_allow_list_and_the_body_cap(mcp_url):
    evil = httpx.post(mcp_url, headers={"host": "evil.example"}, content=b"{}", timeout=10)
    assert evil.status_code == 400
    big = httpx.post(mcp_url, content=b"x" * (MAX_REQUEST_BYTES + 1), timeout=10)
    assert big.status_code == 413


def test_with_a_login_mcp_clients_must_send_the_same_user_and_password(assistant):
    demo = build_app(assistant, auth=True)
    url = launch(demo, port=_free_port(), auth=("analyst", "s3cret"), block=False)
    try:
        refused = httpx.post(f"{url.rstrip('/')}{MCP_PATH}", content=b"{}", timeout=10)
        assert refused.status_code == 401 and "user and password" in refused.json()["detail"]
        token = base64.b64encode(b"analyst:s3cret").decode()
        _, result = mcp_session(
            f"{url.rstrip('/')}{MCP_PATH}", tools_and_fiji, {"Authorization": f"Basic {token}"}
        )
        assert FIJI_ROWS <= {c["passage"]["id"] for c in json.loads(result.content[0].text)[
            "citations"]}
    finally:
        demo.close()


def test_without_mcp_there_is_no_endpoint_and_no_tool(assistant):
    demo = build_app(assistant, mcp=False)
    url = launch(demo, port=_free_port(), block=False, mcp=False)
    try:
        assert httpx.post(f"{url.rstrip('/')}{MCP_PATH}", content=b"{}", timeout=10).status_code \
            in (404, 405)
        client = Client(url, verbose=False, analytics_enabled=False)
        endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
        assert list(endpoints) == ["/ask"]
    finally:
        demo.close()


def test_serve_takes_no_mcp():
    help_text = subprocess.run(
        [sys.executable, "-m", "cli", "serve", "--help"], capture_output=True, text=True,
        timeout=60, env={"COLUMNS": "200", "PATH": ""},
    ).stdout
    assert "--no-mcp" in help_text


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_terminal_names_the_chat_and_mcp_addresses_and_offers_no_share_link(served):
    import time

    from conftest import ARTIFACTS

    _, port = served
    path = ARTIFACTS / "serve-test_ui_mcp.log"
    deadline = time.monotonic() + 60  # the port opens a moment before the lines are printed
    while "MCP clients" not in path.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    log = path.read_text()
    assert f"The chat is at http://127.0.0.1:{port}/" in log
    assert f"MCP clients: http://127.0.0.1:{port}{MCP_PATH}" in log
    assert "share" not in log.lower() and "public link" not in log.lower()
