"""Articles continued on another page (``（下转第4版）`` … ``（上接第1版）``) joined into one,
by ``yuebao parse`` and by ``load`` (also with a part stored by an earlier load)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import store.corpus.loader
from store.corpus.db import CorpusDB
from store.corpus.loader import load_paths
from store.parse.article import ARTICLE_KEYS, article_id
from store.parse.continuations import (
    back_marker,
    find_pairs,
    forward_marker,
    join_continuations,
    join_two,
    label_page,
    page_number,
    pages_agree,
)
from tui.cli import main

PAGE1 = """2020年1月6日 星期一
第1版 要闻

我市召开经济工作会议

本报记者 李明
本报1月5日讯 昨天，我市召开经济工作会议，总结去年工作，部署今年任务。市长王刚出席会议并讲话。

王刚指出，过去一年全市经济运行稳中有进，就业和物价保持稳定，居民收入持续增长，
主要指标好于预期，（下转第4版）

另一篇短讯

本报记者 赵红
本报1月5日讯 青岛市今天举行迎新活动，市民踊跃参加。活动持续一整天。
"""

PAGE4 = """2020年1月6日 星期一
第4版 综合

（上接第1版）

经济工作会议

高质量发展取得新成效。王刚要求，各级各部门要坚定信心，真抓实干，确保完成全年目标任务。

