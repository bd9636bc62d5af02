"""``yuebao notes list|export|import``: output, round trip, and one-line errors for bad files."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

import tui.cli.entry
from store.corpus.db import CorpusDB
from store.paths import corpus_db_path
from store.userdata.data import UserData
from tui.cli.commands import COMMAND_MODULES

ROOT = Path(__file__).resolve().parents[1]
META = {
    "title": "高新区 [bold]发展[/bold] 迅速",
    "newspaper": "人民日报",
    "date": "2024-03-01",
    "page": "2",
    "source": "seeds/000.txt",
}


@pytest.fixture(autouse=True)
def _notes_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the CLI with the notes command alone registered (the home is conftest's)."""
    monkeypatch.setattr(tui.cli.entry, "COMMAND_MODULES", ("tui.cli.commands.notes",))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``yuebao ARGV`` in-process; returns (exit code, stdout, stderr)."""
    code = tui.cli.entry.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data() -> UserData:
    """A store with a bookmarked, tagged, twice-noted article and a note on an orphan."""
    store = UserData.open()
    store.toggle_bookmark("abc123", META)
    store.set_note("abc123", "第一版", META)
    store.set_note("abc123", "第二版\n第二行")
    store.set_tags("abc123", "经济，高新")
    store.set_note("gone99", "孤儿笔记", {"title": "已不在语料中", "newspaper": "光明日报"})
    store.mark_read("readonly1")
    return store


def _corpus_with(ids: list[str]) -> None:
    db = CorpusDB(corpus_db_path())
    db.add_batch([{"id": i, "title": f"文章{i}", "body": "正文"} for i in ids])
    db.close()


def test_registered() -> None:
    assert "tui.cli.commands.notes" in COMMAND_MODULES


def test_list_empty(capsys) -> None:
    code, out, _ = run(capsys, "notes", "list")
    assert code == 0 and "0 articles" in out


def test_list_shows_marks_tags_notes_and_orphans(capsys, data) -> None:
    _corpus_with(["abc123"])
    code, out, _ = run(capsys, "notes", "list")
    assert code == 0
    assert "★ 2024-03-01  人民日报  高新区 [bold]发展[/bold] 迅速  #经济 #高新" in out
    assert "abc123  第二版 第二行" in out
    assert "已不在语料中" in out and "[orphan]" in out
    assert "2 articles, 1 bookmarked, 2 with notes, 1 orphaned" in out
    code, out, _ = run(capsys, "notes", "list", "--orphans")
    assert "gone99" in out and "abc123" not in out
    code, out, _ = run(capsys, "notes", "list", "--bookmarked")
    assert "abc123" in out and "gone99" not in out


def test_list_orphans_without_a_corpus_is_a_one_line_error(capsys, data) -> None:
    code, _, err = run(capsys, "notes", "list", "--orphans")
    assert code == 1 and err.count("\n") == 1 and "no corpus" in err


def test_list_strips_terminal_escapes(capsys) -> None:
    UserData.open().set_note("x", "红\x1b[2J色\x07", {"title": "\x1b]0;pwned\x07标题"})
    _, out, _ = run(capsys, "notes", "list")
    assert "\x1b" not in out and "\x07" not in out and "标题" in out


def test_export_markdown_has_every_bookmark_and_note(capsys, data) -> None:
    code, out, _ = run(capsys, "notes", "export")
    assert code == 0
    assert out.startswith("# 阅报")
    assert "## 高新区 \\[bold\\]发展\\[/bold\\] 迅速" in out  # markup escaped, not applied
    assert "人民日报 · 2024-03-01 · page 2 · id `abc123`" in out
    assert "★ bookmarked · tags: 经济, 高新" in out
    assert "> 第二版\n> 第二行" in out and "> 第一版" in out  # earlier version too
    assert "## 已不在语料中" in out and "> 孤儿笔记" in out
    assert "readonly1" not in out  # read state alone is not a bookmark or note


def test_export_json_to_a_file(capsys, data, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    code, out, err = run(capsys, "notes", "export", "--format", "json", "-o", str(target))
    assert code == 0 and out == "" and str(target) in err
    doc = orjson.loads(target.read_bytes())
    assert doc["format"] == "yuebao-notes" and doc["version"] == 1
    by_id = {e["id"]: e for e in doc["entries"]}
    assert by_id["abc123"]["title"] == META["title"]
    assert by_id["abc123"]["newspaper"] == "人民日报" and by_id["abc123"]["date"] == "2024-03-01"
    assert by_id["abc123"]["source"] == "seeds/000.txt"
    assert by_id["abc123"]["note_history"][0]["text"] == "第一版"
    assert by_id["readonly1"]["read"] is True  # the backup is complete


def test_export_wipe_import_round_trips_exactly(capsys, data, tmp_path: Path) -> None:
    backup, again = tmp_path / "backup.json", tmp_path / "again.json"
    before = data.records()
    assert run(capsys, "notes", "export", "--format", "json", "-o", str(backup))[0] == 0
    data.path.unlink()
    assert UserData.open().records() == []
    code, out, _ = run(capsys, "notes", "import", str(backup))
    assert code == 0 and "3 added, 0 updated, 0 unchanged" in out
    assert UserData.open().records() == before
    assert run(capsys, "notes", "export", "--format", "json", "-o", str(again))[0] == 0
    first, second = orjson.loads(backup.read_bytes()), orjson.loads(again.read_bytes())
    assert first["entries"] == second["entries"]


def test_import_twice_adds_no_duplicates(capsys, data, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    run(capsys, "notes", "export", "--format", "json", "-o", str(backup))
    before = UserData.open().records()
    code, out, _ = run(capsys, "notes", "import", str(backup))
    assert code == 0 and "0 added, 0 updated, 3 unchanged" in out
    assert UserData.open().records() == before


def test_import_merges_with_newer_local_edits(capsys, data, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    run(capsys, "notes", "export", "--format", "json", "-o", str(backup))
    data.set_note("abc123", "导出后又改了")
    data.set_tags("abc123", ["新标签"])
    code, _, _ = run(capsys, "notes", "import", str(backup))
    assert code == 0
    after = UserData.open()
    assert after.note("abc123") == "导出后又改了"
    assert [v.text for v in after.note_history("abc123")] == ["第一版", "第二版\n第二行"]
    assert set(after.tags("abc123")) == {"新标签", "经济", "高新"}


def test_import_accepts_a_copy_of_the_userdata_file(capsys, data, tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    copy.write_bytes(data.path.read_bytes())
    target = tmp_path / "fresh.json"
    code, out, _ = run(capsys, "notes", "import", str(copy), "--userdata", str(target))
    assert code == 0 and "3 added" in out
    assert UserData.open(target).records() == data.records()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        ("dir", "is a directory"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
        (b'"a string"', "not a yuebao notes export"),
        (b'{"some": "object"}', "not a yuebao notes export"),
        (b'{"format": "yuebao-notes", "version": 9, "entries": []}', "newer"),
        (b'{"format": "yuebao-notes", "entries": [{"id": "a"}, {"note": "x"}]}', "entry 2"),
        (b'{"format": "yuebao-notes", "entries": [{"id": "a", "tags": "x"}]}', "'tags'"),
        (b"[1, 2]", "entry 1: not an object"),
    ],
)
def test_bad_import_files_give_one_line_and_exit_1(
    capsys, tmp_path: Path, content: bytes | str | None, problem: str
) -> None:
    bad = tmp_path / "bad.json"
    if content == "dir":
        bad.mkdir()
    elif isinstance(content, bytes):
        bad.write_bytes(content)
    code, out, err = run(capsys, "notes", "import", str(bad))
    assert code == 1 and out == ""
    assert err.startswith(f"yuebao: {bad}: ") and problem in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not UserData.open().path.exists()  # nothing half-imported


def test_import_into_a_corrupt_store_is_refused(capsys, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    backup.write_bytes(b'{"format": "yuebao-notes", "version": 1, "entries": [{"id": "a"}]}')
    path = UserData.open().path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"{broken")
    code, _, err = run(capsys, "notes", "import", str(backup))
    assert code == 1 and "corrupt" in err and "moved aside" in err and err.count("\n") == 1
    assert [p.read_bytes() for p in path.parent.glob("*.corrupt")] == [b"{broken"]


def test_export_from_a_corrupt_store_warns(capsys) -> None:
    path = UserData.open().path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"{broken")
    code, out, err = run(capsys, "notes", "export")
    assert code == 0 and "warning" in err and "corrupt" in err and out.startswith("# 阅报")


def test_userdata_option_before_or_after_the_action(capsys, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    UserData.open(other).set_note("o1", "别处的笔记")
    for argv in (
        ("notes", "--userdata", str(other), "list"),
        ("notes", "list", "--userdata", str(other)),
        ("notes", "--userdata", str(other)),
    ):
        code, out, _ = run(capsys, *argv)
        assert code == 0 and "别处的笔记" in out, argv


def test_export_refuses_to_overwrite_the_userdata_file(capsys, data) -> None:
    before = data.path.read_bytes()
    code, _, err = run(capsys, "notes", "export", "--format", "json", "-o", str(data.path))
    assert code == 1 and "user-data file itself" in err
    assert data.path.read_bytes() == before


def test_export_to_a_missing_directory_is_one_line(capsys, data, tmp_path: Path) -> None:
    code, _, err = run(capsys, "notes", "export", "-o", str(tmp_path / "no" / "x.md"))
    assert code == 1 and "does not exist" in err and err.count("\n") == 1


@pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in COMMAND_MODULES),
    reason="not every registered command module exists yet",
)
def test_real_command_line(data, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "tui", "notes", "list"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "abc123" in done.stdout


def test_list_drops_bidi_overrides_and_json_escapes_them(capsys) -> None:
    UserData.open().set_note("x", "笔记\u202e反向", {"title": "标题\u202e\u200b"})
    _, out, _ = run(capsys, "notes", "list")
    assert "\u202e" not in out and "\u200b" not in out and "笔记反向" in out
    code, out, _ = run(capsys, "notes", "list", "--json")
    assert code == 0 and "\u202e" not in out and "\\u202e" in out
    (entry,) = orjson.loads(out)
    assert entry["note"] == "笔记\u202e反向"  # the data is whole; only its printing is safe


def test_list_json_has_every_field_a_script_needs(capsys, data) -> None:
    _corpus_with(["abc123"])
    code, out, _ = run(capsys, "notes", "list", "--json")
    rows = {row["id"]: row for row in orjson.loads(out)}
    assert code == 0 and set(rows) == {"abc123", "gone99"}
    assert rows["abc123"]["bookmarked"] and rows["abc123"]["tags"] == ["经济", "高新"]
    assert rows["abc123"]["note"] == "第二版\n第二行" and rows["abc123"]["orphan"] is False
    assert rows["gone99"]["orphan"] is True


def test_importing_the_markdown_export_says_what_to_import(capsys, data, tmp_path) -> None:
    code, markdown, _ = run(capsys, "notes", "export")
    path = tmp_path / "notes.md"
    path.write_text(markdown, "utf-8")
    code, _, err = run(capsys, "notes", "import", str(path))
    assert code == 1 and err.count("\n") == 1
    assert "Markdown export" in err and "--format json" in err and str(path) in err
