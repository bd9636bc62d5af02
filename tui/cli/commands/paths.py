"""``yuebao paths``: where yuebao keeps the corpus, user data, config and state."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``paths`` sub-command."""
    p = sub.add_parser("paths", help="show where yuebao keeps its files")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print each location on its own line."""
    from store import paths

    rows = [
        ("corpus", paths.corpus_db_path(getattr(args, "db", None))),
        ("user data", paths.userdata_path()),
        ("keymap", paths.config_dir() / "keymap.toml"),
        ("state", paths.state_dir()),
        ("cache", paths.cache_dir()),
        ("seeds", paths.bundled_seeds_dir()),
    ]
    for name, value in rows:
        print(f"{name:10} {value}")
    return 0
