"""Serving: `POST /api/ask` with 1, 8 and 32 concurrent clients against one in-process
`Assistant` asking in sequence, and the server's memory after 256 questions and more.

    python -m bench.serving [--levels 1 8 32] [--requests 256] [--rounds 4] [--json FILE]
                            [--serve-args "--max-batch 16"]

Starts `rso-qa serve` on a free loopback port (the index in a temporary RSO_QA_HOME,
built first, unless --home names one), loads an assistant in this process too, then for
each level alternates, `--rounds` times: the in-process assistant answers a slice of the
public questions in sequence, then `level` client threads send the same slice over HTTP
(keep-alive connections, stdlib `http.client`, so that the clients cost the shared two
cores as little as they can). Both sides thus meet the same background load; the ratio
is HTTP answers/s over in-process answers/s. Every request is bounded in time; one
without an answer counts as dropped. CPU seconds per answer (server process against
the in-process loop) are printed beside, as they barely move with the machine's load.
`--serve-args` adds flags to the server's command line only, to try a server setting
against the same in-process baseline (one assistant with its default settings).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.figures import Figure, Section, at_least, at_most, percentile, rss_bytes
from bench.load import free_port, stop_server
from bench.query import load_questions

__all__ = ["RATIO_TARGET", "RSS_TARGET_MB", "ask_http", "run", "start_server"]

RATIO_TARGET = 1.0
RSS_TARGET_MB = 350.0
_TIMEOUT_S = 120.0


def start_server(home: Path, port: int, *extra: str) -> tuple[subprocess.Popen, Path]:
    """`rso-qa serve` on a loopback port, answering /api/health; (process, log file)."""
    log = Path(tempfile.mkstemp(prefix="rso-qa-serve-", suffix=".log")[1])
    env = {
        **os.environ,
        "RSO_QA_HOME": str(home),
        "HF_HUB_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "rso-qa"), "serve", "--port", str(port), *extra],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            status, _ = ask_http(port, None, path="/api/health", timeout=5)
            if status == 200:
                return proc, log
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError(f"the server did not answer within 600 s:\n{log.read_text()}")


def ask_http(
    port: int,
    question: str | None,
    *,
    conn: http.client.HTTPConnection | None = None,
    path: str = "/api/ask",
    timeout: float = _TIMEOUT_S,
) -> tuple[int, dict[str, Any]]:
    """(status, JSON reply) of one request; POST with a question, GET without."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        if question is None:
            conn.request("GET", path)
        else:
            body = json.dumps({"question": question}).encode()
            conn.request("POST", path, body, {"Content-Type": "application/json"})
        reply = conn.getresponse()
        return reply.status, json.loads(reply.read())
    finally:
        if own:
            conn.close()


