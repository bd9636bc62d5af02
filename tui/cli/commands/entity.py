"""``yuebao entity NAME [--group person|place|org|reporter] [--json]`` and
``yuebao related ID [--json]``: an entity's profile; the articles that share an article's
rarer entities.

The reader's corrections of an entity (kept with the user data, applied on every load)::

    yuebao entity rename NAME NEW        yuebao entity merge NAME INTO
    yuebao entity retype NAME GROUP      yuebao entity hide NAME
    yuebao entity split NAME ALIAS       (the alias becomes an entity of its own)
"""

from __future__ import annotations

import argparse

from tui.cli.errors import UserError
from tui.cli.options import add_userdata_option


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``entity`` and ``related`` sub-commands."""
    p = sub.add_parser(
        "entity",
        help="an entity's profile: names, titles, articles over time, who appears with it",
        description="Show an entity (any of its names): aliases and titles, its articles "
        "by month, and the entities that appear with it ranked by pointwise mutual "
        "information (at least --min articles together). Or correct it: "
        "`entity rename NAME NEW`, `entity merge NAME INTO`, `entity retype NAME GROUP`, "
        "`entity hide NAME`, `entity split NAME ALIAS` (undo with `yuebao corrections`).",
    )
    p.add_argument("name", metavar="NAME", nargs="+", help="a name, or a correction and its names")
    add_userdata_option(p)
    p.add_argument("--group", choices=("person", "place", "org", "reporter"), default=None)
    p.add_argument("--min", type=int, default=2, metavar="N", help="articles shared (default 2)")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(func=run_entity)
    r = sub.add_parser("related", help="articles that share an article's rarer entities")
    r.add_argument("article_id", metavar="ID")
    r.add_argument("--limit", type=int, default=10, metavar="N")
    r.add_argument("--json", action="store_true", help="print JSON for scripts")
    r.set_defaults(func=run_related)


def run_entity(args: argparse.Namespace) -> int:
    """Print the profile; 1 when the corpus names no such entity."""
    from store.corpus import entity_profile
    from store.search import date_histogram
    from tui.cli.commands.corrections import CORRECTIONS, entity_key
    from tui.cli.corpus_open import open_view_or_fail
    from tui.cli.output import print_json, safe

    words = [w.strip() for w in args.name]
    if words[0] in CORRECTIONS:
        from tui.cli.commands.corrections import correct_entity

        return correct_entity(args, words)
    if len(words) > 1:
        raise UserError(
            f"one entity name at a time, or one of {', '.join(CORRECTIONS)} first", code=2
        )
    db = open_view_or_fail(args)
    table = db.entities()
    rows = db.catalog()
    key = entity_key(words[0], args.group, table)
    profile = entity_profile(key, rows, table, min_count=max(1, args.min))
    if profile is None:
        raise UserError(f"no article names {args.name!r}", code=1)
    months = date_histogram(profile.dates, "month")
    if args.json:
        print_json({**profile.to_dict(), "timeline": months.to_dict()})
        return 0
    print(safe(f"{profile.name} ({profile.group}) — {len(profile.article_ids)} articles"))
    if profile.aliases:
        print(safe("  also: " + "、".join(profile.aliases)))
    if profile.titles:
        print(safe("  titles: " + "、".join(profile.titles)))
    for period, count in months.periods:
        print(f"  {period}  {count:4d} {'█' * min(count, 40)}")
    if months.undated:
        print(f"  undated  {months.undated:4d}")
    if profile.companions:
        print("  appears with (PMI, articles together):")
    for (name, group), together, pmi in profile.companions:
        print(safe(f"    {name} ({group})  {pmi:5.2f}  {together}"))
    return 0


def run_related(args: argparse.Namespace) -> int:
    """Print the related articles, best first."""
    from store.corpus import related_articles
    from tui.cli.corpus_open import open_view_or_fail
    from tui.cli.output import print_json, safe

    db = open_view_or_fail(args)
    rows = db.catalog()
    by_id = {str(r["id"]): r for r in rows}
    if args.article_id not in by_id:
        raise UserError(f"no article with id {args.article_id!r}", code=1)
    found = related_articles(args.article_id, rows, top=max(1, args.limit))
    if args.json:
        doc = [
            {"id": i, "title": by_id[i].get("title", ""), "score": round(s, 3)} for i, s in found
        ]
        print_json({"article": args.article_id, "related": doc})
        return 0
    for article_id, score in found:
        print(safe(f"{score:6.2f}  {by_id[article_id].get('title') or '（无题）'}  {article_id}"))
    return 0
