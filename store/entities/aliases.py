"""Alias declarations: ``青岛国家高新区（以下简称“高新区”）`` and the like.

A declaration ties a short form to the entity written right before it; later bare
mentions of the short form are the same entity.
"""

from __future__ import annotations

import re

Span = tuple[int, int, str]

_DECLARATION = re.compile(
    r"[（(，,]\s*(?:以下|下文)?(?:简称|统称|下称|称)(?:为)?\s*"
    r"[“\"「『]?(?P<alias>[\u4e00-\u9fffA-Za-z0-9·]{2,12}?)[”\"」』]?\s*(?=[）)，,。；;])"
)


def declared(text: str, spans: list[Span]) -> dict[str, Span]:
    """Aliases declared in ``text``: alias → the entity span right before the declaration."""
    by_end: dict[int, Span] = {}
    for span in spans:
        by_end[span[1]] = span
    found: dict[str, Span] = {}
    for match in _DECLARATION.finditer(text):
        owner = by_end.get(match.start())
        alias = match.group("alias")
        if owner is None or alias == text[owner[0] : owner[1]]:
            continue
        found.setdefault(alias, owner)
    return found


def add_alias_mentions(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` plus every bare mention of a declared alias (typed like its owner)."""
    aliases = declared(text, spans)
    if not aliases:
        return spans
    taken = bytearray(len(text))
    for start, end, _ in spans:
        taken[start:end] = b"\x01" * (end - start)
    added = list(spans)
    for alias, owner in sorted(aliases.items(), key=lambda item: -len(item[0])):
        for match in re.finditer(re.escape(alias), text):
            start, end = match.span()
            if not any(taken[start:end]):
                added.append((start, end, owner[2]))
                taken[start:end] = b"\x01" * (end - start)
    added.sort()
    return added
