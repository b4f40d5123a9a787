"""Cold start: a fresh `rso-qa ask "What did Fiji call for?" --json` to its answer,
against importing sentence-transformers in a fresh interpreter, in the same run.

`ask` never imports torch: questions are encoded with the index's ONNX copy of the
model. Run as `python -m bench.cold --breakdown RSO_QA_HOME` to print (as JSON) where
one cold ask spends its time: imports, index load, encoder load, setup, first ask.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.figures import Figure, Section, at_most, percentile

__all__ = ["breakdown", "import_times", "run", "time_to_first_line"]

RATIO_TARGET = 0.35
HELP_TARGET_S = 0.5
QUESTION = "What did Fiji call for?"


def time_to_first_line(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(seconds to the first non-empty stdout line, seconds to exit, CPU seconds) of a
    fresh process. CPU seconds (user + system, whole run) barely move with machine load."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    first = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip():
            first = time.perf_counter() - start
            break
    _out, err = proc.communicate()
    done = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {err.strip()[-500:]}")
    return (first if first is not None else done), done, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(home: Path, *, repeats: int = 5) -> Section:
    """Medians over `repeats` interleaved runs of each command."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "RSO_QA_HOME": str(home), "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    ask = [str(bin_dir / "rso-qa"), "ask", QUESTION, "--json"]
    imp = [sys.executable, "-c", "import sentence_transformers"]
    helps = [str(bin_dir / "rso-qa"), "--help"]
    time_to_first_line(ask, env)  # the index must exist and the page cache be warm
    asks, imports, help_times = [], [], []
    ask_cpu, import_cpu, help_cpu = [], [], []
    for _ in range(repeats):
        first, _done, cpu = time_to_first_line(ask, env)
        asks.append(first)
        ask_cpu.append(cpu)
        _first, done, cpu = time_to_first_line(imp, env)
        imports.append(done)
        import_cpu.append(cpu)
        _first, done, cpu = time_to_first_line(helps, env)
        help_times.append(done)
        help_cpu.append(cpu)
    ask_s, import_s, help_s = (percentile(v, 50) for v in (asks, imports, help_times))
    cpu = {
        name: percentile(v, 50)
        for name, v in (("ask", ask_cpu), ("import", import_cpu), ("help", help_cpu))
    }
    figures = [
        at_most("cold ask / import sentence_transformers", ask_s / import_s, RATIO_TARGET),
        at_most("rso-qa --help", help_s, HELP_TARGET_S, "s"),
        Figure("cold ask to first answer", ask_s, "s"),
        Figure("import sentence_transformers", import_s, "s"),
        Figure("CPU: cold ask / import (whole runs)", cpu["ask"] / cpu["import"], "x"),
        Figure("CPU: rso-qa --help", cpu["help"], "s"),
    ]
    details: dict[str, Any] = {
        "repeats": repeats,
        "ask_s": asks,
        "import_s": imports,
        "help_s": help_times,
        "cpu_s": {"ask": ask_cpu, "import": import_cpu, "help": help_cpu},
        "breakdown_s": _child_breakdown(home, env),
        "ask_importtime_top": import_times(ask, env),
    }
    return Section("cold start", figures, details)


def _child_breakdown(home: Path, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.cold", "--breakdown", str(home)],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": _root_on_path(env)},
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _root_on_path(env: dict[str, str]) -> str:
    root = str(Path(__file__).resolve().parent.parent)
    rest = env.get("PYTHONPATH", "")
    return f"{root}{os.pathsep}{rest}" if rest else root


_IMPORTTIME = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def import_times(argv: Sequence[str], env: dict[str, str], *, top: int = 12) -> list[dict]:
    """The top-level imports of a command with the most cumulative time (python -X importtime)."""
    script = Path(argv[0])
    cmd = [sys.executable, "-X", "importtime", str(script), *argv[1:]]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    rows = []
    for line in out.stderr.splitlines():
        match = _IMPORTTIME.match(line)
        if match and len(match.group(3)) <= 1:  # top-level imports only
            rows.append({"module": match.group(4), "cumulative_s": int(match.group(2)) / 1e6})
    return sorted(rows, key=lambda r: -r["cumulative_s"])[:top]


def breakdown(home: Path) -> dict[str, float]:
    """Seconds of each step of a cold ask, measured inside one fresh process."""
    marks: dict[str, float] = {}
    start = time.perf_counter()

    def mark(step: str) -> None:
        marks[step] = time.perf_counter() - start - sum(marks.values())

    import cli.app  # noqa: F401  (what the CLI imports before it runs a command)

    mark("import cli.app")
    from corpus.files import document_sha256
    from qa.assistant import Assistant

    mark("import qa.assistant (faiss, bm25s, onnxruntime)")
    from corpus.statement import DEFAULT_SOURCE
    from index.onnx_encoder import load_query_encoder
    from index.store import IndexStore

    directory = home / "index"
    store = IndexStore.load(
        directory, corpus_sha256=document_sha256(DEFAULT_SOURCE), model="all-MiniLM-L6-v2"
    )
    mark("load index (verify hashes, FAISS, BM25)")
    manifest = store.manifest
    encoder = load_query_encoder(
        directory, model=manifest.model, dimension=manifest.dimension, files=tuple(manifest.files)
    )
    mark("load ONNX encoder (onnxruntime session, tokenizer)")
    assistant = Assistant(encoder, store)
    mark("Assistant() (gazetteer, analyser)")
    assistant.ask(QUESTION)
    mark("first ask")
    assistant.ask(QUESTION)
    mark("second ask")
    import json as _json  # what --json prints with

    _json.dumps(assistant.ask(QUESTION).to_dict())
    mark("third ask + JSON")
    heavy = sorted({m.split(".")[0] for m in sys.modules} & {"torch", "sentence_transformers"})
    marks["torch or sentence_transformers imported"] = float(bool(heavy))
    return marks


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--breakdown":
        print(json.dumps(breakdown(Path(sys.argv[2]))))
    else:
        sys.exit("usage: python -m bench.cold --breakdown RSO_QA_HOME")
