"""Helpers for the app tests: isolated dirs, a fixture corpus, an app to drive with Pilot."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from tui_fixtures import build_db

from tui.app import YuebaoApp
from tui.corpus import Corpus
from tui.state import UIState
from tui.userdata import MemoryUserData, UserData


def isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point every yuebao directory at ``tmp_path`` (never the real home)."""
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        target = tmp_path / name.lower()
        target.mkdir(exist_ok=True)
        monkeypatch.setenv(f"YUEBAO_{name}_DIR", str(target))
    monkeypatch.delenv("YUEBAO_DB", raising=False)
    monkeypatch.delenv("YUEBAO_USERDATA", raising=False)
    monkeypatch.delenv("YUEBAO_THEME", raising=False)
    monkeypatch.delenv("COLORFGBG", raising=False)
    return tmp_path


def make_app(
    tmp_path: Path,
    *,
    articles: list[dict] | None = None,
    state: UIState | None = None,
    keymap: dict[str, str] | None = None,
    notice: str | None = None,
    userdata: UserData | None = None,
) -> YuebaoApp:
    """An app over the fixture corpus (session-only user data unless given)."""
    db = build_db(tmp_path / "data" / "corpus.json", articles)
    userdata = MemoryUserData() if userdata is None else userdata
    return YuebaoApp(
        Corpus(db, userdata.correction_set()),  # as the app opens it: corrections applied
        userdata=userdata,
        state=state or UIState(),
        keymap=keymap,
        keymap_notice=notice,
    )


def async_test(fn: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async Pilot test with ``asyncio.run`` (no async pytest plugin needed)."""

    @functools.wraps(fn)
    def wrapper(*args: object, **kwargs: object) -> None:
        asyncio.run(fn(*args, **kwargs))

    return wrapper


async def settle(pilot: Any) -> None:
    """Let workers (search, article reads) finish and the screen catch up."""
    from textual.worker import WorkerState

    app = pilot.app
    for _ in range(3):
        await pilot.pause()
        while any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            await asyncio.sleep(0.002)
    await pilot.pause()
