"""Exporting a result list for citation: CSV, JSON and Markdown, from the CLI and the TUI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tui_fixtures import sample_articles
from tui_helpers import async_test, make_app, settle

from store.search import export_format_for, render_export, result_records
from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WIDE = (140, 40)
ROWS = [
    {
        "id": "a1",
        "title": "=HYPERLINK(1) 高新区|发展*",
        "newspaper": "青岛日报",
        "date": "2022-12-15",
        "page": "要闻",
        "byline": ["耿婷婷", "李华"],
    },
    {"id": "a2", "title": "", "newspaper": "", "date": "", "page": "", "byline": []},
]
BODIES = {"a1": "今天，\x1b[31m青岛高新区召开会议。\n会议听取了工作报告。" * 4, "a2": ""}


def _records() -> list[dict]:
    return result_records(ROWS, BODIES.__getitem__)


def test_every_format_carries_the_fields_in_list_order() -> None:
    records = _records()
    first = records[0]
    assert [r["id"] for r in records] == ["a1", "a2"]
    assert first["excerpt"].startswith("今天，青岛高新区召开会议。会议听取了工作报告。")
    assert first["excerpt"].endswith("…") and len(first["excerpt"]) == 80
    doc = json.loads(render_export(records, "json", "高新"))
    assert doc["query"] == "高新" and doc["count"] == 2
    assert doc["articles"][0]["byline"] == ["耿婷婷", "李华"]
    assert set(doc["articles"][0]) == {
        "newspaper", "date", "page", "title", "byline", "id", "excerpt",
    }  # fmt: skip


def test_csv_opens_in_a_spreadsheet_without_running_a_formula() -> None:
    blob = render_export(_records(), "csv")
    assert blob.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(blob.decode("utf-8-sig"))))
    assert table[0] == ["newspaper", "date", "page", "title", "byline", "id", "excerpt"]
    assert table[1][3] == "'=HYPERLINK(1) 高新区|发展*" and table[1][4] == "耿婷婷、李华"
    assert table[2][5] == "a2" and len(table) == 3


def test_markdown_escapes_the_text_it_quotes() -> None:
    text = render_export(_records(), "md", "高新").decode()
    assert text.startswith("# 阅报 yuebao — 2 articles: `高新`")
    assert "**=HYPERLINK(1) 高新区\\|发展\\*** — 青岛日报 · 2022-12-15 · 要闻" in text
    assert "耿婷婷、李华 · id a1" in text and "（无题）" in text
    assert "\x1b" not in text


def test_the_format_comes_from_the_file_name() -> None:
    assert [export_format_for(n) for n in ("a.CSV", "b.json", "c.md", "d.markdown", "e")] == [
        "csv", "json", "md", "md", "",
    ]  # fmt: skip


def test_search_exports_the_whole_result_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["load", str(SEEDS)]) == 0
    capsys.readouterr()
    assert main(["search", "高新", "--json", "--limit", "0"]) == 0
    every = [a["id"] for a in json.loads(capsys.readouterr().out)["articles"]]
    target = tmp_path / "out" / "高新.md"
    target.parent.mkdir()
    assert main(["search", "高新", "-o", str(target)]) == 0
    assert f"{len(every)} articles written to {target}" in capsys.readouterr().err
    text = target.read_text("utf-8")
    assert all(f"id {i}" in text for i in every) and len(every) > 1
    assert main(["search", "高新", "--export", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert [r[5] for r in rows[1:]] == every
    assert main(["search", "高新", "-o", str(tmp_path / "x.txt")]) == 2
    assert "--export csv, json or md" in capsys.readouterr().err


@async_test
async def test_the_explorer_exports_the_list_it_shows(tmp_path: Path) -> None:
    from textual.widgets import Input

    from tui.screens.prompt import ExportScreen
    from tui.widgets.filter_line import FilterLine

    app = make_app(tmp_path)
    target = tmp_path / "list.json"
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.set_filter("person:耿涛")
        screen.run_filter(immediate=True)
        await settle(pilot)
        shown = screen.article_rows(100)
        assert 0 < len(shown) < len(sample_articles())
        screen.query_one(FilterLine).blur()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
    doc = json.loads(target.read_text("utf-8"))
    assert [a["id"] for a in doc["articles"]] == [r["id"] for r in shown]
    assert doc["query"] == "person:耿涛"
