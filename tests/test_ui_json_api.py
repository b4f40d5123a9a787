"""The plain JSON API (`POST /api/ask`, `GET /api/health`, `/api/docs`) on a real server.

It sits on the Gradio app's port behind the same guards, takes the same checks as
Gradio's `/ask`, answers exactly what the in-process assistant answers (micro-batched
across concurrent clients), and refuses bad input with HTTP 422 and one sentence.
"""

from __future__ import annotations

import json
import shutil
import socket
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from answers import assert_same_answer

from corpus.statement import DEFAULT_SOURCE
from eval.questions import load_questions
from index.batching import BatchingEncoder
from qa import Assistant
from ui.api import FIELDS
from ui.app import build_app, launch, with_batching

FIJI_ROWS = {"theme-2/recommendation/fiji", "theme-4/recommendation/fiji"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(assistant: Assistant, **kwargs) -> tuple[object, str]:
    batched = Assistant(BatchingEncoder(assistant.embedder, window_ms=2, max_batch=8),
                        assistant.store)
    demo = build_app(batched)
    url = launch(demo, port=free_port(), block=False, assistant=batched, **kwargs)
    return demo, url.rstrip("/")


@pytest.fixture(scope="module")
def base(assistant):
    demo, url = serve(assistant)
    yield url
    demo.close()


def ask(base: str, body: object, **kwargs) -> httpx.Response:
    return httpx.post(f"{base}/api/ask", json=body, timeout=120, **kwargs)


def test_post_api_ask_returns_the_answer_record_citing_both_fiji_rows(base):
    reply = ask(base, {"question": "What did Fiji call for?"})
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/json"
    assert reply.headers["x-content-type-options"] == "nosniff"
    data = reply.json()
    assert data["abstained"] is False and "[1]" in data["text"]
    assert FIJI_ROWS <= {c["passage"]["id"] for c in data["citations"]}


def test_k_and_filters_constrain_retrieval_as_in_process(base, assistant):
    body = {"question": "What did Fiji call for?", "k": 1, "themes": [2],
            "kinds": ["recommendation"], "actors": ["Fiji"]}
    data = ask(base, body).json()
    assert [c["passage"]["id"] for c in data["citations"]] == ["theme-2/recommendation/fiji"]
    filters = {"themes": [2], "kinds": ["recommendation"], "actors": ["Fiji"]}
    assert_same_answer(data, assistant.ask(body["question"], k=1, filters=filters).to_dict())


def test_api_answers_from_32_concurrent_clients_equal_in_process_answers_on_the_public_set(
    base, assistant
):
    questions = [q.question for q in load_questions()]
    before = httpx.get(f"{base}/api/health", timeout=30).json()["batching"]

    def over_http(question: str) -> dict:
        reply = ask(base, {"question": question})
        assert reply.status_code == 200, reply.text
        return reply.json()

    with ThreadPoolExecutor(32) as pool:
        answers = list(pool.map(over_http, questions))
    for question, answer in zip(questions, answers, strict=True):
        assert_same_answer(answer, assistant.ask(question).to_dict(), question)
    after = httpx.get(f"{base}/api/health", timeout=30).json()["batching"]
    assert after["questions"] - before["questions"] == len(questions)
    assert after["largest_batch"] > 1  # questions that arrived together shared a pass


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"question": ""}, "The question is empty"),
        ({"question": "y" * 2001}, "the limit is 2,000"),
        ({"question": None}, "must be text"),
        ({"question": 42}, "must be text"),
        ({}, 'no "question"'),
        ({"question": "What is RILON?", "k": 0}, "k must be"),
        ({"question": "What is RILON?", "k": "5"}, "k must be"),
        ({"question": "What is RILON?", "k": True}, "k must be"),
        ({"question": "What is RILON?", "k": 2.5}, "k must be"),
        ({"question": "What is RILON?", "actors": ["Atlantis"]}, "unknown actor 'Atlantis'"),
        ({"question": "What is RILON?", "themes": [9]}, "unknown theme 9"),
        ({"question": "What is RILON?", "kinds": {"a": 1}}, "kinds must be a list"),
        ({"question": "What is RILON?", "colour": "red"}, "Unknown field 'colour'"),
        (["What is RILON?"], "must be a JSON object"),
        ("What is RILON?", "must be a JSON object"),
    ],
    ids=lambda v: str(v)[:40],
)
def test_bad_input_gets_422_with_one_sentence_and_the_server_answers_the_next(
    base, body, needle
):
    reply = ask(base, body)
    assert reply.status_code == 422, reply.text
    detail = reply.json()["detail"]
    assert isinstance(detail, str) and needle in detail
    assert "\n" not in detail and "Traceback" not in detail and len(detail) < 300
    assert ask(base, {"question": "What is RILON?"}).status_code == 200


@pytest.mark.parametrize(
    ("content", "kind", "status", "needle"),
    [
        (b'{"question": "What is', "application/json", 422, "not valid JSON"),
        (b"\xff\xfe{}", "application/json", 422, "not valid JSON"),
        (b"[" * 20000, "application/json", 422, "not valid JSON"),
        (b'{"question": "What is RILON?"}', "text/plain", 415, "application/json"),
        (json.dumps({"question": "x" * 40000}).encode(), "application/json", 413, "32 kB"),
    ],
    ids=["cut JSON", "not UTF-8", "nested too deep", "not JSON content", "over 32 kB"],
)
def test_a_body_that_is_not_a_json_question_is_refused_in_one_sentence(
    base, content, kind, status, needle
):
    reply = httpx.post(f"{base}/api/ask", content=content, headers={"content-type": kind},
                       timeout=60)
    assert reply.status_code == status and needle in reply.json()["detail"]


