"""`Assistant`: the one object that owns the model and the index.

The CLI, the UI and the eval all go through `Assistant.load()` and `ask()`; its
fields and the `Answer` record are a contract that other tools call.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from corpus.document import Document
from corpus.errors import IndexMissingError, IndexStaleError, InvalidQuestionError
from corpus.files import document_sha256
from corpus.library import Library, Prepared, corpus_key
from corpus.passage import KINDS, Passage
from corpus.statement import DEFAULT_SOURCE
from index.embed import DEFAULT_MODEL, Embedder, QueryEncoder
from index.folders import check_index_location, check_replaceable
from index.onnx_encoder import load_query_encoder
from index.store import IndexStore
from qa.asking import Asking, complete
from qa.config import CONFIGS, RetrievalConfig, config_named
from qa.documents import check_documents
from qa.evidence import Assessment
from qa.indexing import Gate, SourceWatch, build_index, index_lock
from qa.labels import citation_label, document_title
from qa.records import Answer, Filters
from qa.respond import Responder
from qa.settings import default_index_dir

__all__ = ["MAX_K", "Assistant", "build_index", "index_lock"]

MAX_K = 50
MAX_FILTER_VALUES = 64
_RELATED = 3
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
        self._watch: SourceWatch | None = None
        self._builder = embedder if isinstance(embedder, Embedder) else None
        self._home: tuple[Path, Path, Library] | None = None  # statement, index, library
        self._gate = Gate()
        self._use(store)

    def _use(self, store: IndexStore) -> None:
        """Adopt an index and everything derived from it."""
        self.store = store
        # Each citation's label names its own statement, titled from its title page.
        self.document_title = document_title(store.passages)
        titles = {doc.id: _label_title(doc) for doc in store.documents[1:]}
        titles.update({p.doc: self.document_title for p in store.passages if p.doc not in titles})
        self.labels = {p.id: citation_label(p, titles[p.doc]) for p in store.passages}
        self.responder = Responder(store, labels=self.labels)
        self.analyser = self.responder.analyser
        self.sentences = self.responder.sentences
        self.actors: tuple[str, ...] = self.responder.actors
        self.themes: tuple[int, ...] = tuple(sorted({p.theme for p in store.passages if p.theme}))

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
        library_dir: Path | str | None = None,
        encoder_threads: int | None = None,
        encoder_arena: bool = False,
    ) -> Assistant:
        """Load the index and its query encoder, building or rebuilding the index when needed.

        A missing or stale index is rebuilt (with a message through `notify`)
        unless `rebuild` is False; a damaged one raises IndexCorruptError. Questions
        are encoded with the ONNX copy of the model that the index keeps, so torch is
        imported only to build; without it (or without onnxruntime) they fall back to
        sentence-transformers, with one warning through `notify`. The index covers the
        statement and every document added to the library, which lives beside the index
        folder (`<index_dir>/../library`) unless `library_dir` says. `encoder_threads`
        is how many threads one ONNX forward pass may use (default: every core);
        `encoder_arena` keeps a pass's memory for the next one (for a server).
        """
        source = Path(corpus) if corpus is not None else DEFAULT_SOURCE
        directory = Path(index_dir) if index_dir is not None else default_index_dir()
        library = Library(library_dir if library_dir is not None else directory.parent / "library")
        if isinstance(config, str):
            config = config_named(config)
        # Everything a user can get wrong is checked before the model loads (seconds).
        base = document_sha256(source)
        check_index_location(directory)
        sha = corpus_key(base, library.entries())
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
                source,
                builder,
                directory,
                progress=progress,
                notify=notify,
                force=force,
                library=library,
            )
        encoder = load_query_encoder(
            directory,
            model=store.manifest.model,
            dimension=store.manifest.dimension,
            files=tuple(store.manifest.files),
            reason=store.manifest.query_encoder,
            threads=encoder_threads,
            arena=encoder_arena,
            fallback=builder,
            notify=notify,
        )
        assistant = cls(encoder, store, config=config)
        assistant._builder = assistant._builder or builder
        assistant._home = (source, directory, library)
        if rebuild:
            assistant._watch = SourceWatch(source, directory, notify, library)
        return assistant

    @property
    def passages(self) -> tuple[Passage, ...]:
        return self.store.passages

    def builder(self) -> Embedder:
        """The sentence-transformers model that embeds passages (loaded on first need)."""
        if self._builder is None:
            self._builder = Embedder.load(self.embedder.name)
        return self._builder

    @property
    def library_dir(self) -> Path | None:
        """The folder added statements are kept in (None when not loaded from one)."""
        return self._home[2].directory if self._home else None

    @property
    def documents(self) -> tuple[Document, ...]:
        """The statements this assistant answers from, the bundled one first."""
        return self.store.documents

    def ask(
        self,
        question: str,
        *,
        k: int = 5,
        filters: Filters | Mapping[str, Any] | None = None,
        config: RetrievalConfig | None = None,
        documents: Any = None,
    ) -> Answer:
        """Answer `question` in the statement's own words, or say it cannot.

        `documents` (ids from `documents`) restricts the answer to those statements;
        by default all are used, those the question names by year or number first.
        """
        # Answers run side by side; a statement being added swaps the index in between.
        with self._gate.reading():
            return self._ask(question, k=k, filters=filters, config=config, documents=documents)

    def _ask(
        self,
        question: str,
        *,
        k: int,
        filters: Filters | Mapping[str, Any] | None,
        config: RetrievalConfig | None,
        documents: Any,
    ) -> Answer:
        t0 = time.perf_counter()
        asking = self._begin(question, k, filters, config, documents, t0)
        if self.stale():
            self._refresh()  # after the question is known to be valid
            asking = self._begin(question, k, filters, config, documents, t0)
        encode = self.embedder.encode_queries if asking.texts else None
        return asking.responder.respond(
            asking.query, encode, asking.config, k=asking.k, filters=asking.filters, started=t0
        )

    def begin(
        self,
        question: str,
        *,
        k: int = 5,
        filters: Filters | Mapping[str, Any] | None = None,
        config: RetrievalConfig | None = None,
        documents: Any = None,
    ) -> Asking:
        """The first half of `ask`, for a caller that encodes questions itself (in batches):
        the question checked and analysed, and the texts the model must encode.

        No model runs and the index is never rebuilt here: when `stale()` says the
        statement changed, call `ask` instead. `complete` gives the answer.
        """
        with self._gate.reading():
            return self._begin(question, k, filters, config, documents, time.perf_counter())

    def complete(self, asking: Asking, vectors: np.ndarray | None) -> Answer:
        """The second half of `ask`: the answer from the vectors of `asking.texts`."""
        return complete(asking, vectors)

    def stale(self) -> bool:
        """Whether the statement file or the library changed since the index was loaded."""
        return self._watch is not None and self._watch.changed()

    def _begin(
        self,
        question: str,
        k: int,
        filters: Filters | Mapping[str, Any] | None,
        config: RetrievalConfig | None,
        documents: Any,
        started: float,
    ) -> Asking:
        k = _check_k(k)
        filters = self.filters(filters)
        if documents is not None:
            filters = replace(filters, documents=check_documents(documents, self.documents))
        config = config or self.config
        query = self.analyser.analyse(question, expand=config.expand)
        return Asking(
            query,
            (query.search_text,) if config.dense else (),
            k,
            filters,
            config,
            self.responder,
            started=started,
            analysed=time.perf_counter(),
        )

    def assess(self, question: str, *, config: RetrievalConfig | None = None) -> Assessment:
        """The evidence check for `question` without composing an answer: the rule that
        declines it, or the signals and probability the calibrated decision rests on."""
        config = config or self.config
        query = self.analyser.analyse(question, expand=config.expand)
        encode = self.embedder.encode_queries if config.dense else None
        return self.responder.assess(query, encode, config)

    def _refresh(self) -> None:
        """The statement file or the library changed under a running assistant: rebuild
        (or load what another process built), then answer.

        Never answer from an index of the old text; the rebuild takes the same
        file lock as `rso-qa build`.
        """
        watch = self._watch
        if watch is None:
            return
        with watch.lock:
            if not watch.changed():
                return
            sha = corpus_key(document_sha256(watch.source), watch.library.entries())
            if sha != self.store.manifest.corpus_sha256:
                if watch.notify:
                    watch.notify(
                        f"The statement at {watch.source} or the library changed; "
                        "rebuilding the index."
                    )
                self._use(
                    build_index(
                        watch.source,
                        self.builder(),
                        watch.directory,
                        notify=watch.notify,
                        library=watch.library,
                    )
                )
            watch.mark()

    def add_document(
        self,
        path: Path | str | Prepared,
        *,
        doc_id: str | None = None,
        title: str | None = None,
        name: str | None = None,
        progress: Callable | None = None,
    ) -> tuple[Document, bool]:
        """Copy a statement into the library and index only its passages.

        Returns the document and whether it was new (the same file added again is the
        document already there). A file that cannot be read as a statement raises
        DocumentError before anything is written.
        """
        from qa.library import add_document

        return add_document(
            self, path, doc_id=doc_id, title=title, name=name, progress=progress
        )

    def remove_document(self, doc_id: str) -> Document:
        """Take an added document out of the library and the index (its copy is deleted)."""
        from qa.library import remove_document

        return remove_document(self, doc_id)

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
        unknown_keys = set(raw) - {"themes", "kinds", "actors", "documents"}
        if unknown_keys:
            raise InvalidQuestionError(
                f"unknown filter {sorted(unknown_keys)[0]!r}; use themes, kinds, actors or "
                "documents"
            )
        numbers = (_theme_number(t) for t in _values("themes", raw.get("themes")))
        themes = tuple(dict.fromkeys(numbers))
        kinds = _values("kinds", raw.get("kinds"))
        actors = _values("actors", raw.get("actors"))
        for theme in themes:
            if theme not in self.themes:
                raise InvalidQuestionError(
                    f"unknown theme {theme!r}; themes are {_listed(self.themes)}"
                )
        for kind in kinds:
            if kind not in KINDS:
                raise InvalidQuestionError(f"unknown kind {kind!r}; kinds are {', '.join(KINDS)}")
        for actor in actors:
            if actor not in self.actors:
                raise InvalidQuestionError(
                    f"unknown actor {actor!r}; pick one the statement names, e.g. "
                    f"{', '.join(self.actors[:4])}"
                )
        documents = check_documents(raw.get("documents"), self.documents)
        return Filters(themes, kinds, actors, documents)

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
    """"4", " 4 " and 4.0 all name theme 4; anything else is left for the check to name."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _label_title(document: Document) -> str:
    """An added statement as a citation label names it: its title, with its year."""
    year = document.date[:4] if document.date else None
    return f"{document.title} ({year})" if year and year not in document.title else document.title


def _listed(values: tuple[int, ...]) -> str:
    names = [str(v) for v in values] or ["none"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


