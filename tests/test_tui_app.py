"""Pilot tests of the explorer: keys, filtering, entities, keymap, safe rendering, 80×24."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_fixtures import HOSTILE_TITLE, sample_articles
from tui_helpers import async_test, isolate, make_app, settle

from tui.keymap import load_user_keymap
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.state import UIState, load_state, save_state
from tui.userdata import open_userdata
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.filter_line import FilterLine
from tui.widgets.reader import Reader

WIDE = (140, 36)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


def parts(app):
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return (
        screen,
        screen.query_one(ArticleList),
        screen.query_one(EntitySidebar),
        screen.query_one(Reader),
    )


def reader_shown(reader: Reader) -> str:
    """What the reader draws, line by line as wrapped, the line ends taken out."""
    import io

    from rich.console import Console

    body = reader.query_one("#reader-body")
    console = Console(width=max(1, body.size.width), file=io.StringIO(), record=True)
    console.print(body.content)
    return console.export_text().replace("\n", "")


def titles(article_list: ArticleList) -> list[str]:
    return [article_list.rows[i]["title"] for i in article_list.order]


@async_test
async def test_navigation_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, lst, _, reader = parts(app)
        assert app.focused is lst and lst.row_count == 5
        cursor_bg = lst.get_component_rich_style("line-list--cursor").bgcolor
        assert all(seg.style.bgcolor == cursor_bg for seg in lst.render_line(0))
        assert all(seg.style.bgcolor != cursor_bg for seg in lst.render_line(1))
        await pilot.press("j", "down")
        assert lst.cursor == 2
        await pilot.press("k")
        assert lst.cursor == 1
        await pilot.press("G")
        assert lst.cursor == 4
        await pilot.press("g")
        assert lst.cursor == 0
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is reader and reader.article_id == lst.current_id()
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert lst.cursor == 1 and reader.article_id == lst.current_id()
        assert app.focused is reader
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert lst.cursor == 0 and reader.article_id == lst.current_id()
        await pilot.press("escape")
        assert app.focused is lst
        await pilot.press("tab")
        assert screen.pane == "reader"
        await pilot.press("tab")
        assert screen.pane == "sidebar"
        await pilot.press("shift+tab")
        assert screen.pane == "reader"


@async_test
async def test_filter_as_you_type(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, lst, _, reader = parts(app)
        await pilot.press("slash")
        assert isinstance(app.focused, FilterLine)
        await pilot.press("高")
        await settle(pilot)
        await pilot.press("新")
        await settle(pilot)
        assert sorted(titles(lst)) == sorted(
            ["高新区专委会暨重点功能区高质量发展现场推进会召开", "崂山区推进国际创新园建设"]
        )
        status = str(screen.query_one("#status").render())
        assert "2 of 5 articles" in status
        side = screen.query_one(EntitySidebar)
        facets = {e.name: e.count for e in side.entries if e.name}
        assert facets["耿涛"] == 2 and facets["崂山区"] == 1 and "海尔集团" not in facets
        await pilot.press("space", "会", "议")
        await settle(pilot)
        assert titles(lst) == ["高新区专委会暨重点功能区高质量发展现场推进会召开"]
        await pilot.press("escape")
        assert app.focused is lst
        await pilot.press("enter")
        await settle(pilot)
        assert "高新" in reader.terms


@async_test
async def test_a_keystroke_waits_for_the_next_only_while_a_search_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing is answered at once; a key typed while an earlier search is still running
    waits a moment for the next one (fast typing does not pile up searches)."""
    import tui.screens.main as main_screen

    waits: list[float] = []
    real_sleep = main_screen.asyncio.sleep

    async def sleep(seconds: float) -> None:
        if seconds == main_screen.FILTER_WAIT:
            waits.append(seconds)
        await real_sleep(seconds)

    monkeypatch.setattr(main_screen.asyncio, "sleep", sleep)
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, lst, _, _ = parts(app)
        await pilot.press("slash", "高")
        await settle(pilot)
        assert waits == [] and len(titles(lst)) == 2
        screen._searching = 1  # as while another search runs in its thread
        await pilot.press("新")
        await settle(pilot)
        screen._searching = 0
        assert waits == [main_screen.FILTER_WAIT] and len(titles(lst)) == 2


