"""Opening the corpus database from the command line with one-line errors."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from store.corpus import CorpusDB, DatabaseError
from store.files import WriteError
from store.paths import corpus_db_path
from tui.cli.errors import UserError


def open_corpus_or_fail(explicit: str | None = None, whole: bool = True) -> CorpusDB:
    """Open (or create) the corpus DB; a corrupt file becomes a one-line UserError.

    ``whole``: read the corpus file too now (what a load writes to), so its corruption
    shows up here; a reading command only needs the light catalog (and the index), and
    reads single articles later (a bad record is a one-line error then).
    """
    path = corpus_db_path(explicit)
    try:
        db = CorpusDB(path)
        if whole:
            db.article_count()  # the catalog
            db.file_records()
    except DatabaseError as exc:
        raise UserError(str(exc)) from exc
    return db


@contextlib.contextmanager
def write_guard(path: Path) -> Iterator[None]:
    """Turn storage failures (read-only dir, full disk, lock timeout) into UserErrors."""
    try:
        yield
    except WriteError as exc:
        raise UserError(str(exc)) from exc
    except DatabaseError as exc:
        raise UserError(str(exc)) from exc
    except PermissionError as exc:
        raise UserError(f"{exc.filename or path}: permission denied") from exc
    except OSError as exc:
        raise UserError(f"{exc.filename or path}: {exc.strerror or exc}") from exc


def open_userdata(explicit: str | None = None, writing: bool = False) -> Any:
    """The user data; a read-only store is an error when ``writing``, else a warning."""
    from store.userdata import UserData

    data = UserData.open(explicit)
    if data.read_only:
        if writing:
            raise UserError(data.message)
        print(f"yuebao: warning: {data.message}", file=sys.stderr)
    return data


def open_view_or_fail(args: argparse.Namespace) -> Any:
    """The corpus as the reader corrected it (``store.corpus.corrections``): what every
    reading command shows."""
    from store.corpus import corrected

    db = open_corpus_or_fail(getattr(args, "db", None), whole=False)
    data = open_userdata(getattr(args, "userdata", None))
    return corrected(db, data.correction_set())
