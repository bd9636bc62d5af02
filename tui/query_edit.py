"""Entity picks as filter-line items: ``person:耿涛`` added or removed by Enter in the sidebar.

The filter line's text is the one source of truth for what the list shows; the sidebar
reads its picks back from it. The items are found by the query language's own tokenizer
(``store.search.query.entity_spans``), so the sidebar and the search read a query alike.
"""

from __future__ import annotations

from store.corpus import EntityKey
from store.search import entity_spans, field_term, picked_entities

__all__ = ["picked_entities", "toggle_entity"]


def toggle_entity(query: str, key: EntityKey) -> str:
    """``query`` with the entity's item removed if present, else appended."""
    name, group = key
    wanted = name.replace('"', "")
    found = [
        s for s in entity_spans(query) if not s.negated and s.field == group and s.value == wanted
    ]
    if not found:
        return f"{query.rstrip()} {field_term(group, name)}".strip()
    kept: list[str] = []
    pos = 0
    for span in found:
        kept.append(query[pos : span.start])
        pos = span.end
    kept.append(query[pos:])
    return " ".join("".join(kept).split())
