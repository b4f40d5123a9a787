"""What every command shares: one-sentence errors, the question, settings, progress.

Nothing here imports a heavy library at module level, so `rso-qa --help` stays instant.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.progress import Progress

    from qa.assistant import Assistant
    from qa.settings import Settings

__all__ = [
    "friendly",
    "library_documents",
    "load_assistant",
    "progress_bar",
    "question_text",
    "settings_from",
    "write_text",
]


def _fail(message: str, code: int = 2) -> None:
    from rich.console import Console
    from rich.markup import escape

    # Escaped, because messages quote user input ("[/]" would be read as markup), and on
    # one line, so that a long path is never broken.
    line = escape(" ".join(message.split()))
    Console(stderr=True, soft_wrap=True).print(f"[bold red]Error:[/] {line}", highlight=False)
    raise typer.Exit(code)


def friendly(command: Callable) -> Callable:
    """Turn our errors into one sentence and exit code 2.

    Anything else is a bug: one sentence and exit code 1, the traceback only with
    RSO_QA_DEBUG=1, so a user never sees (or pastes) a wall of frames.
    """

    @wraps(command)
    def wrapper(*args, **kwargs):
        from corpus.errors import RsoQaError

        try:
            return command(*args, **kwargs)
        except RsoQaError as exc:
            _fail(str(exc))
        except Exception as exc:
            if os.environ.get("RSO_QA_DEBUG"):
                raise
            _fail(
                f"unexpected {type(exc).__name__}: {exc}. Run again with RSO_QA_DEBUG=1 for "
                "the traceback and report it",
                code=1,
            )

    return wrapper


def question_text(question: str) -> str:
    """The question from the argument, or from standard input when it is `-`.

    Bytes that are not UTF-8 are refused with their position rather than guessed at.
    """
    from corpus.errors import InvalidQuestionError

    if question == "-":
        data = sys.stdin.buffer.read()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidQuestionError(
                f"The question on standard input is not UTF-8 text (byte "
                f"{data[exc.start]:#04x} at position {exc.start}); save it as UTF-8 and retry."
            ) from None
    # Python carries undecodable argument bytes as lone surrogates (U+DC80-U+DCFF).
    bad = next((i for i, ch in enumerate(question) if "\udc80" <= ch <= "\udcff"), None)
    if bad is not None:
        raise InvalidQuestionError(
            f"The question is not UTF-8 text (byte {ord(question[bad]) - 0xDC00:#04x} at "
            f"character {bad}); set a UTF-8 locale or pass the question on standard input."
        )
    return question


def settings_from(corpus: Path | None, model: str | None, index_dir: Path | None) -> Settings:
    """The settings with what the command line gave in place of the defaults."""
    from qa.settings import Settings  # noqa: F811 - at run time, not only for types

    base = Settings()
    return Settings(
        corpus=corpus or base.corpus,
        model=model or base.model,
        index_dir=index_dir or base.index_dir,
    )


def progress_bar() -> tuple[Progress, Callable[[str, int, int], None]]:
    """A rich progress bar fed by the index builder's (stage, done, total) calls."""
    from rich.progress import (  # noqa: F811 - at run time, not only for types
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return bar, update


def load_assistant(
    settings: Settings,
    *,
    force: bool = False,
    config: str | None = None,
    encoder_threads: int | None = None,
    encoder_arena: bool = False,
) -> Assistant:
    """The assistant for these settings, with a progress bar if it must build."""
    from qa.assistant import Assistant  # noqa: F811 - at run time, not only for types

    bar, update = progress_bar()
    with bar:
        return Assistant.load(
            corpus=settings.corpus,
            model=settings.model,
            index_dir=settings.index_dir,
            force=force,
            config=config,
            progress=update,
            encoder_threads=encoder_threads,
            encoder_arena=encoder_arena,
        )


def library_documents(settings: Settings) -> tuple:
    """The library's documents, from the index when it is current (no model to load)."""
    from corpus.errors import IndexError_
    from corpus.files import document_sha256
    from corpus.library import Library, corpus_key
    from index.store import IndexStore

    library = Library(settings.library_dir)
    key = corpus_key(document_sha256(settings.corpus), library.entries())
    try:
        store = IndexStore.load(settings.index_dir, corpus_sha256=key, model=settings.model)
        return store.documents
    except IndexError_:
        return load_assistant(settings).documents


def write_text(path: Path, text: str) -> None:
    """Write an output file the user named, or say in one sentence why it cannot be."""
    from corpus.errors import UsageError

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"cannot write {path}: {exc.strerror or exc}; pick a writable path"
        ) from None
