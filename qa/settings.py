"""Where things live and how the app is reached: one frozen Settings."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.errors import UsageError
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
    # Micro-batching in the server: how long an idle encoder waits for more questions to
    # join the first one, and the most questions one forward pass takes (on this 2-core
    # machine a pass of 16 costs no less a question than one of 8; bench/serving.py).
    batch_window_ms: float = field(
        default_factory=lambda: _env_number("RSO_QA_BATCH_WINDOW_MS", 2.0, float)
    )
    max_batch: int = field(default_factory=lambda: _env_number("RSO_QA_MAX_BATCH", 8, int))
    # Threads for one forward pass in the server (0: one per core, as `ask` uses; one
    # thread cost less CPU but answered fewer questions a second at 32 clients).
    encoder_threads: int = field(
        default_factory=lambda: _env_number("RSO_QA_ENCODER_THREADS", 0, int)
    )

    @property
    def library_dir(self) -> Path:
        """Where added statements are kept: beside the index folder."""
        return self.index_dir.parent / "library"


def _env_number(name: str, default: Any, kind: Callable[[str], Any]) -> Any:
    """A number from the environment, or one sentence naming the variable."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return kind(value)
    except ValueError:
        raise UsageError(f"{name}={value!r} is not a {kind.__name__}; unset it or fix it") from None
