"""`rso-qa`: build the index, ask a question, serve the UI, run the eval.

Heavy libraries (torch, FAISS, Gradio) are imported inside the commands, so that
`rso-qa --help` answers at once.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from cli.evaluate import eval_command
from cli.library import add, docs, remove
from cli.options import Corpus, Docs, IndexDir, Model
from cli.support import (
    friendly,
    load_assistant,
    question_text,
    settings_from,
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Ask the Outcome Statement of the Fourth RSO Constructive Dialogue, and the other "
    "statements you add.",
)


@app.command()
@friendly
def build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if current.")] = False,
    corpus: Corpus = None,
    model: Model = None,
    index_dir: IndexDir = None,
) -> None:
    """Build (or check) the index for the statement."""
    settings = settings_from(corpus, model, index_dir)
    assistant = load_assistant(settings, force=force)
    m = assistant.store.manifest
    typer.echo(
        f"Index ready at {settings.index_dir}: {m.passages} passages, {m.units} units, "
        f"{m.model} ({m.dimension}-d), {m.index_type}."
    )


@app.command()
@friendly
def ask(
    question: Annotated[
        str, typer.Argument(help="Your question, in quotes, or - to read it from standard input.")
    ],
    k: Annotated[int, typer.Option("--k", help="Most passages to cite.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Answer as JSON.")] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Also write a cited brief to FILE: .md (Markdown) or .docx (Word).",
            metavar="FILE",
        ),
    ] = None,
    config: Annotated[str | None, typer.Option(help="Retrieval config name.")] = None,
    doc: Docs = None,
    corpus: Corpus = None,
    model: Model = None,
    index_dir: IndexDir = None,
) -> None:
    """Answer QUESTION with cited passages of the statement (and the documents added)."""
    from qa.analyse import clean_question
    from qa.brief import check_brief_path, write_brief

    question = question_text(question)
    clean_question(question)  # fail on a bad question or --out before loading any model
    if out is not None:
        check_brief_path(out)
    assistant = load_assistant(settings_from(corpus, model, index_dir), config=config)
    answer = assistant.ask(question, k=k, documents=doc or None)
    if as_json:
        sys.stdout.write(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        from qa.render import print_answer

        print_answer(answer)
    if out is not None:
        write_brief(out, [answer], title=assistant.document_title)
        typer.echo(f"Wrote the brief to {out}", err=as_json)


app.command()(add)
app.command()(docs)
app.command()(remove)


@app.command()
@friendly
def serve(
    host: Annotated[str, typer.Option(help="Address to bind; loopback by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7860,
    auth: Annotated[
        str | None, typer.Option(help="user:password to require a login (or set RSO_QA_AUTH).")
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Another host name the server may be reached by (e.g. behind a proxy); "
            "repeat for more. Loopback names and --host are always allowed.",
        ),
    ] = None,
    no_mcp: Annotated[
        bool,
        typer.Option(
            "--no-mcp", help="Do not serve the MCP endpoint (/gradio_api/mcp/) for AI assistants."
        ),
    ] = False,
    batch_window_ms: Annotated[
        float | None,
        typer.Option(
            "--batch-window-ms",
            help="How long an idle model waits for more questions to encode together "
            "(default 2, or RSO_QA_BATCH_WINDOW_MS).",
        ),
    ] = None,
    max_batch: Annotated[
        int | None,
        typer.Option(
            "--max-batch",
            help="Most questions in one forward pass (default 8, or RSO_QA_MAX_BATCH).",
        ),
    ] = None,
    encoder_threads: Annotated[
        int | None,
        typer.Option(
            "--encoder-threads",
            help="Threads for one forward pass; 0 is one per core "
            "(default 0, or RSO_QA_ENCODER_THREADS).",
        ),
    ] = None,
    corpus: Corpus = None,
    model: Model = None,
    index_dir: IndexDir = None,
) -> None:
    """Start the chat UI (http://127.0.0.1:7860), the JSON API (/api/ask, /api/docs) and
    the MCP tool `ask`."""
    from ui.preflight import batching, preflight, thread_count
    from ui.process import pandas_on_first_use, steady_memory, without_matplotlib

    # The login setting, the port, the batching and the index folder are checked before
    # Gradio loads.
    credentials = preflight(host, port, auth)
    window, largest = batching(batch_window_ms, max_batch)
    threads = thread_count(encoder_threads)
    steady_memory()  # before the model loads, so its load-time peak goes back too
    without_matplotlib()
    pandas_on_first_use()
    # The model keeps its buffers from one forward pass to the next (a server's passes
    # are alike): no fresh pages to fault in for every batch.
    assistant = load_assistant(
        settings_from(corpus, model, index_dir), encoder_threads=threads, encoder_arena=True
    )
    from ui.app import build_app, launch, with_batching

    assistant = with_batching(assistant, window, largest)
    launch(
        build_app(assistant, mcp=not no_mcp, auth=credentials is not None),
        host=host,
        port=port,
        auth=credentials,
        extra_hosts=allow_host or (),
        mcp=not no_mcp,
        assistant=assistant,
    )


app.command("eval")(eval_command)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
