"""``yuebao searches``: saved searches with what is new since the last visit.

yuebao searches [list] [--json]      each with its count and how many are new
yuebao searches save NAME QUERY
yuebao searches show NAME [--json]   the articles it finds now (marks them seen)
yuebao searches delete NAME
"""

from __future__ import annotations

import argparse
import sys

from tui.cli.errors import UserError
from tui.cli.options import add_userdata_option


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``searches`` sub-command."""
    p = sub.add_parser(
        "searches",
        help="saved searches and what is new in each since your last visit",
        description="Name a query to come back to it; the list counts the articles each "
        "matches now and how many of them are new since you last looked (`show` or the "
        "explorer's saved-searches list).",
    )
    p.add_argument("action", nargs="?", choices=("list", "save", "show", "delete"), default="list")
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("query", nargs="?", metavar="QUERY")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    add_userdata_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Dispatch the action; 1 for an unknown name, 2 for a bad query or missing argument."""
    from store.search import QueryError, SearchEngine, parse
    from store.userdata import UserDataError, new_since
    from tui.cli.corpus_open import open_userdata, open_view_or_fail
    from tui.cli.output import print_json, safe

    writing = args.action in ("save", "delete", "show")
    data = open_userdata(getattr(args, "userdata", None), writing=writing)
    if args.action != "list" and not args.name:
        raise UserError(f"usage: yuebao searches {args.action} NAME", code=2)
    if args.action == "delete":
        if not data.delete_search(args.name):
            raise UserError(f"no saved search {args.name!r}", code=1)
        print(f"deleted {args.name}")
        return 0
    if args.action == "save":
        if not args.query:
            raise UserError("usage: yuebao searches save NAME QUERY", code=2)
        try:
            parse(args.query)
        except QueryError as exc:
            raise UserError(f"bad query: {exc}", code=2) from exc
    found = data.search(args.name) if args.action == "show" else None
    if args.action == "show" and found is None:
        raise UserError(f"no saved search {args.name!r}", code=1)
    db = open_view_or_fail(args)
    engine = SearchEngine.open(db)
    if args.action == "save":
        ids = engine.search(args.query, data).ids
        try:
            data.save_search(args.name, args.query, ids)
        except UserDataError as exc:
            raise UserError(str(exc), code=2) from exc
        print(safe(f"saved {args.name}: {args.query} ({len(ids)} articles)"))
        return 0
    if args.action == "show":
        assert found is not None
        result = engine.search(found["query"], data)
        rows = {r["id"]: r for r in db.catalog()}
        fresh = {i for i in result.ids if new_since(found["seen"], [i])}
        if args.json:
            print_json(
                {
                    "name": found["name"],
                    "query": found["query"],
                    "count": len(result.ids),
                    "new": len(fresh),
                    "articles": [
                        {"id": i, "title": rows[i].get("title", ""), "new": i in fresh}
                        for i in result.ids
                        if i in rows
                    ],
                }
            )
        else:
            for i in result.ids:
                row = rows.get(i, {})
                mark = "new " if i in fresh else "    "
                print(
                    safe(
                        f"{mark}{row.get('date') or '—':10}  {row.get('title') or '（无题）'}  {i}"
                    )
                )
            print(f"{len(result.ids)} articles, {len(fresh)} new since last visit", file=sys.stderr)
        data.visit_search(found["name"], result.ids)
        return 0
    listing = []
    for saved in data.searches():
        result = engine.search(saved["query"], data)
        listing.append(
            {
                "name": saved["name"],
                "query": saved["query"],
                "count": len(result.ids),
                "new": 0 if result.error else new_since(saved["seen"], result.ids),
                "visited_at": saved["visited_at"],
                "error": result.error or "",
            }
        )
    if args.json:
        print_json(listing)
        return 0
    for item in listing:
        note = f"  ({item['error']})" if item["error"] else ""
        counts = f"{item['count']:5d} articles  {item['new']:4d} new"
        print(safe(f"{item['name']}  {counts}  {item['query']}{note}"))
    if not listing:
        print("no saved searches (yuebao searches save NAME QUERY)", file=sys.stderr)
    return 0
