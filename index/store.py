"""The built index: passages, embedded units, FAISS and BM25, saved as plain files.

A folder holds `manifest.json`, `passages.jsonl`, `units.jsonl`, `index.faiss`,
`bm25/`, and the model exported for answering without torch (`model.onnx`,
`tokenizer.json`; see index/onnx_export.py). The manifest stamps what the index
was built from (corpus hash, model, chunker and package versions) and each file's
SHA-256, so that `load` can refuse a stale or damaged index instead of answering
from it.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import MISSING, asdict, dataclass, field, fields
from importlib import metadata
from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

from corpus.document import Document
from corpus.errors import (
    IndexCorruptError,
    IndexMissingError,
    IndexStaleError,
    IndexUnreadableError,
)
from corpus.files import file_sha256
from corpus.passage import Passage
from corpus.statement import CHUNKER_VERSION
from index.embed import Embedder
from index.folders import (
    INDEX_FILES,
    OWN_ENTRIES,
    check_replaceable,
    real_folder,
    swap_into_place,
)
from index.lexical import LexicalIndex
from index.onnx_export import EncoderExport, ExportError, export_encoder
from index.vectors import make_vector_index, vector_index_type
from index.windows import TokenCounter, Unit, passage_units

__all__ = [
    "FORMAT",
    "Corpus",
    "OWN_ENTRIES",
    "IndexStore",
    "Manifest",
    "build_store",
    "embed_units",
    "lexical_text",
    "package_version",
    "read_manifest",
]

# 2: the query encoder (model.onnx, tokenizer.json) is saved with the index;
# 3: documents.jsonl lists the statements of the library it was built from.
FORMAT = 3


def package_version() -> str:
    try:
        return metadata.version("rso-qa")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class Manifest:
    """What an index was built from; compared on every load."""

    corpus_sha256: str
    source: str
    model: str
    dimension: int
    chunker_version: str
    package_version: str
    token_encoding: str
    index_type: str
    passages: int
    units: int
    built_at: str
    format: int = FORMAT
    libraries: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    # "onnx" when model.onnx and tokenizer.json were saved, else why they were not.
    query_encoder: str = ""
    documents: dict[str, str] = field(default_factory=dict)  # id -> SHA-256 of each added one

    def stale_reason(self, *, corpus_sha256: str, model: str) -> str | None:
        """Why this index does not match the wanted corpus and model, or None."""
        if self.format != FORMAT:
            return f"it has index format {self.format}, this version reads {FORMAT}"
        if self.corpus_sha256 != corpus_sha256:
            if self.documents:
                return "the library or the statement file changed since it was built"
            return "the statement file changed since it was built"
        if self.model != model:
            return f"it was built with model {self.model!r}, not {model!r}"
        if self.chunker_version != CHUNKER_VERSION:
            return f"it was cut by chunker v{self.chunker_version}, not v{CHUNKER_VERSION}"
        if self.package_version != package_version():
            return f"it was built by rso-qa {self.package_version}, this is {package_version()}"
        return None


class IndexStore:
    """Passages with their dense and lexical indexes, ready to search."""

    def __init__(
        self,
        passages: Sequence[Passage],
        units: Sequence[Unit],
        vectors: faiss.Index,
        lexical: LexicalIndex,
        manifest: Manifest,
        encoder: EncoderExport | None = None,
        documents: Sequence[Document] = (),
    ):
        if vectors.ntotal != len(units):
            raise ValueError(f"{vectors.ntotal} vectors for {len(units)} units")
        if lexical.size != len(passages):
            raise ValueError(f"BM25 covers {lexical.size} passages, not {len(passages)}")
        self.passages: tuple[Passage, ...] = tuple(passages)
        self.units: tuple[Unit, ...] = tuple(units)
        self.vectors = vectors
        self.lexical = lexical
        self.manifest = manifest
        self.encoder = encoder  # only between a build and its save
        self.documents: tuple[Document, ...] = tuple(documents)
        # Per-passage facts that retrieval masks on every query.
        self.kinds = np.array([p.kind for p in self.passages])
        self.lengths = np.fromiter(
            (len(p.text) for p in self.passages), dtype=np.int64, count=len(self.passages)
        )
        self.unit_passage = np.fromiter(
            (u.passage for u in units), dtype=np.int64, count=len(units)
        )
        self.sentence_units: dict[int, list[int]] = {}
        for i, unit in enumerate(units):
            if unit.kind == "sentence":
                self.sentence_units.setdefault(unit.passage, []).append(i)
        self._matrix: np.ndarray | None = None

    @property
    def matrix(self) -> np.ndarray:
        """All unit vectors (for exact re-scoring of a few units per query)."""
        if self._matrix is None:
            self._matrix = self.vectors.reconstruct_n(0, self.vectors.ntotal)
        return self._matrix

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k units by inner product: (scores, unit ids)."""
        k = max(1, min(k, self.vectors.ntotal))
        # One query is one thread's work; OpenMP threads woken right after the
        # model's forward pass wait on each other (bench/: p95 1-4 ms vs 0.34 ms).
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            scores, ids = self.vectors.search(np.ascontiguousarray(query.reshape(1, -1)), k)
        finally:
            faiss.omp_set_num_threads(threads)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def save(self, directory: Path) -> None:
        """Write every file, hash them into the manifest, then move into place."""
        target = real_folder(Path(directory))
        check_replaceable(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.parent / f".{target.name}.tmp-{time.time_ns()}"
        tmp.mkdir()
        try:
            _write_jsonl(tmp / "passages.jsonl", (p.to_dict() for p in self.passages))
            _write_jsonl(tmp / "units.jsonl", (asdict(u) for u in self.units))
            _write_jsonl(tmp / "documents.jsonl", (d.to_dict() for d in self.documents))
            faiss.write_index(self.vectors, str(tmp / "index.faiss"))
            self.lexical.save(tmp / "bm25")
            written = list(INDEX_FILES)
            for name, data in (self.encoder.files() if self.encoder else {}).items():
                (tmp / name).write_bytes(data)
                written.append(name)
            files = {name: file_sha256(tmp / name) for name in written}
            files.update(
                {f"bm25/{p.name}": file_sha256(p) for p in sorted((tmp / "bm25").iterdir())}
            )
            manifest = Manifest(**{**asdict(self.manifest), "files": files})
            (tmp / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2), "utf-8")
            swap_into_place(tmp, target)
            self.manifest = manifest
            self.encoder = None  # 90 MB that answering does not need
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)  # ours: made above, never renamed

    @classmethod
    def load(
        cls, directory: Path, *, corpus_sha256: str | None = None, model: str | None = None
    ) -> IndexStore:
        """Open a saved index, refusing one that is missing, damaged or stale."""
        directory = Path(directory)
        manifest = read_manifest(directory)
        if corpus_sha256 is not None and model is not None:
            reason = manifest.stale_reason(corpus_sha256=corpus_sha256, model=model)
            if reason:
                raise IndexStaleError(f"the index at {directory} is stale: {reason}")
        unlisted = [name for name in INDEX_FILES if name not in manifest.files]
        if unlisted:
            raise IndexCorruptError(
                f"{directory / 'manifest.json'} does not list {unlisted[0]}, so the index "
                "cannot be checked; run `rso-qa build --force` to rebuild it"
            )
        for name, digest in manifest.files.items():
            if name.split("/")[0] not in OWN_ENTRIES or ".." in name.split("/"):
                raise IndexCorruptError(
                    f"{directory / 'manifest.json'} lists {name!r}, which is not an index file; "
                    "run `rso-qa build --force` to rebuild the index"
                )
            path = directory / name
            if not path.is_file() or file_sha256(path) != digest:
                raise IndexCorruptError(
                    f"{path} is missing or was changed after the build; run `rso-qa build "
                    "--force` to rebuild the index"
                )
        try:
            passages = [Passage.from_dict(d) for d in _read_jsonl(directory / "passages.jsonl")]
            units = [Unit(**d) for d in _read_jsonl(directory / "units.jsonl")]
            vectors = faiss.read_index(str(directory / "index.faiss"))
            lexical = LexicalIndex.load(directory / "bm25", len(passages))
            documents = [Document.from_dict(d) for d in _read_jsonl(directory / "documents.jsonl")]
            return cls(passages, units, vectors, lexical, manifest, documents=documents)
        except (OSError, ValueError, TypeError, KeyError, RuntimeError) as exc:
            raise IndexCorruptError(
                f"the index at {directory} cannot be read ({exc}); run `rso-qa build --force`"
            ) from exc


