"""The main screen: filter line, entity sidebar, article list, reader. It owns the state.

State (the query, whose ``person:…`` tokens are the entity picks; the open article; the
pane layout) lives here; widgets only draw and post messages. Searching and reading run in
exclusive workers, so typing and moving never wait for the disk. Layout follows the width:
below ``NARROW`` columns only one pane shows at a time and ``s`` / ``r`` / tab switch between
them instead of squeezing.
"""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from tui.corpus import EntityKey, FilterResult
from tui.keymap import binding
from tui.palette import YuebaoCommands
from tui.query_edit import picked_entities, toggle_entity
from tui.screens.main_corrections import CorrectionActions
from tui.screens.main_userdata import UserDataActions
from tui.state import save_state
from tui.userdata import UserDataError
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.filter_line import FilterLine
from tui.widgets.line_list import LineList
from tui.widgets.reader import Reader

if TYPE_CHECKING:
    from tui.corpus import Corpus
    from tui.state import UIState
    from tui.userdata import UserData

SAVE_DELAY = 2.0  # seconds after the last change before the UI state is written
FILTER_WAIT = 0.06  # seconds a keystroke waits for the next while a search is running
READER_WAIT = 0.05  # seconds the reader waits before following the list cursor
NARROW = 100  # below this width one pane shows at a time
WIDE = 160
PANES = ("sidebar", "list", "reader")
ARTICLE_ACTIONS = {
    "bookmark",
    "note",
    "tag",
    "toggle_unread",
    "previous_article",
    "next_article",
    "related",
}