def _sequential(assistant, questions: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) for the in-process assistant to answer them in turn."""
    start, cpu = time.perf_counter(), time.process_time()
    for question in questions:
        assistant.ask(question)
    return time.perf_counter() - start, time.process_time() - cpu


def _over_http(port: int, questions: list[str], clients: int) -> dict[str, Any]:
    """Send every question once, split over `clients` threads; wall time, latency, failures."""
    latencies: list[float] = []
    failures: dict[str, list[str]] = {"errors": [], "dropped": []}
    lock = threading.Lock()
    gate = threading.Barrier(clients + 1)

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=_TIMEOUT_S)
        gate.wait()
        for question in questions[n::clients]:
            t0 = time.perf_counter()
            try:
                status, data = ask_http(port, question, conn=conn)
                ok = status == 200 and isinstance(data.get("text"), str) and data["text"]
                problem = None if ok else f"HTTP {status}: {str(data)[:120]}"
                kind = "errors"
            except (OSError, http.client.HTTPException, ValueError) as exc:
                problem, kind = f"{type(exc).__name__}: {exc}", "dropped"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=_TIMEOUT_S)
            with lock:
                if problem:
                    failures[kind].append(problem)
                else:
                    latencies.append((time.perf_counter() - t0) * 1e3)
        conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    gate.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join(timeout=_TIMEOUT_S * len(questions))
    return {
        "wall_s": time.perf_counter() - start,
        "latencies_ms": latencies,
        "errors": failures["errors"],
        "dropped": failures["dropped"] + ["no answer in time"] * sum(t.is_alive() for t in threads),
    }


def _level(
    assistant, server, port: int, questions: list[str], clients: int, rounds: int
) -> dict[str, Any]:
    """One level, in `rounds` alternations of in-process and HTTP over the same questions,
    so that both meet the same background load; the ratio is of the summed rates."""
    seq_wall = seq_cpu = http_wall = server_cpu = 0.0
    latencies: list[float] = []
    errors: list[str] = []
    dropped: list[str] = []
    before = ask_http(port, None, path="/api/health")[1]["batching"]
    load = os.getloadavg()[0]
    size = len(questions) // rounds
    for r in range(rounds):
        chunk = questions[r * size : (r + 1) * size]
        wall, cpu = _sequential(assistant, chunk)
        seq_wall, seq_cpu = seq_wall + wall, seq_cpu + cpu
        cpu = sum(server.cpu_times()[:2])
        got = _over_http(port, chunk, clients)
        server_cpu += sum(server.cpu_times()[:2]) - cpu
        http_wall += got["wall_s"]
        latencies += got["latencies_ms"]
        errors += got["errors"]
        dropped += got["dropped"]
    after = ask_http(port, None, path="/api/health")[1]["batching"]
    asked = size * rounds
    http_rate, seq_rate = len(latencies) / http_wall, asked / seq_wall
    return {
        "clients": clients,
        "requests": asked,
        "answered": len(latencies),
        "errors": len(errors),
        "dropped": len(dropped),
        "samples": (errors + dropped)[:3],
        "answers_per_s": http_rate,
        "in_process_answers_per_s": seq_rate,
        "ratio": http_rate / seq_rate,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "server_cpu_ms": server_cpu * 1e3 / asked,
        "in_process_cpu_ms": seq_cpu * 1e3 / asked,
        "batches": _batches(before, after),
        "load_average": [load, os.getloadavg()[0]],
    }


def run(
    home: Path,
    *,
    levels: tuple[int, ...] = (1, 8, 32),
    requests: int = 256,
    rounds: int = 4,
    serve_args: tuple[str, ...] = (),
) -> Section:
    """Start a server on the index in `home` (`serve_args` added to its command line),
    measure every level, stop it."""
    import psutil

    from qa.assistant import Assistant

    public = load_questions()
    port = free_port()
    proc, log = start_server(home, port, *serve_args)
    rows: list[dict[str, Any]] = []
    rss: dict[str, float] = {}
    try:
        server = psutil.Process(proc.pid)
        rss["ready"] = server.memory_info().rss / 2**20
        assistant = Assistant.load(index_dir=home / "index", notify=None)
        warm = public[:16]
        _sequential(assistant, warm)
        _over_http(port, warm, 4)
        for i, clients in enumerate(levels):
            # Each level asks another slice of the public set (cycled), both ways.
            questions = [public[(i * requests + j) % len(public)] for j in range(requests)]
            rows.append(_level(assistant, server, port, questions, clients, rounds))
            if i == 0:  # 16 + `requests` questions so far
                rss[f"after {16 + requests}"] = server.memory_info().rss / 2**20
        rss["end"] = server.memory_info().rss / 2**20
        rss["bench process"] = rss_bytes() / 2**20
    finally:
        stop_server(proc)
        log.unlink(missing_ok=True)
    figures: list[Figure] = []
    for row in rows:
        n = row["clients"]
        name = f"{n} client{'s' if n > 1 else ''}: HTTP / in-process sequential"
        top = n == max(levels)
        figures += [
            at_least(name, row["ratio"], RATIO_TARGET, "x")
            if top
            else Figure(name, row["ratio"], "x"),
            Figure(f"  {n}: answers/s over HTTP", row["answers_per_s"], "/s"),
            Figure(f"  {n}: answers/s in process", row["in_process_answers_per_s"], "/s"),
            Figure(f"  {n}: latency p50", row["p50_ms"], "ms"),
            Figure(f"  {n}: latency p95", row["p95_ms"], "ms"),
            Figure(f"  {n}: mean batch", row["batches"]["mean"], ""),
            Figure(f"  {n}: CPU per answer, server", row["server_cpu_ms"], "ms"),
            Figure(f"  {n}: CPU per answer, in process", row["in_process_cpu_ms"], "ms"),
            at_most(f"  {n}: errors + dropped", row["errors"] + row["dropped"], 0, ""),
        ]
    after = f"after {16 + requests}"
    figures.append(at_most(f"server RSS {after} questions", rss[after], RSS_TARGET_MB, "MiB"))
    total = f"server RSS after {16 + requests * len(levels)} questions (all levels)"
    figures.append(at_most(total, rss["end"], RSS_TARGET_MB, "MiB"))
    return Section("serving", figures, {"levels": rows, "rss_mib": rss, "requests": requests})


def _batches(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Batch sizes of the forward passes between two /api/health readings."""
    sizes = {int(s): n - before["batch_sizes"].get(s, 0) for s, n in after["batch_sizes"].items()}
    sizes = {s: n for s, n in sorted(sizes.items()) if n > 0}
    batches = sum(sizes.values())
    questions = sum(s * n for s, n in sizes.items())
    return {
        "batches": batches,
        "mean": questions / batches if batches else 0.0,
        "largest": max(sizes, default=0),
        "sizes": sizes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.serving", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--requests", type=int, default=256, help="questions per level")
    parser.add_argument("--rounds", type=int, default=4, help="alternations per level")
    parser.add_argument("--home", type=Path, help="RSO_QA_HOME with a built index (default: new)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--serve-args", default="", help='flags for `rso-qa serve`, e.g. "--max-batch 16"'
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rso-bench-") as tmp:
        home = args.home or Path(tmp)
        if args.home is None:
            subprocess.run(
                [str(Path(sys.executable).parent / "rso-qa"), "build"],
                check=True,
                env={**os.environ, "RSO_QA_HOME": str(home)},
                capture_output=True,
            )
        section = run(
            home,
            levels=tuple(args.levels),
            requests=args.requests,
            rounds=args.rounds,
            serve_args=tuple(args.serve_args.split()),
        )
    for figure in section.figures:
        mark = {True: "ok", False: "MISS", None: ""}[figure.ok]
        print(f"{figure.name:<48} {figure.value:10.2f} {figure.unit:<4} {figure.target:<8} {mark}")
    print(f"load average {os.getloadavg()}")
    if args.json:
        args.json.write_text(json.dumps(section.to_dict(), indent=2) + "\n")
    return 0 if all(f.ok is not False for f in section.figures) else 1


if __name__ == "__main__":
    sys.exit(main())
