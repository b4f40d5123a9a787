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

from cli.support import (
    friendly,
    load_assistant,
    progress_bar,
    question_text,
    settings_from,
    write_text,
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Ask the Outcome Statement of the Fourth RSO Constructive Dialogue, and the other "
    "statements you add.",
)

IndexDir = Annotated[
    Path | None,
    typer.Option(
        "--index-dir", help="Index folder (default: $RSO_QA_HOME/index or the per-user data dir)."
    ),
]
Model = Annotated[
    str | None,
    typer.Option(
        "--model", help="Embedding model name or folder (default: all-MiniLM-L6-v2, packaged)."
    ),
]
Corpus = Annotated[
    Path | None,
    typer.Option("--corpus", help="Statement file (default: the embedded statement)."),
]
Docs = Annotated[
    list[str] | None,
    typer.Option("--doc", help="Only this document (an id from `rso-qa docs`); repeat for more."),
]


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


@app.command()
@friendly
def add(
    path: Annotated[
        Path, typer.Argument(help="A statement: PDF, Word (.docx), HTML, Markdown or text.")
    ],
    doc_id: Annotated[
        str | None, typer.Option("--id", help="Its short id (default: from the file name).")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Its title (default: the one it states).")
    ] = None,
    corpus: Corpus = None,
    model: Model = None,
    index_dir: IndexDir = None,
) -> None:
    """Copy a statement into the library and index it (only what is new)."""
    from corpus.library import Library

    settings = settings_from(corpus, model, index_dir)
    library = Library(settings.library_dir)
    library.check_ours()
    # The file is read and parsed before the model loads: a bad one costs no wait.
    found = library.prepare(path, doc_id=doc_id, title=title, taken=library.taken(settings.corpus))
    if isinstance(found, str):
        typer.echo(f"{path} is already in the library as {found!r}; nothing to do.")
        return
    assistant = load_assistant(settings)
    bar, update = progress_bar()
    with bar:
        document, added = assistant.add_document(found, progress=update)
    if not added:
        typer.echo(f"{path} is already in the library as {document.id!r}; nothing to do.")
        return
    typer.echo(
        f"Added {document.id!r}: {document.title} ({document.format}, {document.passages} "
        f"passages{', ' + document.date if document.date else ''}). Ask it with --doc "
        f"{document.id}."
    )


@app.command()
@friendly
def docs(
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
    corpus: Corpus = None,
    model: Model = None,
    index_dir: IndexDir = None,
) -> None:
    """List the documents of the library: the bundled statement and those added."""
    from cli.support import library_documents

    documents = library_documents(settings_from(corpus, model, index_dir))
    if as_json:
        rows = [d.to_dict() for d in documents]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "title", "date", "format", "passages")
    for d in documents:
        table.add_row(d.id, d.title, d.date or "–", d.format, str(d.passages))
    Console().print(table)


@app.command()
@friendly
def remove(
    doc_id: Annotated[str, typer.Argument(help="The id of an added document (see `rso-qa docs`).")],
    corpus: Corpus = None,
    model: Model = None,
    index_dir: IndexDir = None,
) -> None:
    """Remove a document you added (its copy in the library, and its passages)."""
    from corpus.errors import UsageError
    from corpus.library import Library

    settings = settings_from(corpus, model, index_dir)
    entries = Library(settings.library_dir).entries()
    if doc_id not in {e.id for e in entries}:
        known = ", ".join(e.id for e in entries) or "none"
        raise UsageError(
            f"the library has no added document {doc_id!r} (added documents: {known}); the "
            "bundled statement cannot be removed"
        )
    document = load_assistant(settings).remove_document(doc_id)
    typer.echo(f"Removed {document.id!r}: {document.title}.")


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
    corpus: Corpus = None,
    model: Model = None,
    index_dir: IndexDir = None,
) -> None:
    """Start the chat UI (http://127.0.0.1:7860), the JSON API (/api/ask, /api/docs) and
    the MCP tool `ask`."""
    from ui.preflight import batching, preflight
    from ui.process import steady_memory, without_matplotlib

    # The login setting, the port, the batching and the index folder are checked before
    # Gradio loads.
    credentials = preflight(host, port, auth)
    window, largest = batching(batch_window_ms, max_batch)
    steady_memory()  # before the model loads, so its load-time peak goes back too
    without_matplotlib()
    assistant = load_assistant(settings_from(corpus, model, index_dir))
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


