"""SVG snapshots of the explorer (pytest-textual-snapshot): main screen, reader, help, 80×24.

Update with ``pytest tests/test_tui_snapshots.py --snapshot-update`` after a deliberate
change, and look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import isolate, make_app, settle


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


def test_main_screen(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=(140, 32), run_before=settle)


def test_reader(snap_compare, tmp_path: Path) -> None:
    async def open_second(pilot) -> None:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=(140, 32), run_before=open_second)


def test_help_screen(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUEBAO_CONFIG_DIR", "/home/reader/.config/yuebao")  # shown, not used

    async def show_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=(100, 40), run_before=show_help)


def test_80x24_layout(snap_compare, tmp_path: Path) -> None:
    async def filtered(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", "高", "新", "escape")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=filtered)


def test_80x24_reader(snap_compare, tmp_path: Path) -> None:
    async def open_first(pilot) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=open_first)


def _profile_of_the_second_entity(size: tuple[int, int]):  # type: ignore[no-untyped-def]
    async def show(pilot) -> None:
        await settle(pilot)
        await pilot.press("shift+tab", "j", "p")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)

    return show


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_entity_profile(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(
        make_app(tmp_path), terminal_size=size, run_before=_profile_of_the_second_entity(size)
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_keyword_in_context(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def show(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", "高", "新", "escape")
        await settle(pilot)
        await pilot.press("K")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_related_articles(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def show(pilot) -> None:
        await settle(pilot)
        await pilot.press("R")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_timeline(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def show(pilot) -> None:
        await settle(pilot)
        await pilot.press("T", "enter", "enter")  # December 2022, by day
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=show)


def _with_saved_search_and_corrections(tmp_path: Path):  # type: ignore[no-untyped-def]
    from tui_fixtures import sample_articles

    from tui.userdata import MemoryUserData

    data = MemoryUserData()
    data.save_search("海尔动态", "海尔", [sample_articles()[1]["id"]])
    data.save_search("高新区", "高新区")
    data.add_correction("rename", ["海尔集团", "org"], "海尔智家")
    data.add_correction("title", sample_articles()[0]["id"], "推进会召开")
    data.add_correction("hide", ["标记", "org"])
    for n, rec in enumerate(data._corrections, 1):  # a fixed date on screen, not today's
        rec["created"] = f"2026-01-0{n}T09:00:00.000000Z"
    return make_app(tmp_path, userdata=data)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_saved_searches(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def show(pilot) -> None:
        await settle(pilot)
        await pilot.press("S")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)

    app = _with_saved_search_and_corrections(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_corrections_list(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def show(pilot) -> None:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)

    app = _with_saved_search_and_corrections(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=show)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_correct_entity_menu(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def show(pilot) -> None:
        await settle(pilot)
        await pilot.press("shift+tab", "c")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=show)
