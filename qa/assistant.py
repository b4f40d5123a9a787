"""`Assistant`: the one object that owns the model and the index.

The CLI, the UI and the eval all go through `Assistant.load()` and `ask()`; its
fields and the `Answer` record are a contract that other tools call.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from corpus.errors import (
    IndexError_,
    IndexLockedError,
    IndexMissingError,
    IndexStaleError,
    IndexUnreadableError,
    InvalidQuestionError,
)
from corpus.files import read_document_bytes
from corpus.passage import KINDS, Passage
from corpus.statement import DEFAULT_SOURCE, load_statement
from index.embed import DEFAULT_MODEL, Embedder, QueryEncoder
from index.onnx_encoder import load_query_encoder
from index.store import (
    IndexStore,
    build_store,
    check_index_location,
    check_replaceable,
    remove_leftovers,
)
from qa.config import CONFIGS, RetrievalConfig, config_named
from qa.evidence import Assessment
from qa.labels import citation_label, document_title
from qa.records import Answer, Filters
from qa.respond import Responder
from qa.settings import default_index_dir

__all__ = ["MAX_K", "Assistant", "build_index"]

MAX_K = 50
MAX_FILTER_VALUES = 64
Notify = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


class Assistant:
    """Answers questions about the statement with cited passages."""

    def __init__(
        self, embedder: QueryEncoder, store: IndexStore, *, config: RetrievalConfig | None = None
    ):
        if store.manifest.model != embedder.name:
            raise IndexStaleError(
                f"the index was built with {store.manifest.model!r}, "
                f"the embedder is {embedder.name!r}"
            )
        self.embedder = embedder  # encodes questions: ONNX, or sentence-transformers
        self.config = config or CONFIGS["default"]
        self._watch: _SourceWatch | None = None
        self._builder = embedder if isinstance(embedder, Embedder) else None
        self._use(store)

    def _use(self, store: IndexStore) -> None:
        """Adopt an index and everything derived from it."""
        self.store = store
        self.document_title = document_title(store.passages)
        self.labels = {p.id: citation_label(p, self.document_title) for p in store.passages}
        self.responder = Responder(store, labels=self.labels)
        self.analyser = self.responder.analyser
        self.sentences = self.responder.sentences
        self.actors: tuple[str, ...] = self.responder.actors

    @classmethod
    def load(
        cls,
        *,
        corpus: Path | str | None = None,
        model: str = DEFAULT_MODEL,
        index_dir: Path | str | None = None,
        rebuild: bool = True,
        force: bool = False,
        config: RetrievalConfig | str | None = None,
        notify: Notify | None = _stderr,
        progress: Callable | None = None,
    ) -> Assistant:
        """Load the index and its query encoder, building or rebuilding the index when needed.

        A missing or stale index is rebuilt (with a message through `notify`)
        unless `rebuild` is False; a damaged one raises IndexCorruptError. Questions
        are encoded with the ONNX copy of the model that the index keeps, so torch is
        imported only to build; without it (or without onnxruntime) they fall back to
        sentence-transformers, with one warning through `notify`.
        """
        source = Path(corpus) if corpus is not None else DEFAULT_SOURCE
        directory = Path(index_dir) if index_dir is not None else default_index_dir()
        if isinstance(config, str):
            config = config_named(config)
        # Everything a user can get wrong is checked before the model loads (seconds).
        sha = source_sha256(source)
        check_index_location(directory)
        store = None
        why: str | None = None
        if not force:
            try:
                store = IndexStore.load(directory, corpus_sha256=sha, model=model)
            except (IndexMissingError, IndexStaleError) as exc:
                if not rebuild and isinstance(exc, IndexStaleError):
                    raise IndexStaleError(f"{exc}; run `rso-qa build` to rebuild it") from exc
                if not rebuild:
                    raise
                check_replaceable(directory)
                why = (
                    f"Rebuilding the index: {exc}."
                    if isinstance(exc, IndexStaleError)
                    else f"Building the index at {directory} (first run)…"
                )
        else:
            check_replaceable(directory)
        builder = None
        if store is None:
            builder = Embedder.load(model)  # a model that is not there fails before any message
            if why and notify:
                notify(why)
            store = build_index(
                source, builder, directory, progress=progress, notify=notify, force=force
            )
        encoder = load_query_encoder(
            directory,
            model=store.manifest.model,
            dimension=store.manifest.dimension,
            files=tuple(store.manifest.files),
            reason=store.manifest.query_encoder,
            fallback=builder,
            notify=notify,
        )
        assistant = cls(encoder, store, config=config)
        assistant._builder = assistant._builder or builder
        if rebuild:
            assistant._watch = _SourceWatch(source, directory, notify)
        return assistant

    @property
    def passages(self) -> tuple[Passage, ...]:
        return self.store.passages

    def ask(
        self,
        question: str,
        *,
        k: int = 5,
        filters: Filters | Mapping[str, Any] | None = None,
        config: RetrievalConfig | None = None,
    ) -> Answer:
        """Answer `question` in the statement's own words, or say it cannot."""
        t0 = time.perf_counter()
        k = _check_k(k)
        filters = self.filters(filters)
        config = config or self.config
        query = self.analyser.analyse(question, expand=config.expand)
        if self._watch is not None and self._watch.changed():
            self._refresh()  # after the question is known to be valid
            query = self.analyser.analyse(question, expand=config.expand)
        encode = self.embedder.encode_queries if config.dense else None
        return self.responder.respond(query, encode, config, k=k, filters=filters, started=t0)

    def assess(self, question: str, *, config: RetrievalConfig | None = None) -> Assessment:
        """The evidence check for `question` without composing an answer: the rule that
        declines it, or the signals and probability the calibrated decision rests on."""
        config = config or self.config
        query = self.analyser.analyse(question, expand=config.expand)
        encode = self.embedder.encode_queries if config.dense else None
        return self.responder.assess(query, encode, config)

    def _refresh(self) -> None:
        """The statement file changed under a running assistant: rebuild, then answer.

        Never answer from an index of the old text; the rebuild takes the same
        file lock as `rso-qa build`.
        """
        watch = self._watch
        if watch is None:
            return
        with watch.lock:
            if not watch.changed():
                return
            sha = source_sha256(watch.source)
            if sha != self.store.manifest.corpus_sha256:
                if watch.notify:
                    watch.notify(f"The statement at {watch.source} changed; rebuilding the index.")
                if self._builder is None:  # sentence-transformers builds; loaded on first need
                    self._builder = Embedder.load(self.embedder.name)
                self._use(
                    build_index(watch.source, self._builder, watch.directory, notify=watch.notify)
                )
            watch.mark()

    def filters(self, filters: Filters | Mapping[str, Any] | None) -> Filters:
        """Validated filters; unknown themes, kinds or actors are named in the error."""
        if filters is None:
            return Filters()
        if isinstance(filters, Filters):
            raw = filters.to_dict()
        elif isinstance(filters, Mapping):
            raw = dict(filters)
        else:
            raise InvalidQuestionError(f"filters must be a mapping, not {type(filters).__name__}")
        unknown_keys = set(raw) - {"themes", "kinds", "actors"}
        if unknown_keys:
            raise InvalidQuestionError(
                f"unknown filter {sorted(unknown_keys)[0]!r}; use themes, kinds or actors"
            )
        numbers = (_theme_number(t) for t in _values("themes", raw.get("themes")))
        themes = tuple(dict.fromkeys(numbers))
        kinds = _values("kinds", raw.get("kinds"))
        actors = _values("actors", raw.get("actors"))
        for theme in themes:
            if theme not in (1, 2, 3, 4):
                raise InvalidQuestionError(f"unknown theme {theme!r}; themes are 1, 2, 3 and 4")
        for kind in kinds:
            if kind not in KINDS:
                raise InvalidQuestionError(f"unknown kind {kind!r}; kinds are {', '.join(KINDS)}")
        for actor in actors:
            if actor not in self.actors:
                raise InvalidQuestionError(
                    f"unknown actor {actor!r}; pick one the statement names, e.g. "
                    f"{', '.join(self.actors[:4])}"
                )
        return Filters(themes, kinds, actors)


