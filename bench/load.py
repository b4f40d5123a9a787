"""Load test: `rso-qa serve` on loopback, many clients over HTTP, nothing lost.

    python -m bench.load [--clients 32] [--per-client 25] [--deadline 900] [--json FILE]

Starts a real server on a free 127.0.0.1 port, waits until it answers, warms it up, then
runs `--clients` threads that each ask `--per-client` questions through the `/ask` JSON
endpoint (Gradio's queue API, plain httpx). It is bounded in count (clients x questions)
and in time (`--deadline`; a request that has not finished by then counts as dropped),
stops the server itself, and prints throughput, latency percentiles, errors, dropped
requests and the server's resident memory before and after. The exit code is 0 when the
goals hold: no errors, nothing dropped, memory growth under 10%.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx
import psutil

__all__ = ["QUESTIONS", "ask_over_http", "main", "run_load"]

# Real questions of the kinds people ask, answerable and not (abstentions are answers too).
QUESTIONS = (
    "What did Fiji call for?",
    "What is RILON?",
    "What did Thailand say about trafficking in persons?",
    "Which countries spoke about climate change and migration?",
    "What are the four key insights?",
    "What did the United States of America recommend?",
    "What is the Border Forum?",
    "What did Indonesia highlight?",
    "What does UNHCR stand for?",
    "How should Members share information about irregular migration?",
    "What did Australia say about returns and reintegration?",
    "What did Germany say?",
    "What was said about online scams and forced criminality?",
    "Who attended the Fourth Constructive Dialogue?",
    "What did Viet Nam share?",
    "What did the Maldives call for?",
    "What is the theme of the dialogue?",
    "What did IOM recommend on labour migration?",
    "What does the statement say about biometrics?",
    "What did Sri Lanka say?",
    "What are the next steps in the looking ahead section?",
    "What did ASEAN recommend?",
    "What is the RSO?",
    "What did New Zealand say about maritime surveillance?",
    "What is the capital of France?",
)
GOAL_MEMORY_GROWTH = 0.10
OVERSIZE_REQUESTS = 3
OVERSIZE_BYTES = 10 * 2**20
GOAL_OVERSIZE_GROWTH_MB = 50


@dataclass(frozen=True)
class Outcome:
    """One request: how long it took and how it ended (ok, error or dropped)."""

    client: int
    latency_s: float
    status: str
    detail: str = ""


@dataclass
class Report:
    clients: int
    per_client: int
    sent: int = 0
    ok: int = 0
    errors: int = 0
    dropped: int = 0
    not_sent: int = 0
    abstained: int = 0
    wall_s: float = 0.0
    throughput_rps: float = 0.0
    latency_ms: dict[str, float] = field(default_factory=dict)
    rss_mb: dict[str, float] = field(default_factory=dict)
    memory_growth: float = 0.0
    oversize_refused: int = 0
    error_samples: list[str] = field(default_factory=list)

    @property
    def goals_met(self) -> bool:
        return (
            self.errors == 0
            and self.dropped == 0
            and self.not_sent == 0
            and self.memory_growth < GOAL_MEMORY_GROWTH
            and self.oversize_refused == OVERSIZE_REQUESTS
            and self.oversize_growth_mb < GOAL_OVERSIZE_GROWTH_MB
        )

    @property
    def oversize_growth_mb(self) -> float:
        """RSS added by the 10 MB questions sent after the load (all must be refused)."""
        return self.rss_mb.get("after oversize", 0.0) - self.rss_mb.get("after", 0.0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ask_over_http(
    client: httpx.Client, base: str, question: str, *, k: int = 5, timeout: float = 120
) -> tuple[str, object]:
    """Ask through Gradio's queue API: ("complete", Answer dict) or ("error", message).

    Raises httpx errors (and TimeoutError) when no answer comes back at all.
    """
    body = json.dumps({"data": [question, k, [], [], []]})  # ASCII: lone surrogates survive
    joined = client.post(
        f"{base}/gradio_api/call/ask",
        content=body,
        headers={"content-type": "application/json"},
        timeout=timeout,
    )
    if joined.status_code != 200:
        return "error", f"HTTP {joined.status_code} joining the queue: {joined.text[:200]}"
    event_id = joined.json()["event_id"]
    deadline = time.monotonic() + timeout
    with client.stream("GET", f"{base}/gradio_api/call/ask/{event_id}", timeout=timeout) as resp:
        if resp.status_code != 200:
            return "error", f"HTTP {resp.status_code} reading the result"
        for event, data in _sse(resp.iter_lines()):
            if event == "complete":
                return "complete", json.loads(data)[0]
            if event == "error":
                return "error", data
            if time.monotonic() > deadline:
                break
    raise TimeoutError(f"no result for event {event_id} within {timeout:.0f} s")


def _sse(lines: Iterator[str]) -> Iterator[tuple[str, str]]:
    event = ""
    for line in lines:
        if line.startswith("event:"):
            event = line.partition(":")[2].strip()
        elif line.startswith("data:"):
            yield event, line.partition(":")[2].strip()


def _rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 2**20


def _wait_ready(base: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/gradio_api/info", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s:\n{log.read_text()}")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = q / 100 * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def run_load(
    *,
    clients: int = 32,
    per_client: int = 25,
    deadline_s: float = 900,
    request_timeout_s: float = 300,
    start_timeout_s: float = 600,
) -> Report:
    """Start a server, drive it, stop it; the figures as a Report."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(tempfile.mkstemp(prefix="rso-qa-serve-", suffix=".log")[1])
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    with open(log, "w") as log_fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(port)],
            env=env,
            stdout=log_fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    report = Report(clients=clients, per_client=per_client)
    try:
        _wait_ready(base, proc, log, start_timeout_s)
        report.rss_mb["ready"] = _rss_mb(proc.pid)
        with httpx.Client() as warm:
            for question in QUESTIONS[:5]:
                ask_over_http(warm, base, question)
        report.rss_mb["before"] = _rss_mb(proc.pid)
        outcomes = _drive(
            base, proc.pid, clients, per_client, deadline_s, request_timeout_s, report
        )
        report.rss_mb["after"] = _rss_mb(proc.pid)
        report.oversize_refused = _send_oversize(base)
        report.rss_mb["after oversize"] = _rss_mb(proc.pid)
    finally:
        stop_server(proc)
    latencies = [o.latency_s * 1e3 for o in outcomes if o.status in ("ok", "abstained")]
    report.sent = len(outcomes)
    report.ok = sum(o.status in ("ok", "abstained") for o in outcomes)
    report.abstained = sum(o.status == "abstained" for o in outcomes)
    report.errors = sum(o.status == "error" for o in outcomes)
    report.dropped = sum(o.status == "dropped" for o in outcomes)
    report.not_sent = clients * per_client - report.sent
    report.throughput_rps = report.ok / report.wall_s if report.wall_s else 0.0
    report.latency_ms = {f"p{q}": round(_percentile(latencies, q), 1) for q in (50, 95, 99)} | {
        "max": round(max(latencies, default=float("nan")), 1)
    }
    report.memory_growth = report.rss_mb["after"] / report.rss_mb["before"] - 1
    report.error_samples = sorted({o.detail for o in outcomes if o.status != "ok"} - {""})[:5]
    return report


