"""The learned list of known organisations: how it is counted and how it gives names back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from store.entities import known_names
from store.entities.bio import spans_to_tags
from store.entities.extract import extract


def _sentence(text: str, *labels: tuple[str, str]) -> tuple[str, list[str]]:
    spans = []
    for name, kind in labels:
        start = text.index(name)
        spans.append((start, start + len(name), kind))
    return text, spans_to_tags(len(text), sorted(spans))


def test_a_name_labelled_an_organisation_again_and_again_is_listed() -> None:
    sentences = [
        _sentence("据易胜博公布的赔率，主队占优。", ("易胜博", "ORG")),
        _sentence("易胜博等公司仍然看好客队。", ("易胜博", "ORG")),
        _sentence("易胜博的初盘开出平手。", ("易胜博", "ORG")),
        # once only: too little to go on
        _sentence("立博开出了4.00的赔率。", ("立博", "ORG")),
        # labelled twice, but mostly named as a person
        _sentence("韦德国际上调了主胜赔率。", ("韦德", "ORG")),
        _sentence("韦德国际却下调了赔率。", ("韦德", "ORG")),
        _sentence("韦德在比赛中得了30分。", ("韦德", "PER")),
        _sentence("韦德说球队会赢。", ("韦德", "PER")),
        # labelled twice, but unlabelled in most of the places it occurs
        _sentence("天元公司宣布扩产。", ("天元", "ORG")),
        _sentence("天元公司再次扩产。", ("天元", "ORG")),
        _sentence("天元之争"),
        _sentence("天元一局"),
        _sentence("天元战"),
    ]
    assert known_names.count(sentences, ["org"]) == {"org": ["易胜博"]}


def test_known_places_and_common_nouns_never_go_on_the_list() -> None:
    sentences = [_sentence(f"{word}决定开放市场。", (word, "ORG")) for word in ("美国", "政府")] * 3
    sentences += [_sentence("中央财政拨款一亿元。", ("中央财政", "ORG"))] * 3
    assert known_names.count(sentences) == {"org": [], "person": []}


def test_people_named_again_and_again_are_listed_but_no_word_jieba_knows() -> None:
    sentences = [_sentence(f"{name}在会上讲话。", (name, "PER")) for name in ("金庸", "非典")] * 3
    assert known_names.count(sentences, ["person"]) == {"person": ["金庸"]}


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    lists = {"org": frozenset({"易胜博", "中行", "博尔顿", "bet365"}), "person": {"金庸"}}
    known_names.clear()
    monkeypatch.setattr(known_names, "known", lambda kind: frozenset(lists[kind]))
    yield
    monkeypatch.undo()
    known_names.clear()


@pytest.mark.usefixtures("listed")
def test_mark_gives_back_names_the_tagger_missed_or_misread() -> None:
    text = "易胜博和bet365看好博尔顿，在集中行动中，中行也表态。博尔顿说他不同意。"
    first = text.index("博尔顿")
    second = text.index("博尔顿", first + 1)
    spans = [(first, first + 3, "place"), (second, second + 3, "person")]
    got = {(text[s:e], s, k) for s, e, k in known_names.mark(text, spans)}
    assert ("博尔顿", first, "org") in got  # a club read as a place
    assert ("博尔顿", second, "person") in got  # the one who speaks is a person
    assert ("易胜博", 0, "org") in got and ("bet365", 4, "org") in got
    in_a_word = text.index("中行")  # 集中|行动: no word of its own
    own = text.index("，中行") + 1
    assert ("中行", own, "org") in got and ("中行", in_a_word, "org") not in got


@pytest.mark.usefixtures("listed")
def test_a_known_person_read_as_a_place_or_missed_is_a_person() -> None:
    text = "金庸的小说里，金庸写过华山。"
    spans = [(0, 2, "place")]
    assert known_names.mark(text, spans) == [(0, 2, "person"), (7, 9, "person")]


@pytest.mark.usefixtures("listed")
def test_a_known_name_inside_a_longer_latin_word_is_not_marked() -> None:
    text = "他下载了bet3650客户端。"
    assert known_names.mark(text, []) == []


def test_the_shipped_list_gives_known_bodies_back_in_extraction() -> None:
    assert {"新华社", "招行", "切尔西"} <= known_names.known("org")
    assert {"金庸", "范冰冰"} <= known_names.known("person")
    found = {(e.text, e.type) for e in extract("据新华社报道，招行和bet365都在集中行动中表态。")}
    assert {("新华社", "org"), ("招行", "org"), ("bet365", "org")} <= found
    assert not any(name == "中行" for name, _ in found)


@pytest.mark.usefixtures("listed")
def test_a_place_listed_with_places_stays_a_place() -> None:
    text = "拉美、博尔顿等地区的洽谈活动；博尔顿主场获胜。"
    first, second = text.index("博尔顿"), text.rindex("博尔顿")
    spans = [(0, 2, "place"), (first, first + 3, "place"), (second, second + 3, "place")]
    got = known_names.mark(text, spans)
    assert (first, first + 3, "place") in got  # an item of a list of regions
    assert (second, second + 3, "org") in got  # the club


def test_bodies_named_by_level_alone_and_lower_case_words_are_not_listed() -> None:
    sentences = [_sentence("市委决定召开会议。", ("市委", "ORG"))] * 3
    sentences += [_sentence("据dec公布的消息。", ("dec", "ORG"))] * 3
    sentences += [_sentence("据NEC公布的消息。", ("NEC", "ORG"))] * 3
    assert known_names.count(sentences, ["org"]) == {"org": ["NEC"]}


def test_the_shipped_lists_are_what_training_writes_now() -> None:
    """``python -m store.entities.train`` rewrites the lists from the training text; the
    shipped ones must be what it writes today (a change to the rules of the list, the
    common nouns or the gazetteer needs them written again)."""
    from store.entities import train as T

    if not (T.DEFAULT_DATA.exists() and T.DEFAULT_CLUENER.exists()):
        pytest.skip("training data not here")
    lists = known_names.count(T.sentences(T.DEFAULT_DATA, str(T.DEFAULT_CLUENER)))
    for kind, names in lists.items():
        stale = f"{known_names.PATHS[kind].name} is stale: run python -m store.entities.train"
        assert names == sorted(known_names.known(kind)), stale


def test_a_places_government_and_a_name_cut_short_are_not_listed() -> None:
    sentences = [_sentence("北京市政府发布通知。", ("北京市政府", "ORG"))] * 3
    sentences += [_sentence("桑普多利亚主场取胜。", ("桑普多利亚", "ORG"))] * 3
    sentences += [_sentence("桑普多主场取胜。", ("桑普多", "ORG"))] * 2
    assert known_names.count(sentences, ["org"]) == {"org": ["桑普多利亚"]}
