"""store.userdata.data: the API the app and the search engine use, corrupt files, two sessions."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store.userdata.data import ReadOnlyError, UserData, UserDataError, UserMarks

META = {"title": "高新区发展迅速", "newspaper": "人民日报", "date": "2024-03-01", "page": "2"}


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the real home out: every yuebao location points into tmp_path."""
    for name in ("DATA", "CONFIG", "STATE", "CACHE"):
        monkeypatch.setenv(f"YUEBAO_{name}_DIR", str(tmp_path / name.lower()))
    monkeypatch.delenv("YUEBAO_USERDATA", raising=False)
    monkeypatch.delenv("YUEBAO_DB", raising=False)


def test_defaults_to_the_data_dir_and_env_override(tmp_path: Path, monkeypatch) -> None:
    assert UserData.open().path == tmp_path / "data" / "userdata.json"
    monkeypatch.setenv("YUEBAO_USERDATA", str(tmp_path / "elsewhere.json"))
    assert UserData.open().path == tmp_path / "elsewhere.json"
    assert UserData.open(tmp_path / "x.json").path == tmp_path / "x.json"


def test_opening_does_not_create_the_file() -> None:
    data = UserData.open()
    assert not data.path.exists()
    assert not data.read_only and data.message == "" and data.persistent


def test_bookmark_note_tags_read_survive_reopening() -> None:
    data = UserData.open()
    assert data.toggle_bookmark("a1", META) is True
    data.set_note("a1", "第一版", META)
    data.set_note("a1", "第二版\n两行")
    assert data.set_tags("a1", "经济，高新, 经济") == ["经济", "高新"]
    data.set_read("a2")
    again = UserData.open()
    assert again.is_bookmarked("a1") and not again.is_bookmarked("a2")
    assert again.note("a1") == "第二版\n两行" and again.has_note("a1")
    assert [v.text for v in again.note_history("a1")] == ["第一版"]
    assert again.tags("a1") == ["经济", "高新"]
    assert again.is_read("a2") and not again.is_read("a1") and again.is_unread("a1")
    entry = again.entry("a1")
    assert entry is not None
    assert (entry.title, entry.newspaper, entry.date, entry.page) == (
        "高新区发展迅速",
        "人民日报",
        "2024-03-01",
        "2",
    )


def test_toggle_twice_and_toggle_unread() -> None:
    data = UserData.open()
    assert data.toggle_bookmark("a1") is True
    assert data.toggle_bookmark("a1") is False
    assert not UserData.open().is_bookmarked("a1")
    data.mark_read("a1")
    assert data.toggle_unread("a1") is True and data.is_unread("a1")
    assert data.toggle_unread("a1") is False and data.is_read("a1")


def test_clearing_a_note_keeps_it_in_history() -> None:
    data = UserData.open()
    data.set_note("a1", "要记住的话", META)
    data.set_note("a1", "")
    assert data.note("a1") == "" and not data.has_note("a1")
    assert [v.text for v in UserData.open().note_history("a1")] == ["要记住的话"]


def test_no_op_writes_leave_no_file() -> None:
    data = UserData.open()
    data.set_note("a1", "")
    data.set_bookmark("a1", False)
    data.set_tags("a1", [])
    assert not data.path.exists() and "a1" not in data


def test_search_protocol_sets() -> None:
    data = UserData.open()
    marks: UserMarks = data
    data.toggle_bookmark("b", META)
    data.set_note("n", "笔记")
    data.set_tags("t", ["Economy", "高新"])
    data.set_read_many(["r1", "r2"])
    assert marks.bookmarked_ids() == {"b"}
    assert marks.noted_ids() == {"n"}
    assert marks.read_ids() == {"r1", "r2"}
    assert marks.tag_ids("economy") == {"t"} == marks.tag_ids("高新")
    assert marks.tag_ids("none") == set()
    marks.bookmarked_ids().add("x")  # a fresh set each call: callers cannot corrupt the cache
    assert data.bookmarked_ids() == {"b"}
    data.set_bookmark("b2", True)
    assert data.bookmarked_ids() == {"b", "b2"}  # caches follow writes
    assert data.all_tags() == {"Economy": 1, "高新": 1}


