"""A first Gradio chat over the assistant; cited passages under each answer."""

from __future__ import annotations

import html
import os

import gradio as gr

from qa.assistant import Assistant
from qa.records import Answer
from qa.settings import Settings

__all__ = ["build_app", "format_answer", "serve"]


def format_answer(answer: Answer) -> str:
    """Answer text and numbered sources as escaped HTML."""
    parts = [f"<p>{html.escape(answer.text)}</p>"]
    sources = answer.related if answer.abstained else answer.citations
    if answer.abstained and sources:
        parts.append("<p><em>Related passages (not an answer):</em></p>")
    for c in sources:
        parts.append(
            f"<details><summary>[{c.n}] {html.escape(c.passage.label)} "
            f"<code>{html.escape(c.passage.id)}</code></summary>"
            f"<p>{html.escape(c.passage.text)}</p></details>"
        )
    return "\n".join(parts)


def build_app(assistant: Assistant) -> gr.Blocks:
    def respond(message: str, history: list) -> str:
        try:
            return format_answer(assistant.ask(message))
        except ValueError as exc:
            return html.escape(str(exc))

    with gr.Blocks(title="rso-qa") as demo:
        gr.ChatInterface(respond, title="Ask the Outcome Statement")
    return demo


def serve(
    settings: Settings, *, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None
) -> None:
    assistant = Assistant.load(
        corpus=settings.corpus, model=settings.model, index_dir=settings.index_dir
    )
    auth = auth or os.environ.get("RSO_QA_AUTH")
    creds = tuple(auth.split(":", 1)) if auth else None
    build_app(assistant).launch(server_name=host, server_port=port, auth=creds)
