"""The plain JSON HTTP API beside the chat: `POST /api/ask`, `GET /api/health`, `/api/docs`.

Mounted on the Gradio app (same server, port and guards), it asks the same
`Assistant` through the same checks as Gradio's `/ask` (`clean_question`,
`Assistant.filters`, k from 1 to 50), but without Gradio's queue and event stream:
one request, one JSON reply. A question is answered on the event loop in two halves
(qa/asking.py): checked and analysed, then, while the loop serves other requests, its
text waits for the encoder thread to take it into one forward pass with the others
that arrived together (index/batching.py), then ranked and composed. No worker thread
per request: the loop and the encoder thread are the only two that need the GIL, so
one core ranks while the other runs the model. Bad input is HTTP 422 with one sentence
in `{"detail": ...}`, never a traceback.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import anyio
import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import HTMLResponse, Response

from corpus.errors import InvalidQuestionError, RsoQaError
from index.batching import BatchingEncoder
from index.embed import Embedder
from qa.analyse import clean_question
from qa.assistant import MAX_K, Assistant
from ui.api_docs import docs_html, openapi_extras
from ui.guard import basic_auth_matches

__all__ = ["API_PATH", "FIELDS", "ApiError", "build_api", "encoder_kind"]

API_PATH = "/api"
FILTERS = ("themes", "kinds", "actors", "documents")
FIELDS = ("question", "k", *FILTERS)
SessionUser = Callable[[Request], "str | None"]


class ApiError(Exception):
    """A refusal with its HTTP status and one sentence for `detail`."""

    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """JSON with `nosniff`; text orjson refuses (lone surrogates) goes through json, escaped."""
    try:
        body = orjson.dumps(data)
    except TypeError:
        body = json.dumps(data).encode("ascii")
    return Response(
        body,
        status_code=status,
        media_type="application/json",
        headers={
            "x-content-type-options": "nosniff",
            "cache-control": "no-store",
            **(headers or {}),
        },
    )


def encoder_kind(encoder: object) -> str:
    """ "onnx" or "sentence-transformers": what encodes the questions, behind any batcher."""
    inner = encoder.encoder if isinstance(encoder, BatchingEncoder) else encoder
    return "sentence-transformers" if isinstance(inner, Embedder) else "onnx"


def build_api(
    assistant: Assistant,
    *,
    auth: tuple[str, str] | None = None,
    session_user: SessionUser | None = None,
    max_waiting: int = 256,
) -> FastAPI:
    """The API app for one loaded assistant, to be mounted at `/api`.

    With `auth`, every route asks for HTTP Basic credentials (the same user and
    password as the page) or the page's sign-in cookie, read through `session_user`.
    More than `max_waiting` questions at once are refused with 503, not queued.
    """
    api = FastAPI(
        title="rso-qa",
        version="1",
        summary="Questions about the Outcome Statement of the Fourth RSO Constructive Dialogue.",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served below, behind the login like every other route
        servers=[{"url": API_PATH}],
    )
    # Without a batching encoder (or to rebuild a changed index) a question takes a worker
    # thread: as many at once as one forward pass takes; the rest wait as coroutines.
    workers = anyio.CapacityLimiter(_max_batch(assistant))
    counts = {"waiting": 0, "answered": 0, "refused": 0}
    started = time.monotonic()

    def check_auth(request: Request) -> None:
        if auth is None or basic_auth_matches(request.headers.get("authorization", ""), auth):
            return
        if session_user is not None and session_user(request):
            return
        raise ApiError(
            401,
            "Sign in first: send the server's user and password with HTTP Basic auth "
            "(curl -u user:password), or sign in on the page.",
            {"www-authenticate": 'Basic realm="rso-qa", charset="UTF-8"'},
        )

    @api.exception_handler(ApiError)
    async def _refused(request: Request, exc: ApiError) -> Response:
        counts["refused"] += 1
        return json_response({"detail": exc.detail}, exc.status, exc.headers)

    @api.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "This request cannot be served."
        return json_response({"detail": detail}, exc.status_code, dict(exc.headers or {}))

    @api.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return json_response({"detail": "The request does not match the API; see /api/docs."}, 422)

    @api.post("/ask", **openapi_extras("ask"))
    async def ask(request: Request) -> Response:
        check_auth(request)
        question, k, filters = _read_ask(await request.body(), request.headers)
        if counts["waiting"] >= max_waiting:
            raise ApiError(
                503,
                f"The server is answering {max_waiting} questions already; retry in a second.",
                {"retry-after": "1"},
            )
        counts["waiting"] += 1
        try:
            encoder = assistant.embedder
            if isinstance(encoder, BatchingEncoder) and not assistant.stale():
                answer = await _answer_on_loop(assistant, encoder, question, k, filters)
            else:  # a changed statement is rebuilt on a worker thread, never on the loop
                answer = await anyio.to_thread.run_sync(
                    _answer, assistant, question, k, filters, limiter=workers
                )
        finally:
            counts["waiting"] -= 1
        counts["answered"] += 1
        return json_response(answer)

    @api.get("/health", **openapi_extras("health"))
    async def health(request: Request) -> Response:
        check_auth(request)
        manifest = assistant.store.manifest
        encoder = assistant.embedder
        batching = encoder.stats().to_dict() if isinstance(encoder, BatchingEncoder) else None
        return json_response(
            {
                "status": "ok",
                "model": manifest.model,
                "encoder": encoder_kind(encoder),
                "passages": len(assistant.passages),
                "index": {
                    "type": manifest.index_type,
                    "units": manifest.units,
                    "built_at": manifest.built_at,
                },
                "requests": {
                    "in_progress": counts["waiting"],
                    "answered": counts["answered"],
                    "refused": counts["refused"],
                },
                "batching": batching,
                "uptime_s": round(time.monotonic() - started, 1),
            }
        )

    @api.get("/openapi.json", include_in_schema=False)
    async def openapi(request: Request) -> Response:
        check_auth(request)
        return json_response(api.openapi())

    @api.get("/docs", include_in_schema=False)
    async def docs(request: Request) -> HTMLResponse:
        check_auth(request)
        return HTMLResponse(
            docs_html(api.openapi(), base=API_PATH), headers={"x-content-type-options": "nosniff"}
        )

    return api


def _answer(assistant: Assistant, question: str, k: int, filters: dict[str, Any]) -> dict:
    """The Answer as a dict, or ApiError 422 with the assistant's own sentence."""
    with _refusals():
        return assistant.ask(question, k=k, filters=filters).to_dict()


