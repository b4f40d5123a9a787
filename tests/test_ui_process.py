"""Process settings of the server: pandas is imported when something first uses it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_FIRST_USE = """
import importlib.util, json, sys
from ui.process import pandas_on_first_use
pandas_on_first_use()
import gradio  # imports pandas by name as it loads
seen = {"after_gradio": "pandas.core" in sys.modules,
        "spec": importlib.util.find_spec("pandas").name}
import pandas as pd
frame = pd.DataFrame({"a": [1, 2]})
seen["after_use"] = "pandas.core" in sys.modules
seen["works"] = isinstance(frame, pd.DataFrame) and int(frame["a"].sum()) == 3
seen["real_module_now"] = type(sys.modules["pandas"]).__name__ == "module"
print(json.dumps(seen))
"""


def test_gradio_loads_without_pandas_until_pandas_is_used_then_it_works_as_usual():
    run = subprocess.run([sys.executable, "-c", _FIRST_USE], cwd=REPO, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout) == {"after_gradio": False, "spec": "pandas", "after_use": True,
                                      "works": True, "real_module_now": True}


def test_pandas_already_imported_is_left_alone():
    code = ("import sys, pandas; from ui.process import pandas_on_first_use; "
            "before = sys.modules['pandas']; pandas_on_first_use(); "
            "print(sys.modules['pandas'] is before)")
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "True"
