"""``yuebao parse FILE… [--format json|text]``: print articles without storing them."""

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
        ("source", article["source"]),
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
        lines.append(f"  [{ent['type']}] {ent['name']} ×{ent['count']}{role}")
    return "\n".join(lines) + "\n"


def _harmonise(articles: list[dict[str, Any]]) -> None:
    """Across the files parsed together, one entity has one type (as ``load`` stores it)."""
    from store.entities import corpus_entities
    from store.loader import harmonise_types

    changed = harmonise_types(articles, corpus_entities(articles))
    for article in articles:
        if article["id"] in changed:
            article["entities"] = changed[article["id"]]


def run(args: argparse.Namespace) -> int:
    """Parse the files and print their articles."""
    from store.loader import expand_paths, parse_file
    from store.read import ReadError
    from tui.output import print_json, safe

    files, errors = expand_paths(args.paths)
    for error in errors:
        print(f"yuebao: {error}", file=sys.stderr)
    failed = bool(errors)
    out: list[dict[str, Any]] = []
    for path in files:
        try:
            parsed = parse_file(path)
        except ReadError as exc:
            print(f"yuebao: {exc}", file=sys.stderr)
            failed = True
            continue
        articles = [a.to_dict() for a in parsed.articles]
        if not args.no_entities:
            from store.entities import article_entities

            for data in articles:
                data["entities"] = article_entities(data)
        if args.format == "text":
            sys.stdout.write(f"===== {path} ({parsed.encoding}, {len(articles)} articles)\n\n")
            for data in articles:
                sys.stdout.write(safe(_text_article(data)) + "\n")
            for fragment in parsed.leftovers:
                sys.stdout.write(safe(f"[leftover] {fragment}") + "\n")
        else:
            out.extend(articles)
            for fragment in parsed.leftovers:
                print(safe(f"yuebao: {path}: leftover: {fragment}"), file=sys.stderr)
    if args.format == "json":
        if not args.no_entities:
            _harmonise(out)
        print_json(out)
    return 1 if failed else 0