async def _answer_on_loop(
    assistant: Assistant,
    encoder: BatchingEncoder,
    question: str,
    k: int,
    filters: dict[str, Any],
) -> dict:
    """`_answer` without a thread: the loop analyses, awaits the vectors, then composes."""
    with _refusals():
        asking = assistant.begin(question, k=k, filters=filters)
        vectors = await encoder.encode_queries_async(asking.texts) if asking.texts else None
        return assistant.complete(asking, vectors).to_dict()


@contextmanager
def _refusals() -> Iterator[None]:
    """The assistant's refusals as ApiErrors; a bug's traceback goes to the log only."""
    try:
        yield
    except InvalidQuestionError as exc:
        raise ApiError(422, str(exc)) from None
    except RsoQaError as exc:  # the index could not be rebuilt under a changed statement
        raise ApiError(503, str(exc)) from None
    except Exception as exc:  # a bug: the traceback goes to the operator, never the caller
        traceback.print_exc(file=sys.stderr)
        raise ApiError(500, f"Unexpected {type(exc).__name__}; the server log has the details.")


def _read_ask(body: bytes, headers: Any) -> tuple[str, int, dict[str, Any]]:
    """Question, k and filters from a request body, checked before any model work."""
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise ApiError(415, 'Send the body as JSON with "Content-Type: application/json".')
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:  # bad JSON, not UTF-8, or nested too deep
        raise ApiError(
            422, f'The body is not valid JSON ({_first_line(exc)}); send {{"question": "..."}}.'
        ) from None
    if not isinstance(data, dict):
        raise ApiError(422, 'The body must be a JSON object such as {"question": "..."}.')
    unknown = [name for name in data if name not in FIELDS]
    if unknown:
        raise ApiError(
            422, f"Unknown field {str(unknown[0])[:60]!r}; the fields are {', '.join(FIELDS)}."
        )
    if "question" not in data:
        raise ApiError(422, 'The body has no "question"; send {"question": "..."}.')
    try:
        clean_question(data["question"])  # type, length, emptiness: before any model work
    except InvalidQuestionError as exc:
        raise ApiError(422, str(exc)) from None
    k = data.get("k", 5)
    if isinstance(k, float) and k.is_integer():
        k = int(k)
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise ApiError(422, f"k must be a whole number from 1 to {MAX_K}, not {str(k)[:20]}.")
    filters = {name: data[name] for name in FILTERS if data.get(name) not in (None, "", [])}
    return data["question"], k, filters


def _max_batch(assistant: Assistant) -> int:
    encoder = assistant.embedder
    return encoder.max_batch if isinstance(encoder, BatchingEncoder) else 4


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
