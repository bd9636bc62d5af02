"""The main screen's keys for what the reader owns beyond notes: corrections of articles
and entities (``correct``, ``corrections``) and saved searches (``saved-searches``).

Corrections are saved in the user data (``UserData.add_correction``); the screen then sees
the stored corpus through them (``Corpus.with_corrections``) and repaints the list, the
sidebar and the reader.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

from textual import work

from store.corpus import find_entity
from tui.screens.choose import ChoiceScreen, TextPrompt
from tui.userdata import UserDataError
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reader import Reader

if TYPE_CHECKING:
    from tui.corpus import Corpus, EntityKey
    from tui.userdata import UserData

GROUP_NAMES = {"person": "人物 person", "place": "地点 place", "org": "机构 organisation",
               "reporter": "记者 reporter"}  # fmt: skip


class CorrectionActions:
    """Mixed into ``MainScreen`` (which provides ``query_one``, ``notify``, ``app``...)."""

    corpus: Corpus
    userdata: UserData
    pane: str
    filter_text: str
    query_one: Any
    notify: Any
    app: Any
    set_filter: Any
    run_filter: Any
    load_entities: Any
    load_article: Any
    _reshow: Any
    _visiting: str | None

    # -- saving one correction ------------------------------------------------------------
    def _correct(self, kind: str, target: Any, value: Any = None, title: str = "") -> None:
        try:
            self.userdata.add_correction(kind, target, value, title)
        except (UserDataError, AttributeError) as exc:
            self.notify(str(exc) or "Corrections are not available", severity="error",
                        markup=False, timeout=8)  # fmt: skip
            return
        self.notify("Corrected (c again to change, C lists them)", markup=False, timeout=3)
        self.apply_corrections()

    @work(exclusive=True, group="corrections")
    async def apply_corrections(self) -> None:
        """See the corpus through the user's corrections now, and repaint."""
        corrections = self.userdata.correction_set()
        if corrections.fingerprint == self.corpus.corrections.fingerprint:
            return
        self.corpus = await asyncio.to_thread(self.corpus.with_corrections, corrections)
        self.app.corpus = self.corpus
        current = self.query_one(ArticleList).current_id()
        self.run_filter(immediate=True, keep=current)
        self.load_entities()
        reader = self.query_one(Reader)
        if reader.article_id:
            self._reshow(reader.article_id)  # the same article, as corrected now

    # -- the correct key ------------------------------------------------------------------
    def action_correct(self) -> None:
        """Correct the entity under the sidebar cursor, else the article under the cursor."""
        if self.pane == "sidebar":
            key = self.query_one(EntitySidebar).current_key()
            if key is not None:
                self._correct_entity(key)
                return
        row = self.query_one(ArticleList).row_at(self.query_one(ArticleList).cursor)
        if row is None:
            self.notify("No article here to correct", markup=False)
            return
        self._correct_article(row)

    def _correct_entity(self, key: EntityKey) -> None:
        name, group = key
        entry = next(
            (e for e in self.corpus.db.entities() if find_entity(name, group, [e]) == key), {}
        )
        aliases = [a for a in entry.get("aliases") or () if a != name]
        choices = [
            ("rename", f"Rename “{name}”…"),
            ("merge", "Merge into another entity…"),
            ("retype", f"Change its kind (now {GROUP_NAMES.get(group, group)})…"),
        ]
        if aliases:
            choices.append(("split", "Split off one of its names: " + "、".join(aliases[:6])))
        choices.append(("hide", "Hide it (not an entity)"))

        def chosen(what: str | None) -> None:
            if what == "rename":
                self.app.push_screen(
                    TextPrompt(f"Rename {name}", "New name.", name),
                    lambda new: self._correct("rename", key, new) if new and new != name else None,
                )
            elif what == "merge":
                self.app.push_screen(
                    TextPrompt(f"Merge {name} into…", "The other entity's name or alias."),
                    lambda other: self._merge(key, other) if other else None,
                )
            elif what == "retype":
                options = [(g, label) for g, label in GROUP_NAMES.items() if g != group]
                self.app.push_screen(
                    ChoiceScreen(f"{name} is a…", options),
                    lambda g: self._correct("retype", key, g) if g else None,
                )
            elif what == "split":
                self.app.push_screen(
                    ChoiceScreen(
                        f"Split off {name}",
                        [(a, a) for a in aliases],
                        "The name picked becomes an entity of its own where the text says it.",
                    ),
                    lambda form: self._correct("split-entity", key, form) if form else None,
                )
            elif what == "hide":
                self._correct("hide", key)

        self.app.push_screen(ChoiceScreen(f"Correct {name}", choices), chosen)

    def _merge(self, key: EntityKey, other: str) -> None:
        into = find_entity(other.strip(), None, self.corpus.db.entities())
        if into is None:
            self.notify(f"No entity named “{other}”", severity="warning", markup=False)
        elif into == key:
            self.notify("That is the same entity", severity="warning", markup=False)
        else:
            self._correct("merge", key, into)

    def _correct_article(self, row: dict[str, Any]) -> None:
        article_id = str(row["id"])
        title = str(row.get("title") or "")
        choices = [
            ("title", "Edit the title…"),
            ("join", "Join the next article in the list to this one"),
            ("split", "Split: a new article from a paragraph on…"),
        ]

        def chosen(what: str | None) -> None:
            if what == "title":
                self.app.push_screen(
                    TextPrompt("Edit title", "The article's title.", title),
                    lambda new: (
                        self._correct("title", article_id, new) if new and new != title else None
                    ),
                )
            elif what == "join":
                article_list = self.query_one(ArticleList)
                following = article_list.row_at(article_list.cursor + 1)
                if following is None:
                    self.notify("No next article in the list", markup=False)
                else:
                    self._correct("join", article_id, str(following["id"]))
            elif what == "split":
                self.pick_split(article_id)

        self.app.push_screen(ChoiceScreen(f"Correct “{title or '（无题）'}”", choices), chosen)

    @work(exclusive=True, group="split")
    async def pick_split(self, article_id: str) -> None:
        """Choose the paragraph the new article starts at, then its title."""
        article = await asyncio.to_thread(self.corpus.article, article_id)
        if article is None:
            return
        paragraphs = str(article.get("body", "")).split("\n")
        if len(paragraphs) < 2:
            self.notify("The article has one paragraph: nothing to split", markup=False)
            return
        offsets, at = [], 0
        for text in paragraphs:
            offsets.append(at)
            at += len(text) + 1
        choices = [
            (str(offsets[i]), f"¶{i + 1}  {paragraphs[i][:60]}") for i in range(1, len(paragraphs))
        ]

        def chosen(offset: str | None) -> None:
            if offset is None:
                return
            start = paragraphs[offsets.index(int(offset)) :]
            first = start[0].split("。", 1)[0][:24] if start else ""
            self.app.push_screen(
                TextPrompt("Title of the new article", "Its title.", first),
                lambda title: self._correct("split", article_id, int(offset), title or ""),
            )

        self.app.push_screen(ChoiceScreen("Split: the new article starts at", choices), chosen)

    def action_corrections(self) -> None:
        """Every correction; undo or redo one."""
        from tui.screens.lists import CorrectionsScreen

        if not hasattr(self.userdata, "corrections"):
            self.notify("Corrections are not available", markup=False)
            return

        def closed(changed: bool | None) -> None:
            if changed:
                self.apply_corrections()

        raw = {str(r["id"]): str(r.get("title") or "") for r in self.corpus.raw_db.catalog()}
        shown = {str(r["id"]): str(r.get("title") or "") for r in self.corpus.rows}
        self.app.push_screen(
            CorrectionsScreen(self.userdata, lambda i: raw.get(i) or shown.get(i)), closed
        )

    # -- saved searches -------------------------------------------------------------------
    def action_saved_searches(self) -> None:
        """The saved searches; enter opens one (its new articles are then seen)."""
        from tui.screens.lists import SavedSearchesScreen

        if not hasattr(self.userdata, "searches"):
            self.notify("Saved searches are not available", markup=False)
            return
        corpus = self.corpus

        def run(query: str) -> list[str]:
            result = corpus.filter(query, self.userdata)
            return [str(corpus.rows[i]["id"]) for i in result.order]

        def opened(name: str | None) -> None:
            saved = self.userdata.search(name) if name else None
            if saved:
                self._visiting = saved["name"]
                self.set_filter(saved["query"])
                self.run_filter(immediate=True)

        self.app.push_screen(SavedSearchesScreen(self.userdata, self.filter_text, run), opened)

    def visited(self, order: list[int]) -> None:
        """After the list shows a saved search: its articles are seen now."""
        name, self._visiting = self._visiting, None
        if name:
            ids = [str(self.corpus.rows[i]["id"]) for i in order]
            with contextlib.suppress(UserDataError):  # read-only: the counts stay as they were
                self.userdata.visit_search(name, ids)