def read_manifest(directory: Path) -> Manifest:
    """The manifest of an index folder, or an error that says what to do."""
    path = Path(directory) / "manifest.json"
    try:
        if not path.exists():
            raise IndexMissingError(f"no index at {directory}; run `rso-qa build` to make one")
        data = json.loads(path.read_text("utf-8"))
        return _checked_manifest(data, path)
    except OSError as exc:  # permission denied, a folder in its place, an I/O error
        raise IndexUnreadableError(
            f"cannot read {path}: {exc.strerror or exc}; fix it or its permissions, or pass "
            "another --index-dir (or set RSO_QA_HOME)"
        ) from exc
    except (json.JSONDecodeError, TypeError, UnicodeDecodeError) as exc:
        raise IndexCorruptError(
            f"{path} is not a valid manifest ({exc}); run `rso-qa build --force`"
        ) from exc


ProgressFn = Callable[[str, int, int], None]


class Corpus(Protocol):
    """What an index is built from: a parsed statement, or a whole library of them."""

    @property
    def passages(self) -> tuple[Passage, ...]: ...
    @property
    def documents(self) -> tuple[Document, ...]: ...
    @property
    def sha256(self) -> str: ...
    @property
    def source(self) -> Path: ...


def build_store(
    corpus: Corpus, embedder: Embedder, *, progress: ProgressFn | None = None
) -> IndexStore:
    """Embed every passage's units, fit BM25 and export the model; nothing is written here."""
    passages = corpus.passages
    units, vectors, counter = embed_units(passages, embedder, progress=progress)
    lexical = LexicalIndex.fit([lexical_text(p) for p in passages])
    encoder, exported = _export(embedder)
    documents = corpus.documents
    manifest = Manifest(
        corpus_sha256=corpus.sha256,
        source=str(corpus.source),
        model=embedder.name,
        dimension=embedder.dimension,
        chunker_version=CHUNKER_VERSION,
        package_version=package_version(),
        token_encoding=counter.name,
        index_type=vector_index_type(len(units)),
        passages=len(passages),
        units=len(units),
        built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        libraries={
            name: _version(name)
            for name in (
                "faiss-cpu",
                "sentence-transformers",
                "bm25s",
                "tiktoken",
                "torch",
                "onnxruntime",
                "tokenizers",
            )
        },
        query_encoder=exported,
        documents={d.id: d.sha256 for d in documents[1:]},
    )
    return IndexStore(
        passages, units, make_vector_index(vectors), lexical, manifest, encoder, documents
    )


