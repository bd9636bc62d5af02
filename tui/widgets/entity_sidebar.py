"""The entity sidebar: people, places, organisations and reporters, with article counts.

One Line-API list with a heading per group (``h``/``l`` jump between groups). Enter on an
entity asks the screen to toggle it as a filter pick (``>`` marks picks); entities of the
article under the list cursor are marked ``*`` and drawn in their type's colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.message import Message
from textual.strip import Strip

from tui.corpus import GROUP_LABELS, GROUPS, EntityKey
from tui.keymap import binding
from tui.safe import clean, fit
from tui.widgets.line_list import LineList

PER_GROUP = 200  # the most frequent entities shown per group (the palette finds the rest)


@dataclass(slots=True)
class Entry:
    """A row: a group heading (``name`` empty) or an entity."""

    group: str
    name: str = ""
    count: int = 0

    @property
    def key(self) -> EntityKey:
        return (self.name, self.group)


class EntitySidebar(LineList):
    """Entities grouped by type, most frequent first."""

    BINDINGS: ClassVar = [
        binding("next-group", "next_group", "Next group", show=False),
        binding("previous-group", "previous_group", "Previous group", show=False),
    ]

    COMPONENT_CLASSES: ClassVar = LineList.COMPONENT_CLASSES | {
        "entity-sidebar--heading",
        "entity-sidebar--count",
        "entity-sidebar--picked",
        "entity-sidebar--person",
        "entity-sidebar--place",
        "entity-sidebar--org",
        "entity-sidebar--reporter",
        "entity-sidebar--title",
    }

    @dataclass
    class Toggled(Message):
        """Enter on an entity: toggle it as a pick."""

        key: EntityKey

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Entry] = []
        self.picked: set[EntityKey] = set()
        self.current: set[EntityKey] = set()
        self.titles: dict[EntityKey, str] = {}
        self.corrected: set[EntityKey] = set()  # entities a reader's correction made
        self.border_title = "Entities"

    @property
    def row_count(self) -> int:
        return len(self.entries)

    def current_key(self) -> EntityKey | None:
        """The entity under the cursor (None on a group heading)."""
        if 0 <= self.cursor < len(self.entries) and self.entries[self.cursor].name:
            return self.entries[self.cursor].key
        return None

    def set_counts(self, counts: dict[EntityKey, int]) -> None:
        """Show ``counts`` grouped, most frequent first (picks always listed)."""
        keep = self.entries[self.cursor].key if self.entries else None
        by_group: dict[str, list[tuple[str, int]]] = {g: [] for g in GROUPS}
        for (name, group), count in counts.items():
            if group in by_group:
                by_group[group].append((name, count))
        for name, group in self.picked:
            if (name, group) not in counts and group in by_group:
                by_group[group].append((name, 0))
        entries: list[Entry] = []
        for group in GROUPS:
            items = sorted(by_group[group], key=lambda nc: (-nc[1], nc[0]))[:PER_GROUP]
            entries.append(Entry(group, "", len(by_group[group])))
            entries.extend(Entry(group, name, count) for name, count in items)
        self.entries = entries
        cursor = 1 if len(entries) > 1 else 0
        for i, e in enumerate(entries):
            if keep is not None and e.key == keep:
                cursor = i
                break
        self.rows_changed(cursor)

    def set_corrected(self, keys: set[EntityKey]) -> None:
        """Mark the entities a correction renamed, merged, retyped or split off (``✎``)."""
        self.corrected = set(keys)
        self.rows_changed(self.cursor)

    def set_titles(self, titles: dict[EntityKey, str]) -> None:
        """The office shown after a person's name where the row has room."""
        self.titles = dict(titles)
        self.rows_changed(self.cursor)

    def set_current(self, keys: set[EntityKey]) -> None:
        """Mark the entities of the article under the list cursor."""
        if keys != self.current:
            self.current = keys
            self.rows_changed(self.cursor)

    def set_picked(self, keys: set[EntityKey]) -> None:
        """Mark the picked entities."""
        self.picked = set(keys)
        self.rows_changed(self.cursor)

    def render_row(self, index: int, width: int, base: Style, cursor: Style | None) -> Strip:
        entry = self.entries[index]
        if not entry.name:
            label = f"{GROUP_LABELS.get(entry.group, entry.group)} ({entry.count})"
            style = base + self.get_component_rich_style("entity-sidebar--heading")
            strip = Strip([Segment(fit(label, width), style)])
        else:
            key = entry.key
            mark = (">" if key in self.picked else " ") + ("*" if key in self.current else " ")
            count = str(entry.count)
            name_w = max(1, width - 2 - cell_len(count) - 1)
            name_style = base
            if key in self.current:
                name_style = base + self.get_component_rich_style(f"entity-sidebar--{entry.group}")
            if key in self.picked:
                name_style += self.get_component_rich_style("entity-sidebar--picked")
            name = clean(entry.name) + ("✎" if key in self.corrected else "")
            segments = [
                Segment(mark, base + self.get_component_rich_style("entity-sidebar--picked"))
            ]
            title = clean(self.titles.get(key, ""))
            room = name_w - cell_len(name) - 1
            if title and room >= 4:  # the office, dimmed, where at least a little fits
                segments.append(Segment(name + " ", name_style))
                segments.append(
                    Segment(
                        fit(title, room),
                        base + self.get_component_rich_style("entity-sidebar--title"),
                    )
                )
                segments.append(Segment(" ", base))
            else:
                segments.append(Segment(fit(name, name_w) + " ", name_style))
            segments.append(
                Segment(count, base + self.get_component_rich_style("entity-sidebar--count"))
            )
            strip = Strip(segments)
        return strip

    def action_select(self) -> None:
        if self.entries and self.entries[self.cursor].name:
            self.post_message(self.Toggled(self.entries[self.cursor].key))

    def _jump_group(self, step: int) -> None:
        heads = [i for i, e in enumerate(self.entries) if not e.name]
        if not heads:
            return
        if step > 0:
            later = [h for h in heads if h > self.cursor]
            target = later[0] if later else heads[0]
        else:
            mine = max((h for h in heads if h <= self.cursor), default=heads[0])
            earlier = [h for h in heads if h < mine]
            target = earlier[-1] if earlier else heads[-1]
        self.move_to(min(target + 1, self.row_count - 1) if step else target)

    def action_next_group(self) -> None:
        self._jump_group(1)

    def action_previous_group(self) -> None:
        self._jump_group(-1)

    def jump_to(self, key: EntityKey) -> bool:
        """Put the cursor on an entity, if listed."""
        for i, e in enumerate(self.entries):
            if e.key == key:
                self.move_to(i)
                return True
        return False
