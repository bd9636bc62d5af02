"""The public types of user data: errors, the search engine's protocol, read-only views."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from store.errors import YuebaoError


class UserDataError(YuebaoError):
    """A user-data problem explained in one line (file named)."""


class ReadOnlyError(UserDataError):
    """A write was refused because the store is read-only (see ``UserData.message``)."""


class UserMarks(Protocol):
    """What the search engine asks of user data (``is:bookmarked``, ``has:note`` ...)."""

    def bookmarked_ids(self) -> set[str]:
        """Ids of bookmarked articles."""
        ...

    def read_ids(self) -> set[str]:
        """Ids of articles marked read (``is:unread`` is every other article)."""
        ...

    def noted_ids(self) -> set[str]:
        """Ids of articles with a non-empty note."""
        ...

    def tag_ids(self, name: str) -> set[str]:
        """Ids of articles tagged ``name`` (case-insensitive)."""
        ...

    def text_ids(self, needle: str) -> set[str]:
        """Ids of articles whose note or a tag holds the folded ``needle``."""
        ...


@dataclass(frozen=True, slots=True)
class NoteVersion:
    """One saved version of a note."""

    text: str
    at: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A read-only view of one article's user data."""

    id: str
    title: str
    newspaper: str
    source: str
    date: str
    page: str
    bookmarked: bool
    tags: tuple[str, ...]
    note: str
    note_at: str
    history: tuple[NoteVersion, ...]
    read: bool
    updated: str

    @classmethod
    def from_record(cls, rec: Mapping[str, Any]) -> Entry:
        """The view of a stored record."""
        return cls(
            id=rec["id"],
            title=rec["title"],
            newspaper=rec["newspaper"],
            source=rec["source"],
            date=rec["date"],
            page=rec["page"],
            bookmarked=rec["bookmarked"],
            tags=tuple(rec["tags"]),
            note=rec["note"],
            note_at=rec["note_at"],
            history=tuple(NoteVersion(h["text"], h["at"]) for h in rec["note_history"]),
            read=rec["read"],
            updated=rec["updated"],
        )


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: articles new to the store, changed, and already identical."""

    added: int
    updated: int
    unchanged: int