def _drive(
    base: str,
    pid: int,
    clients: int,
    per_client: int,
    deadline_s: float,
    timeout_s: float,
    report: Report,
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]
    peak = [0.0]

    def client_loop(n: int) -> None:
        with httpx.Client() as http:
            start.wait()
            for i in range(per_client):
                if time.monotonic() > stop_at[0]:
                    return  # counted as not sent
                question = QUESTIONS[(n * 7 + i) % len(QUESTIONS)]
                t0 = time.monotonic()
                try:
                    kind, data = ask_over_http(http, base, question, timeout=timeout_s)
                    if kind == "complete" and isinstance(data, dict) and data.get("text"):
                        status = "abstained" if data["abstained"] else "ok"
                        outcome = Outcome(n, time.monotonic() - t0, status)
                    else:
                        outcome = Outcome(n, time.monotonic() - t0, "error", str(data)[:200])
                except (httpx.HTTPError, TimeoutError) as exc:
                    outcome = Outcome(n, time.monotonic() - t0, "dropped", type(exc).__name__)
                with lock:
                    outcomes.append(outcome)

    threads = [threading.Thread(target=client_loop, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    t0 = time.monotonic()
    stop_at[0] = t0 + deadline_s
    start.wait()
    while any(t.is_alive() for t in threads) and time.monotonic() < stop_at[0] + timeout_s:
        peak[0] = max(peak[0], _rss_mb(pid))
        time.sleep(0.5)
    report.wall_s = time.monotonic() - t0
    report.rss_mb["peak"] = peak[0]
    return outcomes


def _send_oversize(base: str, count: int = OVERSIZE_REQUESTS) -> int:
    """Post `count` 10 MB questions as new sessions; how many were refused (HTTP 413)."""
    question = "x" * OVERSIZE_BYTES
    refused = 0
    with httpx.Client() as http:
        for i in range(count):
            body = {"data": [question, []], "fn_index": 0, "session_hash": f"oversize-{i}"}
            reply = http.post(f"{base}/gradio_api/queue/join", json=body, timeout=120)
            refused += reply.status_code == 413
    return refused


def stop_server(proc: subprocess.Popen) -> None:
    """SIGINT the server's process group, SIGKILL it if it lingers."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


def print_report(report: Report) -> None:
    rows = [
        ("clients x questions", f"{report.clients} x {report.per_client}"),
        ("requests sent / answered", f"{report.sent} / {report.ok}"),
        ("  of which abstentions", str(report.abstained)),
        ("errors", str(report.errors)),
        ("dropped (no answer)", str(report.dropped)),
        ("not sent (deadline)", str(report.not_sent)),
        ("wall time", f"{report.wall_s:.1f} s"),
        ("throughput", f"{report.throughput_rps:.2f} answers/s"),
        *((f"latency {k}", f"{v:.0f} ms") for k, v in report.latency_ms.items()),
        *((f"server RSS {k}", f"{v:.0f} MB") for k, v in report.rss_mb.items()),
        ("memory growth (before -> after)", f"{report.memory_growth:+.1%}"),
        ("10 MB questions refused", f"{report.oversize_refused} / {OVERSIZE_REQUESTS}"),
        ("RSS added by them", f"{report.oversize_growth_mb:+.1f} MB"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    for sample in report.error_samples:
        print(f"  sample problem: {sample}")
    print(
        "goals (0 errors, 0 dropped, memory growth < 10%, oversize refused, < 50 MB):",
        "met" if report.goals_met else "NOT met",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--per-client", type=int, default=25)
    parser.add_argument("--deadline", type=float, default=900, help="seconds for the whole run")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    report = run_load(clients=args.clients, per_client=args.per_client, deadline_s=args.deadline)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2) + "\n")
    return 0 if report.goals_met else 1


if __name__ == "__main__":
    sys.exit(main())
