"""The eval on the terminal: systems side by side, a per-type table, the failures."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from eval.metrics import METRICS, Metric
from eval.run import FAILURE_KINDS, Report, SetsReport, SystemResult, failure_kind

__all__ = ["format_value", "print_report", "print_sets"]

_PER_TYPE = (
    "hit_at_1",
    "hit_at_5",
    "mrr_at_10",
    "full_recall_at_5",
    "answer_evidence",
    "abstention_recall",
    "false_abstention_rate",
    "chars_read",
)
_SNIPPET = 110
_CAPTION = (
    "Fractions of answerable questions, except abstention (unanswerable ones; precision is 0 "
    "for a system that never abstains). – : not applicable (baselines write no answer). "
    "Chars: cited text a reader reads per question. ms: latency per question."
)
_WIDE = 160  # columns the one-table layout needs
_SPLIT = 6  # the first six metrics are retrieval and answer quality


def format_value(metric: Metric, value: float | int | None) -> str:
    """Fractions with two decimals, counts and milliseconds whole (one decimal under 10);
    '–' when the metric does not apply."""
    if value is None:
        return "–"
    if metric.fraction:
        return f"{value:.2f}"
    return f"{value:.1f}" if 0 < value < 10 else f"{value:,.0f}"


def print_report(
    report: Report,
    *,
    failures: int = 10,
    console: Console | None = None,
    held_out: bool = False,
) -> None:
    """Print the systems table, the first system's per-type table and its failures
    (counted, not listed, for a set nobody tunes on: `held_out`)."""
    console = console or Console()
    for warning in report.warnings:
        console.print(f"[yellow]Warning:[/] {escape(warning)}")
    # One table when the terminal is wide enough, else quality and cost apart.
    wide = console.width >= _WIDE
    if wide:
        console.print(_systems_table(report, METRICS, wide=True))
    else:
        console.print(_systems_table(report, METRICS[:_SPLIT], wide=False))
        console.print(_systems_table(report, METRICS[_SPLIT:], wide=False, title=False))
    if report.results:
        first = report.results[0]
        console.print(_type_table(first, wide=wide))
        if held_out:
            _count_failures(first, console)
        elif failures > 0:
            _print_failures(first, failures, console)


def _systems_table(
    report: Report, metrics: Sequence[Metric], *, wide: bool, title: bool = True
) -> Table:
    n = report.results[0].overall["questions"] if report.results else 0
    heading = (
        f"Eval: {n} questions from {report.questions_file}, k={report.k}, {report.seconds:.1f} s"
    )
    table = Table(
        title=heading if title else None,
        title_justify="left",
        caption=None if title and not wide else _CAPTION,
        caption_justify="left",
    )
    table.add_column("System", style="bold", no_wrap=True, min_width=14)
    for metric in metrics:
        table.add_column(metric.label if wide else metric.short, justify="right", no_wrap=True)
    for result in report.results:
        table.add_row(result.name, *(format_value(m, result.overall[m.key]) for m in metrics))
    return table


def _type_table(result: SystemResult, *, wide: bool) -> Table:
    metrics = [m for m in METRICS if m.key in _PER_TYPE]
    table = Table(
        title=f"Per question type: {result.name}", title_justify="left", box=box.SIMPLE_HEAD
    )
    table.add_column("Type", style="bold", no_wrap=True, min_width=12)
    table.add_column("n", justify="right")
    for metric in metrics:
        table.add_column(metric.label if wide else metric.short, justify="right", no_wrap=True)
    for kind, summary in result.by_type.items():
        table.add_row(
            kind, str(summary["questions"]), *(format_value(m, summary[m.key]) for m in metrics)
        )
    return table


def _print_failures(result: SystemResult, most: int, console: Console) -> None:
    failed = result.failures()
    console.print(
        f"[bold]Failures of {escape(result.name)}[/]: {len(failed)} of "
        f"{len(result.outcomes)} (showing {min(most, len(failed))}, worst first)"
    )
    for outcome in failed[:most]:
        q = outcome.question
        console.print(
            f"[red]{failure_kind(outcome)}[/] [bold]{escape(q.id)}[/] ({q.type}): "
            f"{escape(q.question)}"
        )
        for span, rank in zip(q.evidence, outcome.span_ranks, strict=True):
            mark = f"[green]found at {rank}[/]" if rank and rank <= 5 else "[red]not cited[/]"
            console.print(f"    gold {mark}: “{escape(_clip(span))}”")
        if outcome.abstained:
            console.print(f"    declined: {escape(_clip(outcome.answer or ''))}")
        elif not outcome.cited:
            console.print("    cited nothing")
        else:
            ids = ", ".join(c.id for c in outcome.cited)
            console.print(f"    cited instead: {escape(ids)}")
            console.print(f"    [dim][1] {escape(_clip(outcome.cited[0].text))}[/]")
    console.print()


def _clip(text: str) -> str:
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1].rstrip() + "…"


# The set whose failures are listed one by one; the others are only counted, so that
# nobody tunes on questions that are there to measure.
TUNING_SET = "dev"


def print_sets(sets: SetsReport, *, failures: int = 10, console: Console | None = None) -> None:
    """The first system on every set side by side with the gap, then each set's systems.

    Failures are listed question by question for the tuning set only; for the
    others they are counted by kind and question type.
    """
    console = console or Console()
    wide = console.width >= _WIDE
    first = sets.reports[0][1].results[0].name if sets.reports else "default"
    table = Table(
        title=f"Question sets side by side: {first}",
        title_justify="left",
        caption=_CAPTION,
        caption_justify="left",
    )
    table.add_column("Set", style="bold", no_wrap=True)
    table.add_column("n", justify="right")
    shown = METRICS if wide else METRICS[: _SPLIT + 4]
    for metric in shown:
        table.add_column(metric.label if wide else metric.short, justify="right", no_wrap=True)
    for name, report in sets.reports:
        overall = report.results[0].overall
        table.add_row(
            name, str(overall["questions"]), *(format_value(m, overall[m.key]) for m in shown)
        )
    console.print(table)
    for held, gap in sets.gaps.items():
        console.print(f"[bold]Generalisation gap[/] (dev Hit@1 − {held} Hit@1): {gap:+.3f}")
    for name, report in sets.reports:
        console.rule(f"{name}: {report.results[0].overall['questions']} questions")
        for warning in report.warnings:
            console.print(f"[yellow]Warning:[/] {escape(warning)}")
        console.print(_systems_table(report, METRICS if wide else METRICS[:_SPLIT], wide=True))
        result = report.results[0]
        if name == TUNING_SET:
            console.print(_type_table(result, wide=wide))
            if failures > 0:
                _print_failures(result, failures, console)
        else:
            _count_failures(result, console)


def _count_failures(result: SystemResult, console: Console) -> None:
    failed = result.failures()
    counts = {kind: [o for o in failed if failure_kind(o) == kind] for kind in FAILURE_KINDS}
    parts = [
        f"{len(items)} {kind} ({', '.join(sorted({o.question.type for o in items}))})"
        for kind, items in counts.items()
        if items
    ]
    console.print(
        f"[bold]Failures of {escape(result.name)}[/]: {len(failed)} of {len(result.outcomes)}"
        + (f": {escape('; '.join(parts))}" if parts else "")
        + " (counted, not listed: this set is not for tuning)"
    )
    console.print()
