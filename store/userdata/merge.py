"""User-data records: their shape, normalisation, edits and the per-article merge.

One record per article id (a plain dict, stored as JSON)::

    id, title, newspaper, source, date, page      copied from the article when marked
    bookmarked, bookmarked_at
    tags, tags_at
    note, note_at, note_history: [{"text", "at"}, ...]   older versions, oldest first
    read, read_at
    created, updated

Timestamps are UTC ISO-8601 strings with microseconds (``2026-11-25T17:00:00.123456Z``),
so they compare correctly as strings. Edits (``edit_*``) and the merge never drop text:
a note that loses to a later one goes to ``note_history``.

Pure functions only: no file access here (see ``store.userdata.data``).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from store.errors import YuebaoError

META_KEYS: tuple[str, ...] = ("title", "newspaper", "source", "date", "page")
_TAG_SPLIT = re.compile(r"[,，、;；]")

_last_us = 0


def now() -> str:
    """The current UTC time as a record timestamp, strictly increasing within a process."""
    global _last_us
    us = int(_dt.datetime.now(_dt.UTC).timestamp() * 1_000_000)
    if us <= _last_us:
        us = _last_us + 1
    _last_us = us
    moment = _dt.datetime.fromtimestamp(us / 1_000_000, _dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class RecordError(YuebaoError, ValueError):
    """A record (in the user-data file or an import) has the wrong shape."""


def parse_tags(text: str) -> list[str]:
    """Tags from what a user typed: split on ASCII or full-width commas, ``、`` or ``;``."""
    return clean_tags(_TAG_SPLIT.split(text))


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Stripped, non-empty tags without duplicates (compared case-insensitively), in order."""
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        tag = " ".join(str(tag).split())
        key = tag.casefold()
        if tag and key not in seen:
            seen.add(key)
            out.append(tag)
    return out


def new_record(article_id: str, at: str | None = None) -> dict[str, Any]:
    """An empty record for ``article_id``."""
    at = at or now()
    rec: dict[str, Any] = {"id": article_id}
    rec.update(dict.fromkeys(META_KEYS, ""))
    rec.update(
        bookmarked=False,
        bookmarked_at="",
        tags=[],
        tags_at="",
        note="",
        note_at="",
        note_history=[],
        read=False,
        read_at="",
        created=at,
        updated=at,
    )
    return rec


def _str(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key, "")
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key in META_KEYS:
        return str(value)
    if not isinstance(value, str):
        raise RecordError(f"{where}: '{key}' must be a string")
    return value


