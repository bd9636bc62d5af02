"""Corrections and saved searches from the keyboard: c corrects, C lists (u undoes), S lists
saved searches (a saves the filter, enter opens it); all kept in the user data."""

from __future__ import annotations

from pathlib import Path

from tui_fixtures import sample_articles
from tui_helpers import async_test, make_app, settle

from store.userdata import UserData
from tui.screens.choose import ChoiceScreen, TextPrompt
from tui.screens.lists import CorrectionsScreen, SavedSearchesScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reader import Reader


def _keys(app) -> set:  # type: ignore[no-untyped-def]
    return {e.key for e in app.screen.query_one(EntitySidebar).entries if e.name}


def _titles(app) -> list[str]:  # type: ignore[no-untyped-def]
    article_list = app.screen.query_one(ArticleList)
    return [str(article_list.row_at(i)["title"]) for i in range(len(article_list.order))]


async def _type(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for char in text:
        await pilot.press(char)


@async_test
async def test_edit_a_title_from_the_keyboard_and_undo_it(tmp_path: Path) -> None:
    data = UserData.open()
    app = make_app(tmp_path, userdata=data)
    first = sample_articles()[0]["title"]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert _titles(app)[0] == first
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # Edit the title…
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        field = app.screen.query_one("Input")
        field.value = ""
        await _type(pilot, "推进会召开")
        await pilot.press("enter")
        await settle(pilot)
        assert _titles(app)[0] == "推进会召开"
        reader = app.screen.query_one(Reader)
        assert "corrected: title (was “" + first in reader._text.plain
        assert [c["kind"] for c in UserData.open().corrections()] == ["title"]
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, CorrectionsScreen)
        await pilot.press("u", "escape")
        await settle(pilot)
        assert _titles(app)[0] == first
        assert UserData.open().corrections() == []


@async_test
async def test_hide_and_rename_an_entity_in_the_sidebar(tmp_path: Path) -> None:
    data = UserData.open()
    app = make_app(tmp_path, userdata=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(EntitySidebar)
        await pilot.press("shift+tab")
        key = sidebar.current_key()
        assert key is not None
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        labels = [label for _v, label in app.screen.choices]
        await pilot.press(*["j"] * (len(labels) - 1), "enter")  # the last: hide
        await settle(pilot)
        assert key not in _keys(app)
        assert UserData.open().corrections()[0]["kind"] == "hide"
        second = sidebar.current_key()
        await pilot.press("c", "enter")  # Rename…
        await pilot.pause()
        app.screen.query_one("Input").value = ""
        await _type(pilot, "新名字")
        await pilot.press("enter")
        await settle(pilot)
        keys = _keys(app)
        assert ("新名字", second[1]) in keys and second not in keys
        assert ("新名字", second[1]) in app.screen.query_one(EntitySidebar).corrected  # ✎


@async_test
async def test_split_an_article_at_a_paragraph(tmp_path: Path) -> None:
    data = UserData.open()
    app = make_app(tmp_path, userdata=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = len(_titles(app))
        await pilot.press("c", "j", "j", "enter")  # Split…
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.choices[0][1].startswith("¶2")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one("Input").value = ""
        await _type(pilot, "授牌")
        await pilot.press("enter")
        await settle(pilot)
        titles = _titles(app)
        assert len(titles) == before + 1 and titles[1] == "授牌"


@async_test
async def test_saved_search_counts_and_opens(tmp_path: Path) -> None:
    data = UserData.open()
    app = make_app(tmp_path, userdata=data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await _type(pilot, "海尔")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SavedSearchesScreen)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("Input").value = ""
        await _type(pilot, "海尔动态")
        await pilot.press("enter")
        await settle(pilot)
        assert [s["name"] for s in UserData.open().searches()] == ["海尔动态"]
        assert app.screen.counts["海尔动态"] == (2, 0)
        await pilot.press("escape")
        await pilot.press("slash", "ctrl+a", "ctrl+k", "escape")
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert "海尔动态" in app.screen.query_one("#searches-list").labels[0]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.filter_text == "海尔"
        assert len(_titles(app)) == 2
