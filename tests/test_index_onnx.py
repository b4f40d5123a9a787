"""The torch-free query path: the index's ONNX copy of the model against sentence-transformers.

sentence-transformers builds the index and stays the reference; the ONNX graph (with
mean pooling and normalisation inside) and the exported tokenizer must give the same
vectors, the same answers and the same eval figures, without importing torch.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from answers import assert_same_answer

from eval.questions import load_questions
from index.folders import OWN_ENTRIES
from index.onnx_encoder import PASS_COST_TOKENS, SHRINK_LONGER_THAN, OnnxEncoder, length_groups
from index.onnx_export import ExportError, export_encoder
from index.store import FORMAT, unit_text
from qa import Assistant

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "sentence_transformers", "transformers", "sklearn")


def public_questions() -> list[str]:
    return [q.question for q in load_questions()]


def test_the_index_keeps_the_onnx_model_and_tokenizer_hashed_in_its_manifest(assistant, index_dir):
    manifest = json.loads((index_dir / "manifest.json").read_text())
    assert manifest["format"] == FORMAT and manifest["query_encoder"] == "onnx"
    for name in ("model.onnx", "tokenizer.json"):
        assert name in OWN_ENTRIES  # so the data-safety check accepts the folder as ours
        assert len(manifest["files"][name]) == 64 and (index_dir / name).stat().st_size > 0
    tokenizer = json.loads((index_dir / "tokenizer.json").read_text())
    assert tokenizer["truncation"]["max_length"] == 256  # the model's window, not 128
    assert isinstance(assistant.embedder, OnnxEncoder) and assistant.embedder.max_tokens == 256


def test_onnx_vectors_match_sentence_transformers_on_every_unit_and_public_question(
    assistant, embedder
):
    onnx = assistant.embedder
    store = assistant.store
    units = [unit_text(store.passages[u.passage], u) for u in store.units]
    questions = public_questions()
    for texts, reference, ours in [
        # the index's own vectors are sentence-transformers' (it built them)
        (units, store.matrix, onnx.encode_passages(units)),
        (questions, embedder.encode_queries(questions), onnx.encode_queries(questions)),
        # one at a time, as `ask` encodes them
        (questions[:40], embedder.encode_queries(questions[:40]),
         np.concatenate([onnx.encode_queries([q]) for q in questions[:40]])),
    ]:
        assert reference.shape == ours.shape == (len(texts), 384)
        assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
        cosines = (reference * ours).sum(axis=1)
        worst = int(np.argmin(cosines))
        assert cosines.min() >= 0.9999, (texts[worst][:80], cosines.min())


def test_the_exported_tokenizer_gives_sentence_transformers_token_ids(assistant, embedder):
    texts = [*public_questions()[:50], "x" * 3000, "", "Fiji " * 400]  # long ones truncate
    ours = [e.ids for e in assistant.embedder.tokenizer.encode_batch(texts)]
    theirs = embedder.model.preprocess(texts)["input_ids"].tolist()
    assert ours == theirs


def test_onnx_answers_equal_sentence_transformers_answers_on_the_public_set(assistant, embedder):
    reference = Assistant(embedder, assistant.store)
    for question in public_questions():
        assert_same_answer(assistant.ask(question).to_dict(), reference.ask(question).to_dict(),
                           question)


def test_the_thread_count_and_the_memory_arena_reach_the_onnx_session(assistant, index_dir):
    plain = assistant.embedder.session.get_session_options()
    assert plain.intra_op_num_threads == (os.cpu_count() or 1)
    assert not plain.enable_cpu_mem_arena and assistant.embedder.shrink is None
    served = Assistant.load(index_dir=index_dir, notify=None, encoder_threads=1,
                            encoder_arena=True).embedder
    options = served.session.get_session_options()
    assert options.intra_op_num_threads == 1 and options.enable_cpu_mem_arena
    assert served.shrink is not None
    # The same vectors either way, for public questions and for questions long enough
    # that the arena is given back after their pass.
    long = [f"{q} {'and what did the Members say about it? ' * 12}" for q in public_questions()[:8]]
    assert len(served.tokenizer.encode(long[0]).ids) > SHRINK_LONGER_THAN
    for texts in (public_questions()[:16], long):
        assert np.allclose(served.encode_queries(texts), assistant.embedder.encode_queries(texts),
                           atol=1e-5)


def test_eval_figures_are_the_same_with_either_encoder(assistant, embedder):
    from eval.run import run_eval

    figures = []
    for system in (assistant, Assistant(embedder, assistant.store)):
        report = run_eval(system, load_questions(), configs=["default"], k=5, source_text=None)
        overall = report.to_dict()["systems"][0]["overall"]
        figures.append({k: v for k, v in overall.items() if not k.startswith("latency")})
    assert figures[0] == figures[1] and figures[0]["hit_at_1"] > 0.9


def test_a_model_that_does_not_mean_pool_is_not_exported(embedder):
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.models import Pooling

    cls_pooled = SentenceTransformer(modules=[embedder.model[0], Pooling(384, pooling_mode="cls")])
    with pytest.raises(ExportError, match="pools by 'cls'"):
        export_encoder(type(embedder)(cls_pooled, name="cls-pooled"))


_NO_TORCH_ASK = """
import json, sys
from cli.app import app
try:
    app(["ask", "What did Fiji call for?", "--json"])
