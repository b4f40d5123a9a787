"""The eval: question sets run through assistant configs and tutorial baselines.

`load_questions` reads a question file, `evaluate` runs it through systems
(`AssistantSystem` per retrieval config, `baselines` for the tutorial pipelines),
`summarise` computes the metrics, `print_report` and `write_chart` show them.
"""

from eval.floors import below_floor, load_floors
from eval.metrics import HEADLINE, METRICS, Cited, Outcome, summarise, summarise_by_type
from eval.questions import DEFAULT_QUESTIONS, TYPES, Question, load_questions, missing_spans
from eval.run import Report, SystemResult, evaluate
from eval.spans import answer_overlaps, normalise

__all__ = [
    "DEFAULT_QUESTIONS",
    "HEADLINE",
    "METRICS",
    "TYPES",
    "Cited",
    "Outcome",
    "Question",
    "Report",
    "SystemResult",
    "answer_overlaps",
    "below_floor",
    "evaluate",
    "load_floors",
    "load_questions",
    "missing_spans",
    "normalise",
    "summarise",
    "summarise_by_type",
]