def build_index(
    source: Path,
    embedder: Embedder,
    directory: Path,
    *,
    progress: Callable | None = None,
    timeout: float = 600,
    notify: Notify | None = None,
    force: bool = False,
) -> IndexStore:
    """Parse, embed and save under a file lock, so two builders make one index.

    A builder that finds the lock taken says so through `notify` and waits; unless
    `force`, it then reuses the index the other process finished.
    """
    statement = load_statement(source)  # not a statement: never fall back to the old index
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
            if not force:
                try:  # another process may have finished the same build while we waited
                    return IndexStore.load(
                        directory, corpus_sha256=statement.sha256, model=embedder.name
                    )
                except IndexError_:  # missing, stale or damaged: build it afresh
                    pass
            check_replaceable(directory)
            store = build_store(statement, embedder, progress=progress)
            store.save(directory)
            return store
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


class _SourceWatch:
    """The statement file an assistant was loaded from, and its last seen state."""

    def __init__(self, source: Path, directory: Path, notify: Notify | None):
        self.source = source
        self.directory = directory
        self.notify = notify
        self.lock = threading.Lock()
        self.mark()

    def _stamp(self) -> tuple[int, int]:
        try:
            info = self.source.stat()
        except OSError:
            return (-1, -1)  # a vanished file keeps the loaded index until it returns
        return (info.st_mtime_ns, info.st_size)

    def mark(self) -> None:
        self.seen = self._stamp()

    def changed(self) -> bool:
        stamp = self._stamp()
        return stamp != (-1, -1) and stamp != self.seen


def _check_k(k: object) -> int:
    if isinstance(k, bool) or not isinstance(k, int):
        raise InvalidQuestionError(f"k must be a whole number from 1 to {MAX_K}, not {k!r}")
    if not 1 <= k <= MAX_K:
        raise InvalidQuestionError(f"k must be from 1 to {MAX_K}, not {k}")
    return k


def _values(name: str, value: Any) -> tuple:
    """A filter's values, deduplicated in order; one plain value counts as a list of one.

    Checked item by item and capped, so a request of a million values is refused in
    a fraction of a second instead of holding the worker.
    """
    if value is None or value == "":
        return ()
    if isinstance(value, (str, int, float)):
        value = [value]
    elif not isinstance(value, (list, tuple, set, frozenset)):
        raise InvalidQuestionError(
            f"{name} must be a list of values, not {type(value).__name__}; e.g. {name}=[...]"
        )
    seen: dict[Any, None] = {}
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise InvalidQuestionError(
                f"{name} must hold names or numbers, not {type(item).__name__}"
            )
        seen[item] = None
        if len(seen) > MAX_FILTER_VALUES:
            raise InvalidQuestionError(
                f"at most {MAX_FILTER_VALUES} different {name} can be given at once; pick fewer"
            )
    return tuple(seen)


def _theme_number(value: Any) -> Any:
    """ "4", " 4 " and 4.0 all name theme 4; anything else is left for the check to name."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def source_sha256(path: Path) -> str:
    """The statement file's hash, read through the same checks as the parser."""
    return hashlib.sha256(read_document_bytes(path)).hexdigest()
