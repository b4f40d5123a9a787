"""A one-page PNG of an eval run: headline metrics per system, and per question type."""

from __future__ import annotations

from pathlib import Path

from eval.metrics import METRICS
from eval.run import Report

__all__ = ["write_chart"]

_HEADLINE = (
    "hit_at_1",
    "hit_at_5",
    "mrr_at_10",
    "full_recall_at_5",
    "answer_evidence",
    "abstention_precision",
    "abstention_recall",
    "false_abstention_rate",
)
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")
_LABELS = {m.key: m.label for m in METRICS}
_TICKS = {
    "full_recall_at_5": "Full\nrecall@5",
    "answer_evidence": "Answer\nevidence",
    "abstention_precision": "Abstain\nprecision",
    "abstention_recall": "Abstain\nrecall",
    "false_abstention_rate": "False abstain\n(lower is better)",
    "unanswerable": "unanswerable\n(abstain recall)",
}


def write_chart(report: Report, path: Path | str) -> Path:
    """Draw the run to `path` (PNG) with the Agg backend, so no display is needed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    path = Path(path)
    results = report.results
    if not results:
        raise ValueError("nothing to chart: the report holds no systems")
    fig = plt.figure(figsize=(16, 10), dpi=100, layout="constrained")
    grid = fig.add_gridspec(2, 6, height_ratios=(1.15, 1))
    n_questions = results[0].overall["questions"]
    fig.suptitle(
        f"rso-qa eval: {n_questions} questions, k={report.k} "
        f"({Path(report.questions_file).name}, {report.seconds:.0f} s)",
        fontsize=16,
        fontweight="bold",
    )
    colours = {r.name: _COLOURS[i % len(_COLOURS)] for i, r in enumerate(results)}
    top = fig.add_subplot(grid[0, :4])
    labels = [_TICKS.get(k, _LABELS[k]) for k in _HEADLINE]
    _grouped(top, labels, results, colours, lambda r, i: r.overall[_HEADLINE[i]])
    top.set_title("Headline metrics per system", loc="left", fontsize=13)
    _reading(fig.add_subplot(grid[0, 4:]), results, colours)
    types = list(results[0].by_type)
    type_labels = [_TICKS.get(t, t) for t in types]

    def per_type(key: str):
        def value(result, i):
            summary = result.by_type.get(types[i], {})
            if types[i] == "unanswerable":
                return summary.get("abstention_recall")
            return summary.get(key)

        return value

    for column, key in enumerate(("hit_at_1", "full_recall_at_5")):
        ax = fig.add_subplot(grid[1, 3 * column : 3 * column + 3])
        _grouped(ax, type_labels, results, colours, per_type(key))
        ax.set_title(f"{_LABELS[key]} per question type", loc="left", fontsize=13)
    handles = [Patch(color=colours[r.name]) for r in results]
    fig.legend(
        handles,
        [f"{r.name}: {r.description}" for r in results],
        loc="outside lower center",
        ncol=2,
        fontsize=10,
        frameon=False,
    )
    fig.savefig(path, format="png")
    plt.close(fig)
    return path


def _grouped(ax, labels, results, colours, value, *, labels_on_bars: bool = True) -> None:
    """Bars for each label, one per system; a missing value is marked 'n/a'."""
    width = 0.8 / len(results)
    for s, result in enumerate(results):
        for i in range(len(labels)):
            x = i - 0.4 + width * (s + 0.5)
            v = value(result, i)
            colour = colours[result.name]
            if v is None:
                ax.text(
                    x, 0.02, "n/a", ha="center", va="bottom", fontsize=7, rotation=90, color=colour
                )
                continue
            ax.bar(x, v, width, color=colour, label=result.name if i == 0 else None)
            if labels_on_bars:
                ax.text(x, v + 0.01, f"{v:.2f}", ha="center", va="bottom", fontsize=7, rotation=90)
    ax.set_xticks(range(len(labels)), labels)
    ax.set_ylim(0, 1.12)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)


def _reading(ax, results, colours) -> None:
    """What a reader pays: characters of cited text and median latency, per system."""
    names = [r.name for r in results][::-1]
    chars = [r.overall["chars_read"] or 0 for r in results][::-1]
    bars = ax.barh(names, chars, color=[colours[n] for n in names])
    for bar, result in zip(bars, results[::-1], strict=True):
        p50 = result.overall["latency_p50_ms"] or 0
        ax.text(
            bar.get_width(),
            bar.get_y() + bar.get_height() / 2,
            f" {bar.get_width():,.0f} chars\n {_ms(p50)} p50",
            va="center",
            fontsize=9,
        )
    ax.set_xlim(0, max(chars + [1]) * 1.8)
    ax.set_title(
        "Characters read per question\n(lower is better) and latency", loc="left", fontsize=12
    )
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=9)


def _ms(value: float) -> str:
    return f"{value:.1f} ms" if value < 10 else f"{value:,.0f} ms"
