"""The ``yuebao`` command line. Imports textual only when it opens the app."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from store import __version__
from store.errors import YuebaoError
from tui.cli.commands import COMMAND_MODULES
from tui.cli.errors import UserError


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="yuebao",
        description="阅报 — read, filter and annotate Chinese news text in the terminal. "
        "With no command, opens the explorer (loading the bundled seeds on first run).",
    )
    parser.add_argument("--version", action="version", version=f"yuebao {__version__}")
    parser.add_argument("--db", metavar="PATH", help="corpus database file (env YUEBAO_DB)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``yuebao`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    try:
        if func is None:
            from tui.cli.commands.run_app import run_app

            return run_app(args)
        return int(func(args) or 0)
    except UserError as exc:
        print(f"yuebao: {exc}", file=sys.stderr)
        return exc.code
    except YuebaoError as exc:  # a store error no command turned into a UserError
        print(f"yuebao: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("yuebao: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback for the user; YUEBAO_DEBUG=1 shows it
        if os.environ.get("YUEBAO_DEBUG"):
            raise
        print(f"yuebao: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
