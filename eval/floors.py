"""The CI floor: the least each headline metric of the default config may reach.

Floors are kept per question set (`test` and `blind`): the sets nothing is tuned on.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_FLOORS", "below_floor", "load_floors"]

DEFAULT_FLOORS: Path = Path(str(resources.files("eval") / "floors.json"))


def load_floors(path: Path | str | None = None) -> dict[str, Any]:
    """The floors file: per set in `sets`, `floors` (minimums) and `ceilings` (maximums)."""
    source = Path(path) if path is not None else DEFAULT_FLOORS
    data = json.loads(source.read_text(encoding="utf-8"))
    sets = data.get("sets")
    if not isinstance(sets, dict) or not sets:
        raise ValueError(f"{source} has no 'sets' object; see eval/floors.json")
    for name, limits in sets.items():
        if not isinstance(limits, dict) or not isinstance(limits.get("floors"), dict):
            raise ValueError(f"{source}: set {name!r} has no 'floors' object")
    return data


def below_floor(summary: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """One line per metric that fell below its floor or rose above its ceiling."""
    problems = []
    for key, floor in floors.get("floors", {}).items():
        value = summary.get(key)
        if value is None or value < floor:
            problems.append(f"{key} = {value} is below its floor {floor}")
    for key, ceiling in floors.get("ceilings", {}).items():
        value = summary.get(key)
        if value is None or value > ceiling:
            problems.append(f"{key} = {value} is above its ceiling {ceiling}")
    return problems