except SystemExit as stop:
    assert stop.code in (0, None), stop.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(%r))
print(json.dumps(heavy), file=sys.stderr)
"""


@pytest.mark.slow
def test_rso_qa_ask_never_imports_torch_or_sentence_transformers(assistant, cli_env):
    run = subprocess.run([sys.executable, "-c", _NO_TORCH_ASK % (HEAVY,)], env=cli_env, cwd=REPO,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout)["citations"]  # it did answer
    assert json.loads(run.stderr.strip().splitlines()[-1]) == []


_NO_ONNXRUNTIME = """
import sys
sys.modules["onnxruntime"] = None  # as on a machine where onnxruntime cannot load
from qa import Assistant
assistant = Assistant.load(index_dir=sys.argv[1], notify=lambda m: print(m, file=sys.stderr))
print(type(assistant.embedder).__name__)
print(assistant.ask("What is RILON?").citations[0].passage.id)
"""


def test_without_onnxruntime_questions_fall_back_to_sentence_transformers_with_one_warning(
    assistant, index_dir, cli_env
):
    run = subprocess.run([sys.executable, "-c", _NO_ONNXRUNTIME, str(index_dir)], env=cli_env,
                         cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["Embedder", "theme-1/recommendation/rso-border-forum"]
    warnings = [line for line in run.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "onnxruntime cannot load" in warnings[0], run.stderr[-2000:]


def test_an_index_saved_without_the_onnx_files_still_answers_and_says_why(
    index_dir, assistant, tmp_path
):
    copy = shutil.copytree(index_dir, tmp_path / "index")
    manifest = json.loads((copy / "manifest.json").read_text())
    for name in ("model.onnx", "tokenizer.json"):
        (copy / name).unlink()
        del manifest["files"][name]
    manifest["query_encoder"] = "not exported: ExportError: the model pools by 'cls'"
    (copy / "manifest.json").write_text(json.dumps(manifest))
    said: list[str] = []
    fallback = Assistant.load(index_dir=copy, rebuild=False, notify=said.append)
    assert type(fallback.embedder).__name__ == "Embedder"
    assert len(said) == 1 and "pools by 'cls'" in said[0] and "sentence-transformers" in said[0]
    question = "What did Fiji call for?"
    assert_same_answer(fallback.ask(question).to_dict(), assistant.ask(question).to_dict())


def test_length_groups_cut_a_mixed_batch_where_padding_costs_more_than_a_pass():
    assert length_groups([14] * 8, 12) == [list(range(8))]  # alike: one pass
    assert length_groups([10, 12, 13, 14, 15, 16, 19, 25], 12) == [[0, 1, 2, 3, 4, 5], [6, 7]]
    groups = length_groups([25, 10, 12, 200, 13], 12)
    assert groups == [[1, 2, 4], [0], [3]]  # one long question does not pad the others
    assert sorted(i for g in groups for i in g) == list(range(5))
    assert length_groups([], 12) == [] and length_groups([7], 12) == [[0]]


def test_a_batch_of_mixed_lengths_gets_the_vectors_each_question_gets_alone(assistant):
    onnx = assistant.embedder
    questions = public_questions()[:24] + ["What is RILON? " * 30, "Fiji?"]
    lengths = [sum(e.attention_mask) for e in onnx.tokenizer.encode_batch(questions)]
    assert len(length_groups(lengths, PASS_COST_TOKENS)) > 1  # the batch is cut into groups
    alone = np.concatenate([onnx.encode_queries([q]) for q in questions])
    assert np.allclose(onnx.encode_queries(questions), alone, atol=1e-6)
