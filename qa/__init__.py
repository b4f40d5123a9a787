"""Question answering over the outcome statement: `Assistant`, `Answer`, `Citation`.

Names are imported on first use, so that importing `qa` for one record does not pay
for FAISS and torch.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Assistant": "qa.assistant",
    "Asking": "qa.asking",
    "MAX_K": "qa.assistant",
    "build_index": "qa.assistant",
    "Answer": "qa.records",
    "Citation": "qa.records",
    "Filters": "qa.records",
    "CONFIGS": "qa.retrieve",
    "Hit": "qa.retrieve",
    "RetrievalConfig": "qa.retrieve",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'qa' has no attribute {name!r}")
