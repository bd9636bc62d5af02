"""Entity extraction as a reader meets it: names found whole, aliases merged, reporters apart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from store.entities.extract import Entity, article_entities, corpus_entities, extract

REPO = Path(__file__).resolve().parent.parent

PARAGRAPH = (
    "本报12月15日讯 今天，青岛国家高新区专委会暨重点功能区高质量发展现场推进会召开。"
    "市委常委、副市长，高新区工委书记耿涛出席并讲话。"
    "青岛国家高新区（以下简称“高新区”）加快培育科技创新产业园区。"
    "今年以来，青岛高新区牢牢把握发展定位，高新区全域覆盖。"
    "耿书记指出，要推动重大项目在青岛市各园区落地，青岛要争先进位。"
    "随后，王亚军、丛培科等常委会委员和人大代表分别进行了询问。"
)


def _found(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in extract(text)}


def _record(records: list[dict], name: str) -> dict:
    matches = [r for r in records if r["name"] == name]
    assert matches, f"{name} not in {[r['name'] for r in records]}"
    return matches[0]


def test_an_office_of_the_city_is_one_organisation() -> None:
    assert ("青岛市商务局", "org") in _found("青岛市商务局发布了新的通知。")


def test_a_full_name_is_one_person() -> None:
    found = _found("随后，王亚军、丛培科等常委会委员分别进行了询问。")
    assert ("王亚军", "person") in found
    assert ("王", "person") not in found


def test_high_tech_zone_is_not_a_person() -> None:
    found = _found("推进高新区“一区多园”争先进位，高新区专委会主任出席。")
    assert all(kind != "person" for text, kind in found if "高新区" in text)


def test_companies_in_an_enumeration_are_organisations() -> None:
    found = _found("推动阿斯利康、海尔大健康、算能科技、中车四方所科技创新园等重大项目落地。")
    assert {("阿斯利康", "org"), ("海尔大健康", "org"), ("算能科技", "org")} <= found


def test_a_company_named_by_its_context_is_an_organisation() -> None:
    assert ("卡奥斯", "org") in _found("卡奥斯工业互联网平台连续四年位居榜首。")
    assert ("美国", "place") in _found("美国公司在青岛投资。")


def test_spans_index_the_text() -> None:
    for entity in extract(PARAGRAPH):
        assert isinstance(entity, Entity)
        assert PARAGRAPH[entity.start : entity.end] == entity.text
        assert entity.type in ("person", "place", "org")


def test_extraction_is_deterministic() -> None:
    assert extract(PARAGRAPH) == extract(PARAGRAPH)


def test_aliases_of_one_entity_are_merged_in_an_article() -> None:
    records = article_entities({"body": PARAGRAPH, "byline": []})
    zone = _record(records, "青岛国家高新区")
    assert {"青岛高新区", "高新区"} <= set(zone["aliases"])
    person = _record(records, "耿涛")
    assert person["type"] == "person" and "耿书记" in person["aliases"]
    assert person["count"] == len(person["spans"]) == 2
    city = _record(records, "青岛市")
    assert "青岛" in city["aliases"]
    for record in records:
        for start, end in record["spans"]:
            assert PARAGRAPH[start:end] in record["aliases"]
    names = [r["name"] for r in records]
    assert len(names) == len(set(names))


def test_a_declared_short_name_is_the_same_organisation() -> None:
    body = (
        "青岛市贸易发展服务中心（简称“市贸发中心”）组织企业参展。"
        "市贸发中心负责人表示，将继续开拓市场。"
    )
    records = article_entities({"body": body, "byline": []})
    centre = _record(records, "青岛市贸易发展服务中心")
    assert "市贸发中心" in centre["aliases"]
    assert centre["count"] == 3


def test_byline_reporters_are_persons_with_role_byline() -> None:
    body = "记者刘佳旎报道，王亚军出席会议。"
    records = article_entities({"body": body, "byline": ["耿婷婷", "刘佳旎"]})
    reporter = _record(records, "耿婷婷")
    assert reporter == {
        "name": "耿婷婷", "type": "person", "aliases": ["耿婷婷"],
        "count": 1, "spans": [], "role": "byline", "titles": [],
    }  # fmt: skip
    named = _record(records, "刘佳旎")
    assert named["role"] == "byline" and body[slice(*named["spans"][0])] == "刘佳旎"
    assert _record(records, "王亚军")["role"] == ""


def test_the_pages_staff_credits_name_reporters() -> None:
    body = "王亚军出席会议并讲话。\n版式设计：张丹峰\n制图：蔡华伟、李明华"
    records = article_entities({"body": body, "byline": []})
    for name in ("张丹峰", "蔡华伟", "李明华"):
        assert _record(records, name)["role"] == "byline", name
    assert _record(records, "王亚军")["role"] == ""


def test_the_number_of_a_plenary_session_is_no_entity() -> None:
    found = _found("贯彻党的十九大和十九届二中、三中、四中全会精神，北京二中的学生也来了。")
    assert not {text for text, _ in found} & {"二中", "三中", "四中"}
    assert ("北京二中", "org") in found


def test_article_records_are_json() -> None:
    records = article_entities({"body": PARAGRAPH, "byline": ["耿婷婷"]})
    assert json.loads(json.dumps(records, ensure_ascii=False)) == records
    for record in records:
        assert set(record) == {"name", "type", "aliases", "count", "spans", "role", "titles"}


def test_corpus_rows_merge_across_articles() -> None:
    articles = [
        {"body": "青岛市商务局召开会议，青岛市有关部门参加。", "byline": ["耿婷婷"]},
        {"body": "青岛的企业在海外签约，王亚军出席。", "byline": ["耿婷婷"]},
        {"body": "王亚军在会上发言。", "byline": []},
    ]
    for article in articles[1:]:
        article["entities"] = article_entities(article)
    rows = corpus_entities(articles)
    by_name = {row["name"]: row for row in rows}
    assert by_name["青岛市"]["count"] == 2 and "青岛" in by_name["青岛市"]["aliases"]
    assert by_name["王亚军"]["count"] == 2
    assert by_name["耿婷婷"]["role"] == "byline" and by_name["耿婷婷"]["count"] == 2
    counts = [row["count"] for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert all(
        set(row) == {"name", "type", "count", "aliases", "role", "titles", "forms"} for row in rows
    )


def test_seed_page_entities(seed_files: list[Path]) -> None:
    text = seed_files[0].read_text(encoding="utf-8")
    body = "\n".join(p.replace("\n", "") for p in text.split("\n\n"))
    found = {e.text for e in extract(body)}
    for name in ("耿涛", "王亚军", "常红军", "青岛"):
        assert name in found, name


def test_words_are_exactly_jiebas(seed_files: list[Path]) -> None:
    import jieba

    from store.entities.segmenter import tokenizer, words

    tokenizer()
    for path in seed_files:
        text = path.read_text(encoding="utf-8")[:3000] + " abc１２3 x-y_z 😀\r\n"
        expected = list(jieba.dt.cut(text, HMM=False))
        got = words(text, hmm=False)
        assert [text[s:e] for s, e, _ in got] == expected


def test_import_loads_neither_jieba_nor_the_model() -> None:
    code = (
        "import sys, store.entities.extract, store.entities.merge;"
        "from store.entities import model;"
        "assert 'jieba' not in sys.modules, 'jieba';"
        "assert not model._LOADED, 'model';"
        "assert 'textual' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_jieba_cache_goes_to_the_yuebao_cache_dir(tmp_path: Path) -> None:
    env = {**os.environ, "YUEBAO_CACHE_DIR": str(tmp_path / "cache"), "TMPDIR": str(tmp_path)}
    code = (
        "import jieba, store.entities.extract as e; e.extract('青岛市商务局');"
        "print(jieba.dt.tmp_dir)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=REPO, env=env, capture_output=True, text=True
    )
    assert out.stdout.strip() == str(tmp_path / "cache")
    assert (tmp_path / "cache" / "jieba.cache").exists()


def test_article_entities_in_worker_processes() -> None:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    articles = [{"body": PARAGRAPH, "byline": ["耿婷婷"]}, {"body": "王亚军发言。", "byline": []}]
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        results = list(pool.map(article_entities, articles))
    assert results == [article_entities(a) for a in articles]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no han characters at all, 12345 !!!",
        "混合scripts：Apple与华为在Берлин和東京開會，😀🎉青岛👍",
        "控制\x00字符\x07在\x1b[31m青岛\r\n市\u200b\u2028商务局\ufeff",
        "孤立代理\ud800青岛\udfff市",
        "青岛" * 5 + "。" * 1000 + "（以下简称" * 50,
        "\n" * 1000,
    ],
)
def test_bad_input_never_raises(text: str) -> None:
    for entity in extract(text):
        assert text[entity.start : entity.end] == entity.text
    article_entities({"body": text, "byline": [text, None, 3]})


def test_a_megabyte_without_punctuation() -> None:
    han = "青岛市崂山区王亚军高新区" * (1_000_000 // 36)
    for entity in extract(han):
        assert han[entity.start : entity.end] == entity.text
    assert extract("x" * 1_000_000) == []


def test_odd_arguments_never_raise() -> None:
    assert extract(None) == []  # type: ignore[arg-type]
    assert article_entities({}) == []
    assert article_entities({"body": None, "byline": "耿婷婷"})[0]["name"] == "耿婷婷"
    assert corpus_entities([{}, None, {"entities": [{"bad": 1}]}]) == []  # type: ignore[list-item]


def test_an_activity_is_not_an_organisation() -> None:
    text = "在智能家电、轨道交通、装备制造、船舶海工等重点行业，推进离散型智能制造和数字化转型。"
    orgs = [e.text for e in extract(text) if e.type == "org"]
    assert not any(name.endswith(("制造", "转型")) for name in orgs), orgs


def test_slogans_and_company_heads_are_not_people() -> None:
    for text in (
        "引进青岛方旭科技等83个项目",
        "首届“引凤莱栖”创新创业大赛",
        "杭鞍高架二期实现通车",
    ):
        assert not [e for e in extract(text) if e.type == "person"], text
    assert [
        e.text for e in extract("总经理张磊告诉记者，“我们很满意。”") if e.type == "person"
    ] == ["张磊"]


def test_a_name_cut_out_of_a_longer_word_is_no_entity() -> None:
    found = _found("聚焦省第十二次党代会目标，通过创新打造服务国家战略的平台。")
    assert not any(text.startswith("省第十二次党") for text, _ in found)
    # a place followed by a word of its own stays
    assert ("长沙市", "place") in _found("商业银行甚至长沙市政府，都表示支持。")


def test_the_word_cut_check_spares_names_before_offices_and_words() -> None:
    from store.entities.rules import ends_inside_a_word

    text = "温家宝会见芬兰农林部长，聚焦省第十二次党代会目标，与盐河路交叉路口。"
    at = text.index
    assert not ends_inside_a_word(text, (at("芬兰"), at("长，"), "org"))  # 农林部|长
    assert ends_inside_a_word(text, (at("省第"), at("代会"), "org"))  # 党|代会
    assert ends_inside_a_word(text, (at("盐河"), at("口。"), "place"))  # 交叉路|口


def test_two_sides_of_a_match_are_two_names() -> None:
    found = {text for text, _ in _found("本轮焦点战热那亚vs博洛尼亚将在周日进行。")}
    assert {"热那亚", "博洛尼亚"} <= found
    assert not any("vs" in text for text in found)


def test_a_battle_is_no_organisation_but_its_place_is_a_place() -> None:
    found = _found("打赢湖北保卫战，坚决打赢脱贫攻坚战。")
    assert ("湖北", "place") in found
    assert not any(text.endswith(("保卫战", "攻坚战")) for text, _ in found)


def test_one_articles_odd_form_does_not_rename_the_entity_across_the_corpus() -> None:
    from store.entities.merge import corpus_rows

    def rec(name: str, aliases: list[str]) -> dict:
        return {"name": name, "type": "place", "aliases": aliases, "count": 1, "spans": []}

    per_article = [[rec("大湾区", ["大湾区"])] for _ in range(30)]
    per_article.append([rec("粤港澳大湾区", ["粤港澳大湾区", "大湾区"])])
    (row,) = corpus_rows(per_article)
    assert row["name"] == "大湾区" and "粤港澳大湾区" in row["aliases"]
    assert row["count"] == 31
    # a fuller form in common use is the name
    per_article += [[rec("粤港澳大湾区", ["粤港澳大湾区", "大湾区"])] for _ in range(4)]
    assert corpus_rows(per_article)[0]["name"] == "粤港澳大湾区"


def test_a_cut_drug_name_is_no_department() -> None:
    found = _found("治疗甲型流感的磷酸奥司他韦干混悬剂平均降价。外交部礼宾司司长出席。")
    assert not any(text.endswith("奥司") for text, _ in found)
    assert ("外交部礼宾司", "org") in found