def test_bookmarks_and_entries_lists() -> None:
    data = UserData.open()
    data.toggle_bookmark("a", META)
    data.toggle_bookmark("b", {"title": "第二篇"})
    data.set_note("c", "只有笔记")
    data.mark_read("d")  # read state alone is not an entry
    assert data.bookmarked() == ["b", "a"]
    assert [e.id for e in data.bookmarks()] == ["b", "a"]
    assert {e.id for e in data.entries()} == {"a", "b", "c"}


def test_orphans_are_listed_and_never_deleted() -> None:
    data = UserData.open()
    data.set_note("gone", "文章已不在语料中", {"title": "旧文章"})
    data.set_note("here", "还在")
    assert [e.id for e in data.orphans({"here"})] == ["gone"]
    data.set_note("here", "再改一次")
    reopened = UserData.open()
    assert reopened.note("gone") == "文章已不在语料中"
    assert reopened.entry("gone").title == "旧文章"  # type: ignore[union-attr]


def test_file_is_a_tinydb_document_keyed_by_article_id() -> None:
    data = UserData.open()
    data.set_note("a1b2", "x")
    doc = orjson.loads(data.path.read_bytes())
    assert doc["meta"]["1"]["schema"] == 2
    assert doc["userdata"]["a1b2"]["note"] == "x"
    assert doc["searches"] == {} and doc["corrections"] == {}


def test_schema_1_file_opens_and_keeps_its_notes_when_upgraded() -> None:
    path = UserData.open().path
    path.parent.mkdir(parents=True)
    old = {"meta": {"1": {"schema": 1}}, "userdata": {"a1": {"id": "a1", "note": "旧笔记"}}}
    path.write_bytes(orjson.dumps(old))
    data = UserData.open()
    assert not data.read_only and data.note("a1") == "旧笔记"
    data.save_search("高新区", "高新区")
    doc = orjson.loads(path.read_bytes())
    assert doc["meta"]["1"]["schema"] == 2
    assert doc["userdata"]["a1"]["note"] == "旧笔记"
    assert [s["name"] for s in UserData.open().searches()] == ["高新区"]


# -- corrupt and unusable files ------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b'{"userdata": {"a": ', b"[1, 2]", b'{"userdata": []}', b'{"userdata": {"a": {"note": 1}}}'],
)
def test_corrupt_file_is_moved_aside_and_store_is_read_only(content: bytes) -> None:
    path = UserData.open().path
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    data = UserData.open()
    assert data.read_only and not data.persistent
    assert str(path) in data.message and "corrupt" in data.message
    aside = list(path.parent.glob("userdata.json.*.corrupt"))
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert str(aside[0]) in data.message
    with pytest.raises(ReadOnlyError, match="corrupt"):
        data.set_note("a", "不能保存")
    with pytest.raises(ReadOnlyError):
        data.toggle_bookmark("a")
    assert not path.exists()  # nothing written over it either
    assert aside[0].read_bytes() == content


def test_file_from_a_newer_yuebao_is_left_alone_and_read_only() -> None:
    path = UserData.open().path
    path.parent.mkdir(parents=True)
    blob = orjson.dumps({"meta": {"1": {"schema": 99}}, "userdata": {}})
    path.write_bytes(blob)
    data = UserData.open()
    assert data.read_only and "newer yuebao" in data.message
    assert path.read_bytes() == blob


def test_file_corrupted_while_open_is_not_overwritten() -> None:
    data = UserData.open()
    data.set_note("a", "保存过")
    data.path.write_bytes(b"garbage")
    with pytest.raises(ReadOnlyError):
        data.set_note("b", "新的")
    assert data.read_only
    aside = list(data.path.parent.glob("userdata.json.*.corrupt"))
    assert [p.read_bytes() for p in aside] == [b"garbage"]
    assert data.note("a") == "保存过"  # what was read before stays readable


def test_empty_file_opens_as_empty() -> None:
    path = UserData.open().path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    data = UserData.open()
    assert not data.read_only
    data.set_note("a", "x")
    assert UserData.open().note("a") == "x"


