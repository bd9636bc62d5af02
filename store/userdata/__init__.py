"""Stage 4 — user data: bookmarks, notes, tags and read state, apart from the corpus.

``data``'s ``UserData`` is the API (every write atomic and locked, merged with another
session's on conflict); ``file`` reads and writes the JSON file, ``merge`` the record edits
and the three-way merge, ``export`` notes to JSON / Markdown and back, ``records`` the
types. Builds on ``store.corpus`` (articles are named by their stable ids).
"""

from store._lazy import lazy_exports

_EXPORTS = {
    "UserData": "data",
    "Entry": "records",
    "ImportResult": "records",
    "ReadOnlyError": "records",
    "UserDataError": "records",
    "UserMarks": "records",
    "now": "merge",
    "parse_tags": "merge",
    "ImportFormatError": "export",
    "parse_import": "export",
    "parse_import_tables": "export",
    "new_since": "extras",
    "new_search": "extras",
    "new_correction": "extras",
    "search_key": "extras",
    "seen_digest": "extras",
    "ExtraRecordError": "extras",
    "to_json": "export",
    "to_markdown": "export",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
