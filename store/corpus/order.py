"""The one document order: what the search index numbers and the explorer lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

Row = TypeVar("Row", bound=Mapping[str, Any])


def doc_order(articles: Iterable[Row]) -> list[Row]:
    """Articles newest first (undated last), one date in the order they were stored (the
    order of their pages and files): the index's document numbers, and the order the
    explorer lists the whole corpus in."""
    return sorted(articles, key=lambda a: a.get("date") or "", reverse=True)
