"""The one error a command reports to the user: a line of text and an exit code."""

from __future__ import annotations

from store.errors import YuebaoError


class UserError(YuebaoError):
    """A problem to report in one line, with a non-zero exit code (default 1)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code
