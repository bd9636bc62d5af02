"""Export and import formats of user data: JSON (a full backup) and Markdown (to read).

JSON export::

    {"format": "yuebao-notes", "version": 1, "exported": TIMESTAMP, "count": N,
     "entries": [record, ...]}

Each record carries the article's id, title, newspaper, source, date and page with its
bookmark, tags, note, note history and read state (see ``store.userdata.merge``).
``parse_import`` also accepts a bare list of records and a copy of the user-data file.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

import orjson

from store.errors import YuebaoError
from store.sanitize import strip_unsafe
from store.userdata.extras import TABLES
from store.userdata.file import TABLE
from store.userdata.records import Entry

FORMAT = "yuebao-notes"
VERSION = 1


class ImportFormatError(YuebaoError, ValueError):
    """The file to import is not a yuebao notes export (the message says why)."""


def to_json(
    records: Iterable[Mapping[str, Any]],
    exported: str,
    tables: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
) -> bytes:
    """The JSON backup of ``records`` and of ``tables`` (saved searches and corrections)
    (indented, UTF-8, ends with a newline)."""
    entries = list(records)
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported": exported,
        "count": len(entries),
        "entries": entries,
    }
    for name in TABLES:
        doc[name] = list((tables or {}).get(name, ()))
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"


def parse_import_tables(raw: bytes) -> dict[str, list[Any]]:
    """The saved searches and corrections in an export or user-data file (none in older
    exports); call after ``parse_import`` accepted ``raw``."""
    doc = orjson.loads(raw)
    out: dict[str, list[Any]] = {name: [] for name in TABLES}
    if isinstance(doc, dict):
        for name in TABLES:
            found = doc.get(name)
            if isinstance(found, dict):
                out[name] = list(found.values())
            elif isinstance(found, list):
                out[name] = found
            elif found is not None:
                raise ImportFormatError(f"'{name}' must be a list")
    return out


def parse_import(raw: bytes) -> list[Any]:
    """The records in an export (or user-data file); raises ``ImportFormatError``."""
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"#"):
            raise ImportFormatError(
                "this is a Markdown export, for reading; import takes the JSON backup "
                "(yuebao notes export --format json -o backup.json)"
            ) from exc
        raise ImportFormatError(f"not valid JSON ({exc})") from exc
    if isinstance(doc, list):
        return doc
    if not isinstance(doc, dict):
        raise ImportFormatError("not a yuebao notes export (expected a JSON object)")
    if isinstance(doc.get(TABLE), dict) and "entries" not in doc:
        return list(doc[TABLE].values())
    if doc.get("format") != FORMAT or not isinstance(doc.get("entries"), list):
        raise ImportFormatError(
            f'not a yuebao notes export (expected "format": "{FORMAT}" and a list of "entries")'
        )
    version = doc.get("version", VERSION)
    if not isinstance(version, int) or version > VERSION:
        raise ImportFormatError(f"export version {version!r} is newer than this yuebao reads")
    return doc["entries"]


# -- Markdown ------------------------------------------------------------------------------


def _md_text(text: str) -> str:
    """Text safe inside a Markdown line: markup characters escaped, control codes dropped."""
    out = strip_unsafe(text).replace("\\", "\\\\")
    for char in "`*_[]<>#|":
        out = out.replace(char, "\\" + char)
    return " ".join(out.split())


def _quote(text: str) -> list[str]:
    return [f"> {line}".rstrip() for line in strip_unsafe(text).splitlines()] or [">"]


def _stamp(at: str) -> str:
    """``2026-11-25T17:00:12.123456Z`` → ``2026-11-25 17:00 UTC``."""
    return f"{at[:10]} {at[11:16]} UTC" if len(at) >= 16 else at


def entry_markdown(entry: Entry, orphaned: bool = False) -> list[str]:
    """The Markdown lines of one article's bookmark, tags and note."""
    title = _md_text(entry.title) or "(untitled)"
    lines = [f"## {title}", ""]
    where = [_md_text(p) for p in (entry.newspaper, entry.date) if p]
    if entry.page:
        where.append(f"page {_md_text(entry.page)}")
    where.append(f"id `{entry.id}`")
    lines.append(" · ".join(where) + "  ")
    if entry.source:
        lines.append(f"source: {_md_text(entry.source)}  ")
    marks = []
    if entry.bookmarked:
        marks.append("★ bookmarked")
    if entry.tags:
        marks.append("tags: " + ", ".join(_md_text(t) for t in entry.tags))
    if orphaned:
        marks.append("orphaned (article not in the corpus)")
    if marks:
        lines.append(" · ".join(marks))
    if entry.note:
        lines += ["", f"Note ({_stamp(entry.note_at)}):", "", *_quote(entry.note)]
    if entry.history:
        lines += ["", "Earlier versions:", ""]
        for version in reversed(entry.history):
            lines += [f"- {_stamp(version.at)}:", "", *("  " + q for q in _quote(version.text))]
    return [*lines, ""]


def to_markdown(
    entries: Iterable[Entry], exported: str, corpus_ids: Collection[str] | None = None
) -> str:
    """A readable Markdown document of every bookmarked, tagged or noted article."""
    items = list(entries)
    orphaned = {e.id for e in items if corpus_ids is not None and e.id not in corpus_ids}
    summary = f"Exported {_stamp(exported)} · {len(items)} articles"
    if orphaned:
        summary += f" ({len(orphaned)} orphaned)"
    lines = ["# 阅报 yuebao — bookmarks and notes", "", summary, ""]
    for entry in items:
        lines += entry_markdown(entry, entry.id in orphaned)
    return "\n".join(lines).rstrip() + "\n"
