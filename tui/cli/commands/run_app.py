"""``yuebao`` with no command: open the corpus (seeding it on first run) and run the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from store import paths
from store.corpus import CorpusDB, DatabaseError
from store.files import WriteError


def seed_if_empty(db: CorpusDB, out: TextIO | None = None) -> None:
    """Load the bundled seed articles into an empty corpus, saying so in one line."""
    out = out or sys.stderr
    if db.article_count():
        return
    seeds = sorted(str(p) for p in Path(paths.bundled_seeds_dir()).glob("*.txt"))
    if not seeds:
        return
    from store.corpus import load_paths
    from store.search import rebuild_index

    print(f"yuebao: first run — loading {len(seeds)} bundled seed pages into {db.path}", file=out)
    live = bool(getattr(out, "isatty", lambda: False)())
    done = [0]

    def show(text: str) -> None:
        if live:  # one status line, rewritten in place
            out.write(f"\r\x1b[2K  {text}")
            out.flush()

    def on_file(_report: object) -> None:
        done[0] += 1
        show(f"{done[0]}/{len(seeds)} pages read")

    def on_phase(what: str) -> None:
        show("starting the entity tagger…" if what == "reading" else "building the index…")

    load_paths(seeds, db, progress=on_file, on_phase=on_phase, index=rebuild_index)
    if live:
        out.write("\r\x1b[2K")
    print(f"yuebao: {db.article_count()} articles ready", file=out)


def run_app(args: argparse.Namespace) -> int:
    """Open the explorer on the corpus at ``--db`` (or the default) and run it."""
    from tui.app import YuebaoApp
    from tui.cli.errors import UserError
    from tui.corpus import Corpus
    from tui.keymap import load_user_keymap
    from tui.state import load_state, save_state
    from tui.userdata import open_userdata

    db_path = paths.corpus_db_path(getattr(args, "db", None))
    try:
        db = CorpusDB(db_path)
        seed_if_empty(db)
        userdata = open_userdata()
        corpus = Corpus(db, userdata.correction_set())  # the reader's corrections applied
    except (DatabaseError, WriteError) as exc:
        raise UserError(str(exc)) from exc
    keymap, notice = load_user_keymap()
    app = YuebaoApp(
        corpus, userdata=userdata, state=load_state(), keymap=keymap, keymap_notice=notice
    )
    app.run()
    save_state(app.ui_state)
    return int(app.return_code or 0)
