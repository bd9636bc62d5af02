"""Property: for random corpora and queries the indexed search returns exactly what a
brute-force scan (``store.search.scan``) returns — same ids, same order — or the same error."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_search import article

from store.corpus.groups import group_of
from store.search import index as index_mod
from store.search.engine import SearchEngine
from store.search.query import QueryError
from store.search.scan import prepare, scan

CHARS = list("高新区海尔臺台灣湾长江行发展 aBG5-𠀀")
PINYIN = ["gaoxin", "gxq", "haier", "he", "changjiang", "zhang", "hang", "xq", "taiwan", "tw"]
NAMES = ["海尔", "高新区", "长江", "臺灣", "王行", "Haier"]
NOTE_TEXT = "长江发展"  # the fake view's note (folded, as the engine asks)
DATES = ["", "2022-12-01", "2022-12-15", "2022-11-30", "2023-01-02", "2021-06"]

text = st.text(alphabet=CHARS, max_size=12)
chunk = st.text(alphabet=[c for c in CHARS if c not in " -"], min_size=1, max_size=3)


@st.composite
def corpora(draw: st.DrawFn) -> list[dict[str, Any]]:
    size = draw(st.integers(min_value=0, max_value=12))
    out = []
    for i in range(size):
        ents = [
            (
                name,
                draw(st.sampled_from(["person", "place", "org"])),
                draw(st.lists(st.sampled_from(NAMES), max_size=1)),
                draw(st.sampled_from(["", "byline"])),
            )
            for name in draw(st.lists(st.sampled_from(NAMES), max_size=3, unique=True))
        ]
        out.append(
            article(
                f"id{i:02d}",
                draw(text),
                draw(text) + "\n" + draw(text),
                date=draw(st.sampled_from(DATES)),
                entities=ents,
                byline=draw(st.lists(st.sampled_from(NAMES), max_size=1)),
                source=draw(st.sampled_from(["a.txt", "B.txt"])),
                newspaper=draw(st.sampled_from(["青岛日报", "聯合報", ""])),
            )
        )
    return out


field = st.sampled_from(["title", "person", "place", "org", "reporter", "source", "newspaper"])
leaf = st.one_of(
    chunk,
    st.sampled_from(PINYIN),
    chunk.map(lambda s: f'"{s}"'),
    st.tuples(field, st.one_of(chunk, st.sampled_from(PINYIN))).map(lambda t: f"{t[0]}:{t[1]}"),
    st.sampled_from(["date:2022-12", "date:2022-11-30..2022-12-10", "date:2022..", "date:..2021"]),
    st.sampled_from(["is:bookmarked", "is:unread", "has:note", "tag:x"]),
)
item = st.one_of(
    leaf,
    leaf.map(lambda s: "-" + s),
    st.tuples(leaf, leaf).map(lambda t: f"{t[0]} OR {t[1]}"),
    st.tuples(leaf, leaf).map(lambda t: f"-({t[0]} {t[1]})"),
)
queries = st.tuples(st.lists(item, max_size=4), st.booleans()).map(
    lambda t: " ".join(t[0]) + (" sort:relevance" if t[1] else "")
)


class View:
    def bookmarked_ids(self) -> set[str]:
        return {"id00", "id03", "id07"}

    def read_ids(self) -> set[str]:
        return {"id01", "id03"}

    def noted_ids(self) -> set[str]:
        return {"id02"}

    def tag_ids(self, name: str) -> set[str]:
        return {"id04"} if name == "x" else set()

    def text_ids(self, needle: str) -> set[str]:
        # id02's note reads NOTE_TEXT, id04 is tagged x: a term found there finds them
        found = {"id02"} if needle and needle in NOTE_TEXT else set()
        return found | ({"id04"} if needle == "x" else set())


def _facets(arts: list[dict[str, Any]], ids: list[str]) -> dict[tuple[str, str], int]:
    by_id = {a["id"]: a for a in arts}
    counts: Counter[tuple[str, str]] = Counter()
    for i in ids:
        counts.update(
            {(e["name"], group_of(e["type"], e.get("role"))) for e in by_id[i]["entities"]}
        )
    return dict(counts)


def _check(arts: list[dict[str, Any]], qs: list[str], view: Any) -> None:
    saved = index_mod.TRIGRAM_MIN
    index_mod.TRIGRAM_MIN = 2  # small: exercise the trigram postings
    try:
        engine = SearchEngine.from_articles(arts, view)
    finally:
        index_mod.TRIGRAM_MIN = saved
    agrees_with_scan(engine, arts, qs, view)


def agrees_with_scan(
    engine: SearchEngine, arts: list[dict[str, Any]], qs: list[str], view: Any
) -> None:
    """``engine`` over ``arts`` (in stored order) answers each query as the scan does:
    the same ids in the same order, the same facets, or the same error."""
    docs = prepare(arts)
    for query in qs:
        result = engine.search(query)
        try:
            expected = scan(docs, query, view)
        except QueryError as exc:
            assert result.error == str(exc)
            continue
        assert result.error is None
        assert result.ids == expected, query
        assert result.facets == _facets(arts, expected), query


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    corpora(),
    st.lists(queries, min_size=1, max_size=6),
    st.booleans(),
)
def test_indexed_search_equals_brute_force(
    arts: list[dict[str, Any]], qs: list[str], with_view: bool
) -> None:
    _check(arts, qs, View() if with_view else None)


@settings(max_examples=40, deadline=None)
@given(corpora(), st.lists(st.text(alphabet=[*CHARS, '"', "(", ")", ":", "O", "R"]), max_size=4))
def test_arbitrary_text_never_crashes_and_agrees(arts: list[dict[str, Any]], qs: list[str]) -> None:
    _check(arts, qs, None)
