"""The one place the app gets its user data (bookmarks, notes, tags, read state).

``open_userdata`` opens ``store.userdata.data.UserData`` (saved, merged across sessions); the
``UserData`` protocol below is all the app calls on it. ``MemoryUserData`` is a
session-only stand-in for tests and for when the store cannot be imported. Writes may raise
``UserDataError`` (e.g. a read-only store); the screen reports those in one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

try:
    from store.userdata import UserDataError
except ImportError:  # pragma: no cover - the store is part of the package

    class UserDataError(Exception):  # type: ignore[no-redef]
        """A user-data problem explained in one line."""


Meta = Mapping[str, Any] | None


class UserData(Protocol):
    """What the app needs from the user-data store."""

    @property
    def persistent(self) -> bool: ...
    @property
    def message(self) -> str: ...
    def is_bookmarked(self, article_id: str) -> bool: ...
    def has_note(self, article_id: str) -> bool: ...
    def is_unread(self, article_id: str) -> bool: ...
    def note(self, article_id: str) -> str: ...
    def tags(self, article_id: str) -> list[str]: ...
    def toggle_bookmark(self, article_id: str, meta: Meta = None) -> bool: ...
    def toggle_unread(self, article_id: str) -> bool: ...
    def mark_read(self, article_id: str) -> None: ...
    def set_note(self, article_id: str, text: str, meta: Meta = None) -> None: ...
    def set_tags(self, article_id: str, tags: Iterable[str] | str, meta: Meta = None) -> Any: ...
    def refresh(self) -> bool: ...
    def searches(self) -> list[dict[str, Any]]: ...
    def search(self, name: str) -> dict[str, Any] | None: ...
    def save_search(self, name: str, query: str, matches: Iterable[str] = ()) -> Any: ...
    def visit_search(self, name: str, matches: Iterable[str]) -> None: ...
    def delete_search(self, name: str) -> bool: ...
    def corrections(self, include_undone: bool = False) -> list[dict[str, Any]]: ...
    def correction_set(self) -> Any: ...
    def add_correction(self, kind: str, target: Any, value: Any = None, title: str = "") -> Any: ...
    def set_undone(self, correction_id: str, undone: bool = True) -> bool: ...
    def bookmarked(self) -> list[str]: ...
    # what the search engine's is:/has:/tag: fields ask (store.search.engine.UserDataView)
    def bookmarked_ids(self) -> Iterable[str]: ...
    def read_ids(self) -> Iterable[str]: ...
    def noted_ids(self) -> Iterable[str]: ...
    def tag_ids(self, name: str) -> Iterable[str]: ...
    def text_ids(self, needle: str) -> Iterable[str]: ...


class MemoryUserData:
    """Session-only marks (nothing is saved)."""

    persistent = False
    message = ""

    def __init__(self) -> None:
        self._bookmarks: dict[str, None] = {}
        self._read: set[str] = set()
        self._notes: dict[str, str] = {}
        self._tags: dict[str, list[str]] = {}
        self._searches: dict[str, dict[str, Any]] = {}
        self._corrections: list[dict[str, Any]] = []

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

    def toggle_bookmark(self, article_id: str, meta: Meta = None) -> bool:
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

    def set_note(self, article_id: str, text: str, meta: Meta = None) -> None:
        self._notes[article_id] = text

    def set_tags(self, article_id: str, tags: Iterable[str] | str, meta: Meta = None) -> Any:
        if isinstance(tags, str):
            tags = tags.replace("，", ",").split(",")
        self._tags[article_id] = [t.strip() for t in tags if t.strip()]
        return self._tags[article_id]

    def refresh(self) -> bool:
        return False

    # saved searches and corrections: the store's records, kept in memory
    def searches(self) -> list[dict[str, Any]]:
        live = [dict(r) for r in self._searches.values() if not r["deleted"]]
        return sorted(live, key=lambda r: r["name"].casefold())

    def search(self, name: str) -> dict[str, Any] | None:
        from store.userdata import search_key

        rec = self._searches.get(search_key(name))
        return dict(rec) if rec and not rec["deleted"] else None

    def save_search(self, name: str, query: str, matches: Iterable[str] = ()) -> Any:
        from store.userdata import new_search, now, search_key

        if not name.strip() or not query.strip():
            raise UserDataError("a saved search needs a name and a filter")
        rec = self._searches[search_key(name)] = new_search(name, query, now(), matches)
        return dict(rec)

    def visit_search(self, name: str, matches: Iterable[str]) -> None:
        from store.userdata import now, search_key, seen_digest

        rec = self._searches.get(search_key(name))
        if rec:
            ids = list(matches)
            rec.update(seen=seen_digest(ids), seen_count=len(ids), visited_at=now())

    def delete_search(self, name: str) -> bool:
        from store.userdata import search_key

        rec = self._searches.get(search_key(name))
        if not rec or rec["deleted"]:
            return False
        rec["deleted"] = True
        return True

    def corrections(self, include_undone: bool = False) -> list[dict[str, Any]]:
        return [dict(c) for c in self._corrections if include_undone or not c["undone"]]

    def correction_set(self) -> Any:
        from store.corpus import Corrections

        return Corrections(self.corrections())

    def add_correction(self, kind: str, target: Any, value: Any = None, title: str = "") -> Any:
        from store.userdata import ExtraRecordError, new_correction, now

        try:
            rec = new_correction(kind, target, value, now(), title)
        except ExtraRecordError as exc:
            raise UserDataError(str(exc)) from exc
        self._corrections.append(rec)
        return dict(rec)

    def set_undone(self, correction_id: str, undone: bool = True) -> bool:
        for rec in self._corrections:
            if rec["id"] == correction_id:
                rec["undone"] = undone
                return True
        return False

    def bookmarked(self) -> list[str]:
        return list(self._bookmarks)

    def bookmarked_ids(self) -> set[str]:
        return set(self._bookmarks)

    def read_ids(self) -> set[str]:
        return set(self._read)

    def noted_ids(self) -> set[str]:
        return {i for i, text in self._notes.items() if text}

    def tag_ids(self, name: str) -> set[str]:
        wanted = name.strip().casefold()
        return {i for i, tags in self._tags.items() if wanted in (t.casefold() for t in tags)}

    def text_ids(self, needle: str) -> set[str]:
        from store.normalize import fold

        ids = set(self._notes) | set(self._tags)
        return {
            i
            for i in ids
            if needle
            and needle in fold("\n".join([self._notes.get(i, ""), *self._tags.get(i, [])]))
        }


def open_userdata() -> UserData:
    """The user's saved data (``store.paths.userdata_path()``); never raises.

    A corrupt file is moved aside by the store, which then opens read-only and explains
    why in ``message``.
    """
    try:
        from store.userdata import UserData as StoreUserData
    except ImportError:  # pragma: no cover
        return MemoryUserData()
    return StoreUserData.open()
