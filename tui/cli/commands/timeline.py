"""``yuebao timeline [QUERY] [--by year|month|day] [--json]``: articles per period."""

from __future__ import annotations

import argparse

from tui.cli.errors import UserError

BAR = 40  # columns of the longest bar


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``timeline`` sub-command."""
    p = sub.add_parser(
        "timeline",
        help="how many articles per year, month or day (of a query's results)",
        description="Count the articles QUERY finds (all without one) per period, oldest "
        "first, empty periods included; undated articles are counted apart.",
    )
    p.add_argument("query", nargs="?", default="", metavar="QUERY")
    p.add_argument("--by", choices=("year", "month", "day"), default="month")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the histogram; 2 on a malformed query."""
    from store.search import QueryError, SearchEngine, date_histogram
    from store.search import parse as parse_query
    from tui.cli.corpus_open import open_view_or_fail
    from tui.cli.output import print_json

    try:
        parse_query(args.query)
    except QueryError as exc:
        raise UserError(f"bad query: {exc}", code=2) from exc
    db = open_view_or_fail(args)
    engine = SearchEngine.open(db)
    result = engine.search(args.query)
    dates = dict(zip(engine.index.ids, engine.index.dates, strict=True))  # no catalog read
    histogram = date_histogram((dates.get(i, "") for i in result.ids), args.by)
    if args.json:
        print_json({"query": args.query, "count": len(result.ids), **histogram.to_dict()})
        return 0
    top = max((n for _, n in histogram.periods), default=0)
    for period, count in histogram.periods:
        bar = "█" * (round(BAR * count / top) if top else 0)
        print(f"{period:10} {count:6d} {bar}")
    if histogram.undated:
        print(f"{'undated':10} {histogram.undated:6d}")
    return 0