@app.command("eval")
@friendly
def eval_command(
    questions: Annotated[
        Path | None,
        typer.Option(
            "--questions",
            help="Question file, one JSON object a line (default: the dev, test and blind sets).",
        ),
    ] = None,
    split: Annotated[
        str | None,
        typer.Option("--split", help="Run one set only: dev, test or blind."),
    ] = None,
    k: Annotated[int, typer.Option("--k", help="Most passages (or chunks) each system cites.")] = 5,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the full report as JSON to this file.")
    ] = None,
    chart: Annotated[
        Path | None,
        typer.Option("--chart", help="Write a PNG chart of the run (one per set) to this file."),
    ] = None,
    config: Annotated[
        list[str] | None,
        typer.Option(
            "--config",
            help="Assistant config to run; repeat for more (default: default, dense-only).",
        ),
    ] = None,
    no_baselines: Annotated[
        bool, typer.Option("--no-baselines", help="Skip the two tutorial baselines.")
    ] = False,
    failures: Annotated[
        int,
        typer.Option(
            "--failures", help="How many failures of the first config to list (dev set only)."
        ),
    ] = 10,
    doc: Docs = None,
    per_document: Annotated[
        bool, typer.Option("--per-document", help="Run each config on each document alone.")
    ] = False,
    corpus: Corpus = None,
    model: Model = None,
    index_dir: IndexDir = None,
) -> None:
    """Run question sets through assistant configs and baselines; print the metrics.

    Without --questions or --split, the dev, test and blind sets run side by side
    with the generalisation gap (dev Hit@1 minus blind Hit@1).
    """
    from corpus.errors import UsageError
    from corpus.files import read_document_bytes
    from eval.questions import load_questions
    from eval.report import print_report, print_sets
    from eval.run import DEFAULT_CONFIGS, Report, run_eval, run_sets
    from eval.splits import SETS, question_set
    from qa.assistant import MAX_K
    from qa.retrieve import config_named

    # Everything that can be wrong is checked before the model loads.
    names = [n.strip() for value in config or DEFAULT_CONFIGS for n in value.split(",")]
    for name in names:
        config_named(name)
    if not 1 <= k <= MAX_K:
        raise UsageError(f"--k must be from 1 to {MAX_K}, not {k}")
    if failures < 0:
        raise UsageError(f"--failures must be 0 or more, not {failures}")
    if questions is not None and split is not None:
        raise UsageError("give --questions or --split, not both")
    if split is not None and split not in SETS:
        raise UsageError(f"--split must be one of {', '.join(SETS)}, not {split!r}")
    for out in (json_out, chart):
        if out is not None and not out.parent.is_dir():
            raise UsageError(f"no folder {out.parent} to write {out.name} in; create it")
    if questions is not None:
        sets = [(str(questions), load_questions(questions))]
    else:
        sets = [(name, question_set(name)) for name in ([split] if split else SETS)]
    settings = settings_from(corpus, model, index_dir)
    source = None if no_baselines else read_document_bytes(settings.corpus).decode("utf-8")
    assistant = load_assistant(settings)
    if doc:
        from qa.documents import check_documents

        check_documents(doc, assistant.documents)
    configs = list(dict.fromkeys(names))
    bar, update = progress_bar()
    with bar:
        if len(sets) == 1:
            report = run_eval(
                assistant,
                sets[0][1],
                configs=configs,
                k=k,
                source_text=source,
                questions_file=sets[0][0],
                progress=update,
                documents=doc,
                per_document=per_document,
            )
        else:
            many = run_sets(
                assistant,
                sets,
                configs=configs,
                k=k,
                source_text=source,
                progress=update,
                documents=doc,
                per_document=per_document,
            )
    charts: list[tuple[Path, Report]]
    if len(sets) == 1:
        print_report(report, failures=failures)
        data = report.to_dict()
        charts = [(chart, report)] if chart else []
    else:
        print_sets(many, failures=failures)
        data = many.to_dict()
        charts = [
            (chart.with_name(f"{chart.stem}-{name}{chart.suffix}"), one)
            for name, one in many.reports
            if chart
        ]
    if json_out is not None:
        write_text(json_out, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        typer.echo(f"Wrote {json_out}")
    if charts:
        from eval.chart import write_chart

        for path, one in charts:
            typer.echo(f"Wrote {write_chart(one, path)}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
