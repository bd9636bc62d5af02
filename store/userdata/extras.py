"""The user's saved searches and corrections: their records and how two versions merge.

Both live in the user-data file beside the per-article records, each in its own table::

    "searches":    {NAME_KEY: {"name", "query", "deleted", "seen", "seen_count",
                               "visited_at", "created", "updated"}}
    "corrections": {ID: {"id", "kind", "target", "value", "title", "undone",
                         "created", "updated"}}

``seen`` is the set of articles the search matched at the last visit, as the first
``SEEN_DIGITS`` hex digits of each article id (ids are hashes), sorted and joined: enough
to count the new ones at a million articles in a few megabytes at most. Nothing is ever
deleted: a deleted search and an undone correction stay as records with a flag (so a merge
with an older copy of the file cannot bring them back, and an undo can be undone).

Pure functions only (no file access; see ``store.userdata.data``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from store.corpus.corrections import CorrectionError, check
from store.errors import YuebaoError

SEARCHES = "searches"
CORRECTIONS = "corrections"
TABLES = (SEARCHES, CORRECTIONS)
SEEN_DIGITS = 8


class ExtraRecordError(YuebaoError, ValueError):
    """A saved search or correction record has the wrong shape."""


def search_key(name: str) -> str:
    """The table key of a saved search: its name, spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


def seen_digest(ids: Iterable[str]) -> str:
    """The compact set of ``ids`` stored as a search's ``seen``."""
    return "".join(sorted({i[:SEEN_DIGITS].ljust(SEEN_DIGITS, "0") for i in ids}))


def seen_set(digest: str) -> set[str]:
    """The prefixes in a ``seen`` digest."""
    return {digest[i : i + SEEN_DIGITS] for i in range(0, len(digest), SEEN_DIGITS)}


def new_since(digest: str, ids: Iterable[str]) -> int:
    """How many of ``ids`` were not among the articles seen at the last visit."""
    seen = seen_set(digest)
    return sum(1 for i in ids if i[:SEEN_DIGITS].ljust(SEEN_DIGITS, "0") not in seen)


def new_search(name: str, query: str, at: str, seen: Iterable[str] = ()) -> dict[str, Any]:
    """A saved search record, visited now (``seen``: the articles it matches now)."""
    ids = list(seen)
    return {
        "name": " ".join(name.split()),
        "query": query.strip(),
        "deleted": False,
        "seen": seen_digest(ids),
        "seen_count": len(ids),
        "visited_at": at,
        "created": at,
        "updated": at,
    }


def correction_id(kind: str, target: Any, value: Any, at: str) -> str:
    """A unique id for a correction made at ``at``."""
    digest = hashlib.blake2b(f"{kind}|{target}|{value}|{at}".encode(), digest_size=6)
    return "c" + digest.hexdigest()


def new_correction(kind: str, target: Any, value: Any, at: str, title: str = "") -> dict[str, Any]:
    """A correction record (checked; raises ``ExtraRecordError`` when malformed)."""
    rec: dict[str, Any] = {
        "id": correction_id(kind, target, value, at),
        "kind": kind,
        "target": list(target) if isinstance(target, tuple) else target,
        "value": list(value) if isinstance(value, tuple) else value,
        "undone": False,
        "created": at,
        "updated": at,
    }
    if title:
        rec["title"] = title
    return normalise_correction(rec)


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise ExtraRecordError(f"{where}: '{key}' must be a string")
    return value


def normalise_search(raw: Any, where: str = "saved search") -> dict[str, Any]:
    """A complete saved-search record from stored or imported JSON."""
    if not isinstance(raw, Mapping):
        raise ExtraRecordError(f"{where}: not an object")
    name = " ".join(_text(raw, "name", where).split())
    if not name:
        raise ExtraRecordError(f"{where}: missing 'name'")
    rec = dict(raw)
    rec["name"] = name
    for key in ("query", "seen", "visited_at", "created", "updated"):
        rec[key] = _text(raw, key, where)
    rec["deleted"] = bool(raw.get("deleted", False))
    count = raw.get("seen_count", 0)
    rec["seen_count"] = count if isinstance(count, int) and count >= 0 else 0
    return rec


def normalise_correction(raw: Any, where: str = "correction") -> dict[str, Any]:
    """A complete correction record from stored or imported JSON."""
    if not isinstance(raw, Mapping):
        raise ExtraRecordError(f"{where}: not an object")
    rec = dict(raw)
    if not isinstance(rec.get("id"), str) or not rec["id"]:
        raise ExtraRecordError(f"{where}: missing 'id'")
    for key in ("created", "updated"):
        rec[key] = _text(raw, key, where)
    rec["undone"] = bool(raw.get("undone", False))
    try:
        check(rec)
    except CorrectionError as exc:
        raise ExtraRecordError(str(exc)) from exc
    return rec


def merge_search(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    """Two versions of one saved search: the later edit wins, and the later visit."""
    newer, older = (b, a) if (b["updated"], b["query"]) > (a["updated"], a["query"]) else (a, b)
    rec = dict(older)
    rec.update(newer)
    visit = max((a, b), key=lambda r: (r["visited_at"], r["seen"]))
    if visit["query"] == rec["query"]:
        for key in ("seen", "seen_count", "visited_at"):
            rec[key] = visit[key]
    rec["created"] = min((x for x in (a["created"], b["created"]) if x), default="")
    return rec


def merge_correction(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    """Two versions of one correction: the later change (an undo or redo) wins."""
    return dict(max((a, b), key=lambda r: (r["updated"], r["undone"])))


NORMALISE = {SEARCHES: normalise_search, CORRECTIONS: normalise_correction}
MERGE = {SEARCHES: merge_search, CORRECTIONS: merge_correction}


def table_key(table: str, rec: Mapping[str, Any]) -> str:
    """The key a record is stored under in ``table``."""
    return search_key(rec["name"]) if table == SEARCHES else str(rec["id"])
