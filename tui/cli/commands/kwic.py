"""``yuebao kwic TERM [--query Q] [--sort date|left|right] [--width N] [--limit N] [--json]``.

Keyword in context: one line per mention of TERM in the articles the query finds (all
articles without one), the term in one column (CJK-aligned), the article id at the end.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui.cli.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``kwic`` sub-command."""
    p = sub.add_parser(
        "kwic",
        help="every mention of a term, in context (keyword in context)",
        description="Print every mention of TERM in the articles QUERY finds, one line "
        "each, the term in one column. --sort left orders by the words before it, right "
        "by the words after it, date (default) newest article first.",
    )
    p.add_argument("term", metavar="TERM", help="a word or name")
    p.add_argument("--query", default="", metavar="Q", help="narrow to the articles Q finds")
    p.add_argument("--sort", choices=("date", "left", "right"), default="date")
    p.add_argument("--width", type=int, default=20, metavar="N", help="context characters")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="at most N lines (0: all)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Find the mentions and print them; 2 on a bad query or argument."""
    from store.search import QueryError, SearchEngine, aligned, kwic_lines, sort_lines
    from store.search import parse as parse_query
    from tui.cli.corpus_open import open_view_or_fail
    from tui.cli.output import print_json, safe

    term = args.term.strip()
    if not term or args.width < 1 or args.limit < 0:
        raise UserError("kwic needs a term, --width 1 or more and --limit 0 or more", code=2)
    phrase = term.replace('"', "")
    query = f'{args.query} "{phrase}"'  # only the articles holding the term
    try:
        parse_query(query)
    except QueryError as exc:
        raise UserError(f"bad query: {exc}", code=2) from exc
    db = open_view_or_fail(args)
    engine = SearchEngine.open(db)
    result = engine.search(query)
    articles = (engine.read_article(i) for i in result.ids)  # one seek each
    # in document order the first --limit lines are all a listing needs: read no further
    early = args.limit if args.sort == "date" and args.limit else None
    found = kwic_lines((a for a in articles if a), [phrase], args.width, limit=early)
    lines = sort_lines(found, args.sort)
    if args.limit:
        lines = lines[: args.limit]
    if args.json:
        doc: dict[str, Any] = {"term": term, "query": args.query, "count": len(lines)}
        doc["lines"] = [line.to_dict() for line in lines]
        print_json(doc)
        return 0
    for line in lines:
        left, match, right = aligned(line, args.width)
        print(safe(f"{left} [{match}] {right}  {line.article_id}"))
    if args.limit and len(lines) >= args.limit:
        note = f"the first {len(lines)} mentions; the term is in {len(result.ids)} articles"
    else:
        note = f"{len(lines)} mentions in {len(result.ids)} articles"
    print(note, file=sys.stderr)
    return 0
