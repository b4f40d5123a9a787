"""The built index: passages, embedded units, FAISS and BM25, saved as plain files.

A folder holds `manifest.json`, `passages.jsonl`, `units.jsonl`, `index.faiss` and
`bm25/`. The manifest stamps what the index was built from (corpus hash, model,
chunker and package versions) and each file's SHA-256, so that `load` can refuse a
stale or damaged index instead of answering from it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

import faiss
import numpy as np

from corpus.errors import (
    IndexCorruptError,
    IndexMissingError,
    IndexStaleError,
    IndexUnreadableError,
)
from corpus.passage import Passage
from corpus.statement import CHUNKER_VERSION, Statement
from index.embed import Embedder
from index.lexical import LexicalIndex
from index.vectors import make_vector_index, vector_index_type
from index.windows import TokenCounter, Unit, passage_units

__all__ = ["FORMAT", "IndexStore", "Manifest", "build_store", "package_version"]

FORMAT = 1
_FILES = ("passages.jsonl", "units.jsonl", "index.faiss")


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

    def stale_reason(self, *, corpus_sha256: str, model: str) -> str | None:
        """Why this index does not match the wanted corpus and model, or None."""
        if self.format != FORMAT:
            return f"it has index format {self.format}, this version reads {FORMAT}"
        if self.corpus_sha256 != corpus_sha256:
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
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = directory.parent / f".{directory.name}.tmp-{time.time_ns()}"
        tmp.mkdir()
        try:
            _write_jsonl(tmp / "passages.jsonl", (p.to_dict() for p in self.passages))
            _write_jsonl(tmp / "units.jsonl", (asdict(u) for u in self.units))
            faiss.write_index(self.vectors, str(tmp / "index.faiss"))
            self.lexical.save(tmp / "bm25")
            files = {name: _sha256(tmp / name) for name in _FILES}
            files.update({f"bm25/{p.name}": _sha256(p) for p in sorted((tmp / "bm25").iterdir())})
            manifest = Manifest(**{**asdict(self.manifest), "files": files})
            (tmp / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2), "utf-8")
            _swap_into_place(tmp, directory)
            self.manifest = manifest
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

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
        unlisted = [name for name in _FILES if name not in manifest.files]
        if unlisted:
            raise IndexCorruptError(
                f"{directory / 'manifest.json'} does not list {unlisted[0]}, so the index "
                "cannot be checked; run `rso-qa build --force` to rebuild it"
            )
        for name, digest in manifest.files.items():
            path = directory / name
            if not path.is_file() or _sha256(path) != digest:
                raise IndexCorruptError(
                    f"{path} is missing or was changed after the build; run `rso-qa build "
                    "--force` to rebuild the index"
                )
        try:
            passages = [Passage.from_dict(d) for d in _read_jsonl(directory / "passages.jsonl")]
            units = [Unit(**d) for d in _read_jsonl(directory / "units.jsonl")]
            vectors = faiss.read_index(str(directory / "index.faiss"))
            lexical = LexicalIndex.load(directory / "bm25", len(passages))
            return cls(passages, units, vectors, lexical, manifest)
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
        return Manifest(**data)
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


def build_store(
    statement: Statement, embedder: Embedder, *, progress: ProgressFn | None = None
) -> IndexStore:
    """Embed every passage's units and fit BM25; nothing is written here."""
    counter = TokenCounter()
    passages = statement.passages
    units: list[Unit] = []
    for i, passage in enumerate(passages):
        units.extend(passage_units(i, passage.text, embedder, counter))
        if progress:
            progress("cutting passages", i + 1, len(passages))
    texts = [unit_text(passages[u.passage], u) for u in units]
    batch = 64
    chunks = []
    for start in range(0, len(texts), batch):
        chunks.append(embedder.encode_passages(texts[start : start + batch]))
        if progress:
            progress("embedding", min(start + batch, len(texts)), len(texts))
    vectors = np.concatenate(chunks) if chunks else np.zeros((0, embedder.dimension), np.float32)
    lexical = LexicalIndex.fit([lexical_text(p) for p in passages])
    manifest = Manifest(
        corpus_sha256=statement.sha256,
        source=str(statement.source),
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
            for name in ("faiss-cpu", "sentence-transformers", "bm25s", "tiktoken", "torch")
        },
    )
    return IndexStore(passages, units, make_vector_index(vectors), lexical, manifest)


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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_jsonl(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _swap_into_place(tmp: Path, directory: Path) -> None:
    """Rename the new folder over the old one, so readers see one or the other."""
    old = None
    if directory.exists():
        old = directory.parent / f".{directory.name}.old-{time.time_ns()}"
        directory.rename(old)
    tmp.rename(directory)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
