"""The user-data file's format: bytes to records and back, and what to do with a bad file.

The file is a TinyDB document::

    {"meta": {"1": {"schema": 2}}, "userdata": {ARTICLE_ID: record, ...},
     "searches": {NAME_KEY: record, ...}, "corrections": {ID: record, ...}}

(article records are described in ``store.userdata.merge``, saved searches and
corrections in ``store.userdata.extras``; TinyDB can read each table with a
``document_id_class`` of ``str``). Schema 1 files (no searches or corrections) read as
they are; a yuebao that only knows schema 1 opens a schema 2 file read-only, so it cannot
drop the tables it does not know.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from store.corpus.db import move_aside
from store.errors import YuebaoError
from store.userdata.extras import NORMALISE, TABLES, ExtraRecordError, table_key
from store.userdata.merge import RecordError, normalise, well_formed

Tables = dict[str, dict[str, dict[str, Any]]]

SCHEMA = 2
TABLE = "userdata"


class CorruptError(YuebaoError):
    """The file is not a usable user-data file (``detail`` says why)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def decode(raw: bytes) -> tuple[dict[str, dict[str, Any]], Tables]:
    """Article records and the other tables (saved searches, corrections) from the file's
    bytes; raises ``CorruptError`` when they are not a user-data file."""
    if not raw or raw.isspace():
        return {}, empty_tables()
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise CorruptError(f"not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise CorruptError("not a user-data document")
    meta = data.get("meta", {}).get("1", {}) if isinstance(data.get("meta"), dict) else {}
    schema = meta.get("schema", SCHEMA) if isinstance(meta, dict) else SCHEMA
    if isinstance(schema, int) and schema > SCHEMA:
        raise CorruptError(f"written by a newer yuebao (schema {schema})")
    table = data.get(TABLE, {})
    if not isinstance(table, dict):
        raise CorruptError(f"'{TABLE}' is not an object")
    records: dict[str, dict[str, Any]] = {}
    try:
        for key, raw_rec in table.items():
            rec = raw_rec if well_formed(raw_rec) else normalise(raw_rec, f"article {key}")
            records[rec["id"]] = rec
    except RecordError as exc:
        raise CorruptError(str(exc)) from exc
    tables = empty_tables()
    for name in TABLES:
        found = data.get(name, {})
        if not isinstance(found, dict):
            raise CorruptError(f"'{name}' is not an object")
        try:
            for key, raw_rec in found.items():
                rec = NORMALISE[name](raw_rec, f"{name} {key}")
                tables[name][table_key(name, rec)] = rec
        except ExtraRecordError as exc:
            raise CorruptError(str(exc)) from exc
    return records, tables


def empty_tables() -> Tables:
    """The saved-search and correction tables of a new file."""
    return {name: {} for name in TABLES}


def encode(records: Mapping[str, Mapping[str, Any]], tables: Tables | None = None) -> bytes:
    """The file's bytes for ``records`` and ``tables``."""
    doc: dict[str, Any] = {"meta": {"1": {"schema": SCHEMA}}, TABLE: records}
    for name in TABLES:
        doc[name] = (tables or {}).get(name, {})
    return orjson.dumps(doc)


def set_aside(path: Path, detail: str) -> str:
    """Move a corrupt user-data file aside (never overwritten); the one-line explanation."""
    if detail.startswith("written by a newer yuebao"):
        return f"{path}: {detail}; bookmarks and notes are read-only (update yuebao)"
    moved = move_aside(path)
    where = f"moved aside to {moved}" if moved else "left in place (could not move it)"
    return (
        f"{path}: user data is corrupt ({detail}); {where}. Bookmarks and notes are "
        "read-only until yuebao restarts; restore with `yuebao notes import BACKUP.json`."
    )
