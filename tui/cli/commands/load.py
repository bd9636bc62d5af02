"""``yuebao load PATH…``: add files to the corpus database with a progress bar."""

from __future__ import annotations

import argparse
import functools
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.corpus import LoadReport

PER_FILE_ROWS = 30


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``load`` sub-command."""
    p = sub.add_parser(
        "load",
        help="load files into the corpus database",
        description="Load newspaper page files (files, directories searched recursively, "
        "or globs) into the corpus database. Unchanged files are skipped; the same article "
        "is never stored twice. Exits non-zero if any file failed.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or globs")
    p.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: cores)")
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where files are parsed: local processes (default) or a Dask cluster "
        "(pip install 'yuebao[distributed]')",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a running cluster's scheduler (tcp://host:8786); "
        "default: a local cluster of --jobs workers",
    )
    p.add_argument(
        "--json", action="store_true", help="print the report as JSON on stdout (no table)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load the paths and print a summary table."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from store.corpus import FileReport, default_workers, load_paths
    from store.search import rebuild_index
    from tui.cli.corpus_open import open_corpus_or_fail, write_guard
    from tui.cli.output import safe

    console = Console(stderr=True, highlight=False)
    db = open_corpus_or_fail(getattr(args, "db", None))
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[articles]} articles"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    state = {"task": None, "articles": 0}

    def on_start(n: int) -> None:
        state["task"] = progress.add_task("files", total=n, articles=0)

    phases = {"reading": "reading (starting the tagger)", "indexing": "indexing"}

    def on_phase(what: str) -> None:
        if state["task"] is not None:
            progress.update(state["task"], description=phases.get(what, what))

    def on_file(rep: FileReport) -> None:
        state["articles"] += rep.articles_new + rep.articles_unchanged
        progress.update(state["task"], advance=1, articles=state["articles"], description="files")

    from store.corpus import EngineError
    from tui.cli.errors import UserError

    if args.scheduler and args.engine != "dask":
        raise UserError("--scheduler goes with --engine dask", code=2)
    jobs = args.jobs if args.jobs is not None else default_workers()
    with write_guard(db.path), progress:
        try:
            report = load_paths(
                args.paths,
                db,
                progress=on_file,
                workers=args.jobs,
                on_start=on_start,
                on_phase=on_phase,
                index=functools.partial(rebuild_index, workers=jobs),  # -j for the index too
                engine=args.engine,
                scheduler=args.scheduler,
            )
        except EngineError as exc:
            raise UserError(str(exc)) from exc
    # per-file counts are final after the last batch write
    for error in report.path_errors:
        print(f"yuebao: {safe(error)}", file=sys.stderr)
    if getattr(args, "json", False):
        from tui.cli.output import print_json

        print_json(_report_json(report, db.article_count(), str(db.path)))
        for rep in report.files:
            if rep.status == "error":
                print(f"yuebao: {safe(rep.error)}", file=sys.stderr)
        return 1 if report.failed else 0
    table = Table(title="yuebao load", title_justify="left")
    for col in ("file", "status", "new", "unchanged", "leftovers"):
        table.add_column(
            col, justify="right" if col in ("new", "unchanged", "leftovers") else "left"
        )
    shown = (
        report.files
        if len(report.files) <= PER_FILE_ROWS
        else [f for f in report.files if f.status == "error" or f.leftovers][:PER_FILE_ROWS]
    )
    for rep in shown:
        status = "[red]error[/]" if rep.status == "error" else rep.status
        table.add_row(
            _esc(rep.path),
            status,
            str(rep.articles_new),
            str(rep.articles_unchanged),
            str(rep.leftovers),
        )
    errors = sum(1 for f in report.files if f.status == "error") + len(report.path_errors)
    table.add_section()
    table.add_row(
        f"{len(report.files)} files read",
        f"{errors} errors",
        str(report.total("articles_new")),
        str(report.total("articles_unchanged")),
        str(report.total("leftovers")),
    )
    out = Console(highlight=False)
    out.print(table)
    for rep in report.files:
        if rep.status == "error":
            print(f"yuebao: {safe(rep.error)}", file=sys.stderr)
    print(f"corpus: {db.article_count()} articles in {db.path}", file=sys.stderr)
    return 1 if report.failed else 0


def _report_json(report: LoadReport, articles: int, path: str) -> dict[str, object]:
    """The load report as JSON: per file, then totals and the corpus size."""
    files = [
        {
            "path": f.path,
            "status": f.status,
            "new": f.articles_new,
            "unchanged": f.articles_unchanged,
            "leftovers": f.leftovers,
            "error": f.error or None,
        }
        for f in report.files
    ]
    return {
        "files": files,
        "path_errors": list(report.path_errors),
        "new": sum(f["new"] for f in files),
        "unchanged": sum(f["unchanged"] for f in files),
        "leftovers": sum(f["leftovers"] for f in files),
        "errors": sum(f["status"] == "error" for f in files) + len(report.path_errors),
        "corpus_articles": articles,
        "corpus": path,
    }


def _esc(text: str) -> str:
    from rich.markup import escape

    from tui.cli.output import safe

    return escape(safe(text))
