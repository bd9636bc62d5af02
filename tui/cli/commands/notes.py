"""``yuebao notes list|export|import``: bookmarks and notes on the command line.

    yuebao notes list [--bookmarked] [--orphans]
    yuebao notes export [--format md|json] [-o FILE]
    yuebao notes import FILE

Each takes ``--userdata PATH`` (default: ``YUEBAO_USERDATA`` or the user data dir).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tui.cli.errors import UserError
from tui.cli.options import add_userdata_option


def register(subparsers: Any) -> None:
    """Add the ``notes`` command and its three sub-commands."""
    parser = subparsers.add_parser(
        "notes",
        help="list, export or import bookmarks and notes",
        description="Bookmarks, tags and notes, kept apart from the corpus. "
        "Back up with `yuebao notes export --format json -o backup.json`. "
        "With no action, lists them.",
        parents=[_userdata_option(None)],
    )
    # after the action, --userdata must not reset a value given before it
    common = _userdata_option(argparse.SUPPRESS)
    parser.set_defaults(func=run_list, bookmarked=False, orphans=False, json=False)
    sub = parser.add_subparsers(dest="notes_command", metavar="ACTION")

    lister = sub.add_parser("list", help="print bookmarks and notes", parents=[common])
    lister.add_argument("--bookmarked", action="store_true", help="only bookmarked articles")
    lister.add_argument(
        "--orphans", action="store_true", help="only notes whose article is not in the corpus"
    )
    lister.add_argument(
        "--json", action="store_true", help="print JSON (one object per article) instead"
    )
    lister.set_defaults(func=run_list)

    exporter = sub.add_parser(
        "export",
        help="write every bookmark and note (Markdown to read, JSON to back up)",
        parents=[common],
    )
    exporter.add_argument(
        "--format",
        choices=("md", "json"),
        default="md",
        help="md: readable Markdown (default); json: full backup that `notes import` reads",
    )
    exporter.add_argument("-o", "--output", metavar="FILE", help="write here (default stdout)")
    exporter.set_defaults(func=run_export)

    importer = sub.add_parser(
        "import", help="merge a JSON export back in (no duplicates)", parents=[common]
    )
    importer.add_argument(
        "file", metavar="FILE", help="a file written by `notes export --format json`"
    )
    importer.set_defaults(func=run_import)


# -- helpers -------------------------------------------------------------------------------


def _userdata_option(default: Any) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    add_userdata_option(common, default)
    return common


def _open(args: argparse.Namespace, writing: bool = False) -> Any:
    from tui.cli.corpus_open import open_userdata

    return open_userdata(getattr(args, "userdata", None), writing)


def corpus_ids(args: argparse.Namespace) -> set[str] | None:
    """Ids in the corpus (from its light catalog), or None when there is no readable corpus.

    Read without side effects: a broken corpus file is left for the app to report.
    """
    import orjson

    from store.corpus import catalog_path_for
    from store.paths import corpus_db_path

    catalog = catalog_path_for(corpus_db_path(getattr(args, "db", None)))
    try:
        doc = orjson.loads(catalog.read_bytes())
        rows = doc.get("catalog", {}).values()
        return {row["id"] for row in rows if isinstance(row, dict) and "id" in row}
    except (OSError, ValueError, AttributeError, TypeError):
        return None


def _line(text: str, width: int = 0) -> str:
    """One terminal-safe line (the TUI's sanitiser; newlines and tabs become spaces), cut
    to width."""
    from tui.cli.output import safe

    flat = " ".join(safe(text).split())
    return flat if not width or len(flat) <= width else flat[: width - 1] + "…"


# -- list ----------------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    """Print one block per bookmarked, tagged or noted article."""
    data = _open(args)
    known = corpus_ids(args)
    entries = data.entries()
    if args.bookmarked:
        entries = [e for e in entries if e.bookmarked]
    if args.orphans:
        if known is None:
            raise UserError("no corpus database found; cannot tell which notes are orphaned")
        entries = [e for e in entries if e.id not in known]
    if args.json:
        from tui.cli.output import print_json

        print_json([_entry_json(e, known) for e in entries])
        return 0
    out = sys.stdout
    for e in entries:
        mark = "★" if e.bookmarked else " "
        parts = (e.date, e.newspaper, e.title or "(untitled)")
        head = "  ".join(_line(p) for p in parts if p)
        tags = " ".join(f"#{_line(t)}" for t in e.tags)
        orphan = "  [orphan]" if known is not None and e.id not in known else ""
        print(f"{mark} {head}  {tags}{orphan}".rstrip(), file=out)
        note = f"  {_line(e.note, 60)}" if e.note else ""
        print(f"    {e.id}{note}", file=out)
    orphans = sum(1 for e in entries if known is not None and e.id not in known)
    summary = f"{len(entries)} articles, {sum(e.bookmarked for e in entries)} bookmarked, "
    summary += f"{sum(bool(e.note) for e in entries)} with notes"
    if known is not None:
        summary += f", {orphans} orphaned"
    print(summary, file=out)
    return 0


def _entry_json(entry: Any, known: set[str] | None) -> dict[str, Any]:
    """One listed article as JSON (``orphan`` is null when there is no corpus to ask)."""
    return {
        "id": entry.id,
        "title": entry.title,
        "newspaper": entry.newspaper,
        "date": entry.date,
        "bookmarked": entry.bookmarked,
        "tags": list(entry.tags),
        "note": entry.note,
        "note_at": entry.note_at,
        "read": entry.read,
        "orphan": None if known is None else entry.id not in known,
    }


# -- export --------------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    """Write the Markdown or JSON export to ``-o FILE`` (atomically) or stdout."""
    from store.userdata import now, to_json, to_markdown

    data = _open(args)
    stamp = now()
    if args.format == "json":
        tables = {name: data.table_records(name) for name in ("searches", "corrections")}
        blob = to_json(data.records(), stamp, tables)
    else:
        blob = to_markdown(data.entries(), stamp, corpus_ids(args)).encode("utf-8")
    if not args.output or args.output == "-":
        sys.stdout.buffer.write(blob)
        sys.stdout.flush()
        return 0
    target = Path(args.output).expanduser()
    if target.resolve() == data.path.resolve():
        raise UserError(f"{target}: that is the user-data file itself; choose another name")
    _write_file(target, blob)
    print(f"exported {len(data.entries())} articles to {target}", file=sys.stderr)
    return 0


def _write_file(target: Path, blob: bytes) -> None:
    from store.corpus import describe_os_error
    from store.files import write_atomic

    if target.is_dir():
        raise UserError(f"{target}: is a directory")
    if not target.parent.is_dir():
        raise UserError(f"{target}: directory {target.parent} does not exist")
    try:
        write_atomic(target, blob)
    except OSError as exc:
        raise UserError(describe_os_error(target, exc)) from exc


# -- import --------------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    """Merge a JSON export into the user data; one line on any problem with the file."""
    from store.userdata import ImportFormatError, UserDataError, parse_import, parse_import_tables

    source = Path(args.file).expanduser()
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{source}: is a directory, not an export file") from None
    except OSError as exc:
        raise UserError(f"{source}: cannot read ({exc.strerror or exc})") from None
    try:
        records = parse_import(raw)
        tables = parse_import_tables(raw)
    except ImportFormatError as exc:
        raise UserError(f"{source}: {exc}") from None
    data = _open(args, writing=True)
    try:
        result = data.import_records(records, tables)
    except UserDataError as exc:
        message = str(exc)
        if message.startswith(("entry ", "searches ", "corrections ")):
            message = f"{source}: {message}"
        raise UserError(message) from None
    print(
        f"imported {source}: {result.added} added, {result.updated} updated, "
        f"{result.unchanged} unchanged (into {data.path})"
    )
    return 0
