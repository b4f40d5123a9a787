"""The project's own errors, one module for every stage.

Each message says what went wrong and what to do next; the CLI prints it as is.
"""

from __future__ import annotations

__all__ = [
    "IndexCorruptError",
    "IndexLockedError",
    "IndexMissingError",
    "IndexStaleError",
    "IndexUnreadableError",
    "InvalidQuestionError",
    "ModelNotFoundError",
    "QuestionFileError",
    "RsoQaError",
]


class RsoQaError(Exception):
    """Base of every error this project raises on purpose."""


class InvalidQuestionError(RsoQaError, ValueError):
    """The question cannot be asked as given (empty, too long, not text)."""


class QuestionFileError(RsoQaError, ValueError):
    """An eval question file is malformed; the message names the file and line."""


class ModelNotFoundError(RsoQaError):
    """The embedding model is not installed on this machine."""


class IndexMissingError(RsoQaError):
    """No index where one was expected, and building one was not allowed."""


class IndexStaleError(RsoQaError):
    """The index was built from another corpus, model or chunker."""


class IndexCorruptError(RsoQaError):
    """A file of the index is damaged or was edited by hand."""


class IndexUnreadableError(RsoQaError):
    """The index folder cannot be read or written."""


class IndexLockedError(RsoQaError):
    """Another process is building the index and did not finish in time."""
