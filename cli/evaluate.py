"""`rso-qa eval`: question sets through assistant configs and baselines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cli.options import Corpus, Docs, IndexDir, Model
from cli.support import friendly, load_assistant, progress_bar, settings_from, write_text

__all__ = ["eval_command"]


@friendly
def eval_command(
    questions: Annotated[
        Path | None,
        typer.Option(
            "--questions",
            help=(
                "Question file, one JSON object a line "
                "(default: the dev, test, blind, blind3 and blind4 sets)."
            ),
        ),
    ] = None,
    split: Annotated[
        str | None,
        typer.Option(
            "--split",
            help=(
                "Run one set only: dev, test, blind, blind3, blind4 "
                "(or blind2, retired into dev)."
            ),
        ),
    ] = None,
    k: Annotated[int, typer.Option("--k", help="Most passages (or chunks) each system cites.")] = 5,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the full report as JSON to this file.")
    ] = None,
    chart: Annotated[
        Path | None,
        typer.Option("--chart", help="Write a PNG chart of the run (one per set) to this file."),
    ] = None,
    config: Annotated[
        list[str] | None,
        typer.Option(
            "--config",
            help="Assistant config to run; repeat for more (default: default, dense-only).",
        ),
    ] = None,
    no_baselines: Annotated[
        bool, typer.Option("--no-baselines", help="Skip the two tutorial baselines.")
    ] = False,
    failures: Annotated[
        int,
        typer.Option(
            "--failures", help="How many failures of the first config to list (dev set only)."
        ),
    ] = 10,
    doc: Docs = None,
    per_document: Annotated[
        bool, typer.Option("--per-document", help="Run each config on each document alone.")
    ] = False,
    corpus: Corpus = None,
    model: Model = None,
    index_dir: IndexDir = None,
) -> None:
    """Run question sets through assistant configs and baselines; print the metrics.

    Without --questions or --split, the dev, test and held-out sets run side by side
    with the generalisation gaps (dev Hit@1 minus each blind set's Hit@1).
    """
    from corpus.errors import UsageError
    from corpus.files import read_document_bytes
    from eval.questions import load_questions
    from eval.report import print_report, print_sets
    from eval.run import DEFAULT_CONFIGS, Report, run_eval, run_sets
    from eval.splits import SETS, SPLITS, question_set
    from qa.assistant import MAX_K
    from qa.retrieve import config_named

    # Everything that can be wrong is checked before the model loads.
    names = [n.strip() for value in config or DEFAULT_CONFIGS for n in value.split(",")]
    for name in names:
        config_named(name)
    if not 1 <= k <= MAX_K:
        raise UsageError(f"--k must be from 1 to {MAX_K}, not {k}")
    if failures < 0:
        raise UsageError(f"--failures must be 0 or more, not {failures}")
    if questions is not None and split is not None:
        raise UsageError("give --questions or --split, not both")
    if split is not None and split not in SPLITS:
        raise UsageError(f"--split must be one of {', '.join(SPLITS)}, not {split!r}")
    for out in (json_out, chart):
        if out is not None and not out.parent.is_dir():
            raise UsageError(f"no folder {out.parent} to write {out.name} in; create it")
    if questions is not None:
        sets = [(str(questions), load_questions(questions))]
    else:
        sets = [(name, question_set(name)) for name in ([split] if split else SETS)]
    settings = settings_from(corpus, model, index_dir)
    source = None if no_baselines else read_document_bytes(settings.corpus).decode("utf-8")
    assistant = load_assistant(settings)
    if doc:
        from qa.documents import check_documents

        check_documents(doc, assistant.documents)
    configs = list(dict.fromkeys(names))
    bar, update = progress_bar()
    with bar:
        if len(sets) == 1:
            report = run_eval(
                assistant,
                sets[0][1],
                configs=configs,
                k=k,
                source_text=source,
                questions_file=sets[0][0],
                progress=update,
                documents=doc,
                per_document=per_document,
            )
        else:
            many = run_sets(
                assistant,
                sets,
                configs=configs,
                k=k,
                source_text=source,
                progress=update,
                documents=doc,
                per_document=per_document,
            )
    charts: list[tuple[Path, Report]]
    if len(sets) == 1:
        # A set nobody tunes on (test, a blind set) has its failures counted, not listed.
        held_out = split is not None and split in SETS and split != "dev"
        print_report(report, failures=failures, held_out=held_out)
        data = report.to_dict()
        charts = [(chart, report)] if chart else []
    else:
        print_sets(many, failures=failures)
        data = many.to_dict()
        charts = [
            (chart.with_name(f"{chart.stem}-{name}{chart.suffix}"), one)
            for name, one in many.reports
            if chart
        ]
    if json_out is not None:
        write_text(json_out, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        typer.echo(f"Wrote {json_out}")
    if charts:
        from eval.chart import write_chart

        for path, one in charts:
            typer.echo(f"Wrote {write_chart(one, path)}")
