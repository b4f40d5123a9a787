"""Each copy of the statement as people receive it answers the public set as the text does.

The PDF, Word and HTML renderings (made here: tests/renderings.py) are added to one
library beside the bundled text, and the eval runs once per document. Each copy must
come within 0.03 of the text on Hit@1 and full recall@5; the figures are written to
artifacts/eval-formats.json.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from eval.questions import load_questions
from eval.run import run_eval
from qa import Assistant

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
TOLERANCE = 0.03


def test_pdf_word_and_html_copies_answer_the_public_set_as_the_text_does(
    printed, index_dir, assistant, tmp_path
):
    shutil.copytree(index_dir, tmp_path / "index")
    library = Assistant.load(index_dir=tmp_path / "index", notify=None)
    for fmt in ("pdf", "docx", "html"):
        document, added = library.add_document(printed / f"statement.{fmt}", doc_id=f"cd4-{fmt}")
        assert added and document.format == fmt and document.passages == 115
    report = run_eval(library, load_questions(None), configs=["default"], per_document=True)
    figures = {r.name: r.overall for r in report.results}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "eval-formats.json").write_text(json.dumps(figures, indent=1) + "\n")
    text = figures["default@rso-cd4"]
    for fmt in ("pdf", "docx", "html"):
        copy = figures[f"default@cd4-{fmt}"]
        for metric in ("hit_at_1", "full_recall_at_5"):
            assert abs(copy[metric] - text[metric]) <= TOLERANCE, (fmt, metric, copy, text)