def test_health_reports_the_encoder_the_queue_and_the_batch_sizes(base):
    data = httpx.get(f"{base}/api/health", timeout=30).json()
    assert data["status"] == "ok" and data["encoder"] == "onnx"
    assert data["model"] == "all-MiniLM-L6-v2" and data["passages"] > 100
    batching = data["batching"]
    for key in ("window_ms", "max_batch", "queue_depth", "batches", "mean_batch",
                "largest_batch", "batch_sizes"):
        assert key in batching
    assert batching["max_batch"] == 8 and batching["queue_depth"] >= 0


def test_the_docs_page_and_openapi_describe_the_routes_without_fetching_anything(base):
    page = httpx.get(f"{base}/api/docs", timeout=30)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "/api/ask" in page.text and "/api/health" in page.text and "curl" in page.text
    assert "<script" not in page.text and "https://" not in page.text
    spec = httpx.get(f"{base}/api/openapi.json", timeout=30).json()
    assert set(spec["paths"]) == {"/ask", "/health"} and spec["servers"] == [{"url": "/api"}]
    body = spec["paths"]["/ask"]["post"]["requestBody"]["content"]["application/json"]
    assert list(body["schema"]["properties"]) == list(FIELDS)


def test_the_openapi_answer_schema_names_every_field_of_a_real_answer(base):
    spec = httpx.get(f"{base}/api/openapi.json", timeout=30).json()
    schema = spec["paths"]["/ask"]["post"]["responses"]["200"]["content"]["application/json"]
    answer = schema["schema"]
    data = ask(base, {"question": "What did Fiji call for?"}).json()
    assert set(answer["properties"]) == set(data)
    citation = answer["properties"]["citations"]["items"]
    assert set(citation["properties"]) == set(data["citations"][0])
    assert set(citation["properties"]["passage"]["properties"]) == set(
        data["citations"][0]["passage"]
    )


def test_the_api_sits_behind_the_host_guard(base):
    for path in ("/api/health", "/api/docs"):
        reply = httpx.get(f"{base}{path}", headers={"host": "evil.example"}, timeout=30)
        assert reply.status_code == 400
    reply = ask(base, {"question": "What is RILON?"}, headers={"host": "evil.example"})
    assert reply.status_code == 400


def test_gradio_ask_endpoint_still_answers_beside_the_json_api(base):
    from gradio_client import Client

    client = Client(base + "/", verbose=False, download_files=False, analytics_enabled=False)
    data = client.predict(question="What is RILON?", api_name="/ask")
    assert data["citations"][0]["passage"]["id"] == "theme-1/recommendation/rso-border-forum"


@pytest.fixture(scope="module")
def guarded(assistant):
    demo, url = serve(assistant, auth=("analyst", "s3cret"))
    yield url
    demo.close()


def test_with_auth_every_api_route_asks_for_the_login(guarded):
    for method, path in (("POST", "/api/ask"), ("GET", "/api/health"), ("GET", "/api/docs"),
                         ("GET", "/api/openapi.json")):
        reply = httpx.request(method, f"{guarded}{path}", json={"question": "What is RILON?"},
                              timeout=30)
        assert reply.status_code == 401, path
        assert reply.headers["www-authenticate"].startswith("Basic")
        assert "Sign in" in reply.json()["detail"]


def test_with_auth_http_basic_with_the_servers_login_is_answered(guarded):
    reply = ask(guarded, {"question": "What is RILON?"}, auth=("analyst", "s3cret"))
    assert reply.status_code == 200
    first = reply.json()["citations"][0]["passage"]["id"]
    assert first == "theme-1/recommendation/rso-border-forum"


def test_with_auth_the_pages_sign_in_cookie_is_accepted(guarded):
    with httpx.Client(base_url=guarded, timeout=30) as browser:
        assert browser.post("/login", data={"username": "analyst",
                                            "password": "s3cret"}).status_code == 200
        assert browser.get("/api/health").status_code == 200


def test_with_auth_a_wrong_password_is_refused_then_throttled(guarded):
    wrong = ("analyst", "guess")
    first = ask(guarded, {"question": "What is RILON?"}, auth=wrong)
    assert first.status_code == 401
    second = ask(guarded, {"question": "What is RILON?"}, auth=wrong)
    assert second.status_code == 429 and int(second.headers["retry-after"]) >= 1


def test_a_statement_changed_under_the_server_is_rebuilt_and_the_api_quotes_the_new_text(
    index_dir, assistant, tmp_path
):
    statement = tmp_path / "statement.txt"
    shutil.copyfile(DEFAULT_SOURCE, statement)
    shutil.copytree(index_dir, tmp_path / "index")
    running = with_batching(
        Assistant.load(corpus=statement, index_dir=tmp_path / "index", notify=None), 2, 8
    )
    demo = build_app(running)
    base = launch(demo, port=free_port(), block=False, assistant=running).rstrip("/")
    try:
        old = "Fiji called for Members to consider evolving realities and future pressures"
        new = "Fiji called for a regional fund for communities displaced by rising seas by 2030"
        question = {"question": "What did Fiji call for?"}
        assert old in json.dumps(ask(base, question).json())
        statement.write_text(statement.read_text("utf-8").replace(old, new), "utf-8")
        rebuilt = ask(base, question).json()  # on a worker thread: the loop never rebuilds
        assert "regional fund" in rebuilt["text"] and old not in json.dumps(rebuilt)
        assert_same_answer(ask(base, question).json(), rebuilt)  # the new index, from now on
        assert running.stale() is False
    finally:
        demo.close()