def _bool(raw: Mapping[str, Any], key: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise RecordError(f"{where}: '{key}' must be true or false")
    return value


def _history(raw: Mapping[str, Any], where: str) -> list[dict[str, str]]:
    value = raw.get("note_history", []) or []
    if not isinstance(value, list):
        raise RecordError(f"{where}: 'note_history' must be a list")
    out: list[dict[str, str]] = []
    for item in value:
        if not isinstance(item, Mapping):
            raise RecordError(f"{where}: each 'note_history' item must be an object")
        out.append({"text": _str(item, "text", where), "at": _str(item, "at", where)})
    return _sorted_history(out)


def _sorted_history(items: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    unique = {(item["at"], item["text"]) for item in items if item["text"]}
    return [{"text": text, "at": at} for at, text in sorted(unique)]


def normalise(raw: Any, where: str = "record") -> dict[str, Any]:
    """A complete, well-typed record from stored or imported JSON (unknown keys kept).

    Raises ``RecordError`` naming ``where`` and the offending key.
    """
    if not isinstance(raw, Mapping):
        raise RecordError(f"{where}: not an object")
    article_id = raw.get("id")
    if not isinstance(article_id, str) or not article_id:
        raise RecordError(f"{where}: missing article 'id'")
    rec = dict(raw)
    for key in (*META_KEYS, "bookmarked_at", "tags_at", "note", "note_at", "read_at"):
        rec[key] = _str(raw, key, where)
    rec["bookmarked"] = _bool(raw, "bookmarked", where)
    rec["read"] = _bool(raw, "read", where)
    tags = raw.get("tags", []) or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise RecordError(f"{where}: 'tags' must be a list of strings")
    rec["tags"] = clean_tags(tags)
    rec["note_history"] = _history(raw, where)
    stamps = [rec[k] for k in ("bookmarked_at", "tags_at", "note_at", "read_at") if rec[k]]
    rec["created"] = _str(raw, "created", where) or min(stamps, default="")
    rec["updated"] = _str(raw, "updated", where) or max(stamps, default=rec["created"])
    return rec


_STR_KEYS = (
    "id",
    *META_KEYS,
    "bookmarked_at",
    "tags_at",
    "note",
    "note_at",
    "read_at",
    "created",
    "updated",
)


def well_formed(raw: Any) -> bool:
    """A fast check that ``raw`` already has every key with the right type (as written here).

    Opening a file of 10,000 records checks them this way; ``normalise`` handles the rest.
    """
    if type(raw) is not dict or not raw.get("id"):
        return False
    get = raw.get
    if any(type(get(key)) is not str for key in _STR_KEYS):
        return False
    if type(get("bookmarked")) is not bool or type(get("read")) is not bool:
        return False
    tags, history = get("tags"), get("note_history")
    if type(tags) is not list or type(history) is not list:
        return False
    if any(type(t) is not str for t in tags):
        return False
    return all(
        type(h) is dict and type(h.get("text")) is str and type(h.get("at")) is str for h in history
    )


def has_content(rec: Mapping[str, Any]) -> bool:
    """True when the record holds something a user made: a bookmark, tags or a note."""
    return bool(rec["bookmarked"] or rec["tags"] or rec["note"] or rec["note_history"])


# -- edits: one user action applied to the freshest record -----------------------------


def _touch(rec: dict[str, Any], at: str) -> None:
    rec["updated"] = max(rec["updated"], at)


def edit_meta(rec: dict[str, Any], meta: Mapping[str, Any] | None) -> None:
    """Copy the article's title, newspaper, source, date and page into the record."""
    if not meta:
        return
    for key in META_KEYS:
        value = meta.get(key)
        if value not in (None, ""):
            rec[key] = str(value)


def edit_bookmark(rec: dict[str, Any], value: bool, at: str) -> None:
    """Set the bookmark to ``value``."""
    if rec["bookmarked"] != value:
        rec["bookmarked"] = value
        rec["bookmarked_at"] = at
        _touch(rec, at)


def edit_read(rec: dict[str, Any], value: bool, at: str) -> None:
    """Set the read state to ``value``."""
    if rec["read"] != value:
        rec["read"] = value
        rec["read_at"] = at
        _touch(rec, at)


def edit_tags(rec: dict[str, Any], new: Iterable[str], base: Iterable[str], at: str) -> None:
    """Apply the user's change from ``base`` (what they saw) to ``new`` onto the record.

    Tags another session added meanwhile are kept; only the tags this user removed go.
    """
    new_tags = clean_tags(new)
    base_keys = {t.casefold() for t in clean_tags(base)}
    new_keys = {t.casefold() for t in new_tags}
    removed = base_keys - new_keys
    merged = clean_tags([t for t in rec["tags"] if t.casefold() not in removed] + new_tags)
    if merged != rec["tags"]:
        rec["tags"] = merged
        rec["tags_at"] = at
        _touch(rec, at)


def _push_history(rec: dict[str, Any], text: str, at: str) -> None:
    if text:
        rec["note_history"] = _sorted_history([*rec["note_history"], {"text": text, "at": at}])


def edit_note(rec: dict[str, Any], text: str, at: str) -> None:
    """Save ``text`` as the note; whichever of it and the stored note is older goes to history.

    When the stored note is newer than ``at`` (another session saved later), it stays the
    note and ``text`` is kept in the history.
    """
    current, current_at = rec["note"], rec["note_at"]
    if text == current:
        return
    if (at, text) >= (current_at, current):
        _push_history(rec, current, current_at)
        rec["note"], rec["note_at"] = text, at
    else:
        _push_history(rec, text, at)
    _touch(rec, at)


# -- merge: two whole records for the same article --------------------------------------


def merge(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    """Merge two normalised records of one article without losing anything.

    Bookmark and read state: the later change wins. Tags: the union. Note: the later edit
    wins; the other version and both histories are kept in ``note_history``.
    """
    newer, older = (b, a) if _order(b) > _order(a) else (a, b)
    rec = dict(older)
    rec.update(newer)
    for key in META_KEYS:  # the later non-empty value (the larger one on a tie)
        values = [(r["updated"], r[key]) for r in (a, b) if r[key]]
        rec[key] = max(values)[1] if values else ""
    for flag in ("bookmarked", "read"):
        stamp = f"{flag}_at"
        winner = max((a, b), key=lambda r, f=flag, s=stamp: (r[s], r[f]))
        rec[flag], rec[stamp] = winner[flag], winner[stamp]
    first = max((a, b), key=lambda r: (r["tags_at"], r["tags"]))
    rec["tags"] = clean_tags([*first["tags"], *a["tags"], *b["tags"]])
    rec["tags_at"] = max(a["tags_at"], b["tags_at"])
    win, lose = sorted((a, b), key=lambda r: (r["note_at"], r["note"]), reverse=True)
    rec["note"], rec["note_at"] = win["note"], win["note_at"]
    history = [*a["note_history"], *b["note_history"]]
    if lose["note"] != win["note"] and lose["note"]:
        history.append({"text": lose["note"], "at": lose["note_at"]})
    rec["note_history"] = _sorted_history(history)
    rec["created"] = min((x for x in (a["created"], b["created"]) if x), default="")
    rec["updated"] = max(a["updated"], b["updated"])
    return rec


def _order(rec: Mapping[str, Any]) -> tuple[str, bytes]:
    """Which of two records is newer; the full content breaks ties, so merge is symmetric."""
    return rec["updated"], orjson.dumps(rec, option=orjson.OPT_SORT_KEYS)
