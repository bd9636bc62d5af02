"""Entity picks as filter-line tokens: ``person:耿涛`` added or removed by Enter in the sidebar.

The filter line's text is the one source of truth for what the list shows; the sidebar
reads its picks back from it. Pure string work (the query language itself is
``store.query``'s).
"""

from __future__ import annotations

import re

from tui.corpus import GROUPS, EntityKey

_TOKEN = re.compile(r'(?:(?<=\s)|^)(person|place|org|reporter):("(?:[^"]*)"|\S+)')


def entity_token(name: str, group: str) -> str:
    """The query token that narrows to an entity (quoted when it holds spaces or quotes)."""
    if re.search(r'[\s"()]', name) or name.startswith("-"):
        return f'{group}:"{name.replace(chr(34), "")}"'
    return f"{group}:{name}"


def picked_entities(query: str) -> list[EntityKey]:
    """The ``(name, group)`` of every entity token in ``query``, in order."""
    picks: list[EntityKey] = []
    for match in _TOKEN.finditer(query):
        group, value = match.group(1), match.group(2)
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            value = value[1:-1]
        if group in GROUPS and value and (value, group) not in picks:
            picks.append((value, group))
    return picks


def toggle_entity(query: str, key: EntityKey) -> str:
    """``query`` with the entity's token removed if present, else appended."""
    name, group = key
    kept: list[str] = []
    removed = False
    pos = 0
    for match in _TOKEN.finditer(query):
        value = match.group(2).strip('"')
        kept.append(query[pos : match.start()])
        if match.group(1) == group and value == name.replace('"', ""):
            removed = True
        else:
            kept.append(match.group(0))
        pos = match.end()
    kept.append(query[pos:])
    if removed:
        return " ".join("".join(kept).split())
    token = entity_token(name, group)
    return f"{query.rstrip()} {token}".strip()
