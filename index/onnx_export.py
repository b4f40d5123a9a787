"""Build time: the sentence-transformers model as one ONNX graph plus its tokenizer.

The graph takes the tokenizer's ids and mask and returns the sentence vector itself:
the transformer, then mean pooling over the real tokens, then L2 normalisation, as
sentence-transformers computes them. Questions can then be encoded with onnxruntime
and the `tokenizers` library alone, so answering never imports torch.
"""

from __future__ import annotations

import io
import json
import warnings
from dataclasses import dataclass
from typing import Any

from index.embed import Embedder

__all__ = ["ENCODER_FILES", "EncoderExport", "ExportError", "export_encoder"]

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
ENCODER_FILES = (MODEL_FILE, TOKENIZER_FILE)
OPSET = 17
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


class ExportError(RuntimeError):
    """The model cannot be exported as a query encoder (another pooling, no fast tokenizer)."""


@dataclass(frozen=True)
class EncoderExport:
    """The bytes of the files an index folder keeps for its query encoder."""

    model: bytes
    tokenizer: str
    inputs: tuple[str, ...]

    def files(self) -> dict[str, bytes]:
        return {MODEL_FILE: self.model, TOKENIZER_FILE: self.tokenizer.encode("utf-8")}


def export_encoder(embedder: Embedder) -> EncoderExport:
    """The model as ONNX (transformer + mean pooling + normalisation) and its tokenizer.

    Raises ExportError for a model this graph would not reproduce, so that the index
    is built without it and questions fall back to sentence-transformers.
    """
    import torch

    st = embedder.model
    _check_pipeline(st)
    inputs = tuple(name for name in _INPUTS if name in st.preprocess(["probe"]))
    if inputs[:2] != _INPUTS[:2]:
        raise ExportError(f"the tokenizer gives {inputs}, not input ids and an attention mask")
    graph = _mean_pooled(st[0].auto_model, inputs).eval()
    sample = st.preprocess(["A short question?", "A somewhat longer second sentence, padded."])
    args = tuple(sample[name] for name in inputs)
    axes = {name: {0: "batch", 1: "tokens"} for name in inputs} | {"embedding": {0: "batch"}}
    buffer = io.BytesIO()
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes on shape checks that hold for every input
        torch.onnx.export(
            graph,
            args,
            buffer,  # type: ignore[arg-type]  # the TorchScript exporter writes to files too
            input_names=list(inputs),
            output_names=["embedding"],
            dynamic_axes=axes,
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )
    return EncoderExport(buffer.getvalue(), _tokenizer_json(st), inputs)


def _check_pipeline(st: Any) -> None:
    """Only transformer -> mean pooling (-> normalise) is exported; anything else is refused."""
    names = [type(module).__name__ for module in st]
    if names[:2] != ["Transformer", "Pooling"] or any(n != "Normalize" for n in names[2:]):
        raise ExportError(f"the model's modules are {names}, not Transformer, Pooling, Normalize")
    pooling = st[1]
    mode = getattr(pooling, "pooling_mode", None)
    if mode != "mean":
        raise ExportError(f"the model pools by {mode!r}; only mean pooling is exported")


def _tokenizer_json(st: Any) -> str:
    """The model's fast tokenizer, set to truncate at its window and pad to the longest."""
    backend = getattr(st.tokenizer, "backend_tokenizer", None)
    if backend is None:
        raise ExportError("the model has no fast (Rust) tokenizer to export")
    data = json.loads(backend.to_str())
    data["truncation"] = {
        "direction": "Right",
        "max_length": int(st.max_seq_length),
        "strategy": "LongestFirst",
        "stride": 0,
    }
    data["padding"] = {
        "strategy": "BatchLongest",
        "direction": "Right",
        "pad_to_multiple_of": None,
        "pad_id": int(st.tokenizer.pad_token_id),
        "pad_type_id": int(getattr(st.tokenizer, "pad_token_type_id", 0)),
        "pad_token": str(st.tokenizer.pad_token),
    }
    return json.dumps(data, ensure_ascii=False)


def _mean_pooled(transformer: Any, inputs: tuple[str, ...]) -> Any:
    import torch

    class MeanPooled(torch.nn.Module):
        """Token vectors averaged over the attention mask, then scaled to unit length."""

        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            named = dict(zip(inputs, tensors, strict=True))
            tokens = self.transformer(**named)[0]
            mask = named["attention_mask"].unsqueeze(-1).to(tokens.dtype)
            summed = (tokens * mask).sum(1)
            pooled = summed / torch.clamp(mask.sum(1), min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    return MeanPooled()
