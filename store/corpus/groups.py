"""The groups entities are counted and shown in: people, places, organisations, reporters;
and the corpus-wide counts and titles the sidebar shows before any query."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import Any

#: The sidebar's groups, in its order: reporters (byline persons) apart from people.
GROUPS: tuple[str, ...] = ("person", "place", "org", "reporter")
EntityKey = tuple[str, str]  # (name, group)


def group_of(etype: str, role: str | None) -> str:
    """The group of an entity of type ``etype``: a byline person is a reporter."""
    return "reporter" if role == "byline" else etype


def record_key(record: Mapping[str, Any]) -> EntityKey:
    """The ``(name, group)`` of an article's entity record (``{"name", "type", "role"}``)."""
    return str(record.get("name")), group_of(str(record.get("type")), record.get("role"))


def row_entity_keys(row: Mapping[str, Any]) -> tuple[EntityKey, ...]:
    """The distinct ``(name, group)`` of a catalog row's entities (names interned: the same
    names recur in thousands of rows)."""
    intern = sys.intern
    return tuple(
        {
            (intern(e[0]), group_of(e[1], e[2] if len(e) > 2 else ""))
            for e in row.get("entities") or ()
        }
    )


def count_entities(keys: Iterable[tuple[EntityKey, ...]]) -> dict[EntityKey, int]:
    """Articles per entity over rows given by their ``row_entity_keys`` — the whole
    corpus's sidebar counts, the same numbers the search engine gives for every article."""
    return dict(Counter(chain.from_iterable(keys)))


def person_titles(table: Iterable[Mapping[str, Any]]) -> dict[EntityKey, str]:
    """The offices the corpus most often gives each person in the news, the first
    ``SHOWN_TITLES`` of them (``耿涛`` → ``市委常委、副市长``), from the corpus entity table."""
    titles: dict[EntityKey, str] = {}
    for row in table:
        found = [str(t) for t in row.get("titles") or () if str(t).strip()]
        if found and row.get("type") == "person" and row.get("role") != "byline":
            titles[(str(row.get("name", "")), "person")] = "、".join(found[:SHOWN_TITLES])
    return titles


SHOWN_TITLES = 2  # offices shown beside a name: 山东省委常委、青岛市委书记, not a whole list


def find_entity(
    name: str, group: str | None, table: Iterable[Mapping[str, Any]]
) -> EntityKey | None:
    """The entity of the corpus entity table that ``name`` names (its name, else one of its
    aliases), in ``group`` when given; None when there is none."""
    rows = list(table)
    for exact in (True, False):
        for row in rows:
            if (name == row.get("name")) if exact else name in (row.get("aliases") or ()):
                found = group_of(str(row.get("type")), row.get("role"))
                if group in (None, found):
                    return str(row["name"]), found
    return None