class MainScreen(CorrectionActions, UserDataActions, Screen[None]):
    """The explorer."""

    BINDINGS: ClassVar = [
        binding("filter", "focus_filter", "Filter"),
        binding("back", "back", "Back", show=False),
        binding("next-pane", "next_pane", "Next pane", show=False),
        binding("previous-pane", "previous_pane", "Previous pane", show=False),
        binding("previous-article", "previous_article", "Prev article", show=False),
        binding("next-article", "next_article", "Next article", show=False),
        binding("toggle-sidebar", "toggle_sidebar", "Entities"),
        binding("toggle-reader", "toggle_reader", "Reader"),
        binding("bookmark", "bookmark", "Bookmark"),
        binding("note", "note", "Note", show=False),
        binding("tag", "tag", "Tag", show=False),
        binding("toggle-unread", "toggle_unread", "Unread", show=False),
        binding("bookmarks", "bookmarks", "Bookmarks", show=False),
        binding("export", "export", "Export", show=False),
        binding("profile", "profile", "Profile", show=False),
        binding("kwic", "kwic", "In context", show=False),
        binding("related", "related", "Related", show=False),
        binding("timeline", "timeline", "Timeline", show=False),
        binding("saved-searches", "saved_searches", "Saved", show=False),
        binding("correct", "correct", "Correct", show=False),
        binding("corrections", "corrections", "Corrections", show=False),
        binding("next-match", "next_match", "Next match", show=False),
        binding("previous-match", "previous_match", "Previous match", show=False),
    ]

    COMMANDS: ClassVar = {YuebaoCommands}  # the palette's corpus commands, on this screen

    #: The query as typed: the one source of the filter, the entity picks and what is saved.
    filter_text: reactive[str] = reactive("", init=False)
    pane: reactive[str] = reactive("list", init=False)  # the active pane (PANES)
    show_sidebar: reactive[bool] = reactive(True, init=False)  # wide layouts
    show_reader: reactive[bool] = reactive(True, init=False)
    narrow: reactive[bool] = reactive(False, init=False)  # one pane at a time

    def __init__(
        self, corpus: Corpus, userdata: UserData, state: UIState, notice: str | None = None
    ) -> None:
        """``notice``: shown once on mount (a broken keymap file, say)."""
        super().__init__()
        self.corpus = corpus
        self.userdata = userdata
        self.state = state
        self.notice = notice
        self.set_reactive(MainScreen.filter_text, state.query)
        self.result: FilterResult | None = None
        self.terms: list[str] = []
        self._had_article = False
        self._painted = False  # the reader waits for the list's first paint
        self._save_timer: Timer | None = None
        self._visiting: str | None = None  # the saved search being opened
        self._searching = 0  # engine calls still running in their threads
        self._search_lock = threading.Lock()

    @property
    def picks(self) -> list[EntityKey]:
        """The entities picked in the sidebar: the ``person:…`` etc. tokens of the query."""
        return picked_entities(self.filter_text)

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        state = self.state
        yield FilterLine(state.query, id="filter")
        yield Static("", id="status", markup=False)
        with Horizontal(id="panes"):
            yield EntitySidebar(id="sidebar")
            yield ArticleList(self.userdata, id="list")
            yield Reader(id="reader")
        yield Footer()

    def on_mount(self) -> None:
        """Paint the list from the catalog at once; open the rest in workers."""
        state = self.state
        self.show_sidebar, self.show_reader = state.sidebar, state.reader
        self._apply_width(self.app.size.width)
        corpus = self.corpus
        article_list = self.query_one(ArticleList)
        if not state.query:
            article_list.set_rows(corpus.rows, list(range(corpus.size)), state.selected)
            self._show_status()
        self.query_one(EntitySidebar).set_picked(set(self.picks))
        self.set_pane(state.pane if state.pane in PANES else "list")
        if state.query:
            self.run_filter(immediate=True, keep=state.selected)
        if self.notice:
            self.notify(self.notice, severity="warning", timeout=12, markup=False)
        if self.userdata.message:
            self.notify(self.userdata.message, severity="error", timeout=12, markup=False)
        self.set_interval(5.0, self.poll_userdata)
        self.set_timer(0.5, self._first_paint_done)  # in case the list starts hidden

    @on(LineList.Painted, "#list")
    def _first_paint_done(self) -> None:
        """The list is on screen: now the sidebar and reader may start their reads."""
        if self._painted:
            return
        self._painted = True
        self.load_entities()
        row = self.query_one(ArticleList).row_at(self.query_one(ArticleList).cursor)
        if row is not None and self._reader_visible():
            self.load_article(row["id"], mark_read=False, immediate=True)
        self.open_engine()

    @work(exclusive=True, group="engine", thread=True)
    def open_engine(self) -> None:
        """Open the search index now, in the background (it reads no article), so that the
        first keystroke in the filter line is answered at once."""
        self.corpus.engine()

    def _reader_visible(self) -> bool:
        """Whether the reader is on screen (so it should follow the list cursor)."""
        if self.narrow:
            return self.pane == "reader"
        return self.show_reader

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.narrow = width < NARROW
        self.set_class(width >= WIDE, "-wide")

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "-narrow")

    def watch_show_sidebar(self, shown: bool) -> None:
        self.set_class(not shown, "-no-sidebar")

    def watch_show_reader(self, shown: bool) -> None:
        self.set_class(not shown, "-no-reader")

    def watch_pane(self, pane: str) -> None:
        for name in PANES:
            self.set_class(name == pane, f"-pane-{name}")

    def set_pane(self, pane: str, focus: bool = True) -> None:
        """Make ``pane`` the active one (in narrow mode, the only one shown)."""
        if pane == "sidebar" and not self.narrow:
            self.show_sidebar = True
        if pane == "reader" and not self.narrow:
            self.show_reader = True
        self.pane = pane
        self.watch_pane(pane)  # also when it was already the active one (the first time)
        if focus:
            self.query_one(f"#{pane}").focus()
        self._remember()

    def _visible_panes(self) -> list[str]:
        if self.narrow:
            return list(PANES)
        shown = ["list"]
        if self.show_sidebar:
            shown.insert(0, "sidebar")
        if self.show_reader:
            shown.append("reader")
        return shown

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget_id = event.widget.id
        if widget_id in PANES and widget_id != self.pane:
            self.set_pane(widget_id, focus=False)

    # -- status -------------------------------------------------------------------------
    def _show_status(self, error: str | None = None) -> None:
        corpus = self.corpus
        shown = len(self.query_one(ArticleList).order)
        text = Text(f"{shown} of {corpus.size} articles", style="bold", end="")
        if error:
            text.append(f"  ·  {error}", style="red")
        self.query_one("#status", Static).update(text, layout=False)  # one line, fixed

    # -- filtering ------------------------------------------------------------------------
    @on(FilterLine.Changed)
    def filter_changed(self, event: FilterLine.Changed) -> None:
        event.stop()
        self.filter_text = event.value
        self.run_filter()

    def watch_filter_text(self, text: str) -> None:
        """The sidebar marks the entities the query picks as soon as it changes."""
        self.query_one(EntitySidebar).set_picked(set(picked_entities(text)))

    def set_filter(self, text: str) -> None:
        """Replace the query (the filter line shows it; the list follows)."""
        self.filter_text = text
        self.query_one(FilterLine).set_query(text)

    def clear_filter(self) -> None:
        """Show every article again."""
        self.set_filter("")
        self.run_filter(immediate=True)

    @on(FilterLine.Leave)
    def filter_left(self) -> None:
        self.set_pane(self.pane if self.pane != "sidebar" or not self.narrow else "list")

    @work(exclusive=True, group="filter")
    async def run_filter(self, immediate: bool = False, keep: str | None = None) -> None:
        """Ask the search engine (in a thread) and show the result; newer keystrokes win.

        A keystroke is answered at once; only while an earlier search is still running does
        it wait ``FILTER_WAIT`` for the next keystroke (typing fast does not pile up
        searches the screen would throw away)."""
        if not immediate and self._searching:
            await asyncio.sleep(FILTER_WAIT)
        query = self.filter_text
        corpus = self.corpus
        if query.strip() and not corpus.engine_ready:
            self.query_one("#status", Static).update(
                Text(f"Opening the search index of {corpus.size:,} articles…", end=""),
                layout=False,
            )
        result = await asyncio.to_thread(self._search, corpus, query)
        with self.app.batch_update():  # list, sidebar and status change in one frame
            self.query_one(EntitySidebar).set_picked(set(result.picked))
            if result.error:
                self._show_status(result.error)
                return
            self.result = result
            self.terms = result.terms
            article_list = self.query_one(ArticleList)
            keep = keep or article_list.current_id() or self.state.selected
            article_list.set_rows(corpus.rows, result.order, keep, result.terms)
            self._show_status()
            if self._visiting:
                self.visited(result.order)
            await self._update_counts()
        self._remember()

    def _search(self, corpus: Corpus, query: str) -> FilterResult:
        """The engine call (in a thread), counted while it runs — also after the worker
        that asked was cancelled by a newer keystroke: the thread goes on to the end."""
        with self._search_lock:
            self._searching += 1
        try:
            return corpus.filter(query, self.userdata)
        finally:
            with self._search_lock:
                self._searching -= 1

    @work(exclusive=True, group="entities")
    async def load_entities(self) -> None:
        """Fill the sidebar with corpus-wide counts (read after the list has painted)."""
        await asyncio.to_thread(self.corpus.entity_counts)
        titles = await asyncio.to_thread(self.corpus.entity_titles)
        sidebar = self.query_one(EntitySidebar)
        sidebar.set_corrected(self.corpus.corrections.corrected_keys())
        sidebar.set_titles(titles)
        await self._update_counts()

    async def _update_counts(self) -> None:
        corpus = self.corpus
        if self.result is not None and self.result.facets is not None:
            counts = self.result.facets
        else:
            counts = await asyncio.to_thread(corpus.entity_counts)
        self.query_one(EntitySidebar).set_counts(counts)

    @on(EntitySidebar.Toggled)
    def entity_toggled(self, event: EntitySidebar.Toggled) -> None:
        self.toggle_pick(event.key)

    def toggle_pick(self, key: EntityKey) -> None:
        """Add or remove an entity as a filter pick."""
        self.set_filter(toggle_entity(self.filter_text, key))
        self.run_filter(immediate=True)

    # -- list and reader ----------------------------------------------------------------
    @on(LineList.Highlighted, "#list")
    def list_moved(self, event: LineList.Highlighted) -> None:
        row = self.query_one(ArticleList).row_at(event.index)
        keys = set(self.corpus.keys_of(row, read=False)) if row is not None else set()
        self.query_one(EntitySidebar).set_current(keys)
        self._remember()
        if self._painted and row and self._reader_visible():
            self.load_article(row["id"], mark_read=False)
        if (row is not None) != self._had_article:  # the footer recomposes: only on change
            self._had_article = row is not None
            self.refresh_bindings()

    @on(LineList.Selected, "#list")
    def list_selected(self, event: LineList.Selected) -> None:
        self.open_current()

    def open_current(self) -> None:
        """Open the article under the list cursor in the reader and focus it."""
        article_id = self.query_one(ArticleList).current_id()
        if article_id is None:
            return
        self.load_article(article_id, mark_read=True, immediate=True)
        self.set_pane("reader")

    @work(exclusive=True, group="reader")
    async def load_article(
        self, article_id: str, mark_read: bool = False, immediate: bool = False
    ) -> None:
        """Read the full article (in a thread) and show it; a newer request wins."""
        reader = self.query_one(Reader)
        if not immediate:
            await asyncio.sleep(READER_WAIT)  # the cursor may move on: show that one
        if reader.article_id != article_id or reader.terms != self.terms:
            corpus = self.corpus
            if not corpus.articles_loaded:
                reader.message(f"Finding the {corpus.size:,} articles in the corpus file…")
            article = await asyncio.to_thread(corpus.article, article_id)
            if article is None:
                reader.message("This article is not in the database any more.")
                return
            reader.show(article, self.terms, self.userdata.note(article_id))
        if mark_read and self.userdata.is_unread(article_id):
            try:
                self.userdata.mark_read(article_id)
            except UserDataError:
                return  # read-only user data: said once at start-up
            self._refresh_current_row()

    def _step_article(self, step: int) -> None:
        article_list = self.query_one(ArticleList)
        article_list.move_to(article_list.cursor + step)
        article_id = article_list.current_id()
        if article_id is not None:
            self.load_article(article_id, mark_read=self.pane == "reader", immediate=True)

    def action_next_match(self) -> None:
        self._jump_match(1)

    def action_previous_match(self) -> None:
        self._jump_match(-1)

    def _jump_match(self, step: int) -> None:
        reader = self.query_one(Reader)
        if reader.article_id is None:
            return
        if self.narrow and self.pane != "reader":
            self.set_pane("reader")
        if not reader.jump_match(step):
            self.notify("No filter match in this article", markup=False, timeout=2)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def action_next_article(self) -> None:
        self._step_article(1)

    # -- panes ----------------------------------------------------------------------------
    def action_focus_filter(self) -> None:
        self.query_one(FilterLine).focus()

    def action_back(self) -> None:
        """Reader or sidebar → list; on the list, clear the filter."""
        if self.pane != "list" or self.focused is not self.query_one(ArticleList):
            self.set_pane("list")
        elif self.filter_text:
            self.set_filter("")

    def _cycle(self, step: int) -> None:
        panes = self._visible_panes()
        current = panes.index(self.pane) if self.pane in panes else 0
        if self.focused is self.query_one(FilterLine):
            current = -1 if step > 0 else 0
        self.set_pane(panes[(current + step) % len(panes)])

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def action_toggle_sidebar(self) -> None:
        """Wide: show or hide the sidebar. Narrow: switch to it or back to the list."""
        if self.narrow:
            self.set_pane("list" if self.pane == "sidebar" else "sidebar")
            return
        self.show_sidebar = not self.show_sidebar
        hidden = not self.show_sidebar
        if hidden and self.pane == "sidebar":
            self.set_pane("list")
        self._remember()

    def action_toggle_reader(self) -> None:
        """Wide: show or hide the reader. Narrow: switch to it or back to the list."""
        if self.narrow:
            if self.pane == "reader":
                self.set_pane("list")
            else:
                self.open_current()
            return
        self.show_reader = not self.show_reader
        hidden = not self.show_reader
        if hidden and self.pane == "reader":
            self.set_pane("list")
        elif not hidden:
            article_id = self.query_one(ArticleList).current_id()
            if article_id:
                self.load_article(article_id, immediate=True)
        self._remember()

    # -- which keys work now ------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Article actions need an article under the cursor."""
        if action in ARTICLE_ACTIONS and self.query_one(ArticleList).current_id() is None:
            return None
        return True

    # -- jumps (command palette) ----------------------------------------------------------
    def jump_to_article(self, article_id: str) -> None:
        """Select an article; clear the filter first if it hides it."""
        article_list = self.query_one(ArticleList)
        pos = article_list.position_of(article_id)
        if pos is None:
            self.set_filter("")
            corpus = self.corpus
            article_list.set_rows(corpus.rows, list(range(corpus.size)), article_id)
            self.result = None
            self._show_status()
            self.run_filter(immediate=True, keep=article_id)
        else:
            article_list.move_to(pos)
        self.load_article(article_id, mark_read=True, immediate=True)
        self.set_pane("reader")

    def jump_to_entity(self, key: EntityKey) -> None:
        """Show an entity in the sidebar and pick it."""
        if key not in self.picks:
            self.toggle_pick(key)
        self.set_pane("sidebar")
        self.query_one(EntitySidebar).jump_to(key)

    # -- remembering ----------------------------------------------------------------------
    def _remember(self) -> None:
        """Update the remembered state; write it to disk a moment after the last change.

        (Quitting writes it too; the timed write covers a dropped SSH connection.)
        """
        if not self.is_mounted:
            return
        state = self.state
        state.query = self.filter_text
        state.selected = self.query_one(ArticleList).current_id() or state.selected
        state.sidebar = self.show_sidebar
        state.reader = self.show_reader
        state.pane = self.pane
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_state)

    def _save_state(self) -> None:
        save_state(self.state)

    # -- entity profile -------------------------------------------------------------------
    def action_profile(self) -> None:
        """The profile of the entity under the sidebar's cursor."""
        key = self.query_one(EntitySidebar).current_key() if self.pane == "sidebar" else None
        if key is None:
            self.notify("Move to an entity in the sidebar (s, then j/k) first", markup=False)
            return
        self.show_profile(key)

    PROFILE_CONTEXT = 20  # articles read for the profile's mentions in context

    @work(exclusive=True, group="profile", thread=True)
    def show_profile(self, key: EntityKey) -> None:
        """Work out the profile in a thread, then show it."""
        from store.corpus import entity_profile
        from store.search import date_histogram
        from tui.screens.profile import ProfileScreen

        corpus = self.corpus
        found = corpus.engine().entity_articles(key) if corpus.engine_ready else None
        profile = entity_profile(
            key,
            corpus.rows,
            corpus.db.entities(),
            keys=None if found else corpus.row_keys(),
            df=corpus.entity_counts(),
            found=found,
        )
        if profile is None:
            self.app.call_from_thread(self.notify, "No article names it", markup=False)
            return
        months = date_histogram(profile.dates, "month").to_dict()
        from store.search import kwic_lines

        names = [profile.name, *profile.aliases]
        first = (corpus.article(i) for i in profile.article_ids[: self.PROFILE_CONTEXT])
        context = kwic_lines((a for a in first if a), names, width=16, limit=8)
        screen = ProfileScreen(profile.to_dict(), months, context)
        self.app.call_from_thread(self.app.push_screen, screen)

    # -- timeline -------------------------------------------------------------------------
    def action_timeline(self) -> None:
        """The date histogram of the list; a day or a range picked there filters the list."""
        from tui.screens.timeline import TimelineScreen

        rows = self.article_rows(self.query_one(ArticleList).row_count)
        dates = [str(r.get("date") or "") for r in rows]

        def picked(item: str | None) -> None:
            if item:
                self.set_filter(f"{self.filter_text.rstrip()} {item}".strip())
                self.run_filter(immediate=True)

        self.app.push_screen(TimelineScreen(dates), picked)

    # -- related articles -----------------------------------------------------------------
    def action_related(self) -> None:
        """The articles sharing the current article's rarer entities."""
        current = self.query_one(ArticleList).current_id()
        if current:
            self.show_related(current)

    @work(exclusive=True, group="related", thread=True)
    def show_related(self, article_id: str) -> None:
        """Rank in a thread, then show the list; Enter opens one."""
        from store.corpus import related_articles
        from tui.screens.related import RelatedScreen

        corpus = self.corpus
        rows = corpus.rows
        found = related_articles(
            article_id, rows, top=30, keys=corpus.row_keys(), df=corpus.entity_counts()
        )
        by_id = {str(r["id"]): r for r in rows}
        title = str(by_id.get(article_id, {}).get("title") or "（无题）")
        screen = RelatedScreen(title, [by_id[i] for i, _ in found], self.userdata)

        def opened(choice: str | None) -> None:
            if choice:
                self.jump_to_article(choice)

        self.app.call_from_thread(self.app.push_screen, screen, opened)

    # -- keyword in context ---------------------------------------------------------------
    KWIC_ARTICLES = 3000  # articles of the list scanned for mentions (the first ones)

    def action_kwic(self) -> None:
        """Every mention of the filter's first term (in the sidebar: of its entity)."""
        term = ""
        if self.pane == "sidebar":
            key = self.query_one(EntitySidebar).current_key()
            term = key[0] if key else ""
        if not term and self.terms:
            term = self.terms[0]
        if not term:
            self.notify("Type a term in the filter (/) or pick an entity first", markup=False)
            return
        self.show_kwic(term, self.article_rows(self.KWIC_ARTICLES + 1))

    @work(exclusive=True, group="kwic", thread=True)
    def show_kwic(self, term: str, rows: list[dict[str, Any]]) -> None:
        """Read the listed articles in a thread and show the mentions."""
        from store.search import kwic_lines
        from tui.screens.kwic import KwicScreen

        capped = len(rows) > self.KWIC_ARTICLES
        rows = rows[: self.KWIC_ARTICLES]
        articles = (self.corpus.article(str(r["id"])) for r in rows)
        lines = kwic_lines((a for a in articles if a), [term], width=40)

        def opened(choice: tuple[str, str] | None) -> None:
            if choice:
                self.jump_to_article(choice[0])

        screen = KwicScreen(term, lines, len(rows), capped)
        self.app.call_from_thread(self.app.push_screen, screen, opened)

    # -- export ---------------------------------------------------------------------------
    def action_export(self) -> None:
        """Write the listed articles, in the list's order, to a file the user names."""
        import datetime as dt
        from pathlib import Path

        from tui.screens.prompt import ExportScreen

        rows = self.article_rows(self.query_one(ArticleList).row_count)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        default = str(Path.home() / f"yuebao-{stamp}.csv")

        def chosen(path: str | None) -> None:
            if path:
                self.write_export(rows, path, self.filter_text)

        self.app.push_screen(ExportScreen(default, len(rows)), chosen)

    @work(exclusive=True, group="export", thread=True)
    def write_export(self, rows: list[dict[str, Any]], path: str, query: str) -> None:
        """Render and write the export in a thread; report the result in one line."""
        from pathlib import Path

        from store.errors import YuebaoError
        from store.files import write_atomic
        from store.search import export_format_for, render_export, result_records

        target = Path(path).expanduser()
        fmt = export_format_for(target.name)
        if not fmt:
            self.app.call_from_thread(
                self.notify, f"{target}: name a .csv, .json or .md file", severity="error"
            )
            return

        def body_of(article_id: str) -> str:
            article = self.corpus.article(article_id)
            return str(article.get("body") or "") if article else ""

        try:
            write_atomic(target, render_export(result_records(rows, body_of), fmt, query))
        except (OSError, YuebaoError) as exc:
            message, severity = f"{target}: cannot write the export ({exc})", "error"
        else:
            message, severity = f"{len(rows):,} articles written to {target}", "information"
        self.app.call_from_thread(self.notify, message, severity=severity, markup=False)

    def article_rows(self, limit: int) -> list[dict[str, Any]]:
        """The first ``limit`` rows of the current list (for 'jump to article')."""
        corpus = self.corpus
        return [corpus.rows[i] for i in self.query_one(ArticleList).order[:limit]]
