"""The corpus database: TinyDB on an orjson, atomic, file-locked storage.

Two TinyDB files make up one corpus (the user names the first with ``--db``):

- ``corpus.json``: tables ``articles`` (full records), ``files`` (what each source file
  gave, for skipping unchanged files on re-load) and ``meta``.
- ``corpus.catalog.json``: tables ``catalog`` (one light row per article, what the list
  shows) and ``entities`` (the corpus-wide entity table). The app paints from this file
  alone and reads the big one lazily.

Crash consistency: ``corpus.json`` is the truth and each of its writes is atomic; the
catalog records which corpus file it was made from and is rebuilt on open when it was made
from another one. A write that adds, removes or replaces articles also sets ``meta.derived_stale``
in the same write, and the loader clears it only once the entity table is rebuilt, so a load
killed in between is finished by the next one (see ``store.corpus.loader``).

The corpus is rebuildable; user data (bookmarks, notes) lives elsewhere (``userdata``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import errno
import gc
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import orjson
from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage

from store.corpus.segments import (
    Manifest,
    file_stamp,
    manifest_path_for,
    remove_segment_files,
    segment_path_for,
)
from store.errors import YuebaoError
from store.files import WriteError, locked, write_atomic

SCHEMA_VERSION = 1
CATALOG_KEYS = ("id", "title", "newspaper", "date", "page", "byline", "source", "dateline")


class DatabaseError(YuebaoError):
    """A database problem explained in one line for the user."""


class CorruptDatabaseError(DatabaseError):
    """The database file could not be parsed; it was moved aside, never overwritten."""

    def __init__(self, path: Path, moved_to: Path | None, detail: str) -> None:
        self.path = path
        self.moved_to = moved_to
        where = f"; moved aside to {moved_to}" if moved_to else ""
        super().__init__(
            f"{path}: corrupt database ({detail}){where}. "
            "Rebuild it with `yuebao load PATH…` (your bookmarks and notes are kept apart)."
        )


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of small containers.

    Loading or indexing a large corpus allocates lists and dicts by the million; each
    allocation burst would otherwise trigger full collections over everything already
    loaded (measured: orjson reading a 60 MB corpus takes 2.5 s with the collector, 0.45 s
    without). Nothing built here forms reference cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def move_aside(path: Path) -> Path | None:
    """Rename a broken file to ``NAME.YYYYmmdd-HHMMSS.corrupt``; None if that failed."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.corrupt")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{stamp}-{n}.corrupt")
        n += 1
    try:
        os.replace(path, target)
    except OSError:
        try:
            shutil.copy2(path, target)
        except OSError:
            return None
    return target


