"""Atomic, locked file writes: temp file in the same directory, fsync, ``os.replace``."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from store.errors import YuebaoError

LOCK_TIMEOUT_S = 30.0


class WriteError(YuebaoError, OSError):
    """A write failed; the previous file content is untouched."""


_LOCKS: dict[str, FileLock] = {}


def lock_for(path: Path) -> FileLock:
    """The inter-process lock guarding writes to ``path`` (``path.lock`` beside it).

    One lock object per path and process, so nested ``locked`` calls re-enter it.
    """
    key = str(Path(path).resolve()) + ".lock"
    lock = _LOCKS.get(key)
    if lock is None:
        lock = _LOCKS[key] = FileLock(key, timeout=LOCK_TIMEOUT_S)
    return lock


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the write lock of ``path`` (raises WriteError on timeout)."""
    lock = lock_for(path)
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout as exc:
        raise WriteError(
            f"{path}: another yuebao process holds the lock ({exc.lock_file})"
        ) from exc
    except OSError as exc:
        raise WriteError(f"{path}: cannot write there ({exc.strerror or exc})") from exc
    try:
        yield
    finally:
        lock.release()


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never half.

    The caller holds the lock (see ``locked``) when other processes may write too.
    """
    path = Path(path)
    directory = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
