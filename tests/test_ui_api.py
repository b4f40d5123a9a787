"""The `/ask` JSON endpoint through `gradio_client`, against a real server on a free port."""

from __future__ import annotations

import socket

import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from ui.app import build_app, launch, parse_auth

FIJI_ROWS = {"theme-2/recommendation/fiji", "theme-4/recommendation/fiji"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(assistant):
    demo = build_app(assistant)
    url = launch(demo, port=free_port(), block=False)
    yield url
    demo.close()


@pytest.fixture(scope="module")
def client(server) -> Client:
    return Client(server, verbose=False, download_files=False, analytics_enabled=False)


def test_ask_returns_the_answer_record_citing_both_fiji_rows(client):
    data = client.predict(question="What did Fiji call for?", api_name="/ask")
    assert data["abstained"] is False and "[1]" in data["text"]
    assert FIJI_ROWS <= {c["passage"]["id"] for c in data["citations"]}
    for c in data["citations"]:
        assert c["passage"]["end"] > c["passage"]["start"]
        assert c["highlights"]
        assert all(0 <= s < e <= len(c["passage"]["text"]) for s, e in c["highlights"])


def test_ask_takes_k_and_filters_that_constrain_retrieval(client):
    data = client.predict(
        question="What did Fiji call for?",
        k=1,
        themes=[2],
        kinds=["recommendation"],
        actors=["Fiji"],
        api_name="/ask",
    )
    assert [c["passage"]["id"] for c in data["citations"]] == ["theme-2/recommendation/fiji"]


def test_ask_abstains_with_related_passages_for_an_actor_the_statement_never_names(client):
    data = client.predict(question="What did Germany say?", api_name="/ask")
    assert data["abstained"] is True and data["citations"] == []
    assert data["related"] and "Germany" in data["text"]


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"question": "y" * 2001}, "the limit is 2,000"),
        ({"question": ""}, "The question is empty"),
        ({"question": "What did Fiji call for?", "actors": ["Atlantis"]}, "unknown actor"),
        ({"question": "What did Fiji call for?", "k": 0}, "k must be"),
    ],
)
def test_bad_input_is_refused_with_one_sentence(client, kwargs, needle):
    with pytest.raises(AppError, match=needle) as refused:
        client.predict(**kwargs, api_name="/ask")
    message = str(refused.value).strip()
    assert "\n" not in message and len(message) < 300 and "Traceback" not in message


def test_the_api_exposes_only_ask_and_the_mcp_tool_behind_it(client):
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == [
        "/ask",
        "/ask_text",
    ]


def test_each_citation_carries_its_readable_label(client):
    data = client.predict(question="What did Fiji call for?", api_name="/ask")
    labels = {c["passage"]["id"]: c["label"] for c in data["citations"]}
    assert labels["theme-2/recommendation/fiji"].endswith(
        "Theme 2: Meeting the challenge posed by transnational crime groups"
        " - Recommendation (Fiji and Tonga)"
    )


def test_a_server_with_auth_refuses_anonymous_clients_and_serves_signed_in_ones(assistant):
    demo = build_app(assistant)
    url = launch(demo, port=free_port(), auth=("analyst", "s3cret"), block=False)
    try:
        assert httpx.get(f"{url}config", timeout=10).status_code == 401
        with pytest.raises(Exception, match="(?i)login|auth|401"):
            Client(url, verbose=False, analytics_enabled=False)
        signed_in = Client(url, auth=("analyst", "s3cret"), verbose=False, analytics_enabled=False)
        data = signed_in.predict(question="What is RILON?", api_name="/ask")
        assert data["citations"][0]["passage"]["id"] == "theme-1/recommendation/rso-border-forum"
    finally:
        demo.close()


def test_the_server_binds_loopback_by_default(server):
    assert server.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("value", ["analyst", ":pw", "analyst:", "analyst;pw"])
def test_auth_must_be_user_colon_password(value):
    with pytest.raises(ValueError, match="user:password"):
        parse_auth(value)


def test_auth_keeps_colons_in_the_password():
    assert parse_auth("analyst:a:b") == ("analyst", "a:b")
    assert parse_auth(None) is None and parse_auth("") is None
