"""``yuebao parse FILE… [--json | --format json|text]``: print articles without storing them."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``parse`` sub-command."""
    p = sub.add_parser(
        "parse",
        help="print the articles found in files (nothing is stored)",
        description="Segment newspaper page files into articles and print them. "
        "JSON output is a list of article objects (see README); fragments the parser "
        "could not place are reported on stderr.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE", help="files, directories or globs")
    p.add_argument("--format", choices=("json", "text"), default="json", help="output format")
    p.add_argument(
        "--json",
        action="store_const",
        const="json",
        dest="format",
        help="same as --format json (the flag load, search and notes list take)",
    )
    p.add_argument("--no-entities", action="store_true", help="skip entity extraction (faster)")
    p.set_defaults(func=run)


def _text_article(article: dict[str, Any]) -> str:
    lines = [f"# {article['title'] or '(untitled)'}"]
    for sub in article["subtitles"]:
        lines.append(f"  ~ {sub}")
    meta = [
        ("byline", "、".join(article["byline"])),
        ("dateline", article["dateline"]),
        ("newspaper", article["newspaper"]),
        ("date", article["date"]),
        ("page", article["page"]),
        ("source", " + ".join(article.get("sources") or []) or article["source"]),
        ("id", article["id"]),
    ]
    lines.append("  " + " | ".join(f"{k}: {v}" for k, v in meta if v))
    if article["truncated"]:
        lines.append("  [truncated: the file stops inside this article]")
    lines.append("")
    lines.extend(article["body"].split("\n"))
    for caption in article["captions"]:
        lines.append(f"  [caption] {caption}")
    for ent in article.get("entities", []) or []:
        role = " (reporter)" if ent.get("role") == "byline" else ""
        titles = "、".join(ent.get("titles") or ())
        office = f" — {titles}" if titles and not role else ""
        lines.append(f"  [{ent['type']}] {ent['name']} ×{ent['count']}{role}{office}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Parse the files and print their articles (continued articles joined across files)."""
    from store.corpus import parse_paths
    from tui.cli.output import print_json, safe

    parsed = parse_paths(args.paths, entities=not args.no_entities)
    for error in parsed.errors:
        print(f"yuebao: {error}", file=sys.stderr)
    for source in parsed.files:
        path, leftovers = source.path, source.parsed.leftovers
        if args.format == "text":
            head = f"===== {path} ({source.parsed.encoding}, {len(source.articles)} articles)"
            sys.stdout.write(safe(head) + "\n\n")
            for data in source.articles:
                sys.stdout.write(safe(_text_article(data)) + "\n")
            for title, first in source.joined:
                sys.stdout.write(safe(f"[continued] joined to “{title}” in {first}") + "\n")
            for fragment in leftovers:
                sys.stdout.write(safe(f"[leftover] {fragment}") + "\n")
        else:
            for fragment in leftovers:
                print(safe(f"yuebao: {path}: leftover: {fragment}"), file=sys.stderr)
    if args.format == "json":
        print_json(parsed.articles)
    return 1 if parsed.errors else 0
