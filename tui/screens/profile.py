"""An entity's profile: its names and titles, its articles by month, a few mentions in
context, who appears with it.

The numbers are the store's (``store.corpus.entity_profile``); this screen only lays them
out. ``back``, ``quit`` or ``profile`` closes it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.corpus import GROUP_LABELS
from tui.keymap import binding, key_hints
from tui.safe import clean
from tui.screens.reading import ReadingScreen

BAR = 30  # columns of the longest month bar


def profile_text(
    profile: dict[str, Any], months: dict[str, Any], context: list[Any] | None = None
) -> Table:
    """The profile as one Rich table (the text is data: never markup)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column()
    group = GROUP_LABELS.get(profile["group"], profile["group"])
    count = profile["articles"]
    head = f"{clean(profile['name'])}  ·  {group}  ·  {count} article{'' if count == 1 else 's'}"
    grid.add_row("", Text(head))
    if profile["aliases"]:
        grid.add_row("also", Text("、".join(clean(a) for a in profile["aliases"])))
    if profile["titles"]:
        grid.add_row("titles", Text("、".join(clean(t) for t in profile["titles"])))
    periods = months["periods"]
    top = max((p["count"] for p in periods), default=0)
    for n, period in enumerate(periods):
        bar = "█" * (round(BAR * period["count"] / top) if top else 0)
        grid.add_row(
            "by month" if n == 0 else "", Text(f"{period['period']}  {period['count']:4d} {bar}")
        )
    if months["undated"]:
        grid.add_row("" if periods else "by month", Text(f"undated  {months['undated']:4d}"))
    for n, line in enumerate(context or ()):
        mention = Text(clean(line.left).rjust(16, "　"))
        mention.append(clean(line.match), style="bold reverse")
        mention.append(clean(line.right))
        grid.add_row("in context" if n == 0 else "", mention)
    companions = profile["companions"]
    if not companions:
        grid.add_row("with", Text("no entity shares two or more of its articles", style="dim"))
    for n, item in enumerate(companions):
        label = GROUP_LABELS.get(item["group"], item["group"]).split(" ")[0]
        line = Text(f"{clean(item['name'])}  {label}  ")
        line.append(f"PMI {item['pmi']:.2f} · {item['articles']} together", style="dim")
        grid.add_row("appears with" if n == 0 else "", line)
    return grid


class ProfileScreen(ReadingScreen):
    """Shows one entity's profile."""

    CSS_PATH = "profile.tcss"
    BODY_ID = "profile-body"
    BINDINGS: ClassVar = [binding("profile", "dismiss", "Close", show=False)]

    def __init__(
        self, profile: dict[str, Any], months: dict[str, Any], context: list[Any] | None = None
    ) -> None:
        super().__init__()
        self.profile = profile
        self.months = months
        self.context = list(context or ())

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="profile-body") as body:
            body.border_title = "Profile"
            body.border_subtitle = key_hints(self.app, ("back", "closes"))
            yield Static(profile_text(self.profile, self.months, self.context), markup=False)
