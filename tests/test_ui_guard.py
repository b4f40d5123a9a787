"""The guards in front of the app, each on a tiny Starlette app (fast tier).

The same guards are checked against a real `rso-qa serve` in test_security.py.
"""

from __future__ import annotations

import base64
import socket

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from ui.guard import MAX_REQUEST_BYTES, LoginThrottle, allowed_hosts, basic_auth_matches, guards


async def echo(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse({"bytes": len(body)})


async def login(request: Request) -> JSONResponse:
    form = await request.form()
    if form.get("password") == "right":
        return JSONResponse({"success": True})
    return JSONResponse({"detail": "Incorrect credentials."}, status_code=400)


def client(
    host: str = "127.0.0.1",
    *,
    auth: bool = False,
    extra: tuple[str, ...] = (),
    mcp: tuple[str, str] | None = None,
):
    app = Starlette(
        routes=[
            Route("/gradio_api/mcp/", echo, methods=["GET", "POST"]),
            Route("/gradio_api/call/ask", echo, methods=["POST"]),
            Route("/gradio_api/upload", echo, methods=["POST"]),
            Route("/login", login, methods=["POST"]),
            Route("/", echo, methods=["GET"]),
        ],
        middleware=guards(host, extra_hosts=extra, auth=auth, mcp_credentials=mcp),
    )
    return TestClient(app, base_url="http://127.0.0.1:7860")


def test_a_body_within_the_cap_reaches_the_app_whole():
    reply = client().post("/gradio_api/call/ask", content=b"x" * MAX_REQUEST_BYTES)
    assert reply.status_code == 200 and reply.json() == {"bytes": MAX_REQUEST_BYTES}


def test_a_body_over_the_cap_is_refused_with_one_sentence():
    reply = client().post("/gradio_api/call/ask", content=b"x" * (MAX_REQUEST_BYTES + 1))
    assert reply.status_code == 413
    assert reply.json()["detail"].count(". ") == 0 and "2,000 characters" in reply.json()["detail"]


def test_a_streamed_body_without_a_length_is_cut_off_at_the_cap():
    def chunks():
        for _ in range(10):
            yield b"x" * (MAX_REQUEST_BYTES // 4)

    reply = client().post("/gradio_api/call/ask", content=chunks())
    assert reply.status_code == 413


def test_a_malformed_content_length_is_refused():
    reply = client().post("/gradio_api/call/ask", content=b"x", headers={"content-length": "-1"})
    assert reply.status_code in (400, 413)


def test_uploads_are_closed():
    reply = client().post("/gradio_api/upload", files={"files": ("a.txt", b"hi")})
    assert reply.status_code == 403 and "uploads" in reply.json()["detail"]


@pytest.mark.parametrize("host", ["evil.example", "attacker.test:7860", "localhost.evil.example"])
def test_an_unknown_host_header_is_refused(host):
    assert client().get("/", headers={"host": host}).status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:7860", "localhost:7860", "LOCALHOST", "[::1]:7860"])
def test_loopback_host_headers_are_served(host):
    assert client().get("/", headers={"host": host}).status_code == 200


def test_the_host_given_to_host_and_allow_host_are_served():
    assert client("10.1.2.3").get("/", headers={"host": "10.1.2.3:7860"}).status_code == 200
    proxied = client(extra=("qa.intranet.example",))
    assert proxied.get("/", headers={"host": "qa.intranet.example"}).status_code == 200


def test_binding_every_interface_allows_the_machines_own_names():
    names = allowed_hosts("0.0.0.0")
    assert socket.gethostname().lower() in names and "0.0.0.0" not in names
    assert {"127.0.0.1", "localhost", "::1"} <= set(names)


def test_a_failed_sign_in_makes_the_next_attempt_wait():
    c = client(auth=True)
    assert c.post("/login", data={"password": "wrong"}).status_code == 400
    refused = c.post("/login", data={"password": "right"})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "1"


def test_the_wait_doubles_with_each_failure_and_is_capped():
    throttle = LoginThrottle(None, base=0.5, cap=8.0)
    waits = []
    for _ in range(7):
        throttle.failed("1.2.3.4", now=0.0)
        waits.append(throttle.wait("1.2.3.4", now=0.0))
    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert throttle.wait("5.6.7.8", now=0.0) == 0.0  # per client


def test_a_successful_sign_in_clears_the_clients_failures():
    throttle = LoginThrottle(None)
    throttle.failed("1.2.3.4", now=0.0)
    throttle.succeeded("1.2.3.4")
    assert throttle.wait("1.2.3.4", now=0.0) == 0.0


def test_the_throttle_remembers_a_bounded_number_of_clients():
    throttle = LoginThrottle(None, clients=100)
    for i in range(1000):
        throttle.failed(f"10.0.{i // 256}.{i % 256}", now=0.0)
    assert len(throttle.failures) == 100


def basic(user: str, password: str) -> dict[str, str]:
    return {"authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def test_the_mcp_endpoint_is_behind_the_host_allow_list_and_the_body_cap():
    assert client().post("/gradio_api/mcp/", headers={"host": "evil.example"}).status_code == 400
    big = client().post("/gradio_api/mcp/", content=b"x" * (MAX_REQUEST_BYTES + 1))
    assert big.status_code == 413
    assert client().post("/gradio_api/mcp/", content=b"{}").status_code == 200  # no login set


def test_with_a_login_the_mcp_endpoint_asks_for_the_same_user_and_password():
    c = client(auth=True, mcp=("analyst", "s3cret"))
    refused = c.post("/gradio_api/mcp/", content=b"{}")
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Basic")
    assert "user and password" in refused.json()["detail"]
    # Asking without credentials is not a guess: no wait before signing in.
    assert c.post("/gradio_api/mcp/", headers=basic("analyst", "s3cret")).status_code == 200
    assert c.post("/gradio_api/call/ask", content=b"x").status_code == 200  # other routes as before


@pytest.mark.parametrize(
    "headers",
    [
        basic("analyst", "wrong"),
        basic("other", "s3cret"),
        {"authorization": "Bearer s3cret"},
        {"authorization": "Basic not-base64!"},
    ],
)
def test_wrong_mcp_credentials_are_refused_and_make_the_next_attempt_wait(headers):
    c = client(auth=True, mcp=("analyst", "s3cret"))
    assert c.get("/gradio_api/mcp/", headers=headers).status_code == 401
    waited = c.get("/gradio_api/mcp/", headers=basic("analyst", "s3cret"))
    assert waited.status_code == 429 and waited.headers["retry-after"] == "1"


def basic_header(text: str) -> str:
    return "Basic " + base64.b64encode(text.encode()).decode()


LOGIN = ("reader", "pa:ss")


def test_http_basic_with_the_servers_login_matches_colons_in_the_password_kept():
    assert basic_auth_matches(basic_header("reader:pa:ss"), LOGIN)
    assert basic_auth_matches("basic " + basic_header("reader:pa:ss").split()[1], LOGIN)


@pytest.mark.parametrize(
    "header",
    [
        "",
        basic_header("reader:pa"),
        basic_header("reader:pa:ss "),
        basic_header("Reader:pa:ss"),
        basic_header("reader"),  # no colon at all
        "Bearer " + base64.b64encode(b"reader:pa:ss").decode(),
        "Basic not-base64!",
        "Basic " + base64.b64encode(b"\xff\xfe:x").decode(),
    ],
    ids=[
        "empty",
        "wrong-password",
        "trailing-space",
        "user-case",
        "no-colon",
        "bearer",
        "bad-base64",
        "not-utf8",
    ],
)
def test_http_basic_without_the_exact_login_does_not_match(header):
    assert not basic_auth_matches(header, LOGIN)
