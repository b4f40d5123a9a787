"""The Gradio app: a cited chat, filters, the statement to read, and JSON endpoints.

`serve()` is what `rso-qa serve` runs: it loads (or first builds, with a progress
bar in the terminal) the index, then binds 127.0.0.1 unless told otherwise. The
plain JSON API (ui/api.py) is mounted at /api on the same server, behind the same
guards; questions that arrive together share one forward pass of the model.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import gradio as gr
from gradio_client import Client
from starlette.requests import Request
from starlette.routing import Mount

from index.batching import BatchingEncoder
from qa.assistant import MAX_K, Assistant
from qa.settings import MAX_QUESTION_CHARS
from ui.api import API_PATH, build_api
from ui.assets import CSS, JS, STATEMENT_TAB, theme
from ui.choices import actor_choices, kind_choices, theme_choices
from ui.downloads import BriefFiles
from ui.guard import MAX_REQUEST_BYTES, guards
from ui.handlers import answer_turn, api_answer, reply, theme_titles, user_message
from ui.library import UPLOAD_HTML, document_choices, library_html, upload_middleware
from ui.mcp import MCP_PATH, mcp_tool, not_an_mcp_tool
from ui.preflight import batching, parse_auth, preflight
from ui.process import pandas_on_first_use, steady_memory, without_matplotlib
from ui.reading import statement_html
from ui.render import active_filters_html
from ui.texts import EXAMPLES, HEADER, PLACEHOLDER, about_markdown

__all__ = [  # parse_auth: from ui.preflight
    "build_app",
    "launch",
    "parse_auth",
    "serve",
    "signed_in_user",
    "with_batching",
]

MAX_CHAT_MESSAGES = 100  # 50 questions and answers kept per browser session
BRIEF_BUTTONS = (("Word (.docx)", "rq-word"), ("Markdown (.md)", "rq-md"))
SLIDER_MAX = 10  # the chat's "Most sources per answer"; the API takes up to MAX_K


def build_app(assistant: Assistant, *, mcp: bool = True, auth: bool = False) -> gr.Blocks:
    """The Blocks for one loaded assistant; per-browser-session chat history.

    With `mcp`, the `ask` tool for MCP clients is registered too (launch serves it);
    `auth` only changes what the "Use from code" tab says.
    """
    briefs = BriefFiles(assistant.document_title)
    actors = actor_choices(assistant.passages, assistant.actors)
    titles = theme_titles(assistant)

    # The chat history and the session's answers live on the server (bounded States),
    # so a browser sends only its question and filters: no request grows with a session.
    def show_question(message: str, history: list) -> tuple[Any, ...]:
        shown = [*(history or []), user_message(message)][-MAX_CHAT_MESSAGES:]
        # The brief is out of date until this answer is in it: no download meanwhile.
        off = gr.update(interactive=False)
        return shown, shown, "", message, off, off

    def answer(
        message: str,
        history: list,
        done: list,
        themes: list,
        kinds: list,
        actors: list,
        k: float,
        documents: list,
    ) -> tuple[list, list, list]:
        html, record = answer_turn(
            assistant, message, themes=themes, kinds=kinds, actors=actors, k=k, documents=documents
        )
        shown = [*(history or []), reply(html)][-MAX_CHAT_MESSAGES:]
        answers = [*(done or []), *([record] if record else [])][-MAX_CHAT_MESSAGES // 2 :]
        return shown, shown, answers

    def brief(answers: list, request: gr.Request) -> tuple[Any, Any]:
        """The session's brief behind the two download buttons (off until an answer)."""
        if not answers:
            return (gr.update(value=None, interactive=False),) * 2
        files = briefs.write(request.session_hash or "session", answers)
        return tuple(gr.update(value=str(f), interactive=True) for f in files)  # type: ignore

    # Named apart from the MCP tool `ask`: Gradio names tools after their functions.
    def ask_record(
        question: str,
        k: int = 5,
        themes: list[int] | None = None,
        kinds: list[str] | None = None,
        actors: list[str] | None = None,
    ) -> dict[str, Any]:
        """Answer a question about the outcome statement; returns Answer.to_dict()."""
        try:
            return api_answer(assistant, question, k, themes, kinds, actors)
        except ValueError as exc:  # InvalidQuestionError is a ValueError
            raise gr.Error(str(exc), print_exception=False) from None

    def reading_html() -> str:
        return statement_html(assistant.passages, assistant.documents)

    # A statement added since the page was built (by the upload, which reloads the page,
    # or by `rso-qa add`) shows up in the filters, the reading view and the library.
    def refresh() -> tuple[Any, ...]:
        return (
            gr.update(choices=document_choices(assistant)),
            gr.update(choices=theme_choices(assistant.passages)),
            gr.update(choices=actor_choices(assistant.passages, assistant.actors)),
            reading_html(),
            library_html(assistant),
        )

    def about(request: gr.Request) -> str:
        return about_markdown(
            server_address(request), max_k=MAX_K, slider_max=SLIDER_MAX, mcp=mcp, auth=auth
        )

    with gr.Blocks(
        title="Ask the Outcome Statement · RSO",
        analytics_enabled=False,
        delete_cache=(3600, 24 * 3600),  # Gradio's copies of the briefs, after a day
    ) as demo:
        gr.HTML(HEADER, js_on_load=None)
        with gr.Tabs(elem_id="rq-tabs"):
            with gr.Tab("Ask", id="ask"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=7, min_width=420):
                        active = gr.HTML("", elem_id="rq-active", js_on_load=None)
                        chat = gr.Chatbot(
                            show_label=False,
                            elem_id="rq-chat",
                            height="70vh",
                            min_height=420,
                            layout="panel",
                            placeholder=PLACEHOLDER,
                            sanitize_html=True,
                            allow_tags=False,
                            latex_delimiters=[],
                            feedback_options=None,
                            buttons=[],
                        )
                        with gr.Row(equal_height=True):
                            question = gr.Textbox(
                                show_label=False,
                                placeholder="Ask about the statement, e.g. What did Fiji call for?",
                                max_length=MAX_QUESTION_CHARS,
                                lines=1,
                                max_lines=4,
                                scale=8,
                                autofocus=True,
                                elem_id="rq-question",
                            )
                            ask_button = gr.Button(
                                "Ask", variant="primary", scale=1, min_width=80, elem_id="rq-ask"
                            )
                            clear_button = gr.Button(
                                "Clear", scale=1, min_width=80, elem_id="rq-clear"
                            )
                        with gr.Row(elem_id="rq-brief", equal_height=True):
                            gr.HTML(
                                '<span class="rq-brief-title">Download the conversation as a '
                                "cited brief:</span>",
                                js_on_load=None,
                                scale=0,
                            )
                            word_button, markdown_button = (
                                gr.DownloadButton(
                                    name, size="sm", interactive=False, scale=0, elem_id=elem
                                )
                                for name, elem in BRIEF_BUTTONS
                            )
                    with gr.Column(scale=3, min_width=280, elem_classes="rq-side"):
                        gr.HTML("<h3>Try a question</h3>", js_on_load=None)
                        example_buttons = [
                            gr.Button(
                                text, size="sm", variant="secondary", elem_classes="rq-example"
                            )
                            for _, text in EXAMPLES
                        ]
                        gr.HTML("<h3>Narrow the search</h3>", js_on_load=None)
                        document_filter = gr.Dropdown(
                            document_choices(assistant),
                            value=[],
                            multiselect=True,
                            label="Statement",
                            elem_id="rq-documents",
                        )
                        theme_filter = gr.Dropdown(
                            theme_choices(assistant.passages),
                            value=[],
                            multiselect=True,
                            label="Theme",
                            elem_id="rq-themes",
                        )
                        kind_filter = gr.Dropdown(
                            kind_choices(),
                            value=[],
                            multiselect=True,
                            label="Kind of passage",
                            elem_id="rq-kinds",
                        )
                        actor_filter = gr.Dropdown(
                            actors,
                            value=[],
                            multiselect=True,
                            label="Country or organisation",
                            elem_id="rq-actors",
                        )
                        k_slider = gr.Slider(
                            1,
                            SLIDER_MAX,
                            value=5,
                            step=1,
                            label="Most sources per answer",
                            elem_id="rq-k",
                        )
            with gr.Tab(STATEMENT_TAB, id="read", render_children=True):
                reading = gr.HTML(reading_html(), js_on_load=None, elem_id="rq-doc")
            with gr.Tab("Library", id="library"):
                library = gr.HTML(library_html(assistant), js_on_load=None, elem_id="rq-library")
                if assistant.library_dir is not None:
                    gr.HTML(UPLOAD_HTML, js_on_load=None, elem_id="rq-upload")
            with gr.Tab("Use from code", id="api"):
                about_text = gr.Markdown(elem_id="rq-about")

        pending = gr.State("")
        history = gr.State([])
        answers = gr.State([])
        filters = [theme_filter, kind_filter, actor_filter]
        private: dict[str, Any] = {"api_visibility": "private", "queue": False}
        demo.load(about, None, about_text, **private)
        demo.load(
            refresh,
            None,
            [document_filter, theme_filter, actor_filter, reading, library],
            **private,
        )
        for dropdown in filters:
            dropdown.change(
                lambda t, k, a: active_filters_html(t, k, a, titles), filters, active, **private
            )
        clear_button.click(
            lambda: ([], [], "", [], [], [], []),
            None,
            [chat, history, question, answers, *filters],
            **private,
        ).then(brief, answers, [word_button, markdown_button], **private)
        triggers = [
            (question.submit, question),
            (ask_button.click, question),
            *((b.click, b) for b in example_buttons),
        ]
        for trigger, source in triggers:
            trigger(
                show_question,
                [source, history],
                [chat, history, question, pending, word_button, markdown_button],
                concurrency_limit=None,
                api_visibility="private",
            ).then(
                answer,
                [pending, history, answers, *filters, k_slider, document_filter],
                [chat, history, answers],
                concurrency_id="assistant",
                api_visibility="private",
            ).then(brief, answers, [word_button, markdown_button], **private)
        gr.api(not_an_mcp_tool(ask_record), api_name="ask", concurrency_id="assistant")
        if mcp:
            tool = mcp_tool(assistant, lambda m: gr.Error(m, print_exception=False))
            gr.api(tool, api_name="ask_text", concurrency_id="assistant")
    return demo


