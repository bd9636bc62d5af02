"""Property: every extracted entity indexes the text it came from, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.entities.extract import extract

_HAN_NEWS = st.sampled_from(
    list(
        "青岛市崂山区王亚军耿涛高新区商务局委员会集团有限公司大学研究院书记市长教授，。、（）以下简称"
    )
)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_spans_index_arbitrary_text(text: str) -> None:
    for entity in extract(text):
        assert text[entity.start : entity.end] == entity.text
        assert entity.type in ("person", "place", "org")
        assert 0 <= entity.start < entity.end <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_HAN_NEWS, st.characters()), max_size=200).map("".join))
def test_spans_index_newsy_text(text: str) -> None:
    entities = extract(text)
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
    ends = [e.end for e in entities]
    starts = [e.start for e in entities]
    assert all(s >= e for s, e in zip(starts[1:], ends, strict=False))