def test_failed_write_raises_one_line_and_keeps_memory_consistent(monkeypatch) -> None:
    import errno

    import store.userdata.data as module

    data = UserData.open()
    data.set_note("a", "第一条")

    def full_disk(path: Path, blob: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(module, "write_atomic", full_disk)
        with pytest.raises(UserDataError, match=r"userdata\.json: cannot write \(no space"):
            data.set_note("b", "写不进去")
    assert not data.has_note("b") and data.note("a") == "第一条"
    data.set_note("b", "空间够了")
    assert UserData.open().note("b") == "空间够了"


def test_stale_temp_files_from_killed_writers_are_removed() -> None:
    data = UserData.open()
    data.set_note("a", "x")
    stale = data.path.parent / ".userdata.json.abc123.tmp"
    stale.write_bytes(b"half")
    UserData.open().set_note("b", "y")
    assert not stale.exists()


def test_file_deleted_while_open_is_written_back_whole() -> None:
    data = UserData.open()
    data.set_note("a", "还在内存里")
    data.path.unlink()
    data.set_note("b", "新的")
    again = UserData.open()
    assert again.note("a") == "还在内存里" and again.note("b") == "新的"


# -- two sessions on one file --------------------------------------------------------------


def test_two_sessions_keep_each_others_bookmarks_and_notes() -> None:
    one, two = UserData.open(), UserData.open()
    one.toggle_bookmark("a", META)
    two.toggle_bookmark("b", META)  # `two` has not seen `a`: it must not drop it
    one.set_note("c", "一号窗口")
    two.set_note("d", "二号窗口")
    final = UserData.open()
    assert final.bookmarked_ids() == {"a", "b"}
    assert final.noted_ids() == {"c", "d"}
    assert two.is_bookmarked("a")  # a write takes in what the other session saved


def test_same_note_edited_in_two_sessions_keeps_both_versions() -> None:
    one = UserData.open()
    one.set_note("a", "原来的")
    two = UserData.open()
    one.set_note("a", "一号改的")
    two.set_note("a", "二号改的")  # later edit wins
    final = UserData.open()
    assert final.note("a") == "二号改的"
    assert [v.text for v in final.note_history("a")] == ["原来的", "一号改的"]


def test_tags_added_in_two_sessions_are_all_kept() -> None:
    one = UserData.open()
    one.set_tags("a", ["共同"])
    two = UserData.open()
    one.set_tags("a", ["共同", "一号"])
    two.set_tags("a", ["共同", "二号"])
    assert UserData.open().tags("a") == ["共同", "一号", "二号"]
    two.set_tags("a", ["一号", "二号"])  # removing a tag the user saw does remove it
    assert UserData.open().tags("a") == ["一号", "二号"]


def test_refresh_takes_in_other_sessions_changes() -> None:
    one, two = UserData.open(), UserData.open()
    version = two.version
    assert two.refresh() is False
    one.toggle_bookmark("a")
    assert two.refresh() is True and two.is_bookmarked("a") and two.version > version


def test_import_records_merges_without_duplicates() -> None:
    source = UserData.open(UserData.open().path.with_name("other.json"))
    source.toggle_bookmark("a", META)
    source.set_note("a", "旧笔记")
    source.set_note("a", "新笔记")
    data = UserData.open()
    data.set_note("b", "本地")
    first = data.import_records(source.records())
    assert (first.added, first.updated, first.unchanged) == (1, 0, 0)
    second = data.import_records(source.records())
    assert (second.added, second.updated, second.unchanged) == (0, 0, 1)
    assert data.note("a") == "新笔记" and [v.text for v in data.note_history("a")] == ["旧笔记"]
    assert data.note("b") == "本地"


def test_import_names_the_bad_entry() -> None:
    data = UserData.open()
    with pytest.raises(UserDataError, match="entry 2: missing article 'id'"):
        data.import_records([{"id": "a"}, {"note": "x"}])
    assert not data.path.exists()


def test_store_side_never_imports_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, store.userdata.data, store.userdata.export, tui.cli.commands.notes; "
        "sys.exit('textual' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


def test_threads_writing_through_two_stores_lose_nothing() -> None:
    import threading

    stores = [UserData.open(), UserData.open()]

    def writer(n: int) -> None:
        for i in range(40):
            stores[n % 2].set_note(f"t{n}-{i}", f"线程 {n} 第 {i} 条")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(UserData.open().noted_ids()) == 160


def test_text_ids_find_the_words_of_notes_and_tags() -> None:
    store = UserData.open()
    store.set_note("a", "记得复查 Haier 的数据")
    store.set_tags("b", "待查，经济")
    assert store.text_ids("复查") == {"a"} and store.text_ids("haier") == {"a"}  # folded
    assert store.text_ids("经济") == {"b"} and store.text_ids("无此") == set()
    store.set_note("a", "")
    assert store.text_ids("复查") == set()  # the cache follows the edit