def server_address(request: gr.Request) -> str:
    """The address the browser used to reach this server (scheme, host, port, path)."""
    headers, raw = request.headers, request.request
    host = headers.get("x-forwarded-host") or headers.get("host") or "127.0.0.1"
    scheme = headers.get("x-forwarded-proto") or (raw.url.scheme if raw else "http")
    if not re.fullmatch(r"[A-Za-z0-9.\-]+(:\d+)?|\[[0-9A-Fa-f:.]+\](:\d+)?", host):
        host = "127.0.0.1"  # the Host guard lets only known names through; belt and braces
    root = (raw.scope.get("root_path", "") if raw else "").rstrip("/")
    return f"{'https' if scheme == 'https' else 'http'}://{host}{root}/"


def launch(
    demo: gr.Blocks,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | None = None,
    block: bool = True,
    extra_hosts: Sequence[str] = (),
    mcp: bool = True,
    assistant: Assistant | None = None,
) -> str:
    """Start the server with the page's look and safe defaults; returns its local URL.

    The guards (ui/guard.py) answer before Gradio does, on every route including MCP
    and the JSON API: Host allow-list, no uploads, a cap on every request body, and a
    growing wait after failed sign-ins; with `auth`, MCP clients must send the same user
    and password. With `assistant`, the JSON API (ui/api.py) is served at /api behind
    the same guards and login, and statements can be added to its library on their own
    route with its own cap (ui/upload.py).
    """
    routes = []
    if assistant is not None:
        api = build_api(assistant, auth=auth, session_user=lambda r: signed_in_user(demo, r))
        routes.append(Mount(API_PATH, app=api))
    # One assistant on a small machine: asks run one at a time, each in a fraction of a
    # second, and a bounded queue refuses a flood instead of growing without limit.
    # Gradio re-summarises up to 10,000 event records with pandas after every event (46 ms
    # at 10,000 on our 2 cores); summarising every 100th keeps a weeks-long server as fast.
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "100")
    demo.queue(default_concurrency_limit=1, max_size=64)
    upload = upload_middleware(assistant, login=auth is not None) if assistant else None
    middleware = guards(
        host,
        extra_hosts=extra_hosts,
        auth=auth is not None,
        mcp_credentials=auth if mcp else None,
        upload=upload,
    )
    with contextlib.redirect_stdout(io.StringIO()):  # Gradio prints its MCP banner anyway
        _, url, _ = demo.launch(
            server_name=host,
            server_port=port,
            auth=auth,
            auth_message="Sign in to ask the outcome statement." if auth else None,
            allowed_paths=[],
            max_threads=16,
            # Each /ask call is a new session whose copy of the page config (~70 KB) Gradio
            # keeps; 10,000 by default grows RSS by ~0.7 GB. Browsers keep history client-side.
            state_session_capacity=256,
            ssr_mode=False,
            mcp_server=mcp,
            app_kwargs={"middleware": middleware, "routes": routes},  # ours before Gradio's
            max_file_size=MAX_REQUEST_BYTES,
            footer_links=["api"],
            theme=theme(),
            css=CSS,
            js=JS,
            prevent_thread_lock=True,
            quiet=True,
        )
    if mcp and auth and demo.mcp_server_obj is not None:
        # Gradio runs a queued tool through a client of its own server, which has no
        # login; give it one (the MCP caller has already signed in through McpSignIn).
        demo.mcp_server_obj._client_instance = Client(
            url, auth=auth, verbose=False, download_files=False, analytics_enabled=False,
            headers={"x-gradio-user": "mcp"},
        )
    if demo.mcp_error:
        print(f"MCP is off: {demo.mcp_error}", file=sys.stderr)
    if block:
        print(f"The chat is at {url} (Ctrl-C stops it).", flush=True)
        if mcp and demo.mcp_server_obj is not None:
            print(f"MCP clients: {url.rstrip('/')}{MCP_PATH} (tool `ask`).", flush=True)
        demo.block_thread()
    return url