@async_test
async def test_entity_toggle_narrows_and_restores(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, lst, side, _ = parts(app)
        await pilot.press("shift+tab")
        assert app.focused is side
        target = next(i for i, e in enumerate(side.entries) if e.name == "耿涛")
        side.move_to(target)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.picks == [("耿涛", "person")] and lst.row_count == 2
        assert screen.query_one(FilterLine).value == "person:耿涛"
        assert side.entries[side.cursor].name == "耿涛"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.picks == [] and lst.row_count == 5
        assert screen.query_one(FilterLine).value == ""


@async_test
async def test_selected_article_marks_its_entities(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        side = parts(app)[2]
        names = {n for n, _ in side.current}
        assert {"耿涛", "青岛市", "耿婷婷"} <= names
        await pilot.press("j")
        await settle(pilot)
        assert {"海尔集团", "张瑞敏"} <= {n for n, _ in side.current}


@async_test
async def test_keymap_override_by_id(tmp_path: Path) -> None:
    app = make_app(tmp_path, keymap={"cursor-down": "x", "quit": "ctrl+q"})
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, lst, _, _ = parts(app)
        await pilot.press("x")
        assert lst.cursor == 1
        await pilot.press("j")
        assert lst.cursor == 1
        await pilot.press("q")  # rebound away from q: still running
        assert app.is_running


@async_test
async def test_bad_user_keymap_notice_and_defaults(tmp_path: Path) -> None:
    from store import paths

    bad = paths.config_dir() / "keymap.toml"
    bad.write_text('[bindings]\ncursor-down = "j"\nnot-an-action = "z"\n', encoding="utf-8")
    overrides, notice = load_user_keymap()
    assert overrides == {"cursor-down": "j"} and notice and str(bad) in notice
    assert "line 3" in notice  # the bad entry alone is dropped and named
    app = make_app(tmp_path, keymap=overrides, notice=notice)
    seen: list[str] = []
    original = app.notify

    def record(message: str, **kwargs) -> None:
        seen.append(message)
        original(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, lst, _, _ = parts(app)
        await pilot.press("j")
        assert lst.cursor == 1
        assert seen.count(notice) == 1


@async_test
async def test_safe_rendering_of_hostile_page(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _, lst, _, reader = parts(app)
        await pilot.press("G", "enter")
        await settle(pilot)
        assert reader.article_id == lst.current_id()
        shown = reader_shown(reader)
        assert "[bold]假标题[/bold]" in shown and "[link=https://evil.example]点我[/link]" in shown
        assert not any(c in shown for c in "\x1b\x07\x9b")
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "owned" not in svg
        assert "[bold]" in svg and "evil.example" in svg
        await pilot.press("escape")
        row = lst.render_line(lst.row_count - 1 - lst.scroll_offset.y).text
        assert "[bold]假标题" in row and "\x1b" not in row
        assert HOSTILE_TITLE not in row  # the escape sequences were removed


@async_test
async def test_80x24_panes_toggle_instead_of_squeezing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen, lst, side, reader = parts(app)
        assert screen.narrow and lst.display and not side.display and not reader.display
        assert lst.outer_size.width == 80
        await pilot.press("s")
        assert side.display and not lst.display and app.focused is side
        await pilot.press("s")
        assert lst.display and not side.display
        await pilot.press("j", "enter")
        await settle(pilot)
        assert reader.display and not lst.display and app.focused is reader
        assert reader.article_id == lst.current_id()
        await pilot.press("escape")
        assert lst.display and app.focused is lst


@async_test
async def test_wide_layout_uses_the_room(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        _, lst, side, reader = parts(app)
        assert side.display and lst.display and reader.display
        assert lst.size.width >= 60 and reader.size.width >= 60
        assert reader.article_id == lst.current_id()  # the reader follows the cursor


@async_test
async def test_state_is_restored(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "高", "新", "escape")
        await settle(pilot)
        await pilot.press("j", "r")
        await settle(pilot)
        _, lst, _, _ = parts(app)
        chosen = lst.current_id()
        await pilot.press("q")
    save_state(app.ui_state)
    state = load_state()
    assert state.query == "高新" and state.selected == chosen and state.reader is False
    again = make_app(tmp_path / "again", state=state)
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, lst, _, reader = parts(again)
        assert screen.query_one(FilterLine).value == "高新"
        assert lst.row_count == 2 and lst.current_id() == chosen
        assert not reader.display


@async_test
async def test_bookmark_unread_through_userdata_store(tmp_path: Path) -> None:
    userdata = open_userdata()
    app = make_app(tmp_path, userdata=userdata)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, lst, _, _ = parts(app)
        first = lst.current_id()
        assert lst.render_line(0).text.lstrip().startswith("N")
        await pilot.press("b")
        await pilot.pause()
        assert lst.render_line(0).text.startswith("* N")
        await pilot.press("enter")
        await settle(pilot)
        assert not userdata.is_unread(first)
    reopened = open_userdata()
    assert reopened.is_bookmarked(first) and not reopened.is_unread(first)


@async_test
async def test_help_lists_every_binding(tmp_path: Path) -> None:
    from tui.keymap import default_keymap

    app = make_app(tmp_path, keymap={"cursor-down": "x"})
    async with app.run_test(size=(140, 80)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        svg = app.export_screenshot()
        for binding_id in default_keymap():
            assert binding_id in svg
        from rich.console import Console

        console = Console(width=160, record=True)
        console.print(app.screen.query_one("#help-query").content)
        query = console.export_text()
        for example in ("person:耿涛", "date:2022-12-01..2022-12-15", "-排除", "OR", "tag:经济"):
            assert example in query  # ? documents the filter line too
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


@async_test
async def test_palette_jumps_to_entity(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, lst, _, _ = parts(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "Entity: 张瑞敏":
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert ("张瑞敏", "person") in screen.picks and lst.row_count == 1


@async_test
async def test_palette_opens_an_entity_profile(tmp_path: Path) -> None:
    from tui.screens.profile import ProfileScreen

    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "Profile: 耿涛":
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert "耿涛" in app.screen.profile["name"]


def test_first_state_starts_empty(tmp_path: Path) -> None:
    assert load_state() == UIState()


@async_test
async def test_bookmarked_filter_and_match_jump(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _, lst, _, reader = parts(app)
        await pilot.press("j", "b")
        bookmarked = lst.current_id()
        await pilot.press("slash", *"is:bookmarked", "escape")
        await settle(pilot)
        assert [lst.rows[i]["id"] for i in lst.order] == [bookmarked]
        await pilot.press("slash", "ctrl+u", "海", "尔", "escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert reader._matches
        await pilot.press("full_stop")
        assert reader._match == 0
        await pilot.press("full_stop")
        assert reader._match == 1 % len(reader._matches)


@async_test
async def test_bad_query_shows_error_and_keeps_results(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, lst, _, _ = parts(app)
        await pilot.press("slash", "海", "尔")
        await settle(pilot)
        assert lst.row_count == 2
        await pilot.press("space", "left_parenthesis")
        await settle(pilot)
        status = str(screen.query_one("#status").render())
        assert "(" in status and lst.row_count == 2


@async_test
async def test_theme_is_remembered(tmp_path: Path) -> None:
    app = make_app(tmp_path, state=UIState(theme="nord"))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        app.theme = "textual-light"
        await pilot.pause()
    assert app.ui_state.theme == "textual-light"


@async_test
async def test_note_tag_and_bookmarks_view(tmp_path: Path) -> None:
    from textual.widgets import TextArea

    from tui.screens.bookmarks import BookmarksScreen
    from tui.screens.prompt import NoteScreen, TagScreen

    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, lst, _, reader = parts(app)
        await pilot.press("j")
        article = lst.current_id()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one(TextArea).insert("值得跟进")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.userdata.note(article) == "值得跟进"
        assert lst.render_line(1).text.startswith(" +")
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagScreen)
        await pilot.press("经", "济", "comma", "青", "岛", "enter")
        await settle(pilot)
        assert app.userdata.tags(article) == ["经济", "青岛"]
        await pilot.press("b", "B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        preview = str(app.screen.query_one("#bookmark-note").render())
        assert "值得跟进" in preview and "经济, 青岛" in preview
        await pilot.press("enter")
        await settle(pilot)
        assert reader.article_id == article and "值得跟进" in reader_shown(reader)


@async_test
async def test_letter_keys_type_into_the_filter(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = parts(app)[0]
        await pilot.press("slash")
        keys = ["q", "b", "s", "r", "j", "n", "t", "u", "B", "g", "G", "e", "question_mark"]
        keys += ["slash", "left_square_bracket", "right_square_bracket", "full_stop", "comma"]
        await pilot.press(*keys)
        await settle(pilot)
        assert app.is_running and isinstance(app.focused, FilterLine)
        assert screen.query_one(FilterLine).value == "qbsrjntuBgGe?/[].,"


@async_test
async def test_note_editor_asks_before_discarding(tmp_path: Path) -> None:
    from textual.widgets import TextArea

    from tui.screens.prompt import NoteScreen

    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("草稿")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, NoteScreen)
        assert app.userdata.note(parts(app)[1].current_id()) == ""


@async_test
async def test_state_written_soon_after_a_change(tmp_path: Path, monkeypatch) -> None:
    import tui.screens.main as main_module

    monkeypatch.setattr(main_module, "SAVE_DELAY", 0.05)
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "r")
        await pilot.pause(0.2)
        saved = load_state()
        assert saved.selected == parts(app)[1].current_id() and saved.reader is False


@async_test
async def test_palette_jumps_to_article_by_title(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, lst, _, reader = parts(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "Article: 崂山区推进":
            await pilot.press("space" if ch == " " else ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert lst.row_at(lst.cursor)["title"] == "崂山区推进国际创新园建设"
        assert reader.article_id == lst.current_id() and app.focused is reader


@async_test
async def test_match_jump_scrolls_the_match_into_view(tmp_path: Path) -> None:
    from tui_fixtures import make_article

    filler = "\n".join(f"第{i}段：青岛市召开会议，部署工作，推进项目建设。" * 2 for i in range(40))
    raw = {
        "title": "长文",
        "subtitles": [],
        "byline": [],
        "dateline": "",
        "body": filler + "\n结尾提到目标词一次。",
        "captions": [],
        "newspaper": "测试报",
        "date": "2022-12-30",
        "page": "1",
        "ents": [],
    }
    app = make_app(tmp_path, articles=[make_article(raw)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reader = parts(app)[3]
        await pilot.press("slash", "目", "标", "词", "escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.export_screenshot().count("目标词") == 1  # only the filter line
        await pilot.press("full_stop")
        await settle(pilot)
        assert reader.scroll_y > 0
        assert app.export_screenshot().count("目标词") == 2  # and now the reader


@async_test
async def test_empty_corpus_every_key_is_harmless(tmp_path: Path) -> None:
    app = make_app(tmp_path, articles=[])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen, lst, _, _ = parts(app)
        assert lst.row_count == 0
        keys = ["j", "k", "g", "G", "enter", "b", "n", "t", "u", "left_square_bracket"]
        keys += ["right_square_bracket", "full_stop", "comma", "s", "s", "r", "tab", "escape"]
        await pilot.press(*keys)
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, MainScreen)
        assert "0 of 0 articles" in str(screen.query_one("#status").render())


@async_test
async def test_restored_narrow_reader_shows_the_selected_article(tmp_path: Path) -> None:
    chosen = sample_articles()[2]["id"]
    state = UIState(query="高新", selected=chosen, pane="reader")
    app = make_app(tmp_path, state=state)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.7)
        await settle(pilot)
        _, _, side, reader = parts(app)
        assert reader.display and reader.article_id == chosen
        assert any(e.name for e in side.entries)  # counts loaded though the list is hidden


@async_test
async def test_the_sidebar_shows_a_persons_office(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, _, side, _ = parts(app)
        row = next(i for i, e in enumerate(side.entries) if e.name == "耿涛")
        text = "".join(seg.text for seg in side.render_line(row))
        assert "耿涛 市委常委" in text and text.rstrip().endswith("2")
        other = next(i for i, e in enumerate(side.entries) if e.name == "张瑞敏")
        assert "市委常委" not in "".join(seg.text for seg in side.render_line(other))


@async_test
async def test_ctrl_c_quits_like_q(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert not app._exit
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app._exit and app.return_code == 0  # asked to quit, not told how to


@async_test
async def test_no_color_draws_in_the_terminals_own_colours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.filter import Monochrome, NoColor

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, lst, _, _ = parts(app)
        assert any(isinstance(f, NoColor) for f in app._filters)
        assert not any(isinstance(f, Monochrome) for f in app._filters)  # no black on black
        cursor = [seg.style for seg in lst.render_line(0) if seg.text.strip()]
        assert cursor and all(style.reverse for style in cursor)  # the cursor still shows
        assert not any(seg.style.reverse for seg in lst.render_line(1) if seg.text.strip())


@async_test
async def test_after_a_pick_the_filter_line_types_at_the_end(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, lst, side, _ = parts(app)
        await pilot.press("shift+tab")
        side.move_to(next(i for i, e in enumerate(side.entries) if e.name == "耿涛"))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("slash", "space", "会", "议")
        await settle(pilot)
        filter_line = screen.query_one(FilterLine)
        assert filter_line.value == "person:耿涛 会议"
        assert filter_line.cursor_position == len(filter_line.value)
        assert titles(lst) == ["高新区专委会暨重点功能区高质量发展现场推进会召开"]


@async_test
async def test_a_restored_query_is_typed_on_at_its_end(tmp_path: Path) -> None:
    app = make_app(tmp_path, state=UIState(query="person:耿涛"))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash", "space", "会", "议")
        await settle(pilot)
        assert screen.query_one(FilterLine).value == "person:耿涛 会议"


@async_test
async def test_a_resize_keeps_the_open_article_and_rewraps_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, lst, _, reader = parts(app)
        await pilot.press("enter")
        await settle(pilot)
        opened = reader.article_id
        before = reader_shown(reader)
        await pilot.resize_terminal(80, 24)  # one pane at a time
        await settle(pilot)
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        assert reader.article_id == opened == lst.current_id()
        assert reader_shown(reader) == before and "耿涛出席并讲话" in before


@async_test
async def test_palette_finds_an_entity_by_pinyin(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, lst, _, _ = parts(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "zhangruimin":  # 张瑞敏, typed without a Chinese input method
            await pilot.press(ch)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert ("张瑞敏", "person") in screen.picks and lst.row_count == 1


@async_test
async def test_a_note_changed_by_another_session_replaces_the_shown_one(tmp_path: Path) -> None:
    from store.userdata.data import UserData

    path = tmp_path / "userdata.json"
    article = sample_articles()[0]["id"]  # the newest: under the cursor at start
    mine = UserData.open(path)
    mine.set_note(article, "我的旧笔记")
    app = make_app(tmp_path, userdata=mine)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, _, _, reader = parts(app)
        await pilot.press("enter")
        await settle(pilot)
        assert reader.article_id == article
        assert "我的旧笔记" in reader_shown(reader)
        other = UserData.open(path)  # a second session over SSH, same file
        other.set_note(article, "另一会话的新笔记")
        seen: list[str] = []
        original = screen.notify
        screen.notify = lambda message, **kw: (seen.append(message), original(message, **kw))
        screen.poll_userdata()
        await settle(pilot)
        shown = reader_shown(reader)
        assert "另一会话的新笔记" in shown and "我的旧笔记" not in shown
        assert any("another yuebao session" in message for message in seen)


@async_test
async def test_every_screen_answers_the_users_keymap(tmp_path: Path) -> None:
    """Rebound keys work in the modal screens too (help, note, tags, bookmarks), and their
    hints name the keys the user chose."""
    from textual.widgets import TextArea

    from tui.screens.bookmarks import BookmarksScreen
    from tui.screens.prompt import NoteScreen, TagScreen

    keymap = {"back": "ctrl+g", "save-note": "ctrl+w", "help": "f1", "quit": "ctrl+q"}
    app = make_app(tmp_path, keymap=keymap)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, lst, _, _ = parts(app)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#help-body").border_subtitle == "ctrl+g closes"
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("j")
        article = lst.current_id()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.query_one(".prompt").border_subtitle == "ctrl+w save · ctrl+g cancel"
        app.screen.query_one(TextArea).insert("改键")
        await pilot.press("ctrl+w")
        await settle(pilot)
        assert app.userdata.note(article) == "改键"
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not isinstance(app.screen, TagScreen)
        await pilot.press("b", "B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen) and app.is_running


@async_test
async def test_p_on_an_entity_shows_its_profile(tmp_path: Path) -> None:
    from tui.screens.profile import ProfileScreen

    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("p")  # on the list: says where to go, opens nothing
        await pilot.pause()
        assert not isinstance(app.screen, ProfileScreen)
        await pilot.press("shift+tab", "j")  # to the sidebar, one entity down
        side = app.screen.query_one(EntitySidebar)
        key = side.current_key()
        assert key is not None
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.profile["name"] == key[0]
        assert app.screen.profile["articles"] == side.entries[side.cursor].count
        names = [key[0], *app.screen.profile["aliases"]]
        assert app.screen.context and all(x.match in names for x in app.screen.context)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ProfileScreen)


@async_test
async def test_keyword_in_context_lists_every_mention_and_opens_one(tmp_path: Path) -> None:
    from tui.screens.kwic import KwicList, KwicScreen

    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("K")  # no term yet: says how to get one
        await pilot.pause()
        assert not isinstance(app.screen, KwicScreen)
        await pilot.press("slash", "高", "新", "escape")
        await settle(pilot)
        await pilot.press("K")
        await app.workers.wait_for_complete()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KwicScreen) and screen.term == "高新"
        lines = screen.lines
        assert lines and all(x.match == "高新" for x in lines)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert [x.right for x in screen.lines] == sorted(x.right for x in screen.lines)
        assert "by right" in str(screen.query_one("#kwic-summary").render())
        shown = screen.query_one(KwicList).render_line(0).text
        assert "高新" in shown
        target = screen.lines[0].article_id
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, KwicScreen)
        assert parts(app)[3].article_id == target


@async_test
async def test_related_articles_share_the_rarer_entities_and_open(tmp_path: Path) -> None:
    from store.corpus import related_articles
    from tui.screens.related import RelatedScreen

    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        _, lst, _, reader = parts(app)
        current = lst.current_id()
        expected = [i for i, _ in related_articles(current, app.corpus.rows, top=30)]
        assert expected
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RelatedScreen)
        assert [r["id"] for r in screen.rows] == expected and current not in expected
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, RelatedScreen)
        assert reader.article_id == expected[0]


@async_test
async def test_the_timeline_drills_down_and_a_range_becomes_the_filter(tmp_path: Path) -> None:
    from tui.screens.timeline import TimelineList, TimelineScreen

    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        listing = screen.query_one(TimelineList)
        assert listing.periods == [("2022", 5)]
        await pilot.press("enter")  # into 2022: its months
        await pilot.pause()
        assert listing.periods[-1] == ("2022-12", 5) and listing.periods[0][0] == "2022-12"
        await pilot.press("enter")  # into December: its days, empty ones too
        await pilot.pause()
        assert listing.periods[0] == ("2022-12-01", 1) and len(listing.periods) == 15
        assert listing.periods[1] == ("2022-12-02", 0)
        await pilot.press("backspace", "backspace")  # back up to the years
        await pilot.pause()
        assert listing.periods == [("2022", 5)]
        await pilot.press("enter", "enter", "space", "G", "space")  # 12-01 .. 12-15
        await settle(pilot)
        assert not isinstance(app.screen, TimelineScreen)
        assert app.screen.filter_text == "date:2022-12-01..2022-12-15"
        _, lst, _, _ = parts(app)
        assert lst.row_count == 5


@async_test
async def test_an_article_added_through_a_delta_index_is_found_and_counted(
    tmp_path: Path,
) -> None:
    from tui_fixtures import entity_table

    from store.corpus.db import CorpusDB, delta_path_for
    from store.search.index import index_path_for
    from store.search.stored import rebuild_index
    from tui.app import YuebaoApp
    from tui.corpus import Corpus
    from tui.userdata import MemoryUserData

    everything = sample_articles()
    added = [a for a in everything if a["title"] == "崂山区推进国际创新园建设"]
    before = [a for a in everything if a not in added]
    path = tmp_path / "data" / "corpus.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    db = CorpusDB(path)
    db.add_batch(before, [], entity_table(before))
    rebuild_index(db)
    db.add_batch(added, [], entity_table(everything))  # a page loaded later
    rebuild_index(db)
    assert delta_path_for(index_path_for(path)).exists()

    userdata = MemoryUserData()
    app = YuebaoApp(Corpus(CorpusDB(path), userdata.correction_set()), userdata=userdata)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen, lst, side, _ = parts(app)
        assert "5 of 5 articles" in str(screen.query_one("#status").render())
        await pilot.press("slash", "崂", "山")
        await settle(pilot)
        assert titles(lst) == ["崂山区推进国际创新园建设"]
        facets = {e.name: e.count for e in side.entries if e.name}
        assert facets.get("崂山区") == 1
