"""Where yuebao keeps things on disk (platformdirs, with environment overrides).

Overrides, most specific first:
- ``YUEBAO_DB``: the corpus database file (also ``--db``).
- ``YUEBAO_USERDATA``: the user-data file (bookmarks, notes, read state).
- ``YUEBAO_DATA_DIR`` / ``YUEBAO_CONFIG_DIR`` / ``YUEBAO_STATE_DIR`` / ``YUEBAO_CACHE_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "yuebao"


def _dir(env: str, default: str) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser() if value else Path(default)


def data_dir() -> Path:
    """Directory for the corpus database and user data."""
    return _dir("YUEBAO_DATA_DIR", platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Directory holding the user's ``keymap.toml``."""
    return _dir("YUEBAO_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    """Directory for UI state (last filter, selection, layout)."""
    return _dir("YUEBAO_STATE_DIR", platformdirs.user_state_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Directory for rebuildable caches (jieba's dictionary cache)."""
    return _dir("YUEBAO_CACHE_DIR", platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def corpus_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The corpus database: ``--db`` beats ``YUEBAO_DB`` beats the data dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("YUEBAO_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "corpus.json"


def userdata_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The user-data file, kept apart from the rebuildable corpus."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("YUEBAO_USERDATA")
    if env:
        return Path(env).expanduser()
    return data_dir() / "userdata.json"


def _bundled(name: str) -> Path:
    """A file shipped with the package; falls back to the source tree layout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_bundled" / name
    if packaged.exists():
        return packaged
    return here.parent / name


def bundled_seeds_dir() -> Path:
    """The bundled seed corpus directory."""
    return _bundled("seeds")


def bundled_keymap_path() -> Path:
    """The default ``keymap.toml``."""
    return _bundled("keymap.toml")
