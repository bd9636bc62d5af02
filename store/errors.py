"""The one family of errors yuebao explains to its user.

Every error a user may meet — an unreadable or binary file, a corrupt database, a broken
keymap, a malformed query, a failed write — is a ``YuebaoError`` whose message is one line
naming the file (or the query) and the problem. A command prints it as it is and exits
non-zero; the explorer shows it in a notification. Anything else is a bug.
"""

from __future__ import annotations


class YuebaoError(Exception):
    """A problem explained in one line for the user."""
