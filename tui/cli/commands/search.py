"""``yuebao search QUERY [--json] [--limit N] [--export csv|json|md] [-o FILE]``.

The filter line's query language on the CLI. Prints one line per article (date, newspaper,
page, title, id), newest first, and ``N of M articles`` on stderr; ``--json`` prints one
JSON document with the articles, the highlight terms and the entity facets. ``--export``
writes the whole result list (or ``--limit`` of it) for citation — newspaper, date, page,
title, byline, id and an excerpt — to ``-o FILE`` (written atomically; the format may come
from its suffix) or stdout. A malformed query exits 2 with its one-line message.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui.cli.errors import UserError

DEFAULT_LIMIT = 50


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``search`` sub-command."""
    p = sub.add_parser(
        "search",
        help="search the corpus with the filter-line query language",
        description="Search the corpus. Terms are ANDed and match title or body as "
        'substrings; -term excludes; "a phrase"; A OR B; fields title: person: place: org: '
        "reporter: source: newspaper: date:2022-12 date:2022-12-01..2022-12-15 "
        "is:bookmarked is:unread has:note tag:NAME; sort:relevance. Latin letters also "
        "match titles and entity names by pinyin (gxq, haier); traditional characters "
        "match simplified ones.",
    )
    p.add_argument("query", metavar="QUERY", help="the query (quote it for the shell)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text lines")
    p.add_argument(
        "--limit",
        type=int,
        default=None,
        metavar="N",
        help=f"show at most N articles (default {DEFAULT_LIMIT}, an export all; 0 = all)",
    )
    p.add_argument(
        "--export",
        choices=("csv", "json", "md"),
        metavar="FORMAT",
        help="write the result list as csv, json or md (Markdown) for citation",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where --export writes (default: stdout; a .csv/.json/.md name sets the format)",
    )
    p.set_defaults(func=run)


def _needs_userdata(query: str) -> bool:
    from store.search import Field, parse

    def walk(node: Any) -> bool:
        if isinstance(node, Field):
            return node.name in ("is", "has", "tag")
        children = getattr(node, "children", None) or [getattr(node, "child", None)]
        return any(walk(c) for c in children if c is not None)

    return walk(parse(query).root)


def _userdata_view(query: str) -> Any:
    """The user's bookmarks and notes, opened only when the query asks about them."""
    if not _needs_userdata(query):
        return None
    from store.userdata import UserData

    return UserData.open()


def run(args: argparse.Namespace) -> int:
    """Run the query; 0 on success (even with no hits), 2 on a malformed query."""
    import orjson

    from store.search import QueryError, SearchEngine, parse
    from tui.cli.corpus_open import open_view_or_fail

    fmt = _export_format(args)
    if args.limit is None:
        args.limit = 0 if fmt else DEFAULT_LIMIT
    if args.limit < 0:
        raise UserError("--limit must be 0 (all) or more", code=2)
    try:
        parse(args.query)
    except QueryError as exc:
        raise UserError(f"bad query: {exc}", code=2) from exc
    db = open_view_or_fail(args)
    engine = SearchEngine.open(db)
    result = engine.search(args.query, _userdata_view(args.query))
    if result.error:  # parse() above agrees, but never print results for a bad query
        raise UserError(f"bad query: {result.error}", code=2)
    shown = result.ids if args.limit == 0 else result.ids[: args.limit]
    rows = _rows(engine, db, shown)
    if fmt:
        return _export(engine, [rows[i] for i in shown if i in rows], fmt, args)
    if args.json:
        doc = {
            "query": args.query,
            "count": len(result.ids),
            "total": result.total,
            "articles": [_json_row(rows[i]) for i in shown if i in rows],
            "terms": result.terms,
            "facets": [
                {"name": name, "type": etype, "count": count}
                for (name, etype), count in sorted(result.facets.items(), key=lambda kv: -kv[1])
            ],
        }
        sys.stdout.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    for article_id in shown:
        row = rows.get(article_id)
        if row is not None:
            print(_text_row(row))
    more = f", first {len(shown)} shown" if len(shown) < len(result.ids) else ""
    print(f"{len(result.ids)} of {result.total} articles{more}", file=sys.stderr)
    return 0


def _rows(engine: Any, db: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The list rows of ``ids``: a few read from the corpus file by seek (the engine knows
    where each starts), many (or any it cannot read) from the catalog."""
    from store.corpus import catalog_row

    rows: dict[str, dict[str, Any]] = {}
    if len(ids) <= 200:
        for article_id in ids:
            article = engine.read_article(article_id)
            if article is not None:
                rows[article_id] = catalog_row(article)
    if len(rows) < len(ids):
        wanted = set(ids) - set(rows)
        rows.update((r["id"], r) for r in db.catalog() if r["id"] in wanted)
    return rows


def _export_format(args: argparse.Namespace) -> str:
    """The export format asked for: ``--export``, else the suffix of ``-o`` ("" for none)."""
    from store.search import export_format_for

    if args.export:
        return str(args.export)
    if args.output and args.output != "-":
        fmt = export_format_for(args.output)
        if not fmt:
            raise UserError(f"{args.output}: say --export csv, json or md for this file", code=2)
        return fmt
    return ""


def _export(engine: Any, rows: list[dict[str, Any]], fmt: str, args: argparse.Namespace) -> int:
    from pathlib import Path

    from store.files import WriteError, write_atomic
    from store.search import render_export, result_records

    def body_of(article_id: str) -> str:
        article = engine.read_article(article_id)  # one seek, not a parse of the corpus
        return str(article.get("body") or "") if article else ""

    blob = render_export(result_records(rows, body_of), fmt, args.query)
    if not args.output or args.output == "-":
        sys.stdout.buffer.write(blob)
        sys.stdout.flush()
    else:
        target = Path(args.output).expanduser()
        try:
            write_atomic(target, blob)
        except (OSError, WriteError) as exc:
            raise UserError(f"{target}: cannot write the export ({exc})") from exc
        print(f"{len(rows)} articles written to {target} ({fmt})", file=sys.stderr)
    return 0


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "title", "date", "newspaper", "page", "source", "byline")
    return {key: row.get(key, "") for key in keys}


def _text_row(row: dict[str, Any]) -> str:
    from tui.safe import clean

    date = row.get("date") or "----------"
    page = f"p{row['page']}" if row.get("page") else ""
    parts = [date, row.get("newspaper") or "", page, row.get("title") or "(untitled)", row["id"]]
    return clean("  ".join(p for p in parts if p))
