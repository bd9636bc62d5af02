"""A result list written out for citation: CSV, JSON or Markdown.

Every format carries, per article in the list's order: newspaper, date, page, title,
byline, id and an excerpt (the opening of the body). Text from the files is made safe
first (``store.sanitize``); CSV cells that a spreadsheet would run as a formula (``=``,
``+``, ``-``, ``@`` first) are quoted with a leading apostrophe; Markdown special
characters are escaped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import orjson

from store.errors import YuebaoError
from store.sanitize import one_line, strip_unsafe

EXPORT_FORMATS = ("csv", "json", "md")
FIELDS = ("newspaper", "date", "page", "title", "byline", "id", "excerpt")
EXCERPT_CHARS = 80
_SUFFIXES = {".csv": "csv", ".json": "json", ".md": "md", ".markdown": "md"}


class ExportError(YuebaoError, ValueError):
    """An export that cannot be written as asked (unknown format)."""


def export_format_for(name: str, default: str = "") -> str:
    """The format a file name asks for by its suffix (``results.md`` → ``md``)."""
    lowered = name.lower()
    for suffix, fmt in _SUFFIXES.items():
        if lowered.endswith(suffix):
            return fmt
    return default


def excerpt(body: str, limit: int = EXCERPT_CHARS) -> str:
    """The opening of ``body`` on one line, cut at ``limit`` characters (… when cut)."""
    text = one_line(body or "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def result_records(
    rows: Iterable[Mapping[str, Any]], body_of: Callable[[str], str]
) -> list[dict[str, Any]]:
    """One record per listed article (``rows``: catalog rows, in order; ``body_of(id)``:
    its body text, read only as each is written)."""
    out: list[dict[str, Any]] = []
    for row in rows:
        article_id = str(row.get("id") or "")
        byline = row.get("byline") or []
        out.append(
            {
                "newspaper": strip_unsafe(str(row.get("newspaper") or "")),
                "date": str(row.get("date") or ""),
                "page": strip_unsafe(str(row.get("page") or "")),
                "title": strip_unsafe(str(row.get("title") or "")),
                "byline": [strip_unsafe(str(n)) for n in byline],
                "id": article_id,
                "excerpt": excerpt(body_of(article_id)),
            }
        )
    return out


def _csv_cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _md(text: str) -> str:
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def render_export(records: list[dict[str, Any]], fmt: str, query: str = "") -> bytes:
    """``records`` (``result_records``) as ``fmt``: ``csv``, ``json`` or ``md``."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(FIELDS)
        for rec in records:
            cells = [rec[k] if k != "byline" else "、".join(rec[k]) for k in FIELDS]
            writer.writerow([_csv_cell(str(c)) for c in cells])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # a BOM: spreadsheets read UTF-8
    if fmt == "json":
        doc = {"query": query, "count": len(records), "articles": records}
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"
    if fmt == "md":
        shown = f"`{query.replace('`', '')}`" if query.strip() else "every article"
        count = f"{len(records)} article" + ("" if len(records) == 1 else "s")
        lines = [f"# 阅报 yuebao — {count}: {shown}", ""]
        for n, rec in enumerate(records, 1):
            where = " · ".join(_md(x) for x in (rec["newspaper"], rec["date"], rec["page"]) if x)
            byline = "、".join(rec["byline"])
            lines.append(f"{n}. **{_md(rec['title'] or '（无题）')}** — {where}")
            meta = " · ".join(x for x in (_md(byline), f"id {rec['id']}") if x)
            lines.append(f"   {meta}")
            if rec["excerpt"]:
                lines.append(f"   > {_md(rec['excerpt'])}")
            lines.append("")
        return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
    raise ExportError(f"unknown export format {fmt!r} (use {', '.join(EXPORT_FORMATS)})")
