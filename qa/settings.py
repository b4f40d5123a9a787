"""Where things live and how the app is reached: one frozen Settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from corpus.statement import DEFAULT_SOURCE
from index.embed import DEFAULT_MODEL

__all__ = ["MAX_QUESTION_CHARS", "Settings", "default_index_dir"]

MAX_QUESTION_CHARS = 2000


def default_index_dir() -> Path:
    """`$RSO_QA_HOME/index`, else the per-user data folder: never inside the code."""
    home = os.environ.get("RSO_QA_HOME")
    if home:
        return Path(home).expanduser() / "index"
    import platformdirs

    return Path(platformdirs.user_data_dir("rso-qa", appauthor=False)) / "index"


@dataclass(frozen=True)
class Settings:
    """Where the statement, the model and the index are: what every command takes."""

    corpus: Path = DEFAULT_SOURCE
    model: str = field(default_factory=lambda: os.environ.get("RSO_QA_MODEL", DEFAULT_MODEL))
    index_dir: Path = field(default_factory=default_index_dir)
