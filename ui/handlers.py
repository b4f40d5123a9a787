"""What the page and the JSON API do with a question: check it, ask, render.

Plain functions over a real `Assistant`, so they are tested without a server. The
question is checked (length, emptiness) before any model work; bad input comes back
as one sentence, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from corpus.errors import InvalidQuestionError
from qa.analyse import clean_question
from qa.assistant import Assistant
from qa.records import Answer
from ui.render import answer_html, error_html, filters_html, question_html

__all__ = [
    "Message",
    "answer_turn",
    "api_answer",
    "ask_turn",
    "filters_from",
    "reply",
    "theme_titles",
    "user_message",
]

Message = dict[str, Any]


def filters_from(
    themes: Any = None, kinds: Any = None, actors: Any = None, documents: Any = None
) -> dict[str, Any]:
    """The filter mapping `Assistant.ask` takes; it checks, caps and deduplicates the values."""
    out = {"themes": themes, "kinds": kinds, "actors": actors}
    if documents:
        out["documents"] = documents
    return out


def answer_turn(
    assistant: Assistant,
    message: str,
    *,
    themes: Iterable[Any] | None = None,
    kinds: Iterable[str] | None = None,
    actors: Iterable[str] | None = None,
    k: Any = 5,
    documents: Iterable[str] | None = None,
) -> tuple[str, Answer | None]:
    """One chat message answered: its HTML (cited answer, abstention or refusal) and the
    Answer record for the session's brief (None when the message was refused)."""
    try:
        clean_question(message)  # length and emptiness, before any model work
        filters = assistant.filters(filters_from(themes, kinds, actors, documents))
        answer = assistant.ask(message, k=_k(k), filters=filters)
    except InvalidQuestionError as exc:
        return error_html(str(exc)), None
    return answer_html(answer, filters_html(filters, theme_titles(assistant))), answer


def ask_turn(assistant: Assistant, message: str, **options: Any) -> str:
    """The answer to one chat message as HTML; `options` as for `answer_turn`."""
    return answer_turn(assistant, message, **options)[0]


def theme_titles(assistant: Assistant) -> dict[int, str]:
    """Theme number -> title, as the statement's theme sections name them."""
    return {p.theme: p.theme_title for p in assistant.passages if p.theme and p.theme_title}


def user_message(message: str) -> Message:
    """The chat entry for what the user typed, shown as literal text."""
    return {"role": "user", "content": question_html(message if isinstance(message, str) else "")}


def reply(html: str) -> Message:
    """The chat entry for the assistant's answer."""
    return {"role": "assistant", "content": html}


def api_answer(
    assistant: Assistant,
    question: str,
    k: int = 5,
    themes: list[int] | None = None,
    kinds: list[str] | None = None,
    actors: list[str] | None = None,
    documents: list[str] | None = None,
) -> dict[str, Any]:
    """`Answer.to_dict()` for the JSON endpoint; bad input raises InvalidQuestionError."""
    clean_question(question)
    filters = filters_from(themes, kinds, actors, documents)
    answer = assistant.ask(question, k=_k(k), filters=filters)
    return answer.to_dict()


def _k(k: Any) -> int:
    """Sliders send floats; 5.0 means 5. Anything else is left for `ask` to refuse."""
    if isinstance(k, float) and k.is_integer():
        return int(k)
    return k

