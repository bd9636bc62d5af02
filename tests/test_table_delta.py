"""The entity table amended by new articles alone (``store.entities.table_delta``): what a
reader sees in the sidebar after a page is appended to a large corpus."""

from __future__ import annotations

from typing import Any

from store.entities.merge import corpus_rows
from store.entities.table_delta import rows_with


def _rec(name: str, kind: str, *aliases: str, role: str = "", titles: tuple[str, ...] = ()):
    return {
        "name": name,
        "type": kind,
        "aliases": [name, *aliases],
        "count": 1,
        "spans": [],
        "role": role,
        "titles": list(titles),
    }


def _by_name(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["name"]: row for row in rows}


STORED = corpus_rows(
    [
        [_rec("青岛国家高新区", "place", "高新区"), _rec("耿涛", "person", titles=("副市长",))],
        [_rec("青岛国家高新区", "place"), _rec("海尔集团", "org", "海尔")],
        [_rec("耿婷婷", "person", role="byline")],
    ]
)


def test_a_new_mention_of_a_stored_entity_adds_to_its_entry() -> None:
    rows = rows_with(STORED, [[_rec("青岛国家高新区", "place"), _rec("耿涛", "person")]])
    by_name = _by_name(rows)
    assert by_name["青岛国家高新区"]["count"] == 3 and by_name["耿涛"]["count"] == 2
    assert by_name["耿涛"]["titles"] == ["副市长"]
    assert len(rows) == len(STORED)  # no second entry for either


def test_a_short_form_the_stored_entity_has_joins_it_and_keeps_its_name() -> None:
    rows = rows_with(STORED, [[_rec("海尔", "org")]])
    by_name = _by_name(rows)
    assert "海尔" not in by_name and by_name["海尔集团"]["count"] == 2
    assert "海尔" in by_name["海尔集团"]["aliases"]


def test_an_entity_the_corpus_has_not_seen_is_a_new_entry_and_rows_stay_ordered() -> None:
    new = [[_rec("卡奥斯", "org", "卡奥斯平台")], [_rec("卡奥斯", "org")]]
    rows = rows_with(STORED, new)
    by_name = _by_name(rows)
    assert by_name["卡奥斯"]["count"] == 2 and by_name["卡奥斯"]["type"] == "org"
    counts = [row["count"] for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert len(rows) == len(STORED) + 1


def test_a_reporter_stays_a_reporter_and_a_name_of_two_entries_joins_neither() -> None:
    stored = corpus_rows(
        [
            [_rec("耿婷婷", "person", role="byline")],
            [_rec("青岛市委", "org", "市委")],
            [_rec("济南市委", "org", "市委")],
        ]
    )
    new = [[_rec("耿婷婷", "person", role="byline")], [_rec("市委", "org")]]
    by_name = _by_name(rows_with(stored, new))
    assert by_name["耿婷婷"]["role"] == "byline" and by_name["耿婷婷"]["count"] == 2
    # 市委 is an alias of two stored bodies: an entry of its own rather than a guess
    assert by_name["市委"]["count"] == 1
    assert by_name["青岛市委"]["count"] == by_name["济南市委"]["count"] == 1


def test_no_new_articles_leave_the_table_as_it_was() -> None:
    assert rows_with(STORED, []) == STORED
