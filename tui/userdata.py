"""The one place the app talks to user data (bookmarks, notes, tags, read state).

Issue 7 brings ``store.userdata``; wiring it means changing ``open_userdata`` (and, if its
API differs, the methods of ``StoreUserData``) here only. Until then ``MemoryUserData``
keeps marks for the session and says so once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class UserData(Protocol):
    """What the app needs from the user-data store."""

    persistent: bool

    def is_bookmarked(self, article_id: str) -> bool: ...
    def has_note(self, article_id: str) -> bool: ...
    def is_unread(self, article_id: str) -> bool: ...
    def note(self, article_id: str) -> str: ...
    def tags(self, article_id: str) -> list[str]: ...
    def toggle_bookmark(self, article_id: str) -> bool: ...
    def toggle_unread(self, article_id: str) -> bool: ...
    def mark_read(self, article_id: str) -> None: ...
    def set_note(self, article_id: str, text: str) -> None: ...
    def set_tags(self, article_id: str, tags: Iterable[str]) -> None: ...
    def bookmarked(self) -> list[str]: ...


class MemoryUserData:
    """Session-only marks (nothing is saved); used until ``store.userdata`` exists."""

    persistent = False

    def __init__(self) -> None:
        self._bookmarks: dict[str, None] = {}
        self._read: set[str] = set()
        self._notes: dict[str, str] = {}
        self._tags: dict[str, list[str]] = {}

    def is_bookmarked(self, article_id: str) -> bool:
        return article_id in self._bookmarks

    def has_note(self, article_id: str) -> bool:
        return bool(self._notes.get(article_id))

    def is_unread(self, article_id: str) -> bool:
        return article_id not in self._read

    def note(self, article_id: str) -> str:
        return self._notes.get(article_id, "")

    def tags(self, article_id: str) -> list[str]:
        return list(self._tags.get(article_id, []))

    def toggle_bookmark(self, article_id: str) -> bool:
        if article_id in self._bookmarks:
            del self._bookmarks[article_id]
            return False
        self._bookmarks[article_id] = None
        return True

    def toggle_unread(self, article_id: str) -> bool:
        if article_id in self._read:
            self._read.discard(article_id)
            return True
        self._read.add(article_id)
        return False

    def mark_read(self, article_id: str) -> None:
        self._read.add(article_id)

    def set_note(self, article_id: str, text: str) -> None:
        self._notes[article_id] = text

    def set_tags(self, article_id: str, tags: Iterable[str]) -> None:
        self._tags[article_id] = [t.strip() for t in tags if t.strip()]

    def bookmarked(self) -> list[str]:
        return list(self._bookmarks)


def open_userdata() -> UserData:
    """The user-data store the app uses (session-only until issue 7 is wired here)."""
    return MemoryUserData()
