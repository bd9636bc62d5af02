"""The groups entities are counted and shown in: people, places, organisations, reporters."""

from __future__ import annotations

#: The sidebar's groups, in its order: reporters (byline persons) apart from people.
GROUPS: tuple[str, ...] = ("person", "place", "org", "reporter")
EntityKey = tuple[str, str]  # (name, group)


def group_of(etype: str, role: str | None) -> str:
    """The group of an entity of type ``etype``: a byline person is a reporter."""
    return "reporter" if role == "byline" else etype
