"""Bookmarks, notes, tags and read state: the user data yuebao must never lose.

It lives in its own file (``store.paths.userdata_path()``), apart from the rebuildable
corpus, keyed by the article's stable id (format: ``store.userdata.file``; records and
their merge: ``store.userdata.merge``).

How nothing is lost:

- every write happens under the file lock (``store.files.locked``) and replaces the file
  atomically (``store.files.write_atomic``: temp file, fsync, ``os.replace``);
- before writing, the file is read again; if it is not byte-for-byte what this process last
  saw, the fresh content is taken and the user's edit is applied on top of it (another
  session's bookmarks, tags and notes stay; of two versions of one note the later wins and
  the other goes to the note's history);
- a file that does not parse is moved aside (never overwritten) and the store turns
  read-only with ``message`` saying why; writes then raise ``ReadOnlyError``;
- records are never deleted, so notes on articles missing from the corpus (``orphans``)
  stay until the corpus has them again.

``UserData`` is what the app and the CLI use; the search engine only needs ``UserMarks``.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from store import paths
from store.corpus.corrections import Corrections
from store.corpus.db import describe_os_error
from store.files import WriteError, locked, write_atomic
from store.userdata import extras
from store.userdata.file import (
    SCHEMA,
    CorruptError,
    Tables,
    decode,
    empty_tables,
    encode,
    set_aside,
)
from store.userdata.merge import (
    RecordError,
    clean_tags,
    edit_bookmark,
    edit_meta,
    edit_note,
    edit_read,
    edit_tags,
    has_content,
    merge,
    new_record,
    normalise,
    now,
    parse_tags,
)
from store.userdata.records import (
    Entry,
    ImportResult,
    NoteVersion,
    ReadOnlyError,
    UserDataError,
    UserMarks,
)

__all__ = [
    "SCHEMA",
    "Entry",
    "ImportResult",
    "NoteVersion",
    "ReadOnlyError",
    "UserData",
    "UserDataError",
    "UserMarks",
    "parse_tags",
]


class UserData:
    """The user's bookmarks, notes, tags and read state, safe against crashes and races.

    Reads are served from memory. Each write takes the file lock, merges with the file on
    disk and replaces it atomically before returning, so a method that returned has saved.
    """

    def __init__(
        self,
        path: Path,
        records: dict[str, dict[str, Any]],
        raw: bytes | None,
        message: str = "",
        tables: Tables | None = None,
    ) -> None:
        self.path = path
        self._records = records
        self._tables = tables or empty_tables()
        self._raw = raw
        self._message = message
        self._read_only = bool(message)
        self._mutex = threading.RLock()
        self._cache: dict[str, Any] = {}
        self._version = 0
        self._cleaned = False
        self._seen: tuple[int, int, int] | None = None  # file signature at the last refresh

    # -- opening ---------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> UserData:
        """Open the user data (``YUEBAO_USERDATA`` / data dir when ``path`` is None).

        Never raises for a bad file: a corrupt one is moved aside and the store opens
        read-only with ``message`` explaining; an unreadable one opens read-only too.
        """
        target = paths.userdata_path(path)
        try:
            raw: bytes | None = target.read_bytes()
        except FileNotFoundError:
            return cls(target, {}, None)
        except OSError as exc:
            why = exc.strerror or str(exc)
            return cls(target, {}, None, f"{target}: cannot read user data ({why}); read-only")
        try:
            records, tables = decode(raw)
        except CorruptError as exc:
            return cls(target, {}, None, set_aside(target, exc.detail))
        return cls(target, records, raw, tables=tables)

    # -- state -----------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        """True when writes are refused (corrupt or unreadable file)."""
        return self._read_only

    @property
    def message(self) -> str:
        """Why the store is read-only ("" when it is writable)."""
        return self._message

    @property
    def persistent(self) -> bool:
        """True when changes are saved (the store is not read-only)."""
        return not self._read_only

    @property
    def version(self) -> int:
        """Grows whenever the in-memory data changes (for the app's caches)."""
        return self._version

    def refresh(self) -> bool:
        """Take in changes another process saved; True if anything changed.

        Cheap enough to call on focus or every few seconds: an unchanged file costs a stat.
        """
        with self._mutex:
            try:
                seen = _signature(self.path)
                if seen == self._seen:
                    return False
                raw = self.path.read_bytes()
            except OSError:
                return False
            if raw == self._raw:
                self._seen = seen
                return False
            try:
                records, tables = decode(raw)
            except CorruptError:
                return False  # the next write reports it; reads keep the last good state
            self._set(records, raw, tables)
            self._seen = seen
            return True

    def _set(
        self, records: dict[str, dict[str, Any]], raw: bytes | None, tables: Tables | None = None
    ) -> None:
        self._records = records
        if tables is not None:
            self._tables = tables
        self._raw = raw
        self._cache.clear()
        self._version += 1

    # -- reading one article ---------------------------------------------------
    def is_bookmarked(self, article_id: str) -> bool:
        """Whether the article is bookmarked."""
        rec = self._records.get(article_id)
        return bool(rec and rec["bookmarked"])

    def note(self, article_id: str) -> str:
        """The article's note ("" when none)."""
        rec = self._records.get(article_id)
        return rec["note"] if rec else ""

    def note_history(self, article_id: str) -> list[NoteVersion]:
        """Earlier versions of the article's note, oldest first."""
        rec = self._records.get(article_id)
        return [NoteVersion(h["text"], h["at"]) for h in rec["note_history"]] if rec else []

    def tags(self, article_id: str) -> list[str]:
        """The article's tags, in the order given."""
        rec = self._records.get(article_id)
        return list(rec["tags"]) if rec else []

    def is_read(self, article_id: str) -> bool:
        """Whether the article has been read."""
        rec = self._records.get(article_id)
        return bool(rec and rec["read"])

    def has_note(self, article_id: str) -> bool:
        """Whether the article has a non-empty note."""
        return bool(self.note(article_id))

    def is_unread(self, article_id: str) -> bool:
        """Whether the article has not been read."""
        return not self.is_read(article_id)

    def entry(self, article_id: str) -> Entry | None:
        """Everything stored for the article, or None."""
        rec = self._records.get(article_id)
        return Entry.from_record(rec) if rec else None

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._records

    # -- reading many ----------------------------------------------------------
    def entries(self) -> list[Entry]:
        """Every article with a bookmark, tags or a note, most recently changed first."""
        recs = [r for r in self._records.values() if has_content(r)]
        recs.sort(key=lambda r: r["updated"], reverse=True)
        return [Entry.from_record(r) for r in recs]

    def bookmarks(self) -> list[Entry]:
        """Bookmarked articles, most recently bookmarked first."""
        recs = [r for r in self._records.values() if r["bookmarked"]]
        recs.sort(key=lambda r: r["bookmarked_at"], reverse=True)
        return [Entry.from_record(r) for r in recs]

    def bookmarked(self) -> list[str]:
        """Ids of bookmarked articles, most recently bookmarked first."""
        return [e.id for e in self.bookmarks()]

    def orphans(self, corpus_ids: Collection[str]) -> list[Entry]:
        """Entries with content whose article is not in ``corpus_ids`` (kept, never deleted)."""
        return [e for e in self.entries() if e.id not in corpus_ids]

    def records(self) -> list[dict[str, Any]]:
        """Copies of every stored record (the JSON export form), oldest first."""
        recs = sorted(self._records.values(), key=lambda r: (r["created"], r["id"]))
        return [orjson.loads(orjson.dumps(r)) for r in recs]

    def all_tags(self) -> dict[str, int]:
        """Every tag with the number of articles carrying it, most used first."""
        counts: dict[str, int] = {}
        for rec in self._records.values():
            for tag in rec["tags"]:
                counts[tag] = counts.get(tag, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    # -- UserMarks (search engine) ---------------------------------------------
    def _ids(self, name: str, pred: Callable[[dict[str, Any]], bool]) -> frozenset[str]:
        cached = self._cache.get(name)
        if cached is None:
            cached = self._cache[name] = frozenset(i for i, r in self._records.items() if pred(r))
        return cached

    def bookmarked_ids(self) -> set[str]:
        """Ids of bookmarked articles (a fresh set)."""
        return set(self._ids("bookmarked", lambda r: r["bookmarked"]))

    def read_ids(self) -> set[str]:
        """Ids of articles marked read (a fresh set)."""
        return set(self._ids("read", lambda r: r["read"]))

    def noted_ids(self) -> set[str]:
        """Ids of articles with a note (a fresh set)."""
        return set(self._ids("noted", lambda r: bool(r["note"])))

    def tag_ids(self, name: str) -> set[str]:
        """Ids of articles tagged ``name``, compared case-insensitively (a fresh set)."""
        index = self._cache.get("tags")
        if index is None:
            index = {}
            for article_id, rec in self._records.items():
                for tag in rec["tags"]:
                    index.setdefault(tag.casefold(), set()).add(article_id)
            self._cache["tags"] = index
        return set(index.get(name.strip().casefold(), ()))

    def text_ids(self, needle: str) -> set[str]:
        """Ids of articles whose note or a tag holds ``needle`` (folded as the search
        folds article text; a fresh set)."""
        if not needle:
            return set()
        texts = self._cache.get("texts")
        if texts is None:
            from store.normalize import fold

            texts = self._cache["texts"] = {
                i: fold("\n".join([r["note"], *r["tags"]]))
                for i, r in self._records.items()
                if r["note"] or r["tags"]
            }
        return {i for i, text in texts.items() if needle in text}

    # -- writing ---------------------------------------------------------------
    def toggle_bookmark(self, article_id: str, meta: Mapping[str, Any] | None = None) -> bool:
        """Flip the bookmark as the user sees it; returns the new state."""
        value = not self.is_bookmarked(article_id)
        self.set_bookmark(article_id, value, meta)
        return value

    def set_bookmark(
        self, article_id: str, value: bool, meta: Mapping[str, Any] | None = None
    ) -> None:
        """Bookmark (or un-bookmark) the article, copying its title, source and date."""
        at = now()

        def apply(rec: dict[str, Any]) -> None:
            edit_meta(rec, meta)
            edit_bookmark(rec, bool(value), at)

        self._write({article_id: apply}, at)

    def set_note(self, article_id: str, text: str, meta: Mapping[str, Any] | None = None) -> None:
        """Save the note ("" clears it; the previous text stays in the history)."""
        at = now()

        def apply(rec: dict[str, Any]) -> None:
            edit_meta(rec, meta)
            edit_note(rec, text, at)

        self._write({article_id: apply}, at)

    def set_tags(
        self, article_id: str, tags: Iterable[str] | str, meta: Mapping[str, Any] | None = None
    ) -> list[str]:
        """Replace the tags the user saw with ``tags`` (a list or "a, b，c"); returns them.

        Tags another session added in the meantime are kept.
        """
        new = parse_tags(tags) if isinstance(tags, str) else clean_tags(tags)
        base = self.tags(article_id)
        at = now()

        def apply(rec: dict[str, Any]) -> None:
            edit_meta(rec, meta)
            edit_tags(rec, new, base, at)

        self._write({article_id: apply}, at)
        return self.tags(article_id)

    def set_read(self, article_id: str, read: bool = True) -> None:
        """Mark the article read (or unread)."""
        self.set_read_many([article_id], read)

    def mark_read(self, article_id: str) -> None:
        """Mark the article read (what opening it does)."""
        self.set_read_many([article_id], True)

    def toggle_unread(self, article_id: str) -> bool:
        """Flip read/unread as the user sees it; returns True when now unread."""
        unread = not self.is_unread(article_id)
        self.set_read_many([article_id], not unread)
        return unread

    def set_read_many(self, article_ids: Iterable[str], read: bool = True) -> None:
        """Mark many articles read (or unread) in one write."""
        at = now()
        edits = {
            i: (lambda rec: edit_read(rec, bool(read), at))
            for i in article_ids
            if self.is_read(i) != bool(read)
        }
        if edits:
            self._write(edits, at)

    # -- saved searches ----------------------------------------------------------
    def searches(self) -> list[dict[str, Any]]:
        """The saved searches (copies), by name."""
        found = [dict(r) for r in self._tables[extras.SEARCHES].values() if not r["deleted"]]
        return sorted(found, key=lambda r: r["name"].casefold())

    def search(self, name: str) -> dict[str, Any] | None:
        """The saved search called ``name`` (case-insensitive), or None."""
        rec = self._tables[extras.SEARCHES].get(extras.search_key(name))
        return dict(rec) if rec and not rec["deleted"] else None

    def save_search(self, name: str, query: str, matches: Iterable[str] = ()) -> dict[str, Any]:
        """Save ``query`` as ``name`` (replacing a search of that name), visited now with
        ``matches`` (the ids it matches now) seen. Raises ``UserDataError`` for no name."""
        if not " ".join(name.split()):
            raise UserDataError("a saved search needs a name")
        if not query.strip():
            raise UserDataError("nothing to save: the filter is empty")
        at = now()
        rec = extras.new_search(name, query, at, matches)
        key = extras.search_key(name)

        def put(_records: dict[str, dict[str, Any]], tables: Tables) -> bool:
            old = tables[extras.SEARCHES].get(key)
            tables[extras.SEARCHES][key] = dict(rec, created=old["created"]) if old else rec
            return True

        self._commit(put)
        return dict(self._tables[extras.SEARCHES][key])

    def visit_search(self, name: str, matches: Iterable[str]) -> None:
        """Record a visit: what ``name`` matches now is no longer new."""
        key = extras.search_key(name)
        ids = list(matches)
        digest = extras.seen_digest(ids)
        at = now()

        def visit(_records: dict[str, dict[str, Any]], tables: Tables) -> bool:
            old = tables[extras.SEARCHES].get(key)
            if old is None or old["deleted"] or old["seen"] == digest:
                return False
            tables[extras.SEARCHES][key] = dict(
                old, seen=digest, seen_count=len(ids), visited_at=at
            )
            return True

        self._commit(visit)

    def delete_search(self, name: str) -> bool:
        """Delete the saved search ``name``; False when there is none."""
        key = extras.search_key(name)
        if self.search(name) is None:
            return False
        at = now()

        def drop(_records: dict[str, dict[str, Any]], tables: Tables) -> bool:
            old = tables[extras.SEARCHES].get(key)
            if old is None or old["deleted"]:
                return False
            tables[extras.SEARCHES][key] = dict(old, deleted=True, updated=at)
            return True

        self._commit(drop)
        return True

    # -- corrections -------------------------------------------------------------
    def corrections(self, include_undone: bool = False) -> list[dict[str, Any]]:
        """The corrections (copies), oldest first; undone ones only when asked."""
        found = [
            dict(r)
            for r in self._tables[extras.CORRECTIONS].values()
            if include_undone or not r["undone"]
        ]
        return sorted(found, key=lambda r: (r["created"], r["id"]))

    def correction_set(self) -> Corrections:
        """The active corrections, ready to apply to the corpus (cached until a change)."""
        cached = self._cache.get("corrections")
        if cached is None:
            cached = self._cache["corrections"] = Corrections(self.corrections())
        return cached

    def add_correction(
        self, kind: str, target: Any, value: Any = None, title: str = ""
    ) -> dict[str, Any]:
        """Save a correction (see ``store.corpus.corrections``); returns its record.

        Raises ``UserDataError`` when it is malformed (an unknown kind, an empty name ...).
        """
        try:
            rec = extras.new_correction(kind, target, value, now(), title)
        except extras.ExtraRecordError as exc:
            raise UserDataError(str(exc)) from exc

        def put(_records: dict[str, dict[str, Any]], tables: Tables) -> bool:
            tables[extras.CORRECTIONS][rec["id"]] = rec
            return True

        self._commit(put)
        return dict(rec)

    def set_undone(self, correction_id: str, undone: bool = True) -> bool:
        """Undo (or redo) a correction; False when there is no such correction."""
        if correction_id not in self._tables[extras.CORRECTIONS]:
            return False
        at = now()

        def flip(_records: dict[str, dict[str, Any]], tables: Tables) -> bool:
            old = tables[extras.CORRECTIONS].get(correction_id)
            if old is None or old["undone"] == undone:
                return False
            tables[extras.CORRECTIONS][correction_id] = dict(old, undone=undone, updated=at)
            return True

        self._commit(flip)
        return True

    def table_records(self, table: str) -> list[dict[str, Any]]:
        """Copies of every record of ``table`` (``searches`` or ``corrections``), deleted
        and undone ones too (the export form)."""
        recs = sorted(
            self._tables[table].values(),
            key=lambda r: (r["created"], str(r.get("id", r.get("name")))),
        )
        return [orjson.loads(orjson.dumps(r)) for r in recs]

    # -- import --------------------------------------------------------------------
    def import_records(
        self,
        records: Iterable[Mapping[str, Any]],
        tables: Mapping[str, Iterable[Any]] | None = None,
    ) -> ImportResult:
        """Merge exported records (and saved searches and corrections, ``tables``) in one
        write; importing the same export twice changes nothing.

        Raises ``UserDataError`` naming the first malformed record.
        """
        extra_in: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in extras.TABLES}
        for name, items in (tables or {}).items():
            if name not in extras.TABLES:
                continue
            for n, raw in enumerate(items, 1):
                try:
                    rec = extras.NORMALISE[name](raw, f"{name} {n}")
                except extras.ExtraRecordError as exc:
                    raise UserDataError(str(exc)) from exc
                key = extras.table_key(name, rec)
                prev = extra_in[name].get(key)
                extra_in[name][key] = extras.MERGE[name](prev, rec) if prev else rec
        incoming: dict[str, dict[str, Any]] = {}
        for n, raw in enumerate(records, 1):
            try:
                rec = normalise(raw, where=f"entry {n}")
            except RecordError as exc:
                raise UserDataError(str(exc)) from exc
            prev = incoming.get(rec["id"])
            incoming[rec["id"]] = merge(prev, rec) if prev else rec
        counts = {"added": 0, "updated": 0, "unchanged": 0}

        def merge_all(records: dict[str, dict[str, Any]], tables: Tables) -> bool:
            counts.update(added=0, updated=0, unchanged=0)
            for article_id, rec in incoming.items():
                mine = records.get(article_id)
                out = rec if mine is None else merge(mine, rec)
                kind = "added" if mine is None else "unchanged" if out == mine else "updated"
                counts[kind] += 1
                if kind != "unchanged":
                    records[article_id] = out
            changed = False
            for name, found in extra_in.items():
                for key, rec in found.items():
                    mine = tables[name].get(key)
                    out = rec if mine is None else extras.MERGE[name](mine, rec)
                    if out != mine:
                        tables[name][key] = out
                        changed = True
            return changed or counts["added"] + counts["updated"] > 0

        self._commit(merge_all)
        return ImportResult(**counts)

    # -- the write path ----------------------------------------------------------
    def _write(self, edits: Mapping[str, Callable[[dict[str, Any]], None]], at: str) -> None:
        """Apply per-article edits to the freshest records and save them."""

        def apply_all(records: dict[str, dict[str, Any]], _tables: Tables) -> bool:
            changed = False
            for article_id, edit in edits.items():
                old = records.get(article_id)
                rec = _copy(old) if old else new_record(article_id, at)
                edit(rec)
                if old is None and not (has_content(rec) or rec["read"]):
                    continue
                if rec != old:
                    records[article_id] = rec
                    changed = True
            return changed

        self._commit(apply_all)

    def _commit(self, change: Callable[[dict[str, dict[str, Any]], Tables], bool]) -> None:
        """Under the lock: re-read the file if it changed, apply ``change``, replace the file.

        ``change`` edits shallow copies of the article records and of the other tables
        (replacing, never mutating, a record) and returns whether anything changed.
        Memory is only updated once the file is safely written.
        """
        self._refuse_if_read_only()
        with self._mutex:
            try:
                with locked(self.path):
                    self._sync_locked()
                    records = dict(self._records)
                    tables = {name: dict(table) for name, table in self._tables.items()}
                    if not change(records, tables):
                        return
                    blob = encode(records, tables)
                    self._clean_temp_files()
                    write_atomic(self.path, blob)
            except WriteError as exc:
                raise UserDataError(str(exc)) from exc
            except OSError as exc:
                raise UserDataError(describe_os_error(self.path, exc)) from exc
            self._set(records, blob, tables)

    def _sync_locked(self) -> None:
        """Take the file's content if it is not what this process last saw (lock held)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return  # gone (or never written): what is in memory is written back
        if raw == self._raw:
            return
        try:
            records, tables = decode(raw)
        except CorruptError as exc:
            self._read_only = True
            self._message = set_aside(self.path, exc.detail)
            raise ReadOnlyError(self._message) from exc
        self._set(records, raw, tables)

    def _refuse_if_read_only(self) -> None:
        if self._read_only:
            raise ReadOnlyError(self._message or f"{self.path}: user data is read-only")

    def _clean_temp_files(self) -> None:
        """Remove temp files left by writers killed mid-write (lock held, so none is live)."""
        if self._cleaned:
            return
        self._cleaned = True
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


def _signature(path: Path) -> tuple[int, int, int]:
    """Inode, size and modification time: changes whenever the file is replaced."""
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns


def _copy(rec: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(rec)
    out["tags"] = list(rec["tags"])
    out["note_history"] = list(rec["note_history"])
    return out
