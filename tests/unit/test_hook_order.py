"""The hooks run in the order studysite.build.order declares, whatever order mkdocs.yml lists them in."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import yaml

from studysite.build.order import HOOKS, LAST, priority

REPO = Path(__file__).resolve().parents[2]


def _listed_hooks() -> list[str]:
    # mkdocs.yml holds python tags (!!python/name): read only its hooks list, as plain text.
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    lines = re.split(r"\nhooks:[^\n]*\n", text, maxsplit=1)[1].splitlines()
    entries = []
    for line in lines:
        if not line.startswith("  - "):
            break
        entries.append(yaml.safe_load(line.split("#", 1)[0].strip()[2:]))
    return [Path(entry).stem for entry in entries]


def _events(name: str) -> dict[str, object]:
    spec = importlib.util.spec_from_file_location(f"hook_{name}", REPO / "hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {key: value for key, value in vars(module).items() if key.startswith("on_") and callable(value)}


def test_every_listed_hook_has_a_declared_place():
    assert sorted(_listed_hooks()) == sorted(HOOKS)


def test_every_event_of_a_hook_runs_at_its_priority():
    wrong = {
        f"{name}.{event}": getattr(handler, "mkdocs_priority", None)
        for name in HOOKS
        for event, handler in _events(name).items()
        if event != "on_startup" and getattr(handler, "mkdocs_priority", None) != priority(name)
    }
    assert wrong == {}


def test_priorities_follow_the_declared_order_after_the_plugins():
    priorities = [priority(name) for name in HOOKS]
    assert priorities == sorted(priorities, reverse=True) and len(set(priorities)) == len(HOOKS)
    assert max(priorities) < 0, "plugins (priority 0) run first, as when hooks ran in list order"
    assert priority(HOOKS[-1]) == LAST
