"""Reading files we are pointed at, safely: regular files only, bounded, hashed once.

A path from a user may be a folder, a device (`/dev/zero`), a pipe that never ends
or a huge file; each is refused with a sentence before anything is read.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from corpus.errors import DocumentError

__all__ = ["MAX_DOCUMENT_BYTES", "document_sha256", "file_sha256", "read_document_bytes"]

# The statement is ~60 kB; a published statement as PDF is a few MB. Anything far
# larger is not a statement, and reading it whole would only exhaust memory.
MAX_DOCUMENT_BYTES = 50 * 2**20


def read_document_bytes(path: Path | str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or a DocumentError that says why."""
    path = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; we refuse it below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise DocumentError(f"there is no file at {path}; check the path") from None
    except IsADirectoryError:
        raise DocumentError(f"{path} is a folder, not a file; pass the statement file") from None
    except OSError as exc:
        raise DocumentError(
            f"cannot read {path}: {exc.strerror or exc}; check the file and its permissions"
        ) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(f"{path} is a folder, not a file; pass the statement file")
        raise DocumentError(
            f"{path} is not a regular file (a device, pipe or socket); pass a statement file"
        )
    with os.fdopen(fd, "rb") as fh:
        if info.st_size > max_bytes:
            raise DocumentError(
                f"{path} is {info.st_size / 2**20:.0f} MB, more than the {max_bytes // 2**20} MB "
                "a statement can be; pass the statement file itself"
            )
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise DocumentError(
                f"cannot read {path}: {exc.strerror or exc}; check the file"
            ) from None
    if len(data) > max_bytes:  # it grew while we read it
        raise DocumentError(f"{path} is larger than {max_bytes // 2**20} MB; pass the statement")
    return data


def file_sha256(path: Path | str) -> str:
    """The SHA-256 of a file we wrote or were given, read in blocks."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def document_sha256(path: Path | str) -> str:
    """The SHA-256 of a statement we were given, read through the same checks as the
    parser (a regular file, within the size cap), so hashing never hangs on a pipe."""
    return hashlib.sha256(read_document_bytes(path)).hexdigest()
