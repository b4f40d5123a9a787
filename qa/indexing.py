"""The index folder on disk: built under a file lock, and watched for a changed source.

Every writer of an index folder (a build, `rso-qa add`, `rso-qa remove`) holds one
lock, so two processes make one index; a running assistant notices a changed
statement file or library (a `stat` per question) and rebuilds or reloads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from corpus.errors import IndexError_, IndexLockedError, IndexUnreadableError
from corpus.library import Corpus, Library, load_corpus
from index.embed import Embedder
from index.folders import check_replaceable, remove_leftovers
from index.store import IndexStore, build_store

__all__ = ["Gate", "SourceWatch", "build_index", "build_locked", "index_lock"]

Notify = Callable[[str], None]


class Gate:
    """Answers read the loaded index, many at once; swapping in a changed index (a statement
    added or removed) waits for them and holds new ones back until it is done."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writers = 0  # waiting or writing: new readers wait behind them

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._writers += 1
            while self._readers:
                self._cond.wait()
        try:
            yield
        finally:
            with self._cond:
                self._writers -= 1
                self._cond.notify_all()


def build_index(
    source: Path,
    embedder: Embedder,
    directory: Path,
    *,
    progress: Callable | None = None,
    timeout: float = 600,
    notify: Notify | None = None,
    force: bool = False,
    library: Library | None = None,
) -> IndexStore:
    """Parse, embed and save under a file lock, so two builders make one index.

    A builder that finds the lock taken says so through `notify` and waits; unless
    `force`, it then reuses the index the other process finished.
    """
    library = library or Library(directory.parent / "library")
    # Not a statement: never fall back to the old index.
    corpus = load_corpus(source, library)
    with index_lock(directory, notify=notify, timeout=timeout):
        if not force:
            try:  # another process may have finished the same build while we waited
                return IndexStore.load(directory, corpus_sha256=corpus.sha256, model=embedder.name)
            except IndexError_:  # missing, stale or damaged: build it afresh
                pass
        return build_locked(corpus, embedder, directory, progress)


def build_locked(
    corpus: Corpus, embedder: Embedder, directory: Path, progress: Callable | None
) -> IndexStore:
    """Build and save; the caller holds the lock."""
    check_replaceable(directory)
    store = build_store(corpus, embedder, progress=progress)
    store.save(directory)
    return store


@contextmanager
def index_lock(
    directory: Path, *, notify: Notify | None = None, timeout: float = 600
) -> Iterator[None]:
    """The lock every writer of an index folder (and its library) holds while it writes.

    Leftovers of a writer that was killed are removed once it is held.
    """
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(directory.parent / f".{directory.name}.lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if notify:
                notify(f"Waiting for another process that is building the index at {directory}…")
            lock.acquire(timeout=timeout)
        try:
            remove_leftovers(directory)  # from a build that was killed
            yield
        finally:
            lock.release()
    except Timeout as exc:
        raise IndexLockedError(
            f"another process has been building the index at {directory} for {timeout:.0f} s; "
            "wait for it to finish or remove the stale lock file"
        ) from exc
    except OSError as exc:  # permission denied, read-only file system, disk full
        raise IndexUnreadableError(
            f"cannot write the index at {directory}: {exc.strerror or exc}; pass a writable "
            "--index-dir or set RSO_QA_HOME"
        ) from exc


class SourceWatch:
    """The statement file and library an assistant was loaded from, as last seen."""

    def __init__(self, source: Path, directory: Path, notify: Notify | None, library: Library):
        self.source = source
        self.directory = directory
        self.notify = notify
        self.library = library
        self.lock = threading.Lock()
        self.mark()

    @staticmethod
    def _stat(path: Path) -> tuple[int, int]:
        try:
            info = path.stat()
        except OSError:
            return (-1, -1)
        return (info.st_mtime_ns, info.st_size)

    def _stamp(self) -> tuple[tuple[int, int], tuple[int, int]]:
        return self._stat(self.source), self._stat(self.library.manifest)

    def mark(self) -> None:
        self.seen = self._stamp()

    def changed(self) -> bool:
        source, library = self._stamp()
        # A vanished statement file keeps the loaded index until it returns.
        return (source != (-1, -1) and source != self.seen[0]) or library != self.seen[1]
