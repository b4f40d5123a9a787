"""The MCP tool: `ask(question, k)` for AI assistants, served by Gradio's MCP server.

Gradio turns every public API function into an MCP tool named after the function, with
its docstring as the description a client's model reads to decide when to call it. So
the docstring here says when to use the tool, what the JSON holds and how to cite it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from qa.assistant import MAX_K, Assistant
from qa.settings import MAX_QUESTION_CHARS
from ui.handlers import api_answer

__all__ = ["MCP_PATH", "TOOL_DOC", "mcp_tool", "not_an_mcp_tool"]

MCP_PATH = "/gradio_api/mcp/"

TOOL_DOC = f"""Answer a question about the Outcome Statement of the Fourth RSO Constructive
Dialogue (Regional Support Office of the Bali Process, 27-28 January 2026) in the
statement's own words, with numbered citations.

Call it for any question about what the statement says: what a country or
organisation (Fiji, Indonesia, IOM, UNODC, ...) reported, recommended or called for;
its four themes, key insights and recommendations; who took part; what an acronym in
it stands for. Ask one plain question per call. The result is JSON text: `text` is the
answer, made of sentences quoted verbatim, each followed by a marker [n]; citation n
(in `citations`) has `label`, the reference to cite, and `passage.text`, the whole
passage, with `highlights` giving the quoted sentences as character offsets. When
`abstained` is true the statement does not answer the question: say so, and never
present the `related` passages as an answer. Quote the answer as given, keep its [n]
markers, list each cited source by its `label`, and add nothing the cited passages do
not say.

Args:
    question: The question, in plain English, at most {MAX_QUESTION_CHARS:,} characters.
    k: The most passages to cite, from 1 to {MAX_K} (5 unless more are wanted).
"""


def mcp_tool(assistant: Assistant, refuse: Callable[[str], Exception]) -> Callable[..., str]:
    """The `ask` tool over one assistant; a bad question raises `refuse(sentence)`."""

    def ask(question: str, k: int = 5) -> str:
        try:
            return json.dumps(api_answer(assistant, question, k), ensure_ascii=False)
        except ValueError as exc:  # InvalidQuestionError is a ValueError
            raise refuse(str(exc)) from None

    ask.__doc__ = TOOL_DOC
    return ask


def not_an_mcp_tool(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Keep an API function out of the MCP tool list (Gradio lists every public one).

    Gradio lists only functions whose `_mcp_type` is unset or "tool" (gradio/mcp.py,
    `list_tools`); its own decorators set it to "resource" or "prompt".
    """
    fn._mcp_type = "api"  # type: ignore[attr-defined]
    return fn
