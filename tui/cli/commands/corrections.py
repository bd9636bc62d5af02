"""The reader's corrections on the command line (kept in the user data, applied over the
corpus on every load; ``store.corpus.corrections``)::

    yuebao article title ID TEXT          a new title
    yuebao article join ID OTHER          OTHER's text appended to ID (OTHER goes)
    yuebao article split ID PARAGRAPH     a new article from paragraph N (1 = first) on
    yuebao corrections [--all] [--json]   what was corrected (--all: undone ones too)
    yuebao corrections undo|redo CID

Entity corrections are ``yuebao entity rename|merge|retype|hide|split`` (``entity.py``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui.cli.errors import UserError
from tui.cli.options import add_userdata_option

GROUPS = ("person", "place", "org", "reporter")

#: ``yuebao entity VERB ...``: the corrections and how many names each takes.
CORRECTIONS = {"rename": 2, "merge": 2, "retype": 2, "hide": 1, "split": 2}


def entity_key(name: str, group: str | None, table: list[dict[str, Any]]) -> tuple[str, str]:
    """The entity ``name`` stands for (a name or an alias); exit 1 when there is none."""
    from store.corpus import find_entity

    found = find_entity(name, group, table)
    if found is None:
        raise UserError(f"no entity named {name!r} in the corpus", code=1)
    return found


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``article`` and ``corrections`` sub-commands."""
    a = sub.add_parser(
        "article",
        help="correct an article: a new title, join two, split one",
        description="Correct how an article was read from its page. Corrections are kept "
        "with your notes (not in the corpus), so they hold after a reload; list and undo "
        "them with `yuebao corrections`.",
    )
    a.add_argument("action", choices=("title", "join", "split"))
    a.add_argument("article_id", metavar="ID")
    a.add_argument("value", metavar="TEXT|OTHER|PARAGRAPH")
    a.add_argument("--title", default="", help="split: the new article's title")
    add_userdata_option(a)
    a.set_defaults(func=run_article)
    c = sub.add_parser(
        "corrections",
        help="list, undo or redo your corrections of articles and entities",
        description="Your corrections, oldest first, each with its id (CID).",
    )
    c.add_argument("action", nargs="?", choices=("list", "undo", "redo"), default="list")
    c.add_argument("cid", nargs="?", metavar="CID")
    c.add_argument("--all", action="store_true", help="list undone corrections too")
    c.add_argument("--json", action="store_true", help="print JSON for scripts")
    add_userdata_option(c)
    c.set_defaults(func=run_corrections)


def _save(args: argparse.Namespace, kind: str, target: Any, value: Any, title: str = "") -> int:
    from store.corpus import describe_correction as describe
    from store.userdata import UserDataError
    from tui.cli.corpus_open import open_userdata

    data = open_userdata(getattr(args, "userdata", None), writing=True)
    try:
        rec = data.add_correction(kind, target, value, title)
    except UserDataError as exc:
        raise UserError(str(exc), code=2) from exc
    from tui.cli.output import safe

    print(safe(f"{rec['id']}  {describe(rec)}"))
    return 0


def correct_entity(args: argparse.Namespace, words: list[str]) -> int:
    """``yuebao entity VERB NAME [ARG]``: save one entity correction."""
    from tui.cli.corpus_open import open_view_or_fail

    verb, names = words[0], words[1:]
    want = CORRECTIONS[verb]
    if len(names) != want:
        shape = {"rename": "NAME NEW", "merge": "NAME INTO", "retype": "NAME GROUP",
                 "hide": "NAME", "split": "NAME ALIAS"}[verb]  # fmt: skip
        raise UserError(f"usage: yuebao entity {verb} {shape}", code=2)
    table = open_view_or_fail(args).entities()
    key = list(entity_key(names[0], args.group, table))
    if verb == "rename":
        return _save(args, "rename", key, names[1])
    if verb == "merge":
        into = list(entity_key(names[1], None, table))
        if into == key:
            raise UserError(f"{names[0]!r} and {names[1]!r} are already one entity", code=2)
        return _save(args, "merge", key, into)
    if verb == "retype":
        if names[1] not in GROUPS:
            raise UserError(f"GROUP must be one of {', '.join(GROUPS)}", code=2)
        return _save(args, "retype", key, names[1])
    if verb == "hide":
        return _save(args, "hide", key, None)
    row = next(r for r in table if [r["name"], _group(r)] == key)
    if names[1] not in (row.get("aliases") or ()) or names[1] == key[0]:
        raise UserError(
            f"{names[1]!r} is not another name of {key[0]!r} "
            f"(its names: {'、'.join(row.get('aliases') or [key[0]])})",
            code=2,
        )
    return _save(args, "split-entity", key, names[1])


def _group(row: dict[str, Any]) -> str:
    from store.corpus import group_of

    return group_of(str(row.get("type")), row.get("role"))


def run_article(args: argparse.Namespace) -> int:
    """Save an article correction; 1 when the article is not in the corpus."""
    from tui.cli.corpus_open import open_view_or_fail

    db = open_view_or_fail(args)
    article = db.get(args.article_id)
    if article is None:
        raise UserError(f"no article with id {args.article_id!r}", code=1)
    if args.action == "title":
        return _save(args, "title", args.article_id, args.value)
    if args.action == "join":
        if db.get(args.value) is None:
            raise UserError(f"no article with id {args.value!r}", code=1)
        return _save(args, "join", args.article_id, args.value)
    paragraphs = str(article.get("body", "")).split("\n")
    try:
        number = int(args.value)
    except ValueError:
        raise UserError(
            "PARAGRAPH must be a number (2 = split before the second)", code=2
        ) from None
    if not 2 <= number <= len(paragraphs):
        raise UserError(f"PARAGRAPH must be 2 to {len(paragraphs)} for this article", code=2)
    offset = sum(len(p) + 1 for p in paragraphs[: number - 1])
    return _save(args, "split", args.article_id, offset, args.title)


def _titles(args: argparse.Namespace) -> dict[str, str]:
    """Article id → title in the stored corpus (empty when there is no readable corpus)."""
    from store.corpus import CorpusDB, DatabaseError
    from store.paths import corpus_db_path

    try:
        rows = CorpusDB(corpus_db_path(getattr(args, "db", None))).catalog()
    except (DatabaseError, OSError):
        return {}
    return {str(r["id"]): str(r.get("title") or "") for r in rows if r.get("title")}


def run_corrections(args: argparse.Namespace) -> int:
    """List, undo or redo corrections; 1 for an unknown id."""
    from store.corpus import describe_correction as describe
    from tui.cli.corpus_open import open_userdata
    from tui.cli.output import print_json, safe

    if args.action in ("undo", "redo"):
        if not args.cid:
            raise UserError(f"usage: yuebao corrections {args.action} CID", code=2)
        data = open_userdata(getattr(args, "userdata", None), writing=True)
        if not data.set_undone(args.cid, args.action == "undo"):
            raise UserError(f"no correction {args.cid!r} (see `yuebao corrections --all`)", code=1)
        print(f"{args.action}: {args.cid}")
        return 0
    data = open_userdata(getattr(args, "userdata", None))
    found = data.corrections(include_undone=args.all)
    titles = _titles(args) if found else {}
    if args.json:
        print_json([dict(c, description=describe(c, titles.get)) for c in found])
        return 0
    for c in found:
        mark = " (undone)" if c["undone"] else ""
        print(safe(f"{c['id']}  {c['created'][:10]}  {describe(c, titles.get)}{mark}"))
    if not found:
        print("no corrections", file=sys.stderr)
    return 0
