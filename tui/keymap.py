"""Key bindings by id: defaults from the bundled ``keymap.toml``, overrides from the user's.

Every binding in the app is made with ``binding(id, action, description)``; its default keys
come from the bundled ``keymap.toml`` (``[bindings]`` id = "key,key"), so that file is the
one list of defaults. A user ``keymap.toml`` in ``store.paths.config_dir()`` overrides keys by
id through Textual's ``App.set_keymap``. A broken user file is reported in one line naming the
file and line, and the defaults are used.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from textual.binding import Binding
from textual.keys import KEY_NAME_REPLACEMENTS, REPLACED_KEYS, Keys, key_to_character

from store import paths
from store.errors import YuebaoError

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_NAMED_KEYS = frozenset(k.value for k in Keys) | {"space", "backspace", "enter", "tab"}


@dataclass(frozen=True, slots=True)
class BindingInfo:
    """What the help screen shows for one binding id."""

    id: str
    action: str
    description: str


REGISTRY: dict[str, BindingInfo] = {}

# What the help screen says for each id (the footer uses the binding's short description).
HELP: dict[str, str] = {
    "quit": "Quit (the filter, selection and layout are remembered)",
    "help": "This list of keys",
    "command-palette": "Command palette: jump to an entity or article, panes, theme",
    "filter": "Filter: type terms (all must match); the list follows as you type",
    "back": "Back: leave the filter or reader; on the list clear entity picks, then filter",
    "cursor-down": "Down one row (scrolls in the reader)",
    "cursor-up": "Up one row (scrolls in the reader)",
    "first": "First row / top of the article",
    "last": "Last row / end of the article",
    "page-down": "Page down",
    "page-up": "Page up",
    "open": "Open the article; on an entity, narrow the list to it (again: remove)",
    "next-pane": "Next pane (entities, articles, reader)",
    "previous-pane": "Previous pane",
    "previous-article": "Previous article (stays in the reader)",
    "next-article": "Next article (stays in the reader)",
    "toggle-sidebar": "Show or hide the entities (narrow screens: switch to them)",
    "toggle-reader": "Show or hide the reader (narrow screens: switch to it)",
    "bookmark": "Bookmark the article (again: remove)",
    "note": "Write a note on the article",
    "tag": "Tag the article (comma-separated)",
    "toggle-unread": "Mark the article unread / read",
    "bookmarks": "Bookmarked articles",
    "next-match": "Next filter match in the reader",
    "previous-match": "Previous filter match in the reader",
    "next-group": "Entities: next group (people, places, organisations, reporters)",
    "previous-group": "Entities: previous group",
    "save-note": "Save the note being written (in the note editor)",
    "export": "Export the listed articles to a file (.csv, .json or .md) for citation",
    "profile": "Entities: the profile of the entity under the cursor (names, months, companions)",
    "timeline": "Timeline of the listed articles: years, months, days; a range filters",
    "timeline-mark": "Timeline: mark the start, then the end of a date range",
    "timeline-up": "Timeline: back up a level (days to months to years)",
    "related": "Articles related to the one under the cursor (sharing its rarer entities)",
    "kwic": "Keyword in context: every mention of the filter's first term (or the entity)",
    "kwic-sort-left": "In context: sort by the words before the term",
    "kwic-sort-right": "In context: sort by the words after the term",
    "saved-searches": "Saved searches, with the articles new since your last visit",
    "save-search": "Saved searches: save the current filter under a name",
    "delete-search": "Saved searches: delete the one under the cursor",
    "correct": "Correct the article (title, join, split) or the entity under the cursor "
    "(rename, merge, kind, split, hide)",
    "corrections": "Your corrections, applied on every load; undo or redo one",
    "undo-correction": "Corrections: undo (or redo) the one under the cursor",
}


@cache
def default_keymap() -> dict[str, str]:
    """The bundled defaults: binding id → comma-separated keys."""
    with open(paths.bundled_keymap_path(), "rb") as handle:
        data = tomllib.load(handle)
    return {str(k): str(v) for k, v in data.get("bindings", {}).items()}


def binding(
    binding_id: str, action: str, description: str, *, show: bool = True, priority: bool = False
) -> Binding:
    """A ``Binding`` whose default keys come from the bundled keymap under ``binding_id``."""
    REGISTRY.setdefault(binding_id, BindingInfo(binding_id, action, description))
    return Binding(
        default_keymap()[binding_id],
        action,
        description,
        show=show,
        priority=priority,
        id=binding_id,
    )


def valid_key(key: str) -> bool:
    """Whether Textual can name ``key`` (e.g. ``j``, ``ctrl+d``, ``question_mark``, ``f5``)."""
    parts = key.strip().split("+")
    name = parts[-1]
    if not name or any(p not in MODIFIERS for p in parts[:-1]):
        return False
    if len(name) == 1 or name in _NAMED_KEYS or re.fullmatch(r"f\d{1,2}", name):
        return True
    if key_to_character(name) is not None:
        return True
    try:
        unicodedata.lookup(REPLACED_KEYS.get(name, name).replace("_", " "))
    except KeyError:
        return False
    return True


def _line_of(text: str, needle: str) -> int:
    """The 1-based line where ``needle`` starts a key or names a table (0 if not found)."""
    pattern = re.compile(
        rf"^\s*(?:[\"']?{re.escape(needle)}[\"']?\s*=|\[\s*{re.escape(needle)}\s*\])",
        re.MULTILINE,
    )
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


class KeymapError(YuebaoError, ValueError):
    """A user keymap problem, already phrased as ``FILE line N: what``."""


def parse_user_keymap(path: Path, problems: list[str] | None = None) -> dict[str, str]:
    """The overrides in ``path`` (empty if it does not exist).

    A file that cannot be read or is not TOML raises ``KeymapError``. A bad entry (an
    unknown action or key, keys that are not a string, an unknown section) is left out and
    described in ``problems`` (one line each, naming the file and line): the other entries
    still count."""
    problems = [] if problems is None else problems
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise KeymapError(f"{path}: cannot read ({exc})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        where = f" line {match.group(1)}" if match else ""
        raise KeymapError(f"{path}{where}: not valid TOML ({exc})") from exc
    table = data.get("bindings", {})
    if not isinstance(table, dict):
        raise KeymapError(f"{path} line {_line_of(text, 'bindings')}: [bindings] must be a table")
    known = default_keymap()
    for key in data:
        if key != "bindings":
            problems.append(f"{path} line {_line_of(text, key)}: unknown section {key!r}")
    result: dict[str, str] = {}
    for binding_id, keys in table.items():
        line = _line_of(text, binding_id)
        if binding_id not in known:
            problems.append(f"{path} line {line}: unknown action {binding_id!r}")
            continue
        if not isinstance(keys, str) or not keys.strip():
            problems.append(f"{path} line {line}: keys for {binding_id!r} must be a string")
            continue
        bad = [k.strip() for k in keys.split(",") if not valid_key(k)]
        if bad:
            problems.append(f"{path} line {line}: unknown key {bad[0]!r} for {binding_id!r}")
            continue
        result[binding_id] = ",".join(k.strip() for k in keys.split(","))
    return result


def user_keymap_path() -> Path:
    """Where the user's ``keymap.toml`` lives."""
    return paths.config_dir() / "keymap.toml"


