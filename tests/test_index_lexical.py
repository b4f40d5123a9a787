"""BM25: the same scores whether or not scipy is loaded, and no scipy on the query path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

TEXTS = [
    "Fiji called for stronger cooperation on returns and reintegration.",
    "The Regional Support Office hosted the fourth constructive dialogue in Bangkok.",
    "Delegates discussed trafficking in persons, labour migration and border management.",
    "Indonesia presented its bilateral cooperation framework with Malaysia.",
]
QUESTIONS = ["What did Fiji call for?", "trafficking and migration", "Who hosted the dialogue?"]

_SCORES = """
import json, sys
if sys.argv[3] == "scipy first":
    import scipy.sparse  # then bm25s builds its matrix with scipy
from index.lexical import LexicalIndex, bm25s
lexical = LexicalIndex.fit(json.loads(sys.argv[1]))
scores = [lexical.scores(q).tolist() for q in json.loads(sys.argv[2])]
print(json.dumps({"with_scipy": bm25s.SCIPY_AVAILABLE, "scores": scores}))
"""


def scores_in_fresh_process(how: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", _SCORES, json.dumps(TEXTS), json.dumps(QUESTIONS), how],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_bm25_scores_without_scipy_equal_those_built_with_it():
    plain = scores_in_fresh_process("plain")
    with_scipy = scores_in_fresh_process("scipy first")
    assert plain["with_scipy"] is False  # the query path never pays for scipy
    assert with_scipy["with_scipy"] is True
    assert all(max(scores) > 0 for scores in plain["scores"])
    assert plain["scores"] == with_scipy["scores"]


def test_scipy_still_imports_after_bm25s_was_imported_without_it():
    code = "import index.lexical, scipy.sparse, sys; print('scipy.sparse' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "True"


def test_one_text_is_tokenized_as_bm25s_tokenizes_it_on_the_whole_statement():
    from corpus import load_statement
    from index.lexical import _tokenize, _tokens_of_one, lexical_tokens

    questions = [json.loads(line)["question"] for line in
                 (REPO / "eval" / "questions.jsonl").read_text("utf-8").splitlines() if line]
    passages = [p.text for p in load_statement().passages]
    sentences = [s for text in passages for s in text.split(". ")]
    texts = [*passages, *sentences, *questions, "", "  ", "Türkiye – the “RSO”’s 2026 plan"]
    assert _tokenize(texts) == [list(_tokens_of_one(t)) for t in texts]
    assert lexical_tokens(["What did Fiji call for?"]) == [["fiji", "call"]]
