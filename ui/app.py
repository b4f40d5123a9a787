"""The Gradio app: a cited chat, filters, the statement to read, and a JSON endpoint.

`serve()` is what `rso-qa serve` runs: it loads (or first builds, with a progress
bar in the terminal) the index, then binds 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import gradio as gr

from corpus.passage import KINDS
from qa.assistant import Assistant
from qa.settings import MAX_QUESTION_CHARS
from ui.assets import CSS, JS, STATEMENT_TAB, theme
from ui.guard import MAX_REQUEST_BYTES, guards
from ui.handlers import api_answer, ask_turn, reply, user_message
from ui.preflight import parse_auth, preflight
from ui.reading import statement_html
from ui.render import KIND_LABELS, theme_name
from ui.texts import ABOUT, EXAMPLES, HEADER, PLACEHOLDER

__all__ = ["build_app", "launch", "parse_auth", "serve"]  # parse_auth: from ui.preflight

MAX_CHAT_MESSAGES = 100  # 50 questions and answers kept per browser session


def build_app(assistant: Assistant) -> gr.Blocks:
    """The Blocks for one loaded assistant; per-browser-session chat history."""
    themes = sorted({(p.theme, p.theme_title) for p in assistant.passages if p.theme})
    theme_choices = [(theme_name(n, title), n) for n, title in themes]
    kind_choices = [(KIND_LABELS[k], k) for k in KINDS]

    # The chat history lives on the server (a bounded State), so a browser sends only
    # its question and filters: no request grows with the length of a conversation.
    def show_question(message: str, history: list) -> tuple[list, list, str, str]:
        shown = [*(history or []), user_message(message)][-MAX_CHAT_MESSAGES:]
        return shown, shown, "", message

    def answer(
        message: str, history: list, themes: list, kinds: list, actors: list, k: float
    ) -> tuple[list, list]:
        html = ask_turn(assistant, message, themes=themes, kinds=kinds, actors=actors, k=k)
        shown = [*(history or []), reply(html)][-MAX_CHAT_MESSAGES:]
        return shown, shown

    def ask(
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

    with gr.Blocks(title="Ask the Outcome Statement · RSO", analytics_enabled=False) as demo:
        gr.HTML(HEADER, js_on_load=None)
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=7, min_width=420):
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
                                "Clear",
                                scale=1,
                                min_width=80,
                                elem_id="rq-clear",
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
                        theme_filter = gr.Dropdown(
                            theme_choices,
                            value=[],
                            multiselect=True,
                            label="Theme",
                            elem_id="rq-themes",
                        )
                        kind_filter = gr.Dropdown(
                            kind_choices,
                            value=[],
                            multiselect=True,
                            label="Kind of passage",
                            elem_id="rq-kinds",
                        )
                        actor_filter = gr.Dropdown(
                            list(assistant.actors),
                            value=[],
                            multiselect=True,
                            label="Country or organisation",
                            elem_id="rq-actors",
                        )
                        k_slider = gr.Slider(
                            1,
                            10,
                            value=5,
                            step=1,
                            label="Most sources per answer",
                            elem_id="rq-k",
                        )
            with gr.Tab(STATEMENT_TAB, id="read", render_children=True):
                gr.HTML(statement_html(assistant.passages), js_on_load=None, elem_id="rq-doc")
            with gr.Tab("Use from code", id="api"):
                gr.Markdown(ABOUT)

        pending = gr.State("")
        history = gr.State([])
        filters = [theme_filter, kind_filter, actor_filter, k_slider]
        clear_button.click(
            lambda: ([], [], ""),
            None,
            [chat, history, question],
            queue=False,
            api_visibility="private",
        )
        triggers = [
            (question.submit, question),
            (ask_button.click, question),
            *((b.click, b) for b in example_buttons),
        ]
        for trigger, source in triggers:
            trigger(
                show_question,
                [source, history],
                [chat, history, question, pending],
                concurrency_limit=None,
                api_visibility="private",
            ).then(
                answer,
                [pending, history, *filters],
                [chat, history],
                concurrency_id="assistant",
                api_visibility="private",
            )
        gr.api(ask, api_name="ask", concurrency_id="assistant")
    return demo


def launch(
    demo: gr.Blocks,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | None = None,
    block: bool = True,
    extra_hosts: Sequence[str] = (),
) -> str:
    """Start the server with the page's look and safe defaults; returns its local URL.

    The guards (ui/guard.py) answer before Gradio does: Host allow-list, no uploads,
    a cap on every request body, and a growing wait after failed sign-ins.
    """
    # One assistant on a small machine: asks run one at a time, each in a fraction of a
    # second, and a bounded queue refuses a flood instead of growing without limit.
    # Gradio re-summarises up to 10,000 event records with pandas after every event (46 ms
    # at 10,000 on our 2 cores); summarising every 100th keeps a weeks-long server as fast.
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "100")
    demo.queue(default_concurrency_limit=1, max_size=64)
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
        mcp_server=False,
        app_kwargs={"middleware": guards(host, extra_hosts=extra_hosts, auth=auth is not None)},
        max_file_size=MAX_REQUEST_BYTES,
        footer_links=["api"],
        theme=theme(),
        css=CSS,
        js=JS,
        prevent_thread_lock=not block,
        quiet=not block,
    )
    return url


def serve(
    load: Callable[[], Assistant],
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: str | None = None,
    extra_hosts: Sequence[str] = (),
) -> None:
    """Check what can be wrong, then load (or build) the assistant and serve until Ctrl-C.

    `load` is called only after the checks, so a port in use or a bad --auth costs no
    model load; the command line passes one that shows a progress bar.
    """
    credentials = preflight(host, port, auth)  # before the model loads: mistakes cost no wait
    assistant = load()
    launch(
        build_app(assistant), host=host, port=port, auth=credentials, extra_hosts=extra_hosts
    )
