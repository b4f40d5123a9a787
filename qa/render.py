"""Terminal rendering of an Answer with rich."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from qa.records import Answer, Citation

__all__ = ["print_answer"]


def _highlighted(citation: Citation) -> str:
    text = citation.passage.text
    out, pos = [], 0
    for start, end in citation.highlights:
        out.append(escape(text[pos:start]))
        out.append(f"[bold yellow]{escape(text[start:end])}[/]")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def print_answer(answer: Answer, console: Console | None = None) -> None:
    console = console or Console()
    style = "yellow" if answer.abstained else "green"
    title = f"No answer: {answer.code}" if answer.abstained and answer.code else "Answer"
    console.print(Panel(escape(answer.text), title=title, border_style=style))
    sources = answer.related if answer.abstained else answer.citations
    if answer.abstained and sources:
        console.print("[dim]Related passages (not an answer):[/]")
    for c in sources:
        p = c.passage
        console.print(f"[bold][{c.n}][/] {escape(c.label or p.label)}")
        console.print(
            f"[dim]{escape(p.id)} · characters {p.start:,}–{p.end:,} · score {c.score:.2f}[/]"
        )
        console.print(_highlighted(c), soft_wrap=True)
        console.print()
