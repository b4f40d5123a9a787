"""The project's own errors, one module for every stage.

Each message says what went wrong and what to do next; the CLI prints it as is and
exits 2. Anything that is not an `RsoQaError` is a bug and surfaces as one.
"""

from __future__ import annotations

__all__ = [
    "DocumentError",
    "IndexCorruptError",
    "IndexError_",
    "IndexFolderError",
    "IndexLockedError",
    "IndexMissingError",
    "IndexStaleError",
    "IndexUnreadableError",
    "InvalidQuestionError",
    "ModelNotFoundError",
    "QuestionFileError",
    "RsoQaError",
    "UsageError",
]


class RsoQaError(Exception):
    """Base of every error this project raises on purpose."""


# Bad input: what a user typed or sent.
class InvalidQuestionError(RsoQaError, ValueError):
    """The question or its options cannot be asked as given (empty, too long, not text)."""


class UsageError(RsoQaError, ValueError):
    """An option or setting is wrong (an unknown config, a port in use, bad --auth)."""


class QuestionFileError(RsoQaError, ValueError):
    """An eval question file is malformed; the message names the file and line."""


# Documents: the statement files we read.
class DocumentError(RsoQaError):
    """A statement file is missing, unreadable, not a regular file, or not a statement."""


class ModelNotFoundError(RsoQaError):
    """The embedding model is not installed on this machine."""


# The index folder.
class IndexError_(RsoQaError):  # noqa: N801 - the builtin IndexError is another thing
    """Base of the index problems below."""


class IndexMissingError(IndexError_):
    """No index where one was expected, and building one was not allowed."""


class IndexStaleError(IndexError_):
    """The index was built from another corpus, model or chunker."""


class IndexCorruptError(IndexError_):
    """A file of the index is damaged or was edited by hand."""


class IndexUnreadableError(IndexError_):
    """The index folder cannot be read or written."""


class IndexFolderError(IndexError_):
    """The index folder holds files rso-qa did not write, so it will not be replaced."""


class IndexLockedError(IndexError_):
    """Another process is building the index and did not finish in time."""
