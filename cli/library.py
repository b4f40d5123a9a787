"""`rso-qa add`, `docs` and `remove`: the library of statements."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from cli.options import Corpus, IndexDir, Model
from cli.support import friendly, load_assistant, progress_bar, settings_from

__all__ = ["add", "docs", "remove"]


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
