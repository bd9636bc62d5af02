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


def _harmonise(articles: list[dict[str, Any]]) -> None:
    """Across the files parsed together, one entity has one type (as ``load`` stores it)."""
    from store.corpus.loader import harmonise_types
    from store.entities.extract import corpus_entities

    changed = harmonise_types(articles, corpus_entities(articles))
    for article in articles:
        if article["id"] in changed:
            article["entities"] = changed[article["id"]]


def run(args: argparse.Namespace) -> int:
    """Parse the files and print their articles (continued articles joined across files)."""
    from store.corpus.loader import expand_paths, parse_file
    from store.parse.continuations import join_continuations
    from store.parse.read import ReadError
    from tui.output import print_json, safe

    files, errors = expand_paths(args.paths)
    for error in errors:
        print(f"yuebao: {error}", file=sys.stderr)
    failed = bool(errors)
    parsed_files = []
    pool: list[dict[str, Any]] = []
    owner: list[int] = []  # the file (index in parsed_files) each pooled article came from
    for path in files:
        try:
            parsed = parse_file(path)
        except ReadError as exc:
            print(f"yuebao: {exc}", file=sys.stderr)
            failed = True
            continue
        for article in parsed.articles:
            pool.append(article.to_dict())
            owner.append(len(parsed_files))
        parsed_files.append((path, parsed))
    joined = join_continuations(pool)
    per_file: list[list[dict[str, Any]]] = [[] for _ in parsed_files]
    notes: list[list[str]] = [[] for _ in parsed_files]
    for data, parts in zip(joined.articles, joined.parts, strict=True):
        per_file[owner[parts[0]]].append(data)  # a joined article goes with its first part
        for part in parts[1:]:
            first = parsed_files[owner[parts[0]]][0]
            title = data["title"] or "(untitled)"
            notes[owner[part]].append(f"[continued] joined to “{title}” in {first}")
    if not args.no_entities:
        from store.entities.extract import article_entities

        for data in joined.articles:
            data["entities"] = article_entities(data)
    out: list[dict[str, Any]] = []
    for (path, parsed), articles, joined_notes in zip(parsed_files, per_file, notes, strict=True):
        if args.format == "text":
            sys.stdout.write(f"===== {path} ({parsed.encoding}, {len(articles)} articles)\n\n")
            for data in articles:
                sys.stdout.write(safe(_text_article(data)) + "\n")
            for note in joined_notes:
                sys.stdout.write(safe(note) + "\n")
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