def _export(embedder: Embedder) -> tuple[EncoderExport | None, str]:
    """The ONNX query encoder and "onnx", or None and why (answering then uses torch)."""
    try:
        return export_encoder(embedder), "onnx"
    except (ExportError, ImportError, RuntimeError) as exc:  # torch.onnx errors are RuntimeErrors
        return None, f"not exported: {type(exc).__name__}: {exc}"[:300]


def embed_units(
    passages: Sequence[Passage],
    embedder: Embedder,
    *,
    offset: int = 0,
    progress: ProgressFn | None = None,
) -> tuple[list[Unit], np.ndarray, TokenCounter]:
    """Cut passages into units and embed them; unit passage numbers start at `offset`."""
    counter = TokenCounter()
    units: list[Unit] = []
    for i, passage in enumerate(passages):
        units.extend(passage_units(offset + i, passage.text, embedder, counter))
        if progress:
            progress("cutting passages", i + 1, len(passages))
    texts = [unit_text(passages[u.passage - offset], u) for u in units]
    batch = 64
    chunks = []
    for start in range(0, len(texts), batch):
        chunks.append(embedder.encode_passages(texts[start : start + batch]))
        if progress:
            progress("embedding", min(start + batch, len(texts)), len(texts))
    vectors = np.concatenate(chunks) if chunks else np.zeros((0, embedder.dimension), np.float32)
    return units, vectors, counter


def unit_text(passage: Passage, unit: Unit) -> str:
    """The text embedded for a unit: its span of the passage's text."""
    return passage.text[unit.start : unit.end]


def lexical_text(passage: Passage) -> str:
    """What BM25 indexes for a passage: its text, title and actors' names, and the
    heading of a section that users name ("the foreword", "the key insights")."""
    heading = passage.section if passage.theme is None or passage.kind == "key-insight" else ""
    return "\n".join([passage.text, passage.title or "", heading, " ".join(passage.actors)])


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


_FIELD_TYPES = {"str": str, "int": int, "dict[str, str]": dict}


def _checked_manifest(data: object, path: Path) -> Manifest:
    """A Manifest from parsed JSON, refusing wrong or missing fields in one sentence."""
    damaged = f"{path} is damaged"
    fix = "run `rso-qa build --force` to rebuild the index"
    if not isinstance(data, dict):
        raise IndexCorruptError(f"{damaged} (not a JSON object); {fix}")
    values = {}
    for f in fields(Manifest):
        if f.name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                raise IndexCorruptError(f"{damaged} (it has no {f.name!r}); {fix}")
            continue
        value, expected = data[f.name], _FIELD_TYPES[str(f.type)]
        ok = isinstance(value, expected) and not isinstance(value, bool)
        if ok and expected is dict:
            ok = all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        if not ok:
            raise IndexCorruptError(f"{damaged} ({f.name!r} is {value!r:.60}); {fix}")
        values[f.name] = value
    return Manifest(**values)


def _write_jsonl(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
