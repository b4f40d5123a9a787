"""Options every command that reads the index shares: where the index, the model and the
statement are, and which documents to ask."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["Corpus", "Docs", "IndexDir", "Model"]

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
