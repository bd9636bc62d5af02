"""Properties of the per-article merge and of interleaved sessions: nothing a user saved is lost."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.userdata.data import UserData
from store.userdata.merge import clean_tags, merge, normalise, parse_tags, well_formed

STAMPS = st.sampled_from(
    ["", "2026-01-01T00:00:00.000001Z", "2026-01-01T00:00:00.000002Z", "2026-06-01T12:00:00Z"]
)
TEXTS = st.sampled_from(["", "甲", "乙", "丙\n丁", "Note"])
TAGS = st.lists(st.sampled_from(["经济", "政治", "Tech", "tech", "高新"]), max_size=3)


@st.composite
def records(draw: Any) -> dict[str, Any]:
    """A stored record of article ``a`` with random fields and clashing timestamps."""
    history = draw(st.lists(st.fixed_dictionaries({"text": TEXTS, "at": STAMPS}), max_size=3))
    raw = {
        "id": "a",
        "title": draw(st.sampled_from(["", "标题", "另一个标题"])),
        "bookmarked": draw(st.booleans()),
        "bookmarked_at": draw(STAMPS),
        "tags": draw(TAGS),
        "tags_at": draw(STAMPS),
        "note": draw(TEXTS),
        "note_at": draw(STAMPS),
        "note_history": history,
        "read": draw(st.booleans()),
        "read_at": draw(STAMPS),
    }
    return normalise(raw)


def texts(rec: dict[str, Any]) -> set[str]:
    """Every note text a record holds (current and earlier versions)."""
    return {rec["note"], *(h["text"] for h in rec["note_history"])} - {""}


@given(records())
def test_normalise_is_idempotent(rec: dict[str, Any]) -> None:
    assert normalise(rec) == rec


@given(records())
def test_merge_with_itself_changes_nothing(rec: dict[str, Any]) -> None:
    assert merge(rec, rec) == rec


@given(records(), records())
def test_merge_is_symmetric(a: dict[str, Any], b: dict[str, Any]) -> None:
    assert merge(a, b) == merge(b, a)


@given(records(), records())
def test_merge_loses_no_note_and_no_tag(a: dict[str, Any], b: dict[str, Any]) -> None:
    out = merge(a, b)
    assert texts(out) == texts(a) | texts(b)
    assert {t.casefold() for t in out["tags"]} == {t.casefold() for t in a["tags"] + b["tags"]}
    later = max((a, b), key=lambda r: (r["note_at"], r["note"]))
    assert out["note"] == later["note"]


@given(records(), records())
def test_merging_again_is_a_no_op(a: dict[str, Any], b: dict[str, Any]) -> None:
    once = merge(a, b)
    assert merge(once, b) == once and merge(once, a) == once


@given(st.text(max_size=30))
def test_parse_tags_gives_clean_unique_tags(text: str) -> None:
    tags = parse_tags(text)
    assert tags == clean_tags(tags)
    assert all(t and t == t.strip() and "," not in t and "，" not in t for t in tags)


OPS = st.lists(
    st.tuples(
        st.integers(0, 1),  # which session
        st.sampled_from(["x", "y"]),  # which article
        st.sampled_from(["note", "bookmark", "tag"]),
        st.sampled_from(["甲", "乙", "丙", ""]),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_interleaved_sessions_never_lose_a_saved_note(ops: list[tuple[int, str, str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "userdata.json"
        sessions = [UserData.open(path), UserData.open(path)]
        saved: dict[str, set[str]] = {"x": set(), "y": set()}
        last_bookmark: dict[str, bool] = {}
        tags_added: dict[str, set[str]] = {"x": set(), "y": set()}
        for who, article, op, value in ops:
            session = sessions[who]
            if op == "note":
                session.set_note(article, value)
                saved[article].add(value)
            elif op == "bookmark":
                session.set_bookmark(article, bool(value))
                last_bookmark[article] = bool(value)
            elif value:
                session.set_tags(article, [*session.tags(article), value])
                tags_added[article].add(value)
        final = UserData.open(path)
        for article in ("x", "y"):
            kept = {final.note(article), *(v.text for v in final.note_history(article))}
            assert saved[article] - {""} <= kept
            assert final.is_bookmarked(article) == last_bookmark.get(article, False)
            assert tags_added[article] <= set(final.tags(article))


@given(records())
def test_stored_records_pass_the_fast_check_on_open(rec: dict[str, Any]) -> None:
    assert well_formed(rec)
    for key, bad in (("note", 1), ("tags", "经济"), ("bookmarked", "yes"), ("note_history", {})):
        assert not well_formed({**rec, key: bad})


# -- saved searches and corrections across sessions ----------------------------------------


def test_two_sessions_saved_searches_both_stay_and_a_delete_is_not_undone() -> None:
    from store.userdata import UserData

    one, two = UserData.open(), UserData.open()
    one.save_search("海尔", "海尔", ["aaaa1111bbbb", "cccc2222dddd"])
    two.save_search("高新区", "高新区")  # two never saw 海尔: it must stay
    assert [s["name"] for s in UserData.open().searches()] == ["海尔", "高新区"]
    two.delete_search("海尔")
    one.refresh()
    assert [s["name"] for s in one.searches()] == ["高新区"]
    one.set_note("x1", "note")  # a later write from one must not bring 海尔 back
    assert [s["name"] for s in UserData.open().searches()] == ["高新区"]


def test_new_since_counts_only_articles_not_seen_at_the_last_visit() -> None:
    from store.userdata import UserData, new_since

    data = UserData.open()
    data.save_search("a", "q", ["0123456789abcdef", "fedcba9876543210"])
    seen = data.search("a")["seen"]  # type: ignore[index]
    assert new_since(seen, ["0123456789abcdef", "fedcba9876543210"]) == 0
    assert new_since(seen, ["0123456789abcdef", "1111222233334444"]) == 1
    data.visit_search("a", ["1111222233334444"])
    assert new_since(UserData.open().search("a")["seen"], ["1111222233334444"]) == 0  # type: ignore[index]
