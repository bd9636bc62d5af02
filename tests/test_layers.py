"""The import contract: each stage imports only the stages below it, ``store`` never
imports textual, ``tui`` uses the stages only through their package APIs (``__all__``), and
no module imports itself back through another (no import cycle)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A stage may import the stages of a lower rank (and the shared modules): parse ← entities ←
# corpus ← search, userdata ← tui. search and userdata stand side by side.
RANK = {"parse": 1, "entities": 2, "corpus": 3, "search": 4, "userdata": 4, "tui": 5}
SHARED = {
    "store",
    "store._lazy",
    "store.files",
    "store.normalize",
    "store.paths",
    "store.sanitize",
    "store.viterbi",
    "store.wordlists",
}
STAGES = ("parse", "entities", "corpus", "search", "userdata")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    files = [*(ROOT / "store").rglob("*.py"), *(ROOT / "tui").rglob("*.py")]
    return {_module_name(p): p for p in files}


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """``(module, names)`` of every import in the file, wherever it stands (inside
    functions too: a late import crosses a layer as much as an early one)."""
    out: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, [alias.name for alias in node.names]))
    return out


def stage_of(module: str) -> str | None:
    """The stage a module of ours belongs to (None: shared, or not ours)."""
    parts = module.split(".")
    if parts[0] == "tui":
        return "tui"
    if parts[0] == "store" and len(parts) > 1 and parts[1] in STAGES:
        return parts[1]
    return None


def crossings(modules: dict[str, Path]) -> list[str]:
    """Every import that breaks the contract, as ``importer -> imported``."""
    bad: list[str] = []
    for name, path in modules.items():
        mine = stage_of(name)
        for target, names in _imports(path):
            if name.startswith("store") and target.split(".")[0] == "textual":
                bad.append(f"{name} -> {target} (store never imports textual)")
            if not target.startswith(("store", "tui")):
                continue
            theirs = stage_of(target)
            if name in SHARED or (name.startswith("store.") and mine is None):
                if theirs is not None:
                    bad.append(f"{name} -> {target} (a shared module imports no stage)")
                continue
            if theirs is None or theirs == mine:
                continue
            if RANK[theirs] >= RANK[mine]:  # type: ignore[index]
                bad.append(f"{name} -> {target} ({mine} may not import {theirs})")
            elif mine == "tui" and target != f"store.{theirs}":
                bad.append(f"{name} -> {target} (tui uses store.{theirs}'s API)")
            elif mine == "tui":
                api = set(importlib.import_module(target).__all__)
                bad += [f"{name} -> {target}.{n} (not in __all__)" for n in names if n not in api]
    return bad


def _checker_only(tree: ast.Module) -> set[int]:
    """The nodes under ``if TYPE_CHECKING:``: imports for the type checker, never run."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test):
            inside.update(id(n) for n in ast.walk(node))
    return inside


def cycles(modules: dict[str, Path]) -> list[list[str]]:
    """Import cycles among our modules. A late import inside a function counts too: it
    ties the two modules as much as one at the top (only ``TYPE_CHECKING`` imports do not)."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text("utf-8"))
        skip = _checker_only(tree)
        edges: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                edges.update(a.name for a in node.names if a.name in modules)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    edges.add(sub if sub in modules else node.module)
        graph[name] = {e for e in edges if e in modules and e != name}
    found: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                found.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return found


def test_no_import_crosses_a_layer() -> None:
    assert crossings(_modules()) == []


def test_there_is_no_import_cycle() -> None:
    assert cycles(_modules()) == []


@pytest.mark.parametrize(
    ("importer", "source", "why"),
    [
        ("store.parse.fake", "from store.corpus.db import CorpusDB", "parse may not import corpus"),
        ("store.search.fake", "import textual", "store never imports textual"),
        ("tui.fake", "from store.corpus.db import CorpusDB", "tui uses store.corpus's API"),
        ("tui.fake", "from store.search import build_index", "not in __all__"),
        ("store.files", "from store.parse import read_text", "a shared module imports no stage"),
    ],
)
def test_the_contract_catches_a_crossing(
    tmp_path: Path, importer: str, source: str, why: str
) -> None:
    fake = tmp_path / "fake.py"
    fake.write_text(source + "\n", encoding="utf-8")
    assert any(why in line for line in crossings({importer: fake}))


def test_the_cycle_check_finds_a_cycle_even_through_a_late_import(tmp_path: Path) -> None:
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("import tui.b\n", encoding="utf-8")
    b.write_text("def f():\n    from tui.a import x\n", encoding="utf-8")
    assert cycles({"tui.a": a, "tui.b": b})
    b.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from tui.a import x\n")
    assert not cycles({"tui.a": a, "tui.b": b})
