"""Options several sub-commands share (kept light: commands register at every start)."""

from __future__ import annotations

import argparse
from typing import Any


def add_userdata_option(parser: argparse.ArgumentParser, default: Any = None) -> None:
    """The ``--userdata PATH`` option of every command that reads or writes user data."""
    parser.add_argument(
        "--userdata", metavar="PATH", default=default, help="user-data file (env YUEBAO_USERDATA)"
    )