def _normal(key: str) -> str:
    """``?`` → ``question_mark`` (how Textual names a key), other keys unchanged."""
    key = key.strip()
    if len(key) == 1 and not key.isalnum():
        name = unicodedata.name(key, key).lower().replace(" ", "_").replace("-", "_")
        return KEY_NAME_REPLACEMENTS.get(name, name)
    return key


def clashes(overrides: dict[str, str]) -> list[tuple[str, str, str]]:
    """``(key, overridden id, other id)`` where an override takes a key another id still has."""
    effective = {bid: effective_keys(bid, overrides) for bid in default_keymap()}
    owners: dict[str, list[str]] = {}
    for bid, keys in effective.items():
        for key in keys.split(","):
            owners.setdefault(_normal(key), []).append(bid)
    found = []
    for bid, keys in overrides.items():
        for key in keys.split(","):
            others = [o for o in owners.get(_normal(key), []) if o != bid]
            if others:
                found.append((key.strip(), bid, others[0]))
    return found


def load_user_keymap(path: Path | None = None) -> tuple[dict[str, str], str | None]:
    """``(overrides, notice)``: the usable overrides, and a line per problem (or None).

    A file that cannot be read or parsed gives ``{}`` (the default keys); a bad entry is
    dropped alone; a key given to two ids is kept but reported (which one wins depends on
    the focus). Every problem is listed, not just the first.
    """
    path = path or user_keymap_path()
    problems: list[str] = []
    try:
        overrides = parse_user_keymap(path, problems)
    except KeymapError as exc:
        return {}, f"{exc} — using the default keys"
    found = clashes(overrides)
    if found:
        text = path.read_text(encoding="utf-8")
        for key, bid, other in found:
            problems.append(
                f"{path} line {_line_of(text, bid)}: {key!r} for {bid} is also bound to "
                f"{other}; change one of them"
            )
    if not problems:
        return overrides, None
    if len(problems) > 1 or not found:
        problems.append(
            "the other bindings of the file are used"
            if overrides
            else "no binding of the file is used: the default keys stay"
        )
    return overrides, "\n".join(problems)


def effective_keys(binding_id: str, overrides: dict[str, str]) -> str:
    """The keys a binding id answers to now."""
    return overrides.get(binding_id) or default_keymap().get(binding_id, "")


def key_hints(app: object, *pairs: tuple[str, str]) -> str:
    """``"⏎ opens · esc closes"``: for each ``(binding id, what it does)``, the first key the
    id answers to in ``app`` (its ``keymap_overrides``) and the words."""
    overrides = getattr(app, "keymap_overrides", {})
    return " · ".join(f"{key_hint(binding_id, overrides)} {what}" for binding_id, what in pairs)


def key_hint(binding_id: str, overrides: dict[str, str]) -> str:
    """The first key a binding id answers to now, as a hint shows it (``ctrl+s``, ``esc``)."""
    from textual.keys import format_key

    keys = effective_keys(binding_id, overrides).split(",")
    return format_key(keys[0].strip()).replace("escape", "esc") if keys[0].strip() else "?"