def serve(
    load: Callable[[], Assistant],
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: str | None = None,
    extra_hosts: Sequence[str] = (),
    mcp: bool = True,
    batch_window_ms: float | None = None,
    max_batch: int | None = None,
) -> None:
    """Check what can be wrong, then load (or build) the assistant and serve until Ctrl-C.

    `load` is called only after the checks, so a port in use or a bad --auth costs no
    model load; the command line passes one that shows a progress bar. Questions are
    encoded in micro-batches (window and size from the arguments, else the settings).
    """
    credentials = preflight(host, port, auth)  # before the model loads: mistakes cost no wait
    window, largest = batching(batch_window_ms, max_batch)
    steady_memory()  # before the model loads, so its load-time peak goes back too
    without_matplotlib()
    pandas_on_first_use()
    assistant = with_batching(load(), window, largest)
    launch(
        build_app(assistant, mcp=mcp, auth=credentials is not None),
        host=host,
        port=port,
        auth=credentials,
        extra_hosts=extra_hosts,
        mcp=mcp,
        assistant=assistant,
    )


def with_batching(assistant: Assistant, window_ms: float, max_batch: int) -> Assistant:
    """The assistant, its questions now encoded in micro-batches (index/batching.py)."""
    assistant.embedder = BatchingEncoder(
        assistant.embedder, window_ms=window_ms, max_batch=max_batch
    )
    return assistant


def signed_in_user(demo: gr.Blocks, request: Request) -> str | None:
    """The user signed in on the page (Gradio's login cookie), if any."""
    app = getattr(demo, "server_app", None)
    if app is None:
        return None
    cookies = request.cookies
    token = cookies.get(f"access-token-{app.cookie_id}") or cookies.get(
        f"access-token-unsecure-{app.cookie_id}"
    )
    return app.tokens.get(token) if token else None
