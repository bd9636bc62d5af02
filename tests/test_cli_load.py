"""``yuebao load`` / ``yuebao parse`` from the command line: results, re-loads, bad input.

Every bad input gives one clear line naming the file, a non-zero exit, and no traceback.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from store.corpus.db import CorpusDB
from store.parse.article import ARTICLE_KEYS
from store.paths import corpus_db_path
from tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_parse_json_is_the_public_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "parse", str(SEEDS / "003_82a97204ed732270.txt"))
    assert code == 0
    articles = json.loads(out)
    keys = {*ARTICLE_KEYS, "entities"}
    assert all(set(a) == keys for a in articles)
    assert articles[1]["title"] == "青岛16件市办实事实现年度目标"
    assert articles[1]["byline"] == ["杨国胜"]
    assert articles[-1]["truncated"] is True


def test_parse_takes_json_like_the_other_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed = str(SEEDS / "002_8a9892b75396cdc3.txt")
    _, by_format, _ = run(capsys, "parse", "--no-entities", "--format", "json", seed)
    _, text, _ = run(capsys, "parse", "--no-entities", "--format", "text", seed)
    code, by_flag, _ = run(capsys, "parse", "--no-entities", "--format", "text", "--json", seed)
    assert code == 0
    assert json.loads(by_flag) == json.loads(by_format)
    assert not text.lstrip().startswith("[")


def test_parse_text_shows_leftovers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "parse",
        "--format",
        "text",
        "--no-entities",
        str(SEEDS / "004_71228b73623e2934.txt"),
    )
    assert code == 0
    assert "# 青岛高新区再添两家国家级绿色工厂" in out
    assert "[leftover] 以科技创新赋能产业创新" in out


def test_load_then_reload_adds_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "load", str(SEEDS))
    assert code == 0
    db = CorpusDB(corpus_db_path())
    first = db.article_count()
    assert first == 32
    assert "32" in out
    code, out, _ = run(capsys, "load", str(SEEDS / "*.txt"))
    assert code == 0
    assert CorpusDB(corpus_db_path()).article_count() == first
    assert "unchanged" in out


def test_same_text_in_another_file_is_not_stored_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(SEEDS / "001_24a14047bbcc1e31.txt", copy)
    (tmp_path / "crlf.txt").write_bytes(copy.read_bytes().replace(b"\n", b"\r\n"))
    code, _, _ = run(capsys, "load", str(SEEDS / "001_24a14047bbcc1e31.txt"), str(tmp_path))
    assert code == 0
    assert CorpusDB(corpus_db_path()).article_count() == 6


def test_db_option_and_env_choose_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "mine.json"
    run(capsys, "--db", str(target), "load", str(SEEDS / "002_8a9892b75396cdc3.txt"))
    assert CorpusDB(target).article_count() == 4
    other = tmp_path / "env.json"
    monkeypatch.setenv("YUEBAO_DB", str(other))
    run(capsys, "load", str(SEEDS / "002_8a9892b75396cdc3.txt"))
    assert CorpusDB(other).article_count() == 4


def _write(directory: Path, name: str, content: bytes) -> Path:
    path = directory / name
    path.write_bytes(content)
    return path


def _mkdir(directory: Path, name: str) -> Path:
    path = directory / name
    path.mkdir()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file or directory"),
        (lambda d: _mkdir(d, "empty-dir"), "directory has no text files"),
        (lambda d: _write(d, "bin.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50), "binary file"),
        (lambda d: _write(d, "enc.txt", bytes(range(128, 256)) * 30 + b"\x81\x30"), "undecodable"),
        (lambda d: _write(d, "empty.txt", b""), "empty file"),
        (lambda d: d / "nomatch-*.txt", "no files match"),
    ],
    ids=["missing", "no-text-files", "binary", "undecodable", "empty", "glob-no-match"],
)
def test_bad_paths_fail_clearly_and_good_files_still_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make, message: str
) -> None:
    bad = make(tmp_path)
    code, _out, err = run(capsys, "load", str(bad), str(SEEDS / "002_8a9892b75396cdc3.txt"))
    assert code != 0
    assert message in err
    assert str(bad) in err
    assert CorpusDB(corpus_db_path()).article_count() == 4  # the good file was loaded


def test_parse_bad_file_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    code, _, err = run(capsys, "parse", str(bad))
    assert code == 1
    assert f"{bad}: binary file" in err


def test_huge_single_line_file_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_text("本报电 " + "青岛高新区发展迅速" * 60_000 + "。", encoding="utf-8")
    code, _, _ = run(capsys, "load", str(big))
    assert code == 0
    assert CorpusDB(corpus_db_path()).article_count() == 1


@pytest.mark.parametrize("content", [b"{not json", b'{"articles": {"1": {"id": "x"', b"[1, 2, 3]"])
def test_corrupt_database_is_moved_aside_not_overwritten(
    capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = corpus_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    code, _, err = run(capsys, "load", str(SEEDS / "002_8a9892b75396cdc3.txt"))
    assert code != 0
    assert "corrupt database" in err and str(path) in err and "yuebao load" in err
    moved = list(path.parent.glob("corpus.json.*.corrupt"))
    assert len(moved) == 1 and moved[0].read_bytes() == content


def _fail_writes(monkeypatch: pytest.MonkeyPatch, err: int) -> None:
    import store.files

    def refuse(*_a, **_k):
        raise OSError(err, "simulated")

    monkeypatch.setattr(store.files.tempfile, "mkstemp", refuse)


@pytest.mark.parametrize(
    ("err", "reason"),
    [
        (errno.ENOSPC, "no space left"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permission denied"),
    ],
)
def test_failed_write_keeps_the_old_database(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], err: int, reason: str
) -> None:
    run(capsys, "load", str(SEEDS / "002_8a9892b75396cdc3.txt"))
    before = corpus_db_path().read_bytes()
    _fail_writes(monkeypatch, err)
    code, _, out_err = run(capsys, "load", str(SEEDS / "003_82a97204ed732270.txt"))
    assert code != 0
    assert reason in out_err and "corpus.json" in out_err
    assert corpus_db_path().read_bytes() == before
    assert CorpusDB(corpus_db_path()).article_count() == 4


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--version"], ["--help"], ["load", "--help"], ["parse", "--help"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 0
    out = capsys.readouterr().out
    assert "yuebao 0." in out and "--format" in out


def test_changed_entity_extractor_refreshes_stored_entities(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.corpus.loader

    run(capsys, "load", str(SEEDS / "002_8a9892b75396cdc3.txt"))
    db = CorpusDB(corpus_db_path())
    assert db.meta()["extractor"] == store.corpus.loader.extractor_version()
    before = {a["id"]: a["entities"] for a in db.articles()}
    assert any(before.values())

    monkeypatch.setattr(store.corpus.loader, "extractor_version", lambda: "new-model")
    monkeypatch.setattr(
        store.corpus.loader,
        "_entities_for",
        lambda a: [
            {
                "name": "测试",
                "type": "org",
                "aliases": ["测试"],
                "count": 1,
                "spans": [],
                "role": "",
            }
        ],
    )
    code, _, _ = run(capsys, "load", str(SEEDS / "002_8a9892b75396cdc3.txt"))  # file unchanged
    assert code == 0
    db = CorpusDB(corpus_db_path())
    assert db.meta()["extractor"] == "new-model"
    assert all(a["entities"][0]["name"] == "测试" for a in db.articles())
    assert all(row["entities"] == [["测试", "org", ""]] for row in db.catalog())


def test_edited_file_replaces_its_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("会议召开\n\n本报电 今天，会议召开。\n", encoding="utf-8")
    run(capsys, "load", str(page))
    page.write_text("会议顺利召开\n\n本报电 今天，会议顺利召开。\n", encoding="utf-8")
    os_stat = page.stat()
    os.utime(page, ns=(os_stat.st_atime_ns, os_stat.st_mtime_ns + 10**9))
    run(capsys, "load", str(page))
    db = CorpusDB(corpus_db_path())
    assert [a["title"] for a in db.articles()] == ["会议顺利召开"]
    assert [r["title"] for r in db.catalog()] == ["会议顺利召开"]


def test_changed_parser_reparses_unchanged_files(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.corpus.loader

    run(capsys, "load", str(SEEDS / "002_8a9892b75396cdc3.txt"))
    monkeypatch.setattr(store.corpus.loader, "parser_version", lambda: "new-parser")
    calls: list[str] = []
    original = store.corpus.loader.parse_for_store
    monkeypatch.setattr(
        store.corpus.loader, "parse_for_store", lambda p: calls.append(p) or original(p)
    )
    run(capsys, "load", str(SEEDS / "002_8a9892b75396cdc3.txt"))
    assert len(calls) == 1
    db = CorpusDB(corpus_db_path())
    assert db.meta()["parser"] == "new-parser" and db.article_count() == 4


def test_unwritable_data_dir_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("YUEBAO_DATA_DIR", str(blocker / "data"))  # cannot be created, even by root
    code, _, err = run(capsys, "load", str(SEEDS / "002_8a9892b75396cdc3.txt"))
    assert code == 1
    assert str(blocker) in err and "Not a directory" in err
    assert err.count("\n") == 1 and "unexpected" not in err


def test_one_entity_one_type_across_the_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "load", str(SEEDS))
    db = CorpusDB(corpus_db_path())
    types = {
        e["type"] for a in db.articles() for e in a["entities"] if e["name"] == "阿斯利康"
    }  # 阿斯利康制药(青岛)有限公司 on one page makes the short name a company everywhere
    assert types == {"org"}
    rows = {r["name"]: r["type"] for r in db.entities()}
    assert rows["阿斯利康"] == "org" and rows["青岛市"] == "place"
    catalog_types = {t for row in db.catalog() for n, t, _ in row["entities"] if n == "阿斯利康"}
    assert catalog_types == {"org"}


def test_load_json_reports_each_file_and_the_totals(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "load", "--json", str(SEEDS))
    report = json.loads(out)
    assert code == 0 and len(report["files"]) == 5 and report["errors"] == 0
    assert report["new"] == 32 == report["corpus_articles"]
    assert all(f["status"] == "new" for f in report["files"])
    code, out, _ = run(capsys, "load", "--json", str(SEEDS), str(SEEDS / "missing.txt"))
    report = json.loads(out)
    assert code == 1 and report["unchanged"] == 32 and report["new"] == 0
    assert report["errors"] == 1 and "missing.txt" in report["path_errors"][0]


def test_loading_a_korean_page_is_one_line_and_a_failure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "korea.txt"
    korean = "한국 정부는 오늘 서울에서 새로운 경제 정책을 발표했다. " * 10
    page.write_bytes(korean.encode("euc_kr"))
    code, _, err = run(capsys, "load", str(page), str(SEEDS / "002_8a9892b75396cdc3.txt"))
    assert code == 1
    lines = [x for x in err.splitlines() if x.startswith("yuebao:")]
    assert len(lines) == 1 and "Korean" in lines[0] and str(page) in lines[0]
    assert "Traceback" not in err


def test_load_says_what_it_is_doing_between_files(tmp_path: Path) -> None:
    from store.corpus.db import CorpusDB as DB
    from store.corpus.loader import load_paths

    events: list[str] = []
    db = DB(tmp_path / "c.json")
    load_paths(
        [str(SEEDS)],
        db,
        progress=lambda rep: events.append("file"),
        on_phase=events.append,
        workers=1,
    )
    assert events[0] == "reading" and events.count("file") == 5 and events[-1] == "indexing"
    events.clear()
    load_paths([str(SEEDS)], db, progress=lambda rep: events.append("file"), on_phase=events.append)
    assert events == ["file"] * 5  # nothing to read or index when every file is unchanged


def test_a_corpus_moved_aside_reloads_each_article_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "load", str(SEEDS))
    path = corpus_db_path()
    path.write_text("{ damaged", "utf-8")
    code, _, err = run(capsys, "load", str(SEEDS))
    assert code != 0 and "moved aside" in err
    code, _, err = run(capsys, "load", str(SEEDS))
    db = CorpusDB(path)
    assert code == 0 and db.article_count() == 32 == len(db.articles())
    assert len({row["id"] for row in db.catalog()}) == 32


def test_a_crash_between_corpus_and_catalog_writes_is_repaired_on_open(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.corpus import db as db_module

    run(capsys, "load", str(SEEDS / "000_100463902bb718ab.txt"))
    real_write = db_module.OrjsonAtomicStorage.write

    def dies_on_the_catalog(self, data):  # the process is killed right after the corpus write
        if self.path.name.endswith(".catalog.json"):
            raise SystemExit("killed")
        real_write(self, data)

    monkeypatch.setattr(db_module.OrjsonAtomicStorage, "write", dies_on_the_catalog)
    with pytest.raises(SystemExit):
        run(capsys, "load", str(SEEDS / "001_24a14047bbcc1e31.txt"))
    monkeypatch.setattr(db_module.OrjsonAtomicStorage, "write", real_write)
    db = CorpusDB(corpus_db_path())  # opening finds the catalog older than the corpus
    assert {r["id"] for r in db.catalog()} == {a["id"] for a in db.articles()}
    code, _, _ = run(capsys, "load", str(SEEDS))
    db = CorpusDB(corpus_db_path())
    assert code == 0 and db.article_count() == 32 == len(db.articles())


def test_temp_files_of_a_killed_write_are_removed_on_open(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "load", str(SEEDS / "000_100463902bb718ab.txt"))
    path = corpus_db_path()
    catalog = path.with_name(path.stem + ".catalog.json")
    left = [path.with_name(f".{path.name}.k1ll3d.tmp"), path.with_name(f".{catalog.name}.x.tmp")]
    for stale in left:
        stale.write_bytes(b'{"half": ')
    other = path.with_name(".someone-elses.tmp")
    other.write_bytes(b"x")
    CorpusDB(path)
    assert not any(p.exists() for p in left) and other.exists()


def test_a_catalog_left_without_its_corpus_lists_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "load", str(SEEDS))
    path = corpus_db_path()
    catalog = path.with_name(path.stem + ".catalog.json")
    doc = json.loads(catalog.read_text("utf-8"))
    doc.pop("stamp", None)  # a catalog written before catalogs were stamped
    catalog.write_text(json.dumps(doc), "utf-8")
    path.unlink()  # ... and its corpus file gone
    assert CorpusDB(path).article_count() == 0
    code, _, _ = run(capsys, "load", str(SEEDS))
    assert code == 0 and CorpusDB(path).article_count() == 32


def test_every_error_a_user_meets_is_one_family_and_prints_as_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from store.corpus import DatabaseError, PathError
    from store.errors import YuebaoError
    from store.files import WriteError
    from store.parse import ReadError
    from store.search import QueryError
    from store.userdata import ImportFormatError, UserDataError
    from tui.cli.errors import UserError
    from tui.keymap import KeymapError

    family = (DatabaseError, PathError, WriteError, ReadError, QueryError, ImportFormatError)
    family += (UserDataError, UserError, KeymapError)
    assert all(issubclass(error, YuebaoError) for error in family)

    import tui.cli.commands.search as search_command

    def broken(_args: object) -> int:
        raise DatabaseError("/x/corpus.json: cannot read (permission denied)")

    monkeypatch.setattr(search_command, "run", broken)
    code, out, err = run(capsys, "search", "高新")
    assert code == 1 and out == ""
    assert err == "yuebao: /x/corpus.json: cannot read (permission denied)\n"


def test_the_versions_cover_what_a_load_runs_and_not_the_training_tools() -> None:
    """Editing a training script must not make every user's next load re-read or
    re-extract the whole corpus; editing a model or the code a load runs must."""
    from store.corpus.loader import _stage_files

    entities = {p.name for p in _stage_files("entities")}
    parse = {p.name for p in _stage_files("parse")}
    assert {"model.py", "ner_model.npz", "extract.py", "viterbi.py"} <= entities
    assert {"layout_model.npz", "head_model.crfsuite", "model.py", "segment.py"} <= parse
    assert not {"train.py", "export.py"} & entities
    assert not {"train.py", "train_heads.py", "generate.py"} & parse


def test_pages_loaded_one_at_a_time_give_the_sidebar_of_pages_loaded_at_once(
    tmp_path: Path,
) -> None:
    """The corpus names an entity by the fullest form its articles commonly use, however
    the pages came in: a load that settled an article's entity on the corpus's name then
    (青岛国家高新区) does not make that name win when the next load settles again."""
    from store.corpus.loader import load_paths

    pages = sorted(SEEDS.glob("*.txt"))
    at_once = CorpusDB(tmp_path / "once" / "corpus.json")
    assert not load_paths([str(p) for p in pages], at_once, workers=1).failed
    one_by_one = CorpusDB(tmp_path / "each" / "corpus.json")
    for batch in (pages[:3], pages[4:], pages[3:4]):
        assert not load_paths([str(p) for p in batch], one_by_one, workers=1).failed

    def sidebar(db: CorpusDB) -> set[tuple[str, str, int]]:
        return {(r["name"], r["type"], r["count"]) for r in db.entities()}

    assert sidebar(one_by_one) == sidebar(at_once)
    assert ("青岛高新区", "place") in {(n, t) for n, t, _ in sidebar(at_once)}
