"""`python -m bench`: every benchmark, one table, and bench/results.json.

python -m bench                 # build, query path, cold start, serving, scale to 100k, memory
python -m bench --scale-1m      # also the 1M corpora (several minutes more)
python -m bench --only serving  # some sections only (build query cold serving scale memory);
                                # the others stay in results.json as the last run left them
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import Section

SECTIONS = ("build", "query", "cold", "serving", "scale", "memory")
RESULTS = Path(__file__).resolve().parent / "results.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--scale-1m", action="store_true", help="also run the 1M corpora")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these sections")
    parser.add_argument("--repeats", type=int, default=3, help="cold-start repetitions")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON")
    args = parser.parse_args(argv)
    wanted = set(args.only or SECTIONS)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    started = time.perf_counter()
    load_before = os.getloadavg()
    sections: list[Section] = []
    with tempfile.TemporaryDirectory(prefix="rso-bench-") as tmp:
        home = Path(tmp)
        sections.extend(_run(home, wanted, args))
    meta = _meta(started, load_before, args)
    written = [s.to_dict() for s in sections]
    if args.only and args.out.exists():  # keep the sections not run, from the last run
        earlier = json.loads(args.out.read_text("utf-8"))
        ran = {s["name"] for s in written}
        kept = [s for s in earlier.get("sections", []) if s["name"] not in ran]
        if kept:
            meta["kept_from_earlier_run"] = {
                "sections": [s["name"] for s in kept],
                "meta": earlier.get("meta", {}),
            }
        written = kept + written
    args.out.write_text(json.dumps({"meta": meta, "sections": written}, indent=2) + "\n", "utf-8")
    _print_table(sections, meta)
    print(f"wrote {args.out}")
    return 0


def _run(home: Path, wanted: set[str], args) -> list[Section]:
    from bench import build, cold, memory, query, scale, serving
    from index.embed import Embedder
    from index.store import IndexStore
    from qa.assistant import Assistant

    out: list[Section] = []
    log(f"loading the model; index in {home}")
    embedder = Embedder.load()
    log("build: building the statement index")
    built = build.run(embedder, home / "index")  # also the index every later section uses
    if "build" in wanted:
        out.append(built)
    store = IndexStore.load(home / "index")
    assistant = Assistant.load(index_dir=home / "index", notify=log)  # the ONNX path, as served
    if "query" in wanted:
        questions = query.load_questions()
        log(f"query: {len(questions)} questions, ask vs bare encode, then a profile")
        out.append(query.run(assistant, questions))
    if "cold" in wanted:
        log(f"cold: {args.repeats} x (rso-qa ask, import sentence_transformers, --help)")
        out.append(cold.run(home, repeats=args.repeats))
    if "serving" in wanted:
        log("serving: rso-qa serve, POST /api/ask with 1, 8 and 32 clients vs in-process")
        out.append(serving.run(home))
    rows: list[dict[str, Any]] = []
    if "scale" in wanted:
        sizes = (100_000, 1_000_000) if args.scale_1m else (100_000,)
        texts = [store.passages[u.passage].text[u.start : u.end] for u in store.units]
        log(f"scale: statement-10k, then {', '.join(f'{n:,}' for n in sizes)}")
        # Uniform vectors are the slow worst case for HNSW (4-5 min to build 100k on two busy
        # cores): part of the long run only.
        uniform = (100_000,) if args.scale_1m else ()
        section = scale.run(embedder, texts, sizes=sizes, uniform_sizes=uniform, log=log)
        rows = section.details["rows"]
        out.append(section)
    if "memory" in wanted:
        log("memory: a fresh serving process")
        out.append(memory.run(home, scale=rows))
    return out


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _meta(started: float, load_before: tuple[float, ...], args) -> dict[str, Any]:
    import faiss
    import torch

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "commit": commit,
        "seconds": time.perf_counter() - started,
        "cpus": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "faiss": faiss.__version__,
        "scale_1m": bool(args.scale_1m),
    }


def _print_table(sections: list[Section], meta: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=(
            f"rso-qa bench ({meta['cpus']} cpus, load {meta['load_average_before'][0]:.1f} -> "
            f"{meta['load_average_after'][0]:.1f}, {meta['seconds']:.0f} s)"
        )
    )
    for column, justify in (
        ("section", "left"),
        ("figure", "left"),
        ("value", "right"),
        ("target", "right"),
        ("", "center"),
    ):
        table.add_column(column, justify=justify)
    for section in sections:
        for i, figure in enumerate(section.figures):
            mark = {True: "[green]ok[/]", False: "[red]MISS[/]", None: ""}[figure.ok]
            table.add_row(
                section.name if i == 0 else "",
                figure.name,
                _format(figure.value, figure.unit),
                figure.target,
                mark,
            )
        table.add_section()
    Console().print(table)


def _format(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit in ("", "recall"):
        return f"{value:.3f}"
    if abs(value) >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.3g} {unit}" if unit not in ("ms",) else f"{value:.3f} ms"


if __name__ == "__main__":
    sys.exit(main())
