"""Where I was: filter (with its entity picks), selected article, pane layout, theme.

Stored as JSON in ``store.paths.state_dir()/ui.json``, written atomically. A missing or
unreadable file just means a fresh start.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import orjson

from store import paths
from store.files import write_atomic


@dataclass(slots=True)
class UIState:
    """The remembered UI state (all plain JSON values)."""

    query: str = ""
    selected: str | None = None  # article id
    sidebar: bool = True
    reader: bool = True
    pane: str = "list"  # sidebar | list | reader (the focused pane)
    theme: str = ""  # a Textual theme name ("" = the default)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> UIState:
        """Build from a stored dict, ignoring unknown or mistyped keys."""
        state = cls()
        for f in fields(cls):
            value = data.get(f.name)
            default = getattr(state, f.name)
            if value is None:
                continue
            if isinstance(default, bool) and not isinstance(value, bool):
                continue
            if isinstance(default, str) and not isinstance(value, str):
                continue
            if isinstance(default, list) and not isinstance(value, list):
                continue
            setattr(state, f.name, value)
        if state.pane not in ("sidebar", "list", "reader"):
            state.pane = "list"
        return state


def state_path() -> Path:
    """The UI state file."""
    return paths.state_dir() / "ui.json"


def load_state(path: Path | None = None) -> UIState:
    """The last saved state, or defaults."""
    path = path or state_path()
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return UIState()
    return UIState.from_dict(data) if isinstance(data, dict) else UIState()


def save_state(state: UIState, path: Path | None = None) -> None:
    """Write ``state`` atomically (errors are ignored: losing UI state is harmless)."""
    path = path or state_path()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, orjson.dumps(asdict(state), option=orjson.OPT_INDENT_2))
