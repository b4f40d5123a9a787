"""Memory: resident size of a process serving the statement, and of vectors per million.

Run as `python -m bench.memory RSO_QA_HOME` to print (as JSON) the resident memory of a
fresh process after it has loaded the assistant and answered a few questions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.figures import Figure, Section, rss_bytes

__all__ = ["measure_serving", "run"]

_MIB = 2**20
_ASKS = ("What is RILON?", "What did Fiji call for?", "Who co-chaired the dialogue?")


def measure_serving(home: Path) -> dict[str, float]:
    """RSS (MiB) after imports, after loading the assistant, after a few asks."""
    out: dict[str, float] = {"start": rss_bytes() / _MIB}
    from qa.assistant import Assistant  # faiss, bm25s, onnxruntime; never torch

    out["imports"] = rss_bytes() / _MIB
    assistant = Assistant.load(index_dir=home / "index", notify=None)
    out["assistant loaded"] = rss_bytes() / _MIB
    for question in _ASKS:
        assistant.ask(question)
    out["after asks"] = rss_bytes() / _MIB
    out["records_bytes_per_passage"] = _record_bytes(home / "index") / len(assistant.passages)
    out["units"] = float(len(assistant.store.units))
    out["passages"] = float(len(assistant.passages))
    return out


def _record_bytes(directory: Path) -> int:
    """Python heap taken by the passage and unit records, as the store holds them."""
    import tracemalloc

    from corpus.passage import Passage
    from index.windows import Unit

    tracemalloc.start()
    with open(directory / "passages.jsonl", encoding="utf-8") as fh:
        passages = tuple(Passage.from_dict(json.loads(line)) for line in fh if line.strip())
    with open(directory / "units.jsonl", encoding="utf-8") as fh:
        units = tuple(Unit(**json.loads(line)) for line in fh if line.strip())
    size, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del passages, units
    return size


def run(home: Path, *, scale: list[dict[str, Any]] | None = None) -> Section:
    """Serving RSS from a fresh process; per-million figures from the scale runs."""
    root = str(Path(__file__).resolve().parent.parent)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
        "HF_HUB_OFFLINE": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bench.memory", str(home)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    serving = json.loads(proc.stdout.strip().splitlines()[-1])
    units_per_passage = serving["units"] / serving["passages"]
    figures = [Figure("in-process assistant RSS (statement, 3 asks)", serving["after asks"], "MiB")]
    per_million: dict[str, Any] = {}
    for row in scale or []:
        if row.get("index_bytes") and row.get("n"):
            gib_per_m_vectors = row["index_bytes"] / row["n"] * 1e6 / 2**30
            per_million[str(row["n"])] = {
                "index_type": row["index_type"],
                "index_gib_per_million_vectors": gib_per_m_vectors,
                "index_gib_per_million_passages": gib_per_m_vectors * units_per_passage,
            }
    records_gib = serving["records_bytes_per_passage"] * 1e6 / 2**30
    figures.append(Figure("passage records per 1M passages", records_gib, "GiB"))
    if per_million:
        largest = per_million[max(per_million, key=int)]
        figures.append(
            Figure(
                f"index per 1M vectors ({largest['index_type']})",
                largest["index_gib_per_million_vectors"],
                "GiB",
            )
        )
        figures.append(
            Figure(
                f"index per 1M passages (x{units_per_passage:.2f} units)",
                largest["index_gib_per_million_passages"],
                "GiB",
            )
        )
    details = {
        "serving_rss_mib": serving,
        "units_per_passage": units_per_passage,
        "records_gib_per_million_passages": records_gib,
        "per_million": per_million,
    }
    return Section("memory", figures, details)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m bench.memory RSO_QA_HOME")
    print(json.dumps(measure_serving(Path(sys.argv[1]))))