def describe_os_error(path: Path, exc: OSError) -> str:
    """One line naming the file and what went wrong with it."""
    reasons = {
        errno.ENOSPC: "no space left on the device",
        errno.EACCES: "permission denied",
        errno.EROFS: "read-only file system",
        errno.EPERM: "operation not permitted",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{path}: cannot write ({reason}); the previous file is unchanged"


FileStamp = tuple[int, int, int]  # inode, size, mtime_ns: every atomic write makes a new one


def _file_stamp(path: Path) -> FileStamp | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class OrjsonAtomicStorage(Storage):
    """TinyDB storage: orjson encoding, atomic replace on write, a file lock around it.

    What it read (or wrote) is kept while the file is unchanged (same inode, size and
    mtime), so the many table calls of one load or query parse each file once; a write by
    another session replaces the file and is read again. A file that does not parse raises
    ``CorruptDatabaseError`` after being moved aside.
    """

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._kept: tuple[FileStamp, dict[str, dict[str, Any]]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            stamp = _file_stamp(self.path)
        except OSError as exc:
            raise DatabaseError(f"{self.path}: cannot read ({exc.strerror})") from exc
        if stamp is None:
            self._kept = None
            return None
        if self._kept is not None and self._kept[0] == stamp:
            return self._kept[1]
        try:
            raw = self.path.read_bytes()
            stamp = _file_stamp(self.path)  # as read (a writer may have replaced it since)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DatabaseError(f"{self.path}: cannot read ({exc.strerror})") from exc
        if not raw.strip():
            return None
        data = self.parse(raw)
        if stamp is not None and len(raw) == stamp[1]:
            self._kept = (stamp, data)
        return data

    def parse(self, raw: bytes) -> dict[str, dict[str, Any]]:
        """The document in ``raw``; a broken one is moved aside (``CorruptDatabaseError``)."""
        try:
            with no_gc():  # the collector would rescan every object decoded so far
                data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            moved = move_aside(self.path)
            raise CorruptDatabaseError(self.path, moved, f"not valid JSON: {exc}") from exc
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            moved = move_aside(self.path)
            raise CorruptDatabaseError(self.path, moved, "not a TinyDB document")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise DatabaseError(f"{self.path}: opened read-only")
        self._kept = None  # the caller may have changed what it read: never serve that
        blob = orjson.dumps(data)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with locked(self.path):
                write_atomic(self.path, blob)
                stamp = _file_stamp(self.path)
        except WriteError:
            raise
        except OSError as exc:
            raise WriteError(describe_os_error(self.path, exc)) from exc
        if stamp is not None and stamp[1] == len(blob):
            self._kept = (stamp, data)

    def close(self) -> None:  # nothing held open between calls
        pass


class BatchCounts(NamedTuple):
    """What one ``CorpusDB.add_batch`` did, in articles."""

    new: int
    unchanged: int
    replaced: int  # stored articles replaced by a re-read file's changed version
    settled: bool = False  # the entity table was rebuilt in the same write (``settle``)


#: Rebuilds the derived entity data from every article of a corpus about to be written:
#: ``(articles) -> (entities by id for the articles whose records change, entity table)``.
Settle = Callable[
    [list[dict[str, Any]]], tuple[Mapping[str, list[dict[str, Any]]], list[dict[str, Any]]]
]


def _add_unlisted(table: dict[str, Any], rows: Iterable[dict[str, Any]]) -> None:
    """Add to a TinyDB ``table`` (documents by key) the ``rows`` whose ids it does not
    hold, under the next keys."""
    listed = {doc.get("id") for doc in table.values()}
    next_key = max((int(k) for k in table), default=0) + 1
    for row in rows:
        if row.get("id") not in listed:
            table[str(next_key)] = row
            listed.add(row.get("id"))
            next_key += 1


def catalog_path_for(db_path: Path) -> Path:
    """The light catalog file that sits beside a corpus database."""
    return db_path.with_name(db_path.stem + ".catalog.json")


def index_path_for(db_path: Path) -> Path:
    """The search index file that sits beside a corpus database (``store.search.index``)."""
    return Path(db_path).with_name(Path(db_path).stem + ".index.bin")


def delta_path_for(index_path: Path) -> Path:
    """Where the delta of the search index at ``index_path`` is kept (``store.search.delta``)."""
    return index_path.with_name(index_path.stem + ".delta" + index_path.suffix)


def catalog_row(article: Mapping[str, Any]) -> dict[str, Any]:
    """The list row of one article (what the explorer paints without the body)."""
    row = {key: article.get(key, "") for key in CATALOG_KEYS}
    row["entities"] = [
        [e["name"], e["type"], e.get("role", "")] for e in article.get("entities", []) or []
    ]
    return row


class CorpusDB:
    """The stored corpus: articles, per-file fingerprints, catalog rows and entities."""

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        self.path = Path(path)
        self.catalog_path = catalog_path_for(self.path)
        self.read_only = read_only
        self._db = TinyDB(self.path, storage=OrjsonAtomicStorage, read_only=read_only)
        self._catalog = TinyDB(self.catalog_path, storage=OrjsonAtomicStorage, read_only=read_only)
        self.manifest_path = manifest_path_for(self.path)
        self._manifest_store = OrjsonAtomicStorage(self.manifest_path, read_only=read_only)
        self._segment_stores: dict[str, OrjsonAtomicStorage] = {}
        self._manifest_kept: tuple[Any, list[int] | None, Manifest | None] | None = None
        self._by_id: dict[str, dict[str, Any]] | None = None
        self.repair_error = ""  # why a catalog rebuilt on open could not be saved
        if not read_only:
            self._remove_stale_temps()
            self._repair_catalog()

    # -- consistency -----------------------------------------------------------
    def _corpus_stamp(self) -> dict[str, int] | None:
        """Size and mtime of the corpus file as it is now (None: there is none)."""
        stamp = file_stamp(self.path)
        return {"size": stamp[0], "mtime_ns": stamp[1]} if stamp else None

    def _stamped(self, cat: dict[str, Any]) -> dict[str, Any]:
        """``cat`` marked as derived from the corpus file as it is now."""
        stamp = self._corpus_stamp()
        cat["stamp"] = {"1": stamp} if stamp else {}
        return cat

    def _remove_stale_temps(self) -> None:
        """Delete the temp files a killed write left (``.corpus.json.XXXX.tmp``, and those
        of the catalog and the index): every write of these files happens under their lock,
        so while we hold it none is being written."""
        if not self.path.parent.is_dir():
            return
        index_path = index_path_for(self.path)
        delta_path = delta_path_for(index_path)
        names = (
            self.path.name,
            self.catalog_path.name,
            index_path.name,
            delta_path.name,
            self._checked_path.name,
            self.manifest_path.name,
            f"{self.path.stem}.seg-*.json",
        )
        stale = [
            p for name in names for p in self.path.parent.glob(f".{name}.*.tmp") if p.is_file()
        ]
        if not stale:
            return
        try:  # the index and its delta are written under their own locks
            with locked(self.path), locked(index_path), locked(delta_path):
                for p in stale:
                    p.unlink(missing_ok=True)
        except (OSError, WriteError):
            pass  # another session holds the lock: it cleans up when it opens next time

    @property
    def _checked_path(self) -> Path:
        return self.path.with_name(self.path.stem + ".checked.json")

    def _both_stamps(self) -> list[int] | None:
        try:
            a, b = self.path.stat(), self.catalog_path.stat()
        except OSError:
            return None
        return [a.st_size, a.st_mtime_ns, b.st_size, b.st_mtime_ns]

    def _checked_before(self) -> bool:
        """Did a check find this corpus file and this catalog agreeing (both files exactly
        as they are now)? Saves parsing a large catalog on every open."""
        stamps = self._both_stamps()
        try:
            return stamps is not None and orjson.loads(self._checked_path.read_bytes()) == stamps
        except (OSError, orjson.JSONDecodeError):
            return False

    def _note_checked(self) -> None:
        """Remember that the two files agree as they are now (a hint: any change to either
        file makes it void, and then the catalog's own stamp is checked again)."""
        stamps = self._both_stamps()
        if stamps is not None:
            with contextlib.suppress(OSError, WriteError):
                write_atomic(self._checked_path, orjson.dumps(stamps))

    def _repair_catalog(self) -> None:
        """The catalog derives from the corpus file; every write of both records which
        corpus file the catalog was made from (size, mtime). A catalog made from another
        corpus file (a crash or a full disk between the two writes, a corpus file moved
        aside or restored), or no catalog beside a corpus file, is rebuilt from the corpus:
        never shown as it is (an empty list, or every article twice after a re-load)."""
        had_catalog = self.catalog_path.exists()
        if not had_catalog and not self.path.exists():
            return  # a corpus not made yet
        if self._checked_before():
            return  # neither file changed since a check found them agreeing
        with locked(self.path):
            cat = self._catalog.storage.read() or {}
            recorded = (cat.get("stamp") or {}).get("1")
            now = self._corpus_stamp()
            if had_catalog and recorded is None and now is not None:
                self._catalog.storage.write(self._stamped(cat))  # a catalog from before stamps
                return
            if recorded == now and now is not None:
                self._note_checked()
                return  # (no corpus file at all: whatever the catalog lists is gone)
            articles = self._rows(self._db, "articles")
            from store.entities.merge import corpus_rows

            rebuilt: dict[str, Any] = {
                "catalog": {str(i + 1): catalog_row(a) for i, a in enumerate(articles)},
                "entities": {
                    str(i + 1): row
                    for i, row in enumerate(corpus_rows(a.get("entities") for a in articles))
                },
            }
            try:
                self._catalog.storage.write(self._stamped(rebuilt))
            except WriteError as exc:  # a full disk: show the rebuilt catalog all the same
                self.repair_error = str(exc)
                self._catalog = TinyDB(storage=MemoryStorage)
                self._catalog.storage.write(rebuilt)

    # -- reading ---------------------------------------------------------------
    @staticmethod
    def _rows(db: TinyDB, table: str) -> list[dict[str, Any]]:
        """Copies of a table's documents, in stored order, read straight from the (cached)
        storage: TinyDB's ``all()`` wraps each one in a ``Document`` first, which at
        100,000 rows is most of the time a read takes."""
        data = db.storage.read() or {}
        found = data.get(table) or {}
        if not isinstance(found, dict):
            return []
        with no_gc():
            return [dict(doc) for doc in found.values()]

    def articles(self) -> list[dict[str, Any]]:
        """Every stored article (full records): the base file's, then each segment's."""
        rows = self._rows(self._db, "articles")
        for path in self.segment_paths():
            rows.extend(self.segment_rows(path))
        return rows

    # -- segments (``store.corpus.segments``) ------------------------------------
    def _live_manifest(self) -> Manifest | None:
        """The manifest made for the base file as it is now; None if there is none.
        (Kept while neither file changes: asked on every read; not to be modified.)"""
        data = self._manifest_store.read()
        base = file_stamp(self.path)
        kept = self._manifest_kept
        if kept is not None and kept[0] is data and kept[1] == base:
            return kept[2]
        manifest = Manifest.from_doc((data or {}).get("manifest", {}).get("1"))
        if manifest is not None and manifest.base != base:
            manifest = None
        self._manifest_kept = (data, base, manifest)
        return manifest

    def segment_paths(self) -> list[Path]:
        """The segment files appended since the base file's last full write."""
        manifest = self._live_manifest()
        return manifest.paths(self.path) if manifest is not None else []

    def record_files(self) -> list[Path]:
        """The files holding the article records, in order: base file, then segments."""
        return [self.path, *self.segment_paths()]

    def segment_rows(self, path: Path, table: str = "articles") -> list[dict[str, Any]]:
        """The rows of one table of a segment file (``articles`` or ``catalog``)."""
        store = self._segment_stores.get(path.name)
        if store is None:
            store = self._segment_stores[path.name] = OrjsonAtomicStorage(path, read_only=True)
        data = store.read() or {}
        with no_gc():
            return [dict(doc) for doc in (data.get(table) or {}).values()]

    def can_append(self, adding: int) -> bool:
        """Would adding ``adding`` new articles go into a segment (not a full write)?"""
        manifest = self._live_manifest()
        if manifest is None or self.read_only or manifest.meta.get("derived_stale"):
            return False
        base_articles = self.article_count() - manifest.segment_articles
        return manifest.room_for(base_articles, adding)

    def _with_segments(self) -> dict[str, Any]:
        """The base file's document with the segments' articles folded in and the
        manifest's file records and facts (what a full write writes)."""
        data = self._db.storage.read() or {}
        manifest = self._live_manifest()
        if manifest is None:
            return data
        articles = data.setdefault("articles", {})
        for path in manifest.paths(self.path):
            _add_unlisted(articles, self.segment_rows(path))
        data["files"] = {str(i + 1): rec for i, rec in enumerate(manifest.files.values())}
        data["meta"] = {"1": dict(manifest.meta)}
        return data

    def _catalog_with_segments(self) -> dict[str, Any]:
        """The catalog file's document with the segments' rows and the manifest's entity
        table folded in (what a full write writes beside ``_with_segments``)."""
        cat = self._catalog.storage.read() or {}
        manifest = self._live_manifest()
        if manifest is None or not manifest.segments:
            return cat
        rows = cat.setdefault("catalog", {})
        for path in manifest.paths(self.path):
            _add_unlisted(rows, self.segment_rows(path, "catalog"))
        if manifest.entities is not None:
            cat["entities"] = {str(i + 1): dict(e) for i, e in enumerate(manifest.entities)}
        return cat

    def _write_full(self, data: dict[str, Any]) -> None:
        """Write the base file (the segments are in it now: deleted). The catalog is
        written next, then ``_write_catalog`` writes the manifest made for both."""
        self._db.storage.write(data)
        remove_segment_files(self.path)
        self._segment_stores.clear()

    def _write_catalog(self, cat: dict[str, Any]) -> None:
        """Write the catalog of the base file as it is now, then the manifest mirroring
        both (``store.corpus.segments``; without it a load reads the two files instead)."""
        self._catalog.storage.write(self._stamped(cat))
        self._note_checked()  # the two files agree: the next open need not parse the catalog
        stamp = file_stamp(self.path)
        if stamp is None:
            return
        data = self._db.storage.read() or {}  # kept from the write (or read once)
        files = {str(rec.get("path")): rec for rec in (data.get("files") or {}).values()}
        meta = dict((data.get("meta") or {}).get("1") or {})
        old = Manifest.from_doc((self._manifest_store.read() or {}).get("manifest", {}).get("1"))
        manifest = Manifest(
            stamp,
            meta,
            files,
            [],
            old.next if old else 1,
            entities=list((cat.get("entities") or {}).values()),
            ids=[str(doc.get("id")) for doc in (data.get("articles") or {}).values()],
        )
        try:
            self._manifest_store.write({"manifest": {"1": manifest.to_doc()}})
        except WriteError:
            self.manifest_path.unlink(missing_ok=True)  # a stale one would be ignored too

    def append_segment(
        self,
        articles: Iterable[Mapping[str, Any]],
        files: Iterable[Mapping[str, Any]],
        meta: Mapping[str, Any],
        settle: Settle,
    ) -> BatchCounts:
        """Add new articles as one segment (``can_append`` said yes): the segment file
        with their records and catalog rows, then the manifest that lists it, with
        ``files``, ``meta`` and the entity table ``settle`` gives (``settle(new articles)``
        settles them on the stored table). Nothing else is read or written."""
        with locked(self.path):
            live = self._live_manifest()
            if live is None:
                raise DatabaseError(f"{self.path}: no manifest to append a segment to")
            # what this changes is copied: the kept manifest stays as read until written
            manifest = dataclasses.replace(
                live, segments=list(live.segments), files=dict(live.files), meta=dict(live.meta)
            )
            known = self.ids()
            new_docs: list[dict[str, Any]] = []
            unchanged = 0
            for article in articles:
                if article["id"] in known:
                    unchanged += 1
                    continue
                known.add(article["id"])
                new_docs.append(dict(article))
            if new_docs:
                retyped, table = settle(new_docs)
                for doc in new_docs:
                    if doc["id"] in retyped:
                        doc["entities"] = retyped[doc["id"]]
                path = segment_path_for(self.path, manifest.next)
                blob = {
                    "articles": {str(i + 1): doc for i, doc in enumerate(new_docs)},
                    "catalog": {str(i + 1): catalog_row(doc) for i, doc in enumerate(new_docs)},
                }
                try:
                    write_atomic(path, orjson.dumps(blob))
                except OSError as exc:
                    raise WriteError(describe_os_error(path, exc)) from exc
                manifest.segments.append({"name": path.name, "articles": len(new_docs)})
                manifest.next += 1
                manifest.entities = table
            for rec in files:
                manifest.files[str(rec["path"])] = dict(rec)
            manifest.meta.update(meta)
            manifest.meta["schema"] = SCHEMA_VERSION
            self._manifest_store.write({"manifest": {"1": manifest.to_doc()}})
        self._by_id = None
        return BatchCounts(len(new_docs), unchanged, 0, True)

    def _index(self) -> dict[str, dict[str, Any]]:
        if self._by_id is None:
            self._by_id = {doc["id"]: doc for doc in self.articles()}
        return self._by_id

    def get(self, article_id: str) -> dict[str, Any] | None:
        """One article by id, or None."""
        return self._index().get(article_id)

    def ids(self) -> set[str]:
        """The ids of every stored article (from the manifest when it lists them)."""
        manifest = self._live_manifest()
        if manifest is None or manifest.ids is None:
            return {row["id"] for row in self.catalog()}
        found = set(manifest.ids)
        for path in manifest.paths(self.path):
            found.update(row["id"] for row in self.segment_rows(path, "catalog"))
        return found

    def article_count(self) -> int:
        """How many articles the corpus holds (read from the manifest or the catalog)."""
        manifest = self._live_manifest()
        if manifest is None:
            return len(self._catalog.table("catalog"))
        base = (
            len(manifest.ids) if manifest.ids is not None else len(self._catalog.table("catalog"))
        )
        return base + manifest.segment_articles

    def catalog(self) -> list[dict[str, Any]]:
        """The light rows the article list shows, one per article (the base file's from
        the catalog file, then each segment's)."""
        rows = self._rows(self._catalog, "catalog")
        for path in self.segment_paths():
            rows.extend(self.segment_rows(path, "catalog"))
        return rows

    def entities(self) -> list[dict[str, Any]]:
        """The corpus-wide entity table (name, type, count, aliases, ...): the manifest's
        copy (amended by the segments), else the catalog file's."""
        manifest = self._live_manifest()
        if manifest is not None and manifest.entities is not None:
            with no_gc():
                return [dict(row) for row in manifest.entities]
        return self._rows(self._catalog, "entities")

    def file_records(self) -> dict[str, dict[str, Any]]:
        """What each loaded file gave, keyed by its absolute path (from the manifest when
        there is one: the base file is not parsed)."""
        manifest = self._live_manifest()
        if manifest is not None:
            return {path: dict(rec) for path, rec in manifest.files.items()}
        return {doc["path"]: dict(doc) for doc in self._db.table("files").all()}

    # -- writing ---------------------------------------------------------------
    def add_batch(
        self,
        articles: Iterable[Mapping[str, Any]],
        files: Iterable[Mapping[str, Any]] = (),
        entities: Iterable[Mapping[str, Any]] | None = None,
        remove: Iterable[str] = (),
        refresh: Iterable[str] = (),
        meta: Mapping[str, Any] | None = None,
        settle: Settle | None = None,
    ) -> BatchCounts:
        """Add articles (skipping ids already stored) and file records, and delete the
        articles ``remove`` names, in one write per file (so a crash keeps all or none).
        A stored article whose id is in ``refresh`` (its file was read again) is replaced
        by the given one when they differ (an edited byline keeps the id).

        ``meta`` is merged into the corpus facts in the same write. ``settle``, when given
        and the corpus changes (or a load before was cut short), rebuilds the entity table
        and the articles' settled entities from the corpus as it will be, written in the
        same write of each file: a load's last batch is then one write per file.

        Returns the new, unchanged and replaced article counts.
        """
        gone = set(remove)
        wanted = set(refresh)
        existing = self._index()
        new_docs: list[dict[str, Any]] = []
        changed: dict[str, dict[str, Any]] = {}
        unchanged = 0
        for article in articles:
            if article["id"] in gone:
                continue
            if article["id"] in existing:
                unchanged += 1
                if article["id"] in wanted and existing[article["id"]] != article:
                    changed[article["id"]] = dict(article)
                continue
            doc = dict(article)
            existing[doc["id"]] = doc
            new_docs.append(doc)
        file_docs = [dict(f) for f in files]
        if not (new_docs or file_docs or changed or gone) and entities is None:
            if meta:
                self.set_meta(meta)
            return BatchCounts(0, unchanged, 0)
        with locked(self.path):
            settled = self._write_batch(
                new_docs, file_docs, entities, gone, changed, meta or {}, settle
            )
        if settled:
            self._by_id = None  # the settled entities are read back when asked for
        else:
            for aid in gone:
                existing.pop(aid, None)
            existing.update(changed)
        return BatchCounts(len(new_docs), unchanged, len(changed), settled)

    def _write_articles(
        self,
        new_docs: list[dict[str, Any]],
        file_docs: list[dict[str, Any]],
        gone: set[str],
        changed: dict[str, dict[str, Any]],
        facts: Mapping[str, Any],
        settle: Settle | None = None,
    ) -> tuple[
        list[dict[str, Any]], tuple[Mapping[str, list[dict[str, Any]]], list[dict[str, Any]]] | None
    ]:
        """Add articles and file records to the big file, delete the ``gone`` ids and
        replace the ``changed`` ones, merge ``facts`` into meta, and ``settle`` the entities
        of the result if given; returns the docs really added and what ``settle`` gave."""
        data = self._with_segments()
        art_table = data.setdefault("articles", {})
        touched = False  # an article removed or replaced
        if gone:
            kept = {k: v for k, v in art_table.items() if v.get("id") not in gone}
            touched = len(kept) < len(art_table)
            art_table = data["articles"] = kept
        for key, doc in art_table.items():
            if doc.get("id") in changed:
                art_table[key] = changed[doc["id"]]
                touched = True
        stored_ids = {doc.get("id") for doc in art_table.values()}
        new_docs = [doc for doc in new_docs if doc["id"] not in stored_ids]  # another session's
        next_id = max((int(k) for k in art_table), default=0) + 1
        for doc in new_docs:
            art_table[str(next_id)] = doc
            next_id += 1
        if file_docs:
            by_path = {rec["path"]: key for key, rec in data.setdefault("files", {}).items()}
            file_table = data["files"]
            next_file = max((int(k) for k in file_table), default=0) + 1
            for rec in file_docs:
                key = by_path.get(rec["path"])
                if key is None:
                    key = str(next_file)
                    next_file += 1
                file_table[key] = rec
        meta = data.setdefault("meta", {}).setdefault("1", {})
        was_stale = bool(meta.get("derived_stale"))
        meta.update(facts)
        meta["schema"] = SCHEMA_VERSION
        if new_docs or touched:
            meta["derived_stale"] = True
        settled = None
        if settle is not None and (new_docs or touched or was_stale):
            docs = list(art_table.values())
            retyped, table = settle(docs)
            for doc in docs:
                if doc.get("id") in retyped:
                    doc["entities"] = retyped[doc["id"]]
            settled = (retyped, table)
            meta["derived_stale"] = False
        self._write_full(data)
        return new_docs, settled

    def _write_batch(
        self,
        new_docs: list[dict[str, Any]],
        file_docs: list[dict[str, Any]],
        entities: Iterable[Mapping[str, Any]] | None,
        gone: set[str],
        changed: dict[str, dict[str, Any]],
        facts: Mapping[str, Any],
        settle: Settle | None = None,
    ) -> bool:
        settled = None
        folding = bool(self.segment_paths())  # the segments go into the base file now
        cat = self._catalog_with_segments()
        if new_docs or file_docs or gone or changed or facts or folding:
            new_docs, settled = self._write_articles(
                new_docs, file_docs, gone, changed, facts, settle
            )
        cat_table = cat.setdefault("catalog", {})
        if gone:
            cat_table = cat["catalog"] = {
                k: v for k, v in cat_table.items() if v.get("id") not in gone
            }
        for key, row in cat_table.items():
            if row.get("id") in changed:
                cat_table[key] = catalog_row(changed[row["id"]])
        next_row = max((int(k) for k in cat_table), default=0) + 1
        for doc in new_docs:
            cat_table[str(next_row)] = catalog_row(doc)
            next_row += 1
        if settled is not None:
            retyped, entities = settled
            for row in cat_table.values():
                if row.get("id") in retyped:
                    row["entities"] = catalog_row({"entities": retyped[row["id"]]})["entities"]
        if entities is not None:
            cat["entities"] = {str(i + 1): dict(e) for i, e in enumerate(entities)}
        self._write_catalog(cat)
        return settled is not None

    def meta(self) -> dict[str, Any]:
        """Corpus-level facts (schema version, the entity extractor that filled it)."""
        manifest = self._live_manifest()
        if manifest is not None:
            return dict(manifest.meta)
        doc = self._db.table("meta").get(doc_id=1)
        return dict(doc) if doc else {}

    def replace_entities(
        self,
        by_id: Mapping[str, list[dict[str, Any]]],
        meta: Mapping[str, Any],
        table: Iterable[Mapping[str, Any]] | None = None,
    ) -> None:
        """Store new per-article entities (e.g. after the extractor changed) and, when given,
        the corpus entity ``table``, in one write of each file. ``meta`` is merged into the
        corpus facts; without a ``table`` the derived data is marked stale."""
        with locked(self.path):
            data = self._with_segments()
            cat = self._catalog_with_segments()
            for doc in data.get("articles", {}).values():
                if doc.get("id") in by_id:
                    doc["entities"] = by_id[doc["id"]]
            facts = data.setdefault("meta", {}).setdefault("1", {})
            facts.update({"derived_stale": table is None, **meta})
            self._write_full(data)
            for row in cat.get("catalog", {}).values():
                if row.get("id") in by_id:
                    row["entities"] = catalog_row({"entities": by_id[row["id"]]})["entities"]
            if table is not None:
                cat["entities"] = {str(i + 1): dict(e) for i, e in enumerate(table)}
            self._write_catalog(cat)
        self._by_id = None

    def set_meta(self, meta: Mapping[str, Any]) -> None:
        """Merge ``meta`` into the corpus-level facts."""
        with locked(self.path):
            data = self._with_segments()
            cat = self._catalog_with_segments()
            data.setdefault("meta", {}).setdefault("1", {}).update(meta)
            self._write_full(data)
            self._write_catalog(cat)  # still made from this corpus

    def close(self) -> None:
        """Release the TinyDB handles."""
        self._db.close()
        self._catalog.close()
