"""The chat session's brief, ready to download as Word or Markdown.

The session's Answer records stay on the server (a bounded State), so the browser
never sends a conversation back; after each answer the brief of the whole session is
written here, one folder per browser session, and Gradio serves a copy of it. Folders
of sessions idle for a day are removed, so the folder stays the size of a day's use.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from qa.brief import brief_docx, brief_markdown
from qa.records import Answer

__all__ = ["BRIEF_NAME", "BriefFiles"]

BRIEF_NAME = "rso-qa-brief"
_IDLE_SECONDS = 24 * 3600
_SESSION = re.compile(r"[^A-Za-z0-9_-]")


class BriefFiles:
    """A folder this app creates (and removes on close) for the sessions' briefs."""

    def __init__(self, title: str, *, idle_seconds: float = _IDLE_SECONDS):
        self.title = title
        self.idle_seconds = idle_seconds
        self._folder = tempfile.TemporaryDirectory(prefix="rso-qa-briefs-")
        self.root = Path(self._folder.name)

    def write(self, session: str, answers: Sequence[Answer]) -> tuple[Path, Path]:
        """The session's brief as (.docx, .md), rewritten from all its answers."""
        self._prune()
        folder = self.root / (_SESSION.sub("", session)[:64] or "session")
        folder.mkdir(exist_ok=True)
        word = folder / f"{BRIEF_NAME}.docx"
        markdown = folder / f"{BRIEF_NAME}.md"
        word.write_bytes(brief_docx(answers, title=self.title))
        markdown.write_text(brief_markdown(answers, title=self.title), encoding="utf-8")
        os.utime(folder)  # rewriting files does not touch the folder; _prune reads its time
        return word, markdown

    def close(self) -> None:
        self._folder.cleanup()

    def _prune(self) -> None:
        cutoff = time.time() - self.idle_seconds
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
