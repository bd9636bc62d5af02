"""The main screen's user-data keys: bookmark, unread, note, tag, the bookmarks list.

Every call goes through ``tui.userdata`` (the app's ``UserData``); a refused or failed write
is reported in one line and changes nothing on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.userdata import UserDataError
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import Reader

if TYPE_CHECKING:
    from tui.corpus import Corpus
    from tui.userdata import UserData


class UserDataActions:
    """Mixed into ``MainScreen`` (which provides ``query_one``, ``notify``, ``app``...)."""

    corpus: Corpus
    userdata: UserData
    query_one: Any
    notify: Any
    app: Any
    load_article: Any
    jump_to_article: Any

    def _refresh_current_row(self) -> None:
        article_list = self.query_one(ArticleList)
        article_list.refresh_row(article_list.cursor)

    def _current(self) -> tuple[str, dict[str, Any]] | None:
        """The id and catalog row (the bookmark's title/source/date) under the cursor."""
        row = self.query_one(ArticleList).row_at(self.query_one(ArticleList).cursor)
        if row is None:
            return None
        meta = {k: row.get(k) for k in ("title", "newspaper", "source", "date", "page")}
        return row["id"], meta

    def _write_userdata(self, change: Callable[[], object], done: str) -> bool:
        """Run one user-data write; report a refused or failed write in one line."""
        try:
            change()
        except UserDataError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=8)
            return False
        self._refresh_current_row()
        if not self.userdata.persistent:
            done += " (not saved: user data is read-only this session)"
        self.notify(done, markup=False, timeout=2)
        return True

    def action_bookmark(self) -> None:
        current = self._current()
        if current:
            article_id, meta = current
            userdata = self.userdata
            now_on = not userdata.is_bookmarked(article_id)
            self._write_userdata(
                lambda: userdata.toggle_bookmark(article_id, meta),
                "Bookmarked" if now_on else "Bookmark removed",
            )

    def action_toggle_unread(self) -> None:
        current = self._current()
        if current:
            article_id, _ = current
            userdata = self.userdata
            unread = not userdata.is_unread(article_id)
            self._write_userdata(
                lambda: userdata.toggle_unread(article_id),
                "Marked unread" if unread else "Marked read",
            )

    def action_note(self) -> None:
        from tui.screens.prompt import NoteScreen

        current = self._current()
        if current:
            article_id, meta = current
            userdata = self.userdata

            def saved(text: str | None) -> None:
                if text is None or text == userdata.note(article_id):
                    return
                if self._write_userdata(
                    lambda: userdata.set_note(article_id, text, meta), "Note saved"
                ):
                    self._reshow(article_id)

            self.app.push_screen(NoteScreen(userdata.note(article_id)), saved)

    def action_tag(self) -> None:
        from tui.screens.prompt import TagScreen

        current = self._current()
        if current:
            article_id, meta = current
            userdata = self.userdata

            def saved(text: str | None) -> None:
                if text is not None:
                    self._write_userdata(
                        lambda: userdata.set_tags(article_id, text, meta), "Tags saved"
                    )

            self.app.push_screen(TagScreen(", ".join(userdata.tags(article_id))), saved)

    def _reshow(self, article_id: str) -> None:
        """Redraw the reader (e.g. its note changed)."""
        reader = self.query_one(Reader)
        if reader.article_id == article_id:
            reader.article_id = None
            self.load_article(article_id, immediate=True)

    def action_bookmarks(self) -> None:
        """List bookmarked articles; enter jumps to one."""
        from tui.screens.bookmarks import BookmarksScreen

        ids = self.userdata.bookmarked()
        corpus = self.corpus
        rows = [corpus.rows[corpus.index_of[i]] for i in ids if i in corpus.index_of]

        def chosen(article_id: str | None) -> None:
            if article_id:
                self.jump_to_article(article_id)

        self.app.push_screen(BookmarksScreen(rows, self.userdata), chosen)

    def poll_userdata(self) -> None:
        """Take in marks another yuebao session saved, and repaint the list if any."""
        try:
            changed = self.userdata.refresh()
        except Exception:  # a broken file is reported by the next write
            return
        if changed:
            article_list = self.query_one(ArticleList)
            article_list.refresh_row(article_list.cursor)
            reader = self.query_one(Reader)
            shown = reader.article_id
            if shown and self.userdata.note(shown) != reader.note:
                self._reshow(shown)  # never go on showing a note another session replaced
                self.notify(
                    "The note on this article was changed in another yuebao session; "
                    "the newer text is shown",
                    markup=False,
                    timeout=6,
                )
            article_list.refresh()