会议还对安全生产工作进行了部署。
"""

JOINED_BODY_START = "昨天，我市召开经济工作会议"
GLUED = "主要指标好于预期，高质量发展取得新成效。"  # the sentence the page break cut


def _page(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def _parse(capsys: pytest.CaptureFixture[str], *paths: Path, entities: bool = False) -> list:
    argv = ["parse", *(str(p) for p in paths)]
    if not entities:
        argv.append("--no-entities")
    assert main(argv) == 0
    out, _err = capsys.readouterr()
    return json.loads(out)


def _the_meeting(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [a for a in articles if "经济工作会议" in a["title"]]


# -- the command line ------------------------------------------------------------------------


def test_parse_joins_a_continued_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p1, p4 = _page(tmp_path, "p1.txt", PAGE1), _page(tmp_path, "p4.txt", PAGE4)
    articles = _parse(capsys, p1, p4, entities=True)
    assert all(set(a) == {*ARTICLE_KEYS, "entities"} for a in articles)
    meeting = _the_meeting(articles)
    assert len(meeting) == 1
    joined = meeting[0]
    assert joined["title"] == "我市召开经济工作会议"
    assert joined["byline"] == ["李明"]
    assert joined["dateline"] == "本报1月5日讯"
    assert joined["source"] == "p1.txt"
    assert joined["sources"] == ["p1.txt", "p4.txt"]
    assert joined["body"].startswith(JOINED_BODY_START)
    assert GLUED in joined["body"]
    assert joined["body"].endswith("会议还对安全生产工作进行了部署。")
    visible = json.dumps(joined, ensure_ascii=False)
    assert "下转" not in visible and "上接" not in visible
    assert joined["id"] == article_id(joined["title"], joined["body"])
    assert joined["date"] == "2020-01-06"
    assert joined["page"] == "第1版要闻"
    assert any(e["name"] == "王刚" for e in joined["entities"])
    # the other article of page 1 is untouched and has one source
    other = next(a for a in articles if a["title"] == "另一篇短讯")
    assert other["sources"] == ["p1.txt"]
    assert len(articles) == 2
    # the order of the files does not matter
    again = _parse(capsys, p4, p1, entities=True)
    assert {a["id"] for a in again} == {a["id"] for a in articles}


def test_parse_text_says_where_a_part_went(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p1, p4 = _page(tmp_path, "p1.txt", PAGE1), _page(tmp_path, "p4.txt", PAGE4)
    assert main(["parse", "--format", "text", "--no-entities", str(p1), str(p4)]) == 0
    out, _ = capsys.readouterr()
    assert "source: p1.txt + p4.txt" in out
    assert f"[continued] joined to “我市召开经济工作会议” in {p1}" in out


def test_different_dates_are_not_joined(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p1 = _page(tmp_path, "p1.txt", PAGE1)
    p4 = _page(tmp_path, "p4.txt", PAGE4.replace("2020年1月6日", "2020年1月7日"))
    articles = _parse(capsys, p1, p4)
    assert len(articles) == 3
    first, second = _the_meeting(articles)
    assert first["body"].endswith("（下转第4版）")
    assert first["sources"] == ["p1.txt"]
    kept = [second["title"], *second["subtitles"], second["body"]]
    assert any("上接第1版" in text for text in kept)  # the unjoined part keeps its jump line
    assert second["sources"] == ["p4.txt"]


def test_a_known_date_does_not_match_an_unknown_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p1 = _page(tmp_path, "p1.txt", PAGE1)
    p4 = _page(tmp_path, "p4.txt", PAGE4.replace("2020年1月6日 星期一\n", ""))
    assert len(_the_meeting(_parse(capsys, p1, p4))) == 2


def test_missing_second_half_leaves_the_part_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p1 = _page(tmp_path, "p1.txt", PAGE1)
    alone = _parse(capsys, p1)
    (part,) = _the_meeting(alone)
    assert part["body"].endswith("好于预期，（下转第4版）")  # it says where the rest is
    assert part["sources"] == ["p1.txt"]
    # the same as parsing with an unrelated page beside it
    other = _page(tmp_path, "other.txt", "2020年1月6日\n\n无关报道\n\n本报讯 一切如常。\n")
    beside = _parse(capsys, p1, other)
    assert _the_meeting(beside) == [part]


def test_inconsistent_page_numbers_are_not_joined(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p1 = _page(tmp_path, "p1.txt", PAGE1)
    p5 = _page(tmp_path, "p5.txt", PAGE4.replace("第4版 综合", "第5版 综合"))
    assert len(_the_meeting(_parse(capsys, p1, p5))) == 2


# -- load ----------------------------------------------------------------------------------


def _db(tmp_path: Path) -> CorpusDB:
    return CorpusDB(tmp_path / "db" / "corpus.json")


def _stored(db_path: Path) -> list[dict[str, Any]]:
    return CorpusDB(db_path).articles()


def _check_joined_store(db: CorpusDB) -> dict[str, Any]:
    articles = CorpusDB(db.path).articles()
    meeting = _the_meeting(articles)
    assert len(meeting) == 1, [a["title"] for a in meeting]
    joined = meeting[0]
    assert joined["sources"] == ["p1.txt", "p4.txt"]
    assert GLUED in joined["body"]
    assert len(articles) == 2
    records = CorpusDB(db.path).file_records()
    assert all(joined["id"] in rec["article_ids"] for rec in records.values())
    ids = {row["id"] for row in CorpusDB(db.path).catalog()}
    assert ids == {a["id"] for a in articles}
    return joined


def test_load_joins_and_reload_is_idempotent(tmp_path: Path) -> None:
    p1, p4 = _page(tmp_path, "p1.txt", PAGE1), _page(tmp_path, "p4.txt", PAGE4)
    db = _db(tmp_path)
    report = load_paths([str(p1), str(p4)], db, workers=1)
    assert not report.failed
    assert report.total("articles_new") == 2
    joined = _check_joined_store(db)
    again = load_paths([str(p1), str(p4)], CorpusDB(db.path), workers=1)
    assert [f.status for f in again.files] == ["unchanged", "unchanged"]
    assert _check_joined_store(db)["id"] == joined["id"]


def test_load_joins_with_a_part_stored_by_an_earlier_load(tmp_path: Path) -> None:
    p1, p4 = _page(tmp_path, "p1.txt", PAGE1), _page(tmp_path, "p4.txt", PAGE4)
    together = _db(tmp_path / "together")
    load_paths([str(p1), str(p4)], together, workers=1)
    expected = {a["id"] for a in together.articles()}
    for order in ([p1, p4], [p4, p1]):
        db = _db(tmp_path / order[0].stem)
        load_paths([str(order[0])], db, workers=1)
        assert len(_the_meeting(_stored(db.path))) == 1  # the part, alone, with its marker
        load_paths([str(order[1])], CorpusDB(db.path), workers=1)
        _check_joined_store(db)
        assert {a["id"] for a in _stored(db.path)} == expected  # stable ids
        load_paths([str(p1), str(p4)], CorpusDB(db.path), workers=1)
        assert {a["id"] for a in _stored(db.path)} == expected


def test_load_joins_across_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store.corpus.loader, "BATCH_FILES", 1)
    p1, p4 = _page(tmp_path, "p1.txt", PAGE1), _page(tmp_path, "p4.txt", PAGE4)
    db = _db(tmp_path)
    load_paths([str(p1), str(p4)], db, workers=1)
    _check_joined_store(db)


def test_changed_parser_rejoins_without_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p1, p4 = _page(tmp_path, "p1.txt", PAGE1), _page(tmp_path, "p4.txt", PAGE4)
    db = _db(tmp_path)
    load_paths([str(p1), str(p4)], db, workers=1)
    joined = _check_joined_store(db)
    monkeypatch.setattr(store.corpus.loader, "parser_version", lambda: "new-parser")
    monkeypatch.setattr(store.corpus.loader, "BATCH_FILES", 1)
    load_paths([str(p4), str(p1)], CorpusDB(db.path), workers=1)
    assert _check_joined_store(db)["id"] == joined["id"]


def _touch_later(path: Path, text: str) -> None:
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))


def test_editing_one_half_remakes_the_join(tmp_path: Path) -> None:
    p1, p4 = _page(tmp_path, "p1.txt", PAGE1), _page(tmp_path, "p4.txt", PAGE4)
    db = _db(tmp_path)
    load_paths([str(p1), str(p4)], db, workers=1)
    old = _check_joined_store(db)
    # an edit in the second half: only p4 is named, p1's half is read again
    _touch_later(p4, PAGE4.replace("会议还对安全生产工作", "会议还对防汛和安全生产工作"))
    load_paths([str(p4)], CorpusDB(db.path), workers=1)
    new = _check_joined_store(db)
    assert new["id"] != old["id"]
    assert "防汛" in new["body"]
    # the marker edited away: two articles again, the first part keeps its marker
    _touch_later(p4, PAGE4.replace("（上接第1版）\n", ""))
    load_paths([str(p4)], CorpusDB(db.path), workers=1)
    articles = _stored(db.path)
    meeting = _the_meeting(articles)
    assert len(meeting) == 2
    assert any(a["body"].endswith("（下转第4版）") for a in meeting)
    assert all(len(a["sources"]) == 1 for a in articles)
    assert {row["id"] for row in CorpusDB(db.path).catalog()} == {a["id"] for a in articles}


def test_cli_load_joins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    _page(pages, "p1.txt", PAGE1)
    _page(pages, "p4.txt", PAGE4)
    db_path = tmp_path / "corpus.json"
    assert main(["--db", str(db_path), "load", str(pages)]) == 0
    capsys.readouterr()
    assert CorpusDB(db_path).article_count() == 2
    assert main(["--db", str(db_path), "load", str(pages)]) == 0
    out, _ = capsys.readouterr()
    assert "unchanged" in out
    assert CorpusDB(db_path).article_count() == 2


# -- the pure functions ----------------------------------------------------------------------


def _art(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": "",
        "subtitles": [],
        "byline": [],
        "dateline": "",
        "body": "",
        "captions": [],
        "source": "",
        "newspaper": "",
        "date": "2020-01-06",
        "page": "",
        "truncated": False,
    }
    base.update(kw)
    base["id"] = article_id(base["title"], base["body"])
    base.setdefault("sources", [base["source"]])
    return base


@pytest.mark.parametrize(
    ("body", "subtitles", "page"),
    [
        ("文字。\n最后一段，（下转第4版）", [], "4"),
        ("最后一段，（转第4版）", [], "4"),
        ("最后一段。转第4版", [], "4"),
        ("最后一段，(下转A4版)", [], "A4"),
        ("最后一段，（下转第四版）", [], "4"),
        ("最后一段，（下转第04版）", [], "4"),
        ("最后一段，", ["（下转第4版）"], "4"),
    ],
)
def test_forward_marker(body: str, subtitles: list[str], page: str) -> None:
    marker = forward_marker(_art(body=body, subtitles=subtitles))
    assert marker is not None and marker.page == page


@pytest.mark.parametrize(
    "body",
    [
        "全文完。",
        "（下转第4版）\n后面还有一段。",  # not the end of the text
        "他说转第4版的稿子已经排好。",  # bare, not at the end
        "",
    ],
)
def test_no_forward_marker(body: str) -> None:
    assert forward_marker(_art(body=body)) is None


@pytest.mark.parametrize(
    ("kw", "page"),
    [
        ({"title": "（上接第1版）经济工作会议", "body": "正文。"}, "1"),
        ({"title": "经济工作会议", "body": "（上接第1版）正文。"}, "1"),
        ({"body": "上接第1版 正文。"}, "1"),
        ({"subtitles": ["（上接第一版）"], "body": "正文。"}, "1"),
        ({"body": "第一段。\n（接第A1版）正文。"}, "A1"),
    ],
)
def test_back_marker(kw: dict[str, Any], page: str) -> None:
    marker = back_marker(_art(**kw))
    assert marker is not None and marker.page == page


def test_no_back_marker() -> None:
    assert back_marker(_art(title="经济", body="他上接第1版的话题说。")) is None
    assert back_marker(_art(body="一。\n二。\n（上接第1版）三。")) is None  # too far in


def test_page_numbers() -> None:
    assert [page_number(x) for x in ("4", "04", "A04", "a4", "四", "十二", "x")] == [
        "4",
        "4",
        "A4",
        "A4",
        "4",
        "12",
        "",
    ]
    assert label_page("第4版 要闻") == "4"
    assert label_page("第4版要闻") == "4"
    assert label_page("A04 要闻") == "A4"
    assert label_page("04版") == "4"
    assert label_page("要闻") == ""
    assert label_page("") == ""
    assert pages_agree("4", "A4") and pages_agree("", "4") and pages_agree("A4", "A4")
    assert not pages_agree("A4", "B4") and not pages_agree("4", "5")


def test_join_two() -> None:
    first = _art(
        title="我市召开会议",
        byline=["李明"],
        dateline="本报1月5日讯",
        body="第一段。\n第二段说，（下转第4版）",
        captions=["会议现场。李明摄"],
        source="p1.txt",
        newspaper="青岛日报",
        page="第1版要闻",
    )
    second = _art(
        title="（上接第1版）召开会议",
        subtitles=["小标题"],
        byline=["赵红"],
        body="会议很成功。\n小标题\n最后一段。",
        source="p4.txt",
        page="第4版综合",
        truncated=True,
    )
    joined = join_two(first, second)
    assert joined["title"] == "我市召开会议"
    assert joined["body"] == "第一段。\n第二段说，会议很成功。\n小标题\n最后一段。"
    assert joined["subtitles"] == ["小标题"]  # the in-text sub-heading, not the repeat
    assert joined["byline"] == ["李明", "赵红"]
    assert joined["captions"] == ["会议现场。李明摄"]
    assert (joined["source"], joined["sources"]) == ("p1.txt", ["p1.txt", "p4.txt"])
    assert joined["newspaper"] == "青岛日报"
    assert joined["page"] == "第1版要闻"
    assert joined["truncated"] is True
    assert joined["id"] == article_id(joined["title"], joined["body"])
    assert "entities" not in joined
    # a closed sentence stays its own paragraph; a different headline is kept
    first = _art(title="甲", body="完整的句子。（下转第4版）", source="a")
    second = _art(title="全新的标题", body="（上接第1版）下一段。", source="b")
    joined = join_two(first, second)
    assert joined["body"] == "完整的句子。\n下一段。"
    assert joined["subtitles"] == ["全新的标题"]


def _pair(**second: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    first = _art(title="我市召开会议", body="正文，（下转第4版）", source="p1.txt")
    kw: dict[str, Any] = {"title": "召开会议", "body": "（上接第1版）续文。", "source": "p4.txt"}
    kw.update(second)
    return first, _art(**kw)


def test_find_pairs_constraints() -> None:
    assert find_pairs(_pair()) == [(0, 1)]
    assert find_pairs(_pair(date="2020-01-07")) == []
    assert find_pairs(_pair(date="")) == []
    first, second = _pair(date="")
    assert find_pairs([dict(first, date=""), second]) == [(0, 1)]  # empty matches empty
    assert find_pairs(_pair(page="第4版")) == [(0, 1)]
    assert find_pairs(_pair(page="第5版")) == []
    assert find_pairs(_pair(newspaper="青岛日报")) == [(0, 1)]  # one side names none
    first, second = _pair(newspaper="大众日报")
    assert find_pairs([dict(first, newspaper="青岛日报"), second]) == []
    first, second = _pair(body="（上接第4版）续文。")  # 4 → 4: the same page
    assert find_pairs([first, second]) == []
    assert find_pairs([first]) == []


def test_find_pairs_prefers_the_matching_headline_and_refuses_ties() -> None:
    first, second = _pair()
    other = _art(title="另一篇报道", body="别的正文，（下转第4版）", source="p1.txt")
    assert find_pairs([other, first, second]) == [(1, 2)]
    untitled = _art(body="（上接第1版）续文。", source="p4.txt")
    assert find_pairs([other, first, untitled]) == []  # no headline to choose by


def test_join_continuations_chains_and_passes_the_rest_through() -> None:
    one = _art(title="长文", body="开头，（下转第4版）", source="p1.txt", page="第1版")
    four = _art(title="长文", body="（上接第1版）中间，转第7版", source="p4.txt", page="第4版")
    seven = _art(body="上接第4版 结尾。", source="p7.txt", page="第7版", truncated=True)
    lone = _art(title="独立", body="一篇完整的报道。", source="p4.txt")
    result = join_continuations([seven, lone, one, four])
    assert result.parts == [[1], [2, 3, 0]]
    assert result.joined() == [1]
    assert result.articles[0] is lone
    joined = result.articles[1]
    assert joined["body"] == "开头，中间，结尾。"
    assert joined["sources"] == ["p1.txt", "p4.txt", "p7.txt"]
    assert joined["truncated"] is True
    # without the middle page nothing is joined and nothing changes
    result = join_continuations([seven, lone, one])
    assert result.articles == [seven, lone, one]
    assert all(len(p) == 1 for p in result.parts)
