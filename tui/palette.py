"""yuebao's commands in the command palette (ctrl+p): jump to an entity or an article,
toggle panes, bookmarks, help. Textual's own commands (theme, quit, keys) stay alongside.
Entities and titles are also found by pinyin (``gxq`` → 高新区), as in the filter line.

Titles and names are data: they are shown as plain ``Content`` and help text is escaped, so
markup in an article never reaches the markup parser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from store.search import is_pinyin_query, matches
from tui.corpus import GROUP_LABELS
from tui.safe import clean

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

MAX_PROFILES = 500  # the most named entities get a profile command
MAX_ARTICLES = 5000  # titles searched per keystroke: the current list's first ones
PINYIN_CANDIDATES = 3000  # commands, entities and titles also tried by pinyin
PINYIN_SCORE = 0.5  # a pinyin hit ranks below a good literal match


def plain_highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight`` but never parses ``text`` as markup."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class YuebaoCommands(Provider):
    """Commands over the open corpus."""

    def _main(self) -> MainScreen:
        """The explorer this palette was opened on (the provider lives on its screen)."""
        return cast("MainScreen", self.screen)

    def _fixed(self, main: MainScreen) -> list[tuple[str, Callable[[], object], str]]:
        return [
            ("Toggle entity sidebar", main.action_toggle_sidebar, "Show or hide the entities"),
            ("Toggle reader", main.action_toggle_reader, "Show or hide the reader pane"),
            ("Bookmarks", main.action_bookmarks, "List bookmarked articles"),
            (
                "Saved searches",
                main.action_saved_searches,
                "Named filters, with what is new since your last visit; save the filter",
            ),
            ("Correct…", main.action_correct, "Correct the article or the sidebar's entity"),
            ("Corrections", main.action_corrections, "Your corrections; undo or redo one"),
            (
                "Export the list",
                main.action_export,
                "Write the listed articles to CSV, JSON or Markdown",
            ),
            ("Timeline", main.action_timeline, "Articles of the list by year, month, day"),
            ("Keyword in context", main.action_kwic, "Every mention of the filter's first term"),
            ("Related articles", main.action_related, "Articles sharing this one's rarer entities"),
            ("Filter", main.action_focus_filter, "Focus the filter line"),
            ("Clear the filter", main.clear_filter, "Show every article"),
            ("Help: keys", self.app.action_help, "Every key binding"),  # type: ignore[attr-defined]
        ]

    def _candidates(self, main: MainScreen) -> Iterator[tuple[str, Callable[[], object], str]]:
        yield from self._fixed(main)
        corpus = main.corpus
        counts = corpus.entity_counts()
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        for (name, group), count in ranked:
            yield (
                f"Entity: {clean(name)}",
                partial(main.jump_to_entity, (name, group)),
                f"{GROUP_LABELS.get(group, group)} · {count} articles",
            )
        for (name, group), count in ranked[:MAX_PROFILES]:
            yield (
                f"Profile: {clean(name)}",
                partial(main.show_profile, (name, group)),
                f"names, months, companions · {count} articles",
            )
        for row in main.article_rows(MAX_ARTICLES):
            title = clean(str(row.get("title") or "（无题）")).replace("\n", " ")
            yield (
                f"Article: {title}",
                partial(main.jump_to_article, row["id"]),
                " ".join(str(row.get(k) or "") for k in ("newspaper", "date", "page")),
            )

    async def discover(self) -> Hits:
        main = self._main()
        for name, callback, help_text in self._fixed(main):
            yield DiscoveryHit(Content(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        main = self._main()
        matcher = self.matcher(query)
        latin = query.strip().lower().replace(" ", "")
        pinyin = is_pinyin_query(latin)
        for n, (name, callback, help_text) in enumerate(self._candidates(main)):
            score = matcher.match(name)
            if score <= 0 and pinyin and n < PINYIN_CANDIDATES:
                # Latin letters typed without an input method: gxq, haier find 高新区, 海尔
                shown = name.partition(": ")[2] or name
                score = PINYIN_SCORE if matches(latin, shown) else 0
            if score > 0:
                yield Hit(
                    score,
                    plain_highlight(matcher, name),
                    callback,
                    text=name,
                    help=escape(clean(help_text)),
                )
