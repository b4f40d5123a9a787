"""Process settings for a server that runs for weeks: memory that goes back when freed.

glibc's malloc raises its mmap threshold each time a large block is freed, so the
next batch's buffers (a few MB per layer for 32 questions) come from the heap, and a
heap keeps what it once held: RSS climbed from 332 to 413 MB over the first 256
questions from 32 clients and stayed there. A fixed threshold sends every block over
128 kB to mmap, which returns it on free, and two arenas stop each worker thread
from keeping its own: the same load then ends at 320 MB.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

__all__ = ["pandas_on_first_use", "steady_memory", "without_matplotlib"]

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
_THRESHOLD = 128 * 1024


def steady_memory() -> bool:
    """Tune glibc's malloc for a long-running server; False where there is no glibc."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to tune
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    done = [
        mallopt(_M_MMAP_THRESHOLD, _THRESHOLD),
        mallopt(_M_TRIM_THRESHOLD, _THRESHOLD),
        mallopt(_M_ARENA_MAX, 2),
    ]
    return all(done)


def without_matplotlib() -> None:
    """Let this process see no matplotlib: the server draws nothing.

    Gradio imports matplotlib around every queued event, only to pin its backend, if it
    is installed (the eval extra brings it for `rso-qa eval --chart`): 32 MB of RSS after
    the first chat question. Marked absent, the import fails and Gradio skips it.
    """
    if "matplotlib" not in sys.modules:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]


class _OnFirstUse(types.ModuleType):
    """Stands in for a package in `sys.modules` until one of its attributes is read."""

    def __init__(self, name: str, spec: Any):
        super().__init__(name)
        self.__spec__ = spec  # find_spec() and `import name` see an ordinary module
        self.__dict__["_lock"] = threading.Lock()

    def __getattr__(self, attribute: str) -> Any:
        with self.__dict__["_lock"]:
            real = self.__dict__.get("_real")
            if real is None:
                if sys.modules.get(self.__name__) is self:
                    del sys.modules[self.__name__]
                real = self.__dict__["_real"] = importlib.import_module(self.__name__)
        return getattr(real, attribute)


def pandas_on_first_use() -> None:
    """Import pandas only when something first uses it: the JSON API never does.

    Gradio imports pandas as it loads (30 MiB of RSS, 250 modules) for its Dataframe
    component and its usage summary, which runs on every 100th event of its own queue
    (the chat and MCP; see `launch`); the server then pays for pandas from that event
    on, and a server that answers through /api/ask never does.
    """
    if "pandas" in sys.modules:
        return
    spec = importlib.util.find_spec("pandas")
    if spec is not None:
        sys.modules["pandas"] = _OnFirstUse("pandas", spec)
